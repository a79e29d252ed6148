// Appliers for element instance lifecycle events and taken sequence flows, including the token
// bookkeeping that decides when a scope may complete and when a joining gateway may fire.
import type { Applier, ApplierTable } from './types';
import type { State } from '../state/state';
import type { EngineRecord } from '../protocol/record';
import type { ExecutableElement } from '../model/types';
import type { ElementInstance } from '../state/element-instances';
import { withoutTreePath } from '../processors/instance/tree-path';

type PI = Applier<'PROCESS_INSTANCE'>;

function modelElement(state: State, r: EngineRecord<'PROCESS_INSTANCE'>): ExecutableElement | undefined {
  return state.definitions.model(r.value.processDefinitionKey).elements.get(r.value.elementId);
}

export function isJoin(e: ExecutableElement): boolean {
  return (e.type === 'PARALLEL_GATEWAY' || e.type === 'INCLUSIVE_GATEWAY') && e.incoming.length > 1;
}

const activating: PI = (state, r) => {
  const instance = state.elements.create(r.key, withoutTreePath(r.value), r.timestamp);
  const scope = state.elements.get(r.value.flowScopeKey);
  if (r.value.parentElementInstanceKey > 0 && r.value.bpmnElementType === 'PROCESS') {
    const caller = state.elements.get(r.value.parentElementInstanceKey);
    if (caller) caller.calledChildKey = r.key;
  }
  if (!scope) return;
  scope.activeChildren += 1;
  if (
    scope.value.bpmnElementType === 'MULTI_INSTANCE_BODY' &&
    r.value.bpmnElementType !== 'MULTI_INSTANCE_BODY'
  ) {
    scope.createdInstances += 1;
    instance.loopCounter = scope.createdInstances;
    return;
  }
  const element = modelElement(state, r);
  if (!element) return;
  if (waitsForEventToken(element)) {
    // the token PROCESS_EVENT TRIGGERED, a throw link event or a modification left for this activation
    scope.activeFlows -= 1;
    return;
  }
  if (element.incoming.length === 0) return;
  if (isJoin(element)) {
    const waiting = scope.joins?.[element.id];
    if (!waiting) return;
    for (const flowId of Object.keys(waiting)) {
      if (waiting[flowId] > 0) {
        waiting[flowId] -= 1;
        scope.activeFlows -= 1;
        if (waiting[flowId] === 0) delete waiting[flowId];
      }
    }
    if (Object.keys(waiting).length === 0) delete scope.joins![element.id];
    if (scope.joins && Object.keys(scope.joins).length === 0) scope.joins = null;
  } else {
    scope.activeFlows -= 1;
  }
};

/**
 * Boundary events, event subprocesses and link catch events are reached by an event's token, not by a flow. A
 * compensation boundary event only passes as its handler starts: no token is involved.
 */
function waitsForEventToken(e: ExecutableElement): boolean {
  return (
    (e.type === 'BOUNDARY_EVENT' && e.eventType !== 'COMPENSATION') ||
    e.type === 'EVENT_SUB_PROCESS' ||
    (e.type === 'INTERMEDIATE_CATCH_EVENT' && e.eventType === 'LINK')
  );
}

/**
 * A modification's ACTIVATE_ELEMENT is in flight: the scope holds the tokens the activation will consume, as a
 * taken flow would, so it cannot complete meanwhile and its count stays exact.
 */
export function expectActivation(scope: ElementInstance, element: ExecutableElement): void {
  if (waitsForEventToken(element)) {
    scope.activeFlows += 1;
    return;
  }
  if (element.incoming.length === 0) return;
  if (!isJoin(element)) {
    scope.activeFlows += 1;
    return;
  }
  // A join fires with the tokens already waiting at it and one on each incoming flow that has none, so no
  // token is left behind for a partner that will not come.
  scope.joins ??= {};
  const waiting = (scope.joins[element.id] ??= {});
  for (const flow of element.incoming) {
    if (waiting[flow.id] > 0) continue;
    waiting[flow.id] = 1;
    scope.activeFlows += 1;
  }
}

const ended: PI = (state, r) => {
  const instance = state.elements.get(r.key);
  if (!instance) return;
  const scope = state.elements.get(r.value.flowScopeKey);
  if (scope) {
    scope.activeChildren -= 1;
    // A completed throw link event leaves a token for its catch event, as a taken sequence flow would.
    if (
      r.intent === 'ELEMENT_COMPLETED' &&
      r.value.bpmnEventType === 'LINK' &&
      r.value.bpmnElementType === 'INTERMEDIATE_THROW_EVENT'
    )
      scope.activeFlows += 1;
    if (r.intent === 'ELEMENT_COMPLETED') scope.completedChildren += 1;
    else scope.terminatedChildren += 1;
  }
  state.elements.remove(r.key);
  state.variables.removeScope(r.key);
  state.triggers.delete(r.key);
  if (r.value.bpmnElementType === 'PROCESS') state.subscriptions.unlock(r.key);
  if (r.value.parentElementInstanceKey > 0 && r.value.bpmnElementType === 'PROCESS') {
    const caller = state.elements.get(r.value.parentElementInstanceKey);
    if (caller) caller.calledChildKey = -1;
  }
};

function setState(s: 'ELEMENT_ACTIVATED' | 'ELEMENT_COMPLETING' | 'ELEMENT_TERMINATING'): PI {
  return (state, r) => {
    const instance = state.elements.get(r.key);
    if (instance) instance.state = s;
  };
}

const completing: PI = (state, r) => {
  setState('ELEMENT_COMPLETING')(state, r);
  const instance = state.elements.get(r.key);
  if (instance) instance.listenersDone = 0;
  if (r.value.bpmnEventType === 'TERMINATE' && r.value.bpmnElementType === 'END_EVENT') {
    // A terminate end event ends every path of its scope: pending flows are void.
    const scope = state.elements.get(r.value.flowScopeKey);
    if (scope) {
      scope.terminatedByEnd = true;
      scope.activeFlows = 0;
      scope.joins = null;
    }
  }
};

const flowTaken: PI = (state, r) => {
  const scope = state.elements.get(r.value.flowScopeKey);
  if (!scope) return;
  scope.activeFlows += 1;
  const flow = state.definitions.model(r.value.processDefinitionKey).flows.get(r.value.elementId);
  if (flow && isJoin(flow.target)) {
    scope.joins ??= {};
    const waiting = (scope.joins[flow.target.id] ??= {});
    waiting[flow.id] = (waiting[flow.id] ?? 0) + 1;
  }
};

/** A migration took the token off a join's flow (it takes it again on the target's flow). */
const flowDeleted: PI = (state, r) => {
  const scope = state.elements.get(r.value.flowScopeKey);
  const flow = state.definitions.model(r.value.processDefinitionKey).flows.get(r.value.elementId);
  const waiting = flow && scope?.joins?.[flow.target.id];
  if (!scope || !waiting || !(waiting[flow.id] > 0)) return;
  scope.activeFlows -= 1;
  waiting[flow.id] -= 1;
  if (waiting[flow.id] === 0) delete waiting[flow.id];
  if (Object.keys(waiting).length === 0) delete scope.joins![flow.target.id];
  if (Object.keys(scope.joins!).length === 0) scope.joins = null;
};

export const processInstanceAppliers: Record<string, PI> = {
  ELEMENT_ACTIVATING: activating,
  ELEMENT_ACTIVATED: setState('ELEMENT_ACTIVATED'),
  ELEMENT_COMPLETING: completing,
  ELEMENT_COMPLETED: ended,
  ELEMENT_TERMINATING: setState('ELEMENT_TERMINATING'),
  ELEMENT_TERMINATED: ended,
  SEQUENCE_FLOW_TAKEN: flowTaken,
  SEQUENCE_FLOW_DELETED: flowDeleted,
};

/**
 * MODIFIED: every activation the modification wrote waits in its flow scope (the last of its ancestor scope
 * keys, which run outermost first) as a token; an interruption of those scopes no longer holds (as in Zeebe).
 * The flow scopes it created were activated without a token coming to them: the one their ELEMENT_ACTIVATING
 * consumed is given back to their parent.
 */
const modified: Applier<'PROCESS_INSTANCE_MODIFICATION'> = (state, r) => {
  const instance = state.elements.get(r.value.processInstanceKey);
  if (!instance) return;
  const model = state.definitions.model(instance.value.processDefinitionKey);
  for (const key of r.value.createdScopeKeys) {
    const created = state.elements.get(key);
    const parent = created && state.elements.get(created.value.flowScopeKey);
    const element = created && model.elements.get(created.value.elementId);
    if (parent && element) expectActivation(parent, element);
  }
  for (const a of r.value.activateInstructions) {
    for (const k of a.ancestorScopeKeys) {
      const ancestor = state.elements.get(k);
      if (ancestor) ancestor.interruptedBy = null;
    }
    const scope = state.elements.get(a.ancestorScopeKeys[a.ancestorScopeKeys.length - 1]);
    const element = model.elements.get(a.elementId);
    if (scope && element) expectActivation(scope, element);
  }
};

/**
 * CREATED by start instructions: every flow scope instance below the new process was created by them and took a
 * token no flow brought (given back), and each instruction's pending activation holds one in its flow scope —
 * the single instance of each scope on the way down, as the instructions never choose an ancestor.
 */
const createdAt: Applier<'PROCESS_INSTANCE_CREATION'> = (state, r) => {
  const root = state.elements.get(r.value.processInstanceKey);
  if (!root || r.value.startInstructions.length === 0) return;
  const model = state.definitions.model(root.value.processDefinitionKey);
  const giveBack = (scope: ElementInstance) => {
    for (const key of state.elements.children(scope.key)) {
      const child = state.elements.get(key)!;
      expectActivation(scope, model.elements.get(child.value.elementId)!);
      giveBack(child);
    }
  };
  giveBack(root);
  for (const { elementId } of r.value.startInstructions) {
    const element = model.elements.get(elementId)!;
    const scopes: ExecutableElement[] = [];
    for (let s = element.flowScope; s && s !== model.root; s = s.flowScope) scopes.unshift(s);
    let scope = root;
    for (const s of scopes) {
      const key = [...state.elements.children(scope.key)].find(
        (k) => state.elements.get(k)!.value.elementId === s.id,
      )!;
      scope = state.elements.get(key)!;
    }
    expectActivation(scope, element);
  }
};

export const modificationAppliers: ApplierTable = {
  PROCESS_INSTANCE_MODIFICATION: { MODIFIED: modified },
  PROCESS_INSTANCE_CREATION: { CREATED: createdAt },
};
