// Appliers for element instance lifecycle events and taken sequence flows, including the token
// bookkeeping that decides when a scope may complete and when a joining gateway may fire.
import type { Applier } from './types';
import type { State } from '../state/state';
import type { EngineRecord } from '../protocol/record';
import type { ExecutableElement } from '../model/types';

type PI = Applier<'PROCESS_INSTANCE'>;

function modelElement(state: State, r: EngineRecord<'PROCESS_INSTANCE'>): ExecutableElement | undefined {
  return state.definitions.model(r.value.processDefinitionKey).elements.get(r.value.elementId);
}

export function isJoin(e: ExecutableElement): boolean {
  return (e.type === 'PARALLEL_GATEWAY' || e.type === 'INCLUSIVE_GATEWAY') && e.incoming.length > 1;
}

const activating: PI = (state, r) => {
  const instance = state.elements.create(r.key, r.value, r.timestamp);
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
  if (r.value.bpmnElementType === 'BOUNDARY_EVENT' || r.value.bpmnElementType === 'EVENT_SUB_PROCESS') {
    scope.activeFlows -= 1; // the token PROCESS_EVENT TRIGGERED left for this activation
    return;
  }
  if (r.value.bpmnEventType === 'LINK' && r.value.bpmnElementType === 'INTERMEDIATE_CATCH_EVENT') {
    scope.activeFlows -= 1; // the token its throw link event left for it
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

export const processInstanceAppliers: Record<string, PI> = {
  ELEMENT_ACTIVATING: activating,
  ELEMENT_ACTIVATED: setState('ELEMENT_ACTIVATED'),
  ELEMENT_COMPLETING: completing,
  ELEMENT_COMPLETED: ended,
  ELEMENT_TERMINATING: setState('ELEMENT_TERMINATING'),
  ELEMENT_TERMINATED: ended,
  SEQUENCE_FLOW_TAKEN: flowTaken,
};
