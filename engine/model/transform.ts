// Moddle tree → executable processes. Every executable bpmn:process becomes an ExecutableProcess;
// problems are collected in the report rather than thrown, so a deployment lists all of them.
import { newElement, type ExecutableElement, type ExecutableFlow, type ExecutableProcess } from './types';
import { ValidationReport } from './report';
import { body, extension, list, ref, str, unresolvedRef, type ModdleElement } from './parse';
import { ELEMENT_TYPES, IGNORED, UNSUPPORTED, isActivity } from './element-kinds';
import {
  danglingRef,
  nonEmpty,
  readEventDefinition,
  readJobDefinition,
  readLoop,
  readMappings,
  readMessage,
  readUserTask,
} from './read-element';
import { validateProcess } from './validate';
import { validateExtensions } from './validate-extensions';
import { readExecutionListeners } from './execution-listeners';
import { validateLoops } from './validate-loops';
import { wireCompensation, type Association } from './compensation';
import { readAdHoc } from './ad-hoc';
import { indexCallActivities } from './call-activity-index';

interface Ctx {
  report: ValidationReport;
  process: ExecutableProcess;
  /** Associations of every scope: compensation boundary events reach their handlers through them. */
  associations: Association[];
}

export function transformDefinitions(
  definitions: ModdleElement,
  report: ValidationReport,
): ExecutableProcess[] {
  const processes = list(definitions, 'rootElements').filter((r) => r.$type === 'bpmn:Process');
  const executable = processes.filter((p) => p.isExecutable === true);
  if (executable.length === 0) {
    report.error(
      processes[0]?.id ?? String(definitions.id ?? 'definitions'),
      'Must contain at least one executable process',
    );
    return [];
  }
  const transformed = executable.map((p) => transformProcess(p, report));
  validateLoops(transformed, report);
  indexCallActivities(processes, transformed);
  return transformed;
}

function transformProcess(p: ModdleElement, report: ValidationReport): ExecutableProcess {
  const id = p.id ?? '';
  if (!/^[A-Za-z_][\w.-]*$/.test(id))
    report.error(id || 'process', `Expected the process id to be a valid id, but found '${id}'`);
  const root = newElement(id, 'PROCESS', null);
  root.name = str(p, 'name') ?? '';
  const process: ExecutableProcess = {
    id,
    name: root.name,
    versionTag: str(extension(p, 'zeebe:VersionTag'), 'value') ?? '',
    root,
    elements: new Map([[id, root]]),
    flows: new Map(),
    messageStartEvents: [],
    timerStartEvents: [],
    signalStartEvents: [],
  };
  const ctx: Ctx = { report, process, associations: [] };
  validateExtensions(p, id, report);
  readExecutionListeners(p, root, report);
  buildScope(p, root, ctx);
  wireCompensation(process, ctx.associations, report);
  for (const start of root.startEvents) {
    if (start.eventType === 'MESSAGE') process.messageStartEvents.push(start);
    if (start.eventType === 'TIMER') process.timerStartEvents.push(start);
    if (start.eventType === 'SIGNAL') process.signalStartEvents.push(start);
  }
  validateProcess(process, report);
  return process;
}

function buildScope(container: ModdleElement, scope: ExecutableElement, ctx: Ctx): void {
  const flowElements = list(container, 'flowElements');
  const flows: ModdleElement[] = [];
  for (const fe of flowElements) {
    if (fe.$type === 'bpmn:SequenceFlow') flows.push(fe);
    else if (!IGNORED.has(fe.$type)) buildElement(fe, scope, ctx);
  }
  for (const fe of flowElements) {
    if (fe.$type === 'bpmn:BoundaryEvent') attachBoundary(fe, ctx);
  }
  for (const a of list(container, 'artifacts')) {
    const sourceId = ref(a, 'sourceRef')?.id;
    const targetId = ref(a, 'targetRef')?.id;
    if (a.$type === 'bpmn:Association' && sourceId && targetId) ctx.associations.push({ sourceId, targetId });
  }
  for (const f of flows) wireFlow(f, scope, ctx);
  for (const fe of flowElements) {
    const danglingDefault = unresolvedRef(fe, 'default');
    if (danglingDefault !== undefined)
      ctx.report.error(fe.id ?? '', danglingRef('default flow', danglingDefault, 'sequence flow'));
    const gatewayDefault = ref(fe, 'default');
    if (gatewayDefault) {
      const el = ctx.process.elements.get(fe.id ?? '');
      const flow = ctx.process.flows.get(gatewayDefault.id ?? '');
      if (el && flow) {
        if (flow.source !== el)
          ctx.report.error(el.id, `Expected the default flow '${flow.id}' to start at this gateway`);
        el.defaultFlow = flow;
      }
    }
  }
}

function buildElement(fe: ModdleElement, scope: ExecutableElement, ctx: Ctx): void {
  const { report, process } = ctx;
  const id = fe.id ?? '';
  let type = ELEMENT_TYPES[fe.$type];
  if (!type) {
    report.error(id || fe.$type, UNSUPPORTED[fe.$type] ?? `Unsupported element '${fe.$type}'`);
    return;
  }
  if (type === 'SUB_PROCESS' && fe.triggeredByEvent === true) type = 'EVENT_SUB_PROCESS';
  if (process.elements.has(id)) {
    report.error(id, `Duplicate element id '${id}'`);
    return;
  }
  const e = newElement(id, type, scope);
  e.name = str(fe, 'name') ?? '';
  process.elements.set(id, e);
  validateExtensions(fe, id, report);
  readMappings(fe, e, report);
  if (isActivity(type)) readLoop(fe, e, report);
  if (isActivity(type)) e.forCompensation = fe.isForCompensation === true;

  switch (type) {
    case 'SERVICE_TASK':
    case 'SEND_TASK':
      readJobDefinition(fe, e, report);
      break;
    case 'SCRIPT_TASK': {
      const script = extension(fe, 'zeebe:Script');
      if (script) {
        const expression = report.expression(id, 'script expression', str(script, 'expression'), {
          feelOnly: true,
        });
        const resultVariable = nonEmpty(str(script, 'resultVariable'));
        if (!resultVariable) report.error(id, "Expected the 'zeebe:script' to have a 'resultVariable'");
        if (expression) e.script = { expression, resultVariable: resultVariable ?? '' };
        if (!str(script, 'expression'))
          report.error(id, "Expected the 'zeebe:script' to have an 'expression'");
      } else readJobDefinition(fe, e, report);
      break;
    }
    case 'BUSINESS_RULE_TASK':
      if (extension(fe, 'zeebe:CalledDecision')) readCalledDecision(fe, e, report);
      else readJobDefinition(fe, e, report);
      break;
    case 'USER_TASK':
      readUserTask(fe, e, report);
      break;
    case 'RECEIVE_TASK':
      readMessage(fe, e, report);
      e.eventType = 'MESSAGE';
      break;
    case 'CALL_ACTIVITY':
      readCalledElement(fe, e, ctx);
      break;
    case 'SUB_PROCESS':
    case 'EVENT_SUB_PROCESS':
      buildScope(fe, e, ctx);
      break;
    case 'AD_HOC_SUB_PROCESS':
      buildScope(fe, e, ctx);
      readAdHoc(fe, e, process, report);
      break;
    case 'START_EVENT':
    case 'END_EVENT':
    case 'INTERMEDIATE_CATCH_EVENT':
    case 'INTERMEDIATE_THROW_EVENT':
    case 'BOUNDARY_EVENT':
      readEventDefinition(fe, e, report);
      if (type === 'START_EVENT') e.interrupting = fe.isInterrupting !== false;
      if (type === 'BOUNDARY_EVENT') e.interrupting = fe.cancelActivity !== false;
      if ((type === 'END_EVENT' || type === 'INTERMEDIATE_THROW_EVENT') && e.eventType === 'MESSAGE') {
        e.message = null;
        readJobDefinition(fe, e, report);
      }
      break;
    default:
      break;
  }
  readExecutionListeners(fe, e, report);

  if (type === 'EVENT_SUB_PROCESS') scope.eventSubprocesses.push(e);
  else if (type !== 'BOUNDARY_EVENT') scope.children.push(e);
  if (type === 'START_EVENT') {
    scope.startEvents.push(e);
    if (e.eventType === 'NONE') scope.noneStartEvent = e;
  }
}

function readCalledDecision(fe: ModdleElement, e: ExecutableElement, report: Ctx['report']): void {
  const called = extension(fe, 'zeebe:CalledDecision');
  const decisionId = nonEmpty(str(called, 'decisionId'));
  const resultVariable = nonEmpty(str(called, 'resultVariable'));
  if (!decisionId) report.error(e.id, "Expected the 'zeebe:calledDecision' to have a 'decisionId'");
  if (!resultVariable) report.error(e.id, "Expected the 'zeebe:calledDecision' to have a 'resultVariable'");
  const bindingType = (str(called, 'bindingType') ?? 'latest') as 'latest' | 'deployment' | 'versionTag';
  if (!['latest', 'deployment', 'versionTag'].includes(bindingType))
    report.error(e.id, `Unknown binding type '${bindingType}'`);
  const versionTag = str(called, 'versionTag') ?? null;
  if (bindingType === 'versionTag' && !versionTag)
    report.error(e.id, "Expected a 'versionTag' for binding type 'versionTag'");
  const expr = decisionId ? report.expression(e.id, 'decisionId', decisionId) : null;
  if (expr && resultVariable)
    e.calledDecision = { decisionId: expr, resultVariable, bindingType, versionTag };
}

function readCalledElement(fe: ModdleElement, e: ExecutableElement, ctx: Ctx): void {
  const called = extension(fe, 'zeebe:CalledElement');
  const processId = nonEmpty(str(called, 'processId'));
  if (!called || !processId) {
    ctx.report.error(e.id, "Must have a 'zeebe:calledElement' extension element with a 'processId'");
    return;
  }
  const bindingType = (str(called, 'bindingType') ?? 'latest') as 'latest' | 'deployment' | 'versionTag';
  if (!['latest', 'deployment', 'versionTag'].includes(bindingType))
    ctx.report.error(e.id, `Unknown binding type '${bindingType}'`);
  const versionTag = str(called, 'versionTag') ?? null;
  if (bindingType === 'versionTag' && !versionTag)
    ctx.report.error(e.id, "Expected a 'versionTag' for binding type 'versionTag'");
  const expr = ctx.report.expression(e.id, 'processId', processId);
  if (!expr) return;
  e.calledElement = {
    processId: expr,
    bindingType,
    versionTag,
    propagateAllChildVariables: called.propagateAllChildVariables !== false,
    propagateAllParentVariables: called.propagateAllParentVariables !== false,
    lexicographicIndex: -1,
  };
}

function attachBoundary(fe: ModdleElement, ctx: Ctx): void {
  const e = ctx.process.elements.get(fe.id ?? '');
  if (!e) return;
  const target = ctx.process.elements.get(ref(fe, 'attachedToRef')?.id ?? '');
  if (!target) {
    const dangling = unresolvedRef(fe, 'attachedToRef');
    ctx.report.error(
      e.id,
      dangling !== undefined
        ? danglingRef('attachedToRef', dangling, 'activity')
        : 'Must be attached to an activity (attachedToRef)',
    );
    return;
  }
  e.attachedTo = target;
  target.boundaryEvents.push(e);
}

function wireFlow(f: ModdleElement, scope: ExecutableElement, ctx: Ctx): void {
  const id = f.id ?? '';
  const source = ctx.process.elements.get(ref(f, 'sourceRef')?.id ?? '');
  const target = ctx.process.elements.get(ref(f, 'targetRef')?.id ?? '');
  if (!source || !target) {
    // An end that exists but was refused (unsupported, duplicate) is already reported.
    const refused = [ref(f, 'sourceRef'), ref(f, 'targetRef')].some((r) => r?.id && ctx.report.has(r.id));
    if (refused) return;
    const dangling = (['sourceRef', 'targetRef'] as const)
      .map((p) => [p, unresolvedRef(f, p)] as const)
      .filter(([, v]) => v !== undefined);
    if (dangling.length === 0)
      ctx.report.error(id, 'Expected the sequence flow to connect two elements of the process');
    for (const [p, v] of dangling) ctx.report.error(id, danglingRef(p, v!, 'flow node'));
    return;
  }
  if (source.flowScope !== scope || target.flowScope !== scope) {
    ctx.report.error(id, 'Expected the sequence flow to connect elements of the same scope');
    return;
  }
  const conditionText = body(ref(f, 'conditionExpression'));
  if (ref(f, 'conditionExpression') && !nonEmpty(conditionText))
    ctx.report.error(
      id,
      'Expected the condition to be a FEEL expression, but the conditionExpression is empty',
    );
  const flow: ExecutableFlow = {
    id,
    source,
    target,
    condition: ctx.report.expression(id, 'condition', nonEmpty(conditionText), { feelOnly: true }),
  };
  ctx.process.flows.set(id, flow);
  source.outgoing.push(flow);
  target.incoming.push(flow);
}
