// Reads one BPMN element's executable details — Zeebe extension elements and event definitions —
// into the executable model, reporting every problem against the element's id.
import type { ExecutableElement, LoopDefinition, Mapping, UserTaskDefinition } from './types';
import type { ValidationReport } from './report';
import { body, extension, extensions, list, ref, str, unresolvedRef, type ModdleElement } from './parse';
import { UNSUPPORTED, JOB_USER_TASK_TYPE } from './element-kinds';
import { parseCycle, parseIsoDate, parseIsoDuration } from './timer-values';
import { readTaskListeners } from './task-listeners';

const VARIABLE_NAME = /^[A-Za-z_][A-Za-z0-9_]*$/;

export function readMappings(el: ModdleElement, e: ExecutableElement, report: ValidationReport): void {
  const io = extension(el, 'zeebe:IoMapping');
  if (!io) return;
  const read = (params: ModdleElement[], output: boolean): Mapping[] =>
    params.map((p) => {
      const target = str(p, 'target') ?? '';
      const path = target.split('.');
      if (!target || path.some((s) => !VARIABLE_NAME.test(s))) {
        report.error(
          e.id,
          `Expected the ${output ? 'output' : 'input'} mapping target to be a variable name or path, but found '${target}'`,
        );
      }
      const source = report.expression(
        e.id,
        `${output ? 'output' : 'input'} mapping source`,
        str(p, 'source'),
        {
          feelOnly: output,
        },
      );
      return { source, target: path };
    });
  e.inputMappings = read(list(io, 'inputParameters'), false);
  e.outputMappings = read(list(io, 'outputParameters'), true);
}

export function readTaskHeaders(el: ModdleElement): Record<string, string> {
  const headers: Record<string, string> = {};
  for (const h of list(extension(el, 'zeebe:TaskHeaders'), 'values')) {
    const key = str(h, 'key');
    if (key !== undefined) headers[key] = str(h, 'value') ?? '';
  }
  return headers;
}

/** Service-like elements: the job type and retries from zeebe:taskDefinition (required). */
export function readJobDefinition(el: ModdleElement, e: ExecutableElement, report: ValidationReport): void {
  const defs = extensions(el, 'zeebe:TaskDefinition');
  if (defs.length !== 1) {
    report.error(e.id, "Must have exactly one 'zeebe:taskDefinition' extension element");
    return;
  }
  const type = str(defs[0], 'type');
  if (!type || !type.trim()) {
    report.error(e.id, "Expected the 'zeebe:taskDefinition' to have a non-empty 'type' attribute");
    return;
  }
  e.jobType = report.expression(e.id, 'job type', type);
  e.jobRetries = report.expression(e.id, 'job retries', str(defs[0], 'retries') ?? '3');
  if (e.jobRetries?.static && !/^\d+$/.test(e.jobRetries.text.trim())) {
    report.error(e.id, `Expected job retries to be a non-negative integer, but found '${e.jobRetries.text}'`);
  }
  e.taskHeaders = readTaskHeaders(el);
}

export function readUserTask(el: ModdleElement, e: ExecutableElement, report: ValidationReport): void {
  const native = !!extension(el, 'zeebe:UserTask');
  const assignment = extension(el, 'zeebe:AssignmentDefinition');
  const schedule = extension(el, 'zeebe:TaskSchedule');
  const priority = extension(el, 'zeebe:PriorityDefinition');
  const form = extension(el, 'zeebe:FormDefinition');
  const def: UserTaskDefinition = {
    native,
    assignee: report.expression(e.id, 'assignee', nonEmpty(str(assignment, 'assignee'))),
    candidateGroups: report.expression(e.id, 'candidateGroups', nonEmpty(str(assignment, 'candidateGroups'))),
    candidateUsers: report.expression(e.id, 'candidateUsers', nonEmpty(str(assignment, 'candidateUsers'))),
    dueDate: report.expression(e.id, 'dueDate', nonEmpty(str(schedule, 'dueDate'))),
    followUpDate: report.expression(e.id, 'followUpDate', nonEmpty(str(schedule, 'followUpDate'))),
    priority: report.expression(e.id, 'priority', nonEmpty(str(priority, 'priority'))),
    formId: nonEmpty(str(form, 'formId')) ?? null,
    formBindingType: (str(form, 'bindingType') as UserTaskDefinition['formBindingType']) ?? 'latest',
    formVersionTag: str(form, 'versionTag') ?? null,
    externalFormReference: nonEmpty(str(form, 'externalReference') ?? str(form, 'formKey')) ?? null,
    taskListeners: readTaskListeners(el, e, native, report),
  };
  for (const [name, expr] of [
    ['dueDate', def.dueDate],
    ['followUpDate', def.followUpDate],
  ] as const) {
    if (expr?.static && !parseIsoDate(expr.text).ok) {
      report.error(
        e.id,
        `Expected a valid ISO-8601 date-time with offset for ${name}, but found '${expr.text}'`,
      );
    }
  }
  if (def.priority?.static) {
    const p = Number(def.priority.text);
    if (!Number.isInteger(p) || p < 0 || p > 100) {
      report.error(
        e.id,
        `Expected priority to be an integer between 0 and 100, but found '${def.priority.text}'`,
      );
    }
  }
  if (!['latest', 'deployment', 'versionTag'].includes(def.formBindingType)) {
    report.error(e.id, `Unknown form binding type '${def.formBindingType}'`);
  }
  e.userTask = def;
  e.taskHeaders = readTaskHeaders(el);
  if (!native) {
    e.jobType = { static: true, text: JOB_USER_TASK_TYPE };
    e.jobRetries = { static: true, text: '3' };
  }
}

export function readLoop(el: ModdleElement, e: ExecutableElement, report: ValidationReport): void {
  const lc = ref(el, 'loopCharacteristics');
  if (!lc) return;
  if (lc.$type !== 'bpmn:MultiInstanceLoopCharacteristics') {
    report.error(e.id, UNSUPPORTED[lc.$type] ?? `Unsupported loop characteristics '${lc.$type}'`);
    return;
  }
  const z = extension(lc, 'zeebe:LoopCharacteristics');
  const inputCollection = report.expression(e.id, 'inputCollection', str(z, 'inputCollection'), {
    feelOnly: true,
  });
  if (!str(z, 'inputCollection')) {
    report.error(
      e.id,
      "Expected a 'zeebe:loopCharacteristics' extension element with an 'inputCollection' expression",
    );
  }
  const inputElement = nonEmpty(str(z, 'inputElement')) ?? null;
  const outputCollection = nonEmpty(str(z, 'outputCollection')) ?? null;
  for (const [attr, name] of [
    ['inputElement', inputElement],
    ['outputCollection', outputCollection],
  ] as const) {
    if (name !== null && !VARIABLE_NAME.test(name))
      report.error(e.id, `Expected ${attr} to be a variable name, but found '${name}'`);
  }
  const outputElement = report.expression(e.id, 'outputElement', nonEmpty(str(z, 'outputElement')), {
    feelOnly: true,
  });
  if (outputCollection && !outputElement)
    report.error(e.id, 'Expected an outputElement expression when outputCollection is set');
  if (!outputCollection && nonEmpty(str(z, 'outputElement')))
    report.error(e.id, 'Expected an outputCollection when outputElement is set');
  const completion = body(ref(lc, 'completionCondition'));
  const loop: LoopDefinition = {
    sequential: lc.isSequential === true,
    inputCollection: inputCollection ?? { static: true, text: '' },
    inputElement,
    outputCollection,
    outputElement,
    completionCondition: report.expression(e.id, 'completionCondition', nonEmpty(completion), {
      feelOnly: true,
    }),
  };
  e.loop = loop;
}

/** The single event definition of an event; sets the event type and its details. */
export function readEventDefinition(el: ModdleElement, e: ExecutableElement, report: ValidationReport): void {
  const defs = list(el, 'eventDefinitions');
  if (defs.length === 0) {
    e.eventType = 'NONE';
    return;
  }
  if (defs.length > 1) {
    report.error(
      e.id,
      'Multiple or parallel-multiple events are not supported by Zeebe: expected at most one event definition',
    );
    return;
  }
  const def = defs[0];
  switch (def.$type) {
    case 'bpmn:MessageEventDefinition':
      e.eventType = 'MESSAGE';
      readMessage(def, e, report);
      return;
    case 'bpmn:TimerEventDefinition':
      e.eventType = 'TIMER';
      readTimer(def, e, report);
      return;
    case 'bpmn:ErrorEventDefinition': {
      e.eventType = 'ERROR';
      const error = ref(def, 'errorRef');
      const dangling = unresolvedRef(def, 'errorRef');
      if (dangling !== undefined) report.error(e.id, danglingRef('errorRef', dangling, 'bpmn:error'));
      const code = nonEmpty(str(error, 'errorCode'));
      e.errorCode = code === undefined ? null : report.expression(e.id, 'errorCode', code);
      return;
    }
    case 'bpmn:SignalEventDefinition': {
      e.eventType = 'SIGNAL';
      const signal = ref(def, 'signalRef');
      const name = nonEmpty(str(signal, 'name'));
      const dangling = unresolvedRef(def, 'signalRef');
      if (dangling !== undefined) report.error(e.id, danglingRef('signalRef', dangling, 'bpmn:signal'));
      else if (!signal) report.error(e.id, 'Must reference a signal (signalRef)');
      else if (!name) report.error(e.id, `Expected the signal '${signal.id}' to have a name`);
      e.signalName = report.expression(e.id, 'signal name', name);
      return;
    }
    case 'bpmn:TerminateEventDefinition':
      e.eventType = 'TERMINATE';
      return;
    case 'bpmn:EscalationEventDefinition': {
      e.eventType = 'ESCALATION';
      const escalation = ref(def, 'escalationRef');
      const dangling = unresolvedRef(def, 'escalationRef');
      if (dangling !== undefined)
        report.error(e.id, danglingRef('escalationRef', dangling, 'bpmn:escalation'));
      const code = nonEmpty(str(escalation, 'escalationCode'));
      e.escalationCode = code === undefined ? null : report.expression(e.id, 'escalationCode', code);
      return;
    }
    case 'bpmn:CompensateEventDefinition':
      // waitForCompletion is not read: as in Zeebe, a compensation throw always waits for its handlers.
      e.eventType = 'COMPENSATION';
      e.compensationRef = ref(def, 'activityRef')?.id ?? unresolvedRef(def, 'activityRef') ?? null;
      return;
    case 'bpmn:LinkEventDefinition':
      e.eventType = 'LINK';
      e.linkName = nonEmpty(str(def, 'name')) ?? null;
      if (!e.linkName) report.error(e.id, 'Link name must be present and not empty');
      return;
    default:
      report.error(e.id, UNSUPPORTED[def.$type] ?? `Unsupported event definition '${def.$type}'`);
  }
}

/** The message an element (receive task, message event definition) references by messageRef. */
export function readMessage(owner: ModdleElement, e: ExecutableElement, report: ValidationReport): void {
  const message = ref(owner, 'messageRef');
  if (!message) {
    const dangling = unresolvedRef(owner, 'messageRef');
    report.error(
      e.id,
      dangling !== undefined
        ? danglingRef('messageRef', dangling, 'bpmn:message')
        : 'Must reference a message (messageRef)',
    );
    return;
  }
  const name = nonEmpty(str(message, 'name'));
  if (!name) report.error(e.id, `Expected the message '${message.id}' to have a name`);
  const sub = extension(message, 'zeebe:Subscription');
  const key = nonEmpty(str(sub, 'correlationKey'));
  e.message = {
    name: report.expression(e.id, 'message name', name) ?? { static: true, text: '' },
    correlationKey: report.expression(e.id, 'correlationKey', key, { feelOnly: true }),
  };
}

function readTimer(def: ModdleElement, e: ExecutableElement, report: ValidationReport): void {
  const kinds = (['timeDate', 'timeDuration', 'timeCycle'] as const).filter((k) => ref(def, k));
  if (kinds.length !== 1) {
    report.error(e.id, 'Must have exactly one of timeDate, timeDuration or timeCycle');
    return;
  }
  const kind = kinds[0];
  const text = body(ref(def, kind))?.trim() ?? '';
  const expression = report.expression(e.id, kind, text);
  if (!expression) return;
  if (expression.static) {
    const parsed =
      kind === 'timeDate'
        ? parseIsoDate(text)
        : kind === 'timeDuration'
          ? parseIsoDuration(text)
          : parseCycle(text);
    if (!parsed.ok) report.error(e.id, parsed.message);
  }
  e.timer = {
    kind: kind === 'timeDate' ? 'date' : kind === 'timeDuration' ? 'duration' : 'cycle',
    expression,
  };
}

export function nonEmpty(s: string | undefined): string | undefined {
  return s !== undefined && s.trim() !== '' ? s : undefined;
}

/** The problem text for a reference to an id that no element of the file has. */
export function danglingRef(prop: string, id: string, kind: string): string {
  return `Expected the ${prop} '${id}' to point to a ${kind}, but the file has no element with that id`;
}
