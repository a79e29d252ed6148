// Structural rules Zeebe checks at deployment, applied after the model is wired. Each problem is
// reported against the element it concerns, so a modeler can find and fix it.
import type { ExecutableElement, ExecutableProcess } from './types';
import type { ValidationReport } from './report';

const CATCH_TYPES = new Set(['MESSAGE', 'TIMER', 'SIGNAL']);

export function validateProcess(process: ExecutableProcess, report: ValidationReport): void {
  validateScope(process.root, report);
  for (const e of process.elements.values()) {
    validateElement(e, report);
    if (e.type === 'SUB_PROCESS' || e.type === 'EVENT_SUB_PROCESS') validateScope(e, report);
  }
  for (const f of process.flows.values()) {
    const gw = f.source.type;
    if (f.condition && gw !== 'EXCLUSIVE_GATEWAY' && gw !== 'INCLUSIVE_GATEWAY') {
      report.error(
        f.id,
        'Conditional sequence flows are only supported on flows leaving an exclusive or inclusive gateway',
      );
    }
  }
}

function validateScope(scope: ExecutableElement, report: ValidationReport): void {
  const starts = scope.startEvents;
  const nones = starts.filter((s) => s.eventType === 'NONE');
  if (scope.type === 'PROCESS') {
    if (starts.length === 0) report.error(scope.id, 'Must have at least one start event');
    if (nones.length > 1) report.error(scope.id, 'Must have at most one none start event');
    distinctNames(starts, 'start events of the process', report);
  } else if (scope.type === 'SUB_PROCESS') {
    if (starts.length !== 1 || nones.length !== 1)
      report.error(scope.id, 'Must have exactly one start event, and it must be a none start event');
  } else if (scope.type === 'EVENT_SUB_PROCESS') {
    if (starts.length !== 1) report.error(scope.id, 'Must have exactly one start event');
    const s = starts[0];
    if (s && !['MESSAGE', 'TIMER', 'ERROR', 'SIGNAL', 'ESCALATION'].includes(s.eventType)) {
      report.error(
        s.id,
        'Start events of event subprocesses must be of type message, timer, error, signal or escalation',
      );
    }
    if (s?.eventType === 'ERROR' && !s.interrupting)
      report.error(s.id, 'Error start events of event subprocesses must be interrupting');
    if (s?.eventType === 'TIMER' && s.interrupting && s.timer?.kind === 'cycle')
      report.error(
        s.id,
        'Interrupting timer start events of event subprocesses must have a timeDate or timeDuration, not a timeCycle (an interrupting event can only fire once)',
      );
    if (scope.incoming.length > 0 || scope.outgoing.length > 0)
      report.error(scope.id, 'Event subprocesses must not have incoming or outgoing sequence flows');
  }
  const espStarts = scope.eventSubprocesses.flatMap((esp) => esp.startEvents);
  checkErrorCodes(
    espStarts.filter((s) => s.eventType === 'ERROR'),
    report,
  );
  checkEscalationCodes(
    espStarts.filter((s) => s.eventType === 'ESCALATION'),
    report,
  );
  distinctNames(espStarts, `starting event subprocesses of '${scope.id}'`, report);
  linkEvents(scope, report);
}

/** A throw link jumps to the one catch link of its name in the same scope (ZEEBE-SEMANTICS: link events). */
function linkEvents(scope: ExecutableElement, report: ValidationReport): void {
  const links = scope.children.filter((c) => c.eventType === 'LINK' && c.linkName);
  const catches = new Map<string, ExecutableElement>();
  for (const c of links.filter((l) => l.type === 'INTERMEDIATE_CATCH_EVENT')) {
    if (catches.has(c.linkName!))
      report.error(
        c.id,
        `Multiple intermediate catch link events with the same name '${c.linkName}' are not allowed`,
      );
    else catches.set(c.linkName!, c);
  }
  for (const t of links.filter((l) => l.type === 'INTERMEDIATE_THROW_EVENT')) {
    t.linkCatch = catches.get(t.linkName!) ?? null;
    if (!t.linkCatch)
      report.error(
        t.id,
        `Can't find a catch link event for the throw link event with the name '${t.linkName}' in the same scope`,
      );
  }
}

function validateElement(e: ExecutableElement, report: ValidationReport): void {
  switch (e.type) {
    case 'START_EVENT':
      if (e.incoming.length > 0) report.error(e.id, 'Start events must not have incoming sequence flows');
      if (e.flowScope?.type === 'PROCESS' && !['NONE', 'MESSAGE', 'TIMER', 'SIGNAL'].includes(e.eventType)) {
        report.error(
          e.id,
          `Start events of a process must be of type none, message, timer or signal, not ${e.eventType.toLowerCase()}`,
        );
      }
      if (e.eventType === 'TIMER' && e.timer?.kind === 'duration' && e.flowScope?.type === 'PROCESS') {
        report.error(e.id, 'Timer start events must have a timeDate or timeCycle, not a timeDuration');
      }
      if (e.eventType === 'MESSAGE' && e.flowScope?.type === 'EVENT_SUB_PROCESS')
        requireCorrelationKey(e, report);
      break;
    case 'END_EVENT':
      if (e.outgoing.length > 0) report.error(e.id, 'End events must not have outgoing sequence flows');
      if (
        !['NONE', 'TERMINATE', 'ERROR', 'SIGNAL', 'MESSAGE', 'ESCALATION', 'COMPENSATION'].includes(
          e.eventType,
        )
      ) {
        report.error(e.id, `End events of type ${e.eventType.toLowerCase()} are not supported`);
      }
      if (e.eventType === 'ERROR' && !e.errorCode)
        report.error(e.id, 'Error end events must reference an error with an errorCode');
      requireEscalationCode(e, report);
      break;
    case 'INTERMEDIATE_THROW_EVENT':
      if (!['NONE', 'SIGNAL', 'MESSAGE', 'LINK', 'ESCALATION', 'COMPENSATION'].includes(e.eventType)) {
        report.error(
          e.id,
          `Intermediate throw events of type ${e.eventType.toLowerCase()} are not supported`,
        );
      }
      requireEscalationCode(e, report);
      break;
    case 'INTERMEDIATE_CATCH_EVENT':
      if (!CATCH_TYPES.has(e.eventType) && e.eventType !== 'LINK') {
        report.error(e.id, 'Intermediate catch events must be of type message, timer, signal or link');
      }
      if (e.eventType === 'LINK' && e.incoming.length > 0)
        report.error(e.id, 'Link catch events must not have incoming sequence flows');
      if (e.eventType === 'TIMER' && e.timer?.kind === 'cycle')
        report.error(
          e.id,
          'Intermediate timer catch events must have a timeDate or timeDuration, not a timeCycle',
        );
      if (e.eventType === 'MESSAGE') requireCorrelationKey(e, report);
      break;
    case 'BOUNDARY_EVENT':
      validateBoundary(e, report);
      break;
    case 'RECEIVE_TASK':
      requireCorrelationKey(e, report);
      break;
    case 'EXCLUSIVE_GATEWAY':
    case 'INCLUSIVE_GATEWAY':
      if (e.outgoing.length > 1) {
        for (const f of e.outgoing) {
          if (f !== e.defaultFlow && !f.condition && !report.has(f.id))
            report.error(f.id, 'Must have a condition or be the default flow of the gateway');
        }
      }
      break;
    case 'EVENT_BASED_GATEWAY':
      validateEventGateway(e, report);
      break;
    default:
      break;
  }
  if (e.boundaryEvents.length > 0) {
    checkErrorCodes(
      e.boundaryEvents.filter((b) => b.eventType === 'ERROR'),
      report,
    );
    checkEscalationCodes(
      e.boundaryEvents.filter((b) => b.eventType === 'ESCALATION'),
      report,
    );
    distinctNames(e.boundaryEvents, `attached to '${e.id}'`, report);
  }
}

function requireEscalationCode(e: ExecutableElement, report: ValidationReport): void {
  if (e.eventType === 'ESCALATION' && !e.escalationCode)
    report.error(e.id, 'Escalation throw events must reference an escalation with an escalationCode');
}

function validateBoundary(e: ExecutableElement, report: ValidationReport): void {
  if (e.incoming.length > 0) report.error(e.id, 'Boundary events must not have incoming sequence flows');
  if (!['TIMER', 'MESSAGE', 'ERROR', 'SIGNAL', 'ESCALATION', 'COMPENSATION'].includes(e.eventType)) {
    report.error(
      e.id,
      'Boundary events must be of type timer, message, error, signal, escalation or compensation',
    );
  }
  if (
    e.eventType === 'ESCALATION' &&
    e.attachedTo &&
    e.attachedTo.type !== 'SUB_PROCESS' &&
    e.attachedTo.type !== 'AD_HOC_SUB_PROCESS' &&
    e.attachedTo.type !== 'CALL_ACTIVITY'
  )
    report.error(e.id, 'Escalation boundary events must be attached to a subprocess or a call activity');
  if (e.eventType === 'ERROR' && !e.interrupting)
    report.error(e.id, 'Error boundary events must be interrupting');
  if (e.eventType === 'TIMER' && e.timer?.kind === 'cycle' && e.interrupting) {
    report.error(
      e.id,
      'Interrupting timer boundary events must have a timeDate or timeDuration, not a timeCycle',
    );
  }
  if (e.eventType === 'MESSAGE') requireCorrelationKey(e, report);
  if (
    e.attachedTo &&
    !(
      e.attachedTo.type.endsWith('TASK') ||
      e.attachedTo.type === 'TASK' ||
      e.attachedTo.type === 'SUB_PROCESS' ||
      e.attachedTo.type === 'AD_HOC_SUB_PROCESS' ||
      e.attachedTo.type === 'CALL_ACTIVITY'
    )
  ) {
    report.error(e.id, 'Boundary events must be attached to an activity');
  }
}

function validateEventGateway(e: ExecutableElement, report: ValidationReport): void {
  if (e.outgoing.length < 2)
    report.error(e.id, 'Event-based gateways must have at least 2 outgoing sequence flows');
  for (const f of e.outgoing) {
    const t = f.target;
    if (t.type !== 'INTERMEDIATE_CATCH_EVENT' || !CATCH_TYPES.has(t.eventType)) {
      report.error(
        e.id,
        `Event-based gateways must only lead to message, timer or signal intermediate catch events, but '${t.id}' is not one`,
      );
    } else {
      if (t.incoming.length > 1)
        report.error(
          t.id,
          'Catch events after an event-based gateway must not have other incoming sequence flows',
        );
      e.eventGatewayTargets.push(t);
    }
  }
  distinctNames(e.eventGatewayTargets, `after the event-based gateway '${e.id}'`, report);
}

/**
 * Events that wait side by side (start events of a process, event subprocesses of a scope,
 * boundary events of an activity, catch events of an event-based gateway) must not listen for the
 * same message or signal name: which one a message would trigger is undefined.
 */
function distinctNames(events: ExecutableElement[], where: string, report: ValidationReport): void {
  const seen = new Map<string, string>();
  for (const e of events) {
    const kind = e.eventType === 'MESSAGE' ? 'message' : e.eventType === 'SIGNAL' ? 'signal' : null;
    const name =
      kind === 'message' ? e.message?.name.text : kind === 'signal' ? e.signalName?.text : undefined;
    if (!kind || !name) continue;
    const first = seen.get(`${kind}:${name}`);
    if (first)
      report.error(
        e.id,
        `Expected the ${kind} events ${where} to have distinct ${kind} names, but '${name}' is also used by '${first}'`,
      );
    else seen.set(`${kind}:${name}`, e.id);
  }
}

function requireCorrelationKey(e: ExecutableElement, report: ValidationReport): void {
  if (e.message && !e.message.correlationKey) {
    report.error(
      e.id,
      "Expected the message to have a 'zeebe:subscription' with a correlationKey expression",
    );
  }
}

function checkErrorCodes(catchers: ExecutableElement[], report: ValidationReport): void {
  checkCatchCodes(catchers, 'error', (c) => c.errorCode, report);
}

function checkEscalationCodes(catchers: ExecutableElement[], report: ValidationReport): void {
  checkCatchCodes(catchers, 'escalation', (c) => c.escalationCode, report);
}

/** Within one scope: at most one catch-all, codes static and distinct. */
function checkCatchCodes(
  catchers: ExecutableElement[],
  kind: 'error' | 'escalation',
  codeOf: (c: ExecutableElement) => ExecutableElement['errorCode'],
  report: ValidationReport,
): void {
  const seen = new Set<string>();
  let catchAll = false;
  const Kind = kind[0].toUpperCase() + kind.slice(1);
  const field = kind === 'error' ? 'errorCode' : 'escalationCode';
  for (const c of catchers) {
    const code = codeOf(c);
    if (!code) {
      if (catchAll) report.error(c.id, `Multiple catch-all ${kind} events in the same scope are not allowed`);
      catchAll = true;
      continue;
    }
    if (!code.static) {
      report.error(c.id, `${Kind} codes of catch events must be static values, not expressions`);
      continue;
    }
    if (seen.has(code.text))
      report.error(
        c.id,
        `Multiple ${kind} catch events with the same ${field} '${code.text}' in one scope are not allowed`,
      );
    seen.add(code.text);
  }
}
