// Start instructions of a CreateProcessInstance as Zeebe carries them out (its
// ProcessInstanceCreationCreateProcessor): the checks in its order and with its texts — the element exists, is
// not inside a multi-instance subprocess, has a type that can be started at, does not wait behind an event-based
// gateway — then the process instance created by events (no start event runs) and each element activated in it,
// flow scopes created as needed, exactly as a modification activates them.
import type { EngineContext } from '../context';
import type { BpmnElementContext } from '../bpmn/types';
import type { ExecutableProcess } from '../../model/types';
import type { Key } from '../../protocol/keys';
import type { ProcessInstanceCreationValue, ProcessInstanceValue } from '../../protocol/values';
import { ownerOf } from '../../behaviors/variables';
import { SUPPORTED, UNSUPPORTED, type Rejection } from './modification-rules';
import { ModificationPlanner } from './modification-plan';
import { activateAlongPath, activateScopeByEvents } from './element-activation';

const prefix = 'Expected to create instance of process with start instructions but';
const invalid = (reason: string): Rejection => ({ type: 'INVALID_ARGUMENT', reason: `${prefix} ${reason}` });

export function checkStartInstructions(
  process: ExecutableProcess,
  instructions: { elementId: string }[],
): Rejection | undefined {
  const ids = instructions.map((i) => i.elementId);
  const missing = ids.find((id) => !process.elements.has(id) && !process.flows.has(id));
  if (missing !== undefined) return invalid(`no element found with id '${missing}'.`);
  const insideLoop = ids.find((id) => {
    for (let s = process.elements.get(id)?.flowScope; s; s = s.flowScope) if (s.loop) return true;
    return false;
  });
  if (insideLoop !== undefined)
    return invalid(
      `the element with id '${insideLoop}' is inside a multi-instance subprocess. The creation of elements inside a multi-instance subprocess is not supported.`,
    );
  const typeOf = (id: string) => process.elements.get(id)?.type ?? 'SEQUENCE_FLOW';
  const unsupported = ids.find((id) => UNSUPPORTED.has(typeOf(id)));
  if (unsupported !== undefined)
    return invalid(
      `the element with id '${unsupported}' targets unsupported element type '${typeOf(unsupported)}'. Supported element types are: ${SUPPORTED}`,
    );
  const afterEventGateway = ids.find((id) =>
    process.elements.get(id)!.incoming.some((f) => f.source.type === 'EVENT_BASED_GATEWAY'),
  );
  if (afterEventGateway !== undefined)
    return invalid(
      `the element with id '${afterEventGateway}' belongs to an event-based gateway. The creation of elements belonging to an event-based gateway is not supported.`,
    );
  return undefined;
}

/** Creates the instance at the instructions' elements; false when it was rejected instead (nothing written). */
export function startAt(
  ctx: EngineContext,
  process: ExecutableProcess,
  value: ProcessInstanceValue,
  v: ProcessInstanceCreationValue,
): boolean {
  const { w, b } = ctx;
  const key = value.processInstanceKey;
  const planner = new ModificationPlanner(ctx, { key, value, variables: v.variables }, process);
  const plan = planner.plan({
    processInstanceKey: key,
    activateInstructions: v.startInstructions.map((s) => ({
      elementId: s.elementId,
      ancestorScopeKey: -1,
      variableInstructions: [],
      ancestorScopeKeys: [],
    })),
    terminateInstructions: [],
    ancestorScopeKeys: [],
    createdScopeKeys: [],
    tenantId: value.tenantId,
  });
  if ('reason' in plan) {
    w.reject(plan.type, plan.reason);
    return false;
  }
  // The process's own subscriptions (its event subprocesses' start events) open as it activates.
  const root = { key: -1, value, element: process.root, process } as BpmnElementContext;
  const failure = b.subscriptions.check(root, b.variables.lookup(-1, v.variables));
  if (failure) {
    w.reject(
      'INVALID_ARGUMENT',
      `Expected to subscribe to catch event(s) of '${process.id}' but ${failure.message}`,
    );
    return false;
  }
  b.variables.setLocalDocument(key, v.variables, ownerOf(value));
  activateScopeByEvents(ctx, key, value, {});
  const createdKeys: Key[] = [];
  for (const a of plan.activations) activateAlongPath(ctx, a, plan, createdKeys, planner, value);
  return true;
}
