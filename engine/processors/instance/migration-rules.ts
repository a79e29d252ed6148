// The preconditions Zeebe 8.8 checks before it migrates a process instance (its
// ProcessInstanceMigrationPreconditions), with its rejection texts and types: first those of the command as a
// whole, then, for every element instance from the process down, those of its mapping. The first failing check
// rejects the command.
import type { ReadonlyState } from '../../state/state';
import type { ElementInstance } from '../../state/element-instances';
import type { ExecutableElement, ExecutableProcess } from '../../model/types';
import type { BpmnElementType } from '../../protocol/element-types';
import type { ProcessInstanceMigrationValue } from '../../protocol/values';
import { tokensInFlight } from './migration-joins';

export type MigrationRejection = { type: 'INVALID_ARGUMENT' | 'NOT_FOUND' | 'INVALID_STATE'; reason: string };

// The element types Zeebe 8.8 migrates; an active element of any other type refuses the migration.
const SUPPORTED = new Set<BpmnElementType>([
  'PROCESS',
  'SERVICE_TASK',
  'USER_TASK',
  'SUB_PROCESS',
  'CALL_ACTIVITY',
  'INTERMEDIATE_CATCH_EVENT',
  'RECEIVE_TASK',
  'EVENT_SUB_PROCESS',
  'EXCLUSIVE_GATEWAY',
  'EVENT_BASED_GATEWAY',
  'BUSINESS_RULE_TASK',
  'SCRIPT_TASK',
  'SEND_TASK',
  'MULTI_INSTANCE_BODY',
]);
const SUPPORTED_CATCH_EVENTS = new Set(['MESSAGE', 'TIMER', 'SIGNAL']);

const invalidState = (reason: string): MigrationRejection => ({ type: 'INVALID_STATE', reason });
const migrate = (pi: number) => `Expected to migrate process instance '${pi}' but`;

/** The element as Zeebe looks it up by id: a multi-instance activity is its body. */
export function typeOf(e: ExecutableElement): BpmnElementType {
  return e.loop ? 'MULTI_INSTANCE_BODY' : e.type;
}

/** The catch events that belong to an element: its boundary events, its event subprocesses' start events, the
 * events after an event-based gateway, or the catch event itself. */
export function catchEventsOf(e: ExecutableElement): ExecutableElement[] {
  const events = [...e.boundaryEvents];
  for (const esp of e.eventSubprocesses) events.push(...esp.startEvents);
  if (e.type === 'INTERMEDIATE_CATCH_EVENT' || e.type === 'RECEIVE_TASK') events.push(e);
  if (e.type === 'EVENT_BASED_GATEWAY') events.push(...e.eventGatewayTargets);
  return events;
}

/** Checks of the command as a whole, after the instance and the target definition were found. */
export function checkInstructions(
  v: ProcessInstanceMigrationValue,
  source: ExecutableProcess,
  target: ExecutableProcess,
): MigrationRejection | undefined {
  const pi = v.processInstanceKey;
  const exists = (p: ExecutableProcess, id: string) => p.elements.has(id) || p.flows.has(id);
  for (const { sourceElementId, targetElementId } of v.mappingInstructions) {
    if (!exists(source, sourceElementId))
      return {
        type: 'INVALID_ARGUMENT',
        reason: `${migrate(pi)} mapping instructions contain a non-existing source element id '${sourceElementId}'. Elements provided in mapping instructions must exist in the source process definition.`,
      };
    if (!exists(target, targetElementId))
      return {
        type: 'INVALID_ARGUMENT',
        reason: `${migrate(pi)} mapping instructions contain a non-existing target element id '${targetElementId}'. Elements provided in mapping instructions must exist in the target process definition.`,
      };
  }
  return undefined;
}

/** Duplicate source element ids, listed as Zeebe formats a list ('[a, b]'). */
export function checkDuplicates(v: ProcessInstanceMigrationValue): MigrationRejection | undefined {
  const seen = new Map<string, number>();
  for (const m of v.mappingInstructions) seen.set(m.sourceElementId, (seen.get(m.sourceElementId) ?? 0) + 1);
  const duplicates = [...seen].filter(([, n]) => n > 1).map(([id]) => id);
  if (duplicates.length === 0) return undefined;
  return {
    type: 'INVALID_ARGUMENT',
    reason: `${migrate(v.processInstanceKey)} the mapping instructions contain duplicate source element ids '[${duplicates.join(', ')}]'.`,
  };
}

export interface ElementCheck {
  state: ReadonlyState;
  instance: ElementInstance;
  source: ExecutableProcess;
  target: ExecutableProcess;
  /** source element id → target element id, the process ids included. */
  mapping: Map<string, string>;
}

/** The checks of one element instance, in Zeebe's order; returns the target element when all pass. */
export function checkElement(c: ElementCheck): MigrationRejection | ExecutableElement {
  const { instance, source, target, mapping } = c;
  const v = instance.value;
  const pi = v.processInstanceKey;
  const sourceElement = source.elements.get(v.elementId)!;
  if (!SUPPORTED.has(v.bpmnElementType))
    return invalidState(
      `${migrate(pi)} active element with id '${v.elementId}' has an unsupported type. The migration of a ${v.bpmnElementType} is not supported.`,
    );
  if (v.bpmnElementType === 'INTERMEDIATE_CATCH_EVENT') {
    if (!SUPPORTED_CATCH_EVENTS.has(v.bpmnEventType))
      return invalidState(
        `${migrate(pi)} active element with id '${v.elementId}' is intermediate catch event of type '${v.bpmnEventType}'. Migrating active intermediate catch event of this type is not possible yet.`,
      );
    if (sourceElement.incoming.some((f) => f.source.type === 'EVENT_BASED_GATEWAY'))
      return invalidState(
        `${migrate(pi)} active element with id '${v.elementId}' is an intermediate catch event attached to an event-based gateway. Migrating active events attached to an event-based gateway is not possible yet.`,
      );
  }
  const targetId = mapping.get(v.elementId);
  if (targetId === undefined)
    return invalidState(
      `${migrate(pi)} no mapping instruction defined for active element with id '${v.elementId}'. Elements cannot be migrated without a mapping.`,
    );
  const targetElement = target.elements.get(targetId) ?? target.flows.get(targetId);
  if (!targetElement || !('type' in targetElement)) return typeChanged(pi, v, targetId, 'SEQUENCE_FLOW');
  return (
    checkType(instance, targetElement) ??
    checkUserTask(instance, targetElement) ??
    checkFlowScope(c, targetElement) ??
    checkCatchEvents(pi, v.elementId, sourceElement, targetElement, target, mapping) ??
    checkLoop(pi, v.elementId, sourceElement, targetElement) ??
    checkConcurrency(c) ??
    targetElement
  );
}

function typeChanged(
  pi: number,
  v: ElementInstance['value'],
  targetId: string,
  targetType: string,
): MigrationRejection {
  return invalidState(
    `${migrate(pi)} active element with id '${v.elementId}' and type '${v.bpmnElementType}' is mapped to an element with id '${targetId}' and different type '${targetType}'. Elements must be mapped to elements of the same type.`,
  );
}

function checkType(instance: ElementInstance, target: ExecutableElement): MigrationRejection | undefined {
  const v = instance.value;
  let targetType = typeOf(target);
  if (v.bpmnElementType === targetType) return undefined;
  // An inner instance of a multi-instance body matches the body's inner activity.
  if (instance.loopCounter > 0 && targetType === 'MULTI_INSTANCE_BODY') {
    targetType = target.type;
    if (v.bpmnElementType === targetType) return undefined;
  }
  return typeChanged(v.processInstanceKey, v, target.id, targetType);
}

function checkUserTask(instance: ElementInstance, target: ExecutableElement): MigrationRejection | undefined {
  const v = instance.value;
  if (v.bpmnElementType !== 'USER_TASK' || typeOf(target) !== 'USER_TASK') return undefined;
  const implementation = (native: boolean) => (native ? 'zeebe user task' : 'job worker');
  const sourceType = implementation(instance.userTaskKey > 0);
  const targetType = implementation(target.userTask?.native ?? false);
  // Since 8.8.20 a job-worker user task may become a Camunda user task (migration-user-task.ts), not back.
  if (sourceType === targetType || targetType === 'zeebe user task') return undefined;
  return invalidState(
    `${migrate(v.processInstanceKey)} active user task with id '${v.elementId}' and implementation '${sourceType}' is mapped to an user task with id '${target.id}' and different implementation '${targetType}'. Elements must be mapped to elements of the same implementation.`,
  );
}

/** The flow scope must stay: the target's flow scope is where the instance's flow scope instance is mapped to. */
function checkFlowScope(c: ElementCheck, target: ExecutableElement): MigrationRejection | undefined {
  const v = c.instance.value;
  const scope = c.state.elements.get(v.flowScopeKey);
  if (!scope) return undefined;
  // The flow scope instance was checked before its children, so it has a mapping.
  const expected = c.mapping.get(scope.value.elementId)!;
  if (typeOf(target) === 'MULTI_INSTANCE_BODY' && expected === target.id) return undefined;
  const actual = target.flowScope?.id ?? '';
  if (expected === actual) return undefined;
  return invalidState(
    `${migrate(v.processInstanceKey)} the flow scope of active element with id '${v.elementId}' is changed. The flow scope of the active element is expected to be '${expected}' but was '${actual}'. The flow scope of an element cannot be changed during migration yet.`,
  );
}

function checkCatchEvents(
  pi: number,
  sourceId: string,
  sourceElement: ExecutableElement,
  targetElement: ExecutableElement,
  target: ExecutableProcess,
  mapping: Map<string, string>,
): MigrationRejection | undefined {
  const mapped = catchEventsOf(sourceElement).filter((e) => mapping.has(e.id));
  const targetEvents = new Set(catchEventsOf(targetElement).map((e) => e.id));
  for (const e of mapped) {
    const to = mapping.get(e.id)!;
    if (!targetEvents.has(to))
      return invalidState(
        `${migrate(pi)} active element with id '${sourceId}' is mapped to an element with id '${targetElement.id}' and has a catch event with id '${e.id}' that is mapped to a catch event with id '${to}'. These mappings detach the catch event from the element in the target process. Catch events must stay attached to the same element instance.`,
      );
  }
  const byTarget = new Map<string, string[]>();
  for (const e of mapped)
    byTarget.set(mapping.get(e.id)!, [...(byTarget.get(mapping.get(e.id)!) ?? []), e.id]);
  for (const [to, from] of byTarget)
    if (from.length > 1)
      return invalidState(
        `${migrate(pi)} active element with id '${sourceId}' has a catch event attached that is mapped to a catch event with id '${to}'. There are multiple mapping instructions that target this catch event: '${from.sort().join("', '")}'. Catch events cannot be merged by process instance migration. Please ensure the mapping instructions target a catch event only once.`,
      );
  for (const e of mapped) {
    const to = target.elements.get(mapping.get(e.id)!)!;
    if (e.eventType !== to.eventType)
      return invalidState(
        `${migrate(pi)} active element with id '${sourceId}' has a catch event with id '${e.id}' that is mapped to a catch event with id '${to.id}'. These catch events have different event types: '${e.eventType}' and '${to.eventType}'. The event type of a catch event cannot be changed by process instance migration. Please ensure the event type of the catch event remains the same or remove the mapping instruction for these catch events.`,
      );
  }
  return undefined;
}

function checkLoop(
  pi: number,
  sourceId: string,
  sourceElement: ExecutableElement,
  targetElement: ExecutableElement,
): MigrationRejection | undefined {
  if (!sourceElement.loop || !targetElement.loop) return undefined;
  if (sourceElement.loop.sequential === targetElement.loop.sequential) return undefined;
  return invalidState(
    `${migrate(pi)} active element with id '${sourceId}' has a different loop characteristics than the target element with id '${targetElement.id}'. Both elements must have either sequential or parallel loop characteristics.`,
  );
}

/**
 * A taken flow not yet followed, or an event trigger not yet processed, is a command in between; tokens waiting
 * at a joining gateway are not (they move with the gateway's mapping, migration-joins.ts).
 */
function checkConcurrency(c: ElementCheck): MigrationRejection | undefined {
  if (!c.state.trigger(c.instance.key) && tokensInFlight(c.instance) === 0) return undefined;
  return invalidState(
    `${migrate(c.instance.value.processInstanceKey)} a concurrent command was executed on the process instance. Please retry the migration.`,
  );
}
