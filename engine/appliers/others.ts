// Appliers for definitions, variables, incidents, timers, messages, subscriptions, user tasks,
// the clock and banned instances.
import type { Applier, ApplierTable } from './types';

const nothing = () => undefined;

export const definitionAppliers: ApplierTable = {
  DEPLOYMENT: { CREATED: nothing },
  PROCESS: {
    CREATED: (state, r) => state.definitions.addProcess(r.value),
    DELETING: nothing,
    DELETED: (state, r) => state.definitions.removeProcess(r.key),
  },
  FORM: {
    CREATED: (state, r) => state.definitions.addForm(r.value),
    DELETED: (state, r) => state.definitions.removeForm(r.key),
  },
  DECISION_REQUIREMENTS: {
    CREATED: (state, r) => state.definitions.addDecisionRequirements(r.value),
    DELETED: (state, r) => state.definitions.removeDecisionRequirements(r.value.decisionRequirementsKey),
  },
  DECISION: {
    CREATED: (state, r) => state.definitions.addDecision(r.value),
    DELETED: (state, r) => state.definitions.removeDecision(r.value.decisionKey),
  },
  DECISION_EVALUATION: { EVALUATED: nothing, FAILED: nothing },
  RESOURCE_DELETION: { DELETING: nothing, DELETED: nothing },
};

const setVariable: Applier<'VARIABLE'> = (state, r) =>
  state.variables.set(r.value.scopeKey, r.value.name, r.key, r.value.value);

export const variableAppliers: ApplierTable = {
  VARIABLE: { CREATED: setVariable, UPDATED: setVariable },
  VARIABLE_DOCUMENT: {
    UPDATED: nothing,
    UPDATE_DENIED: nothing,
    UPDATING: (state, r) => {
      const instance = state.elements.get(r.value.scopeKey);
      if (instance && instance.userTaskKey > 0)
        state.userTasks.holdDocument(instance.userTaskKey, { key: r.key, value: r.value });
    },
  },
};

export const incidentAppliers: ApplierTable = {
  INCIDENT: {
    CREATED: (state, r) => state.incidents.add(r.key, r.value),
    RESOLVED: (state, r) => {
      state.incidents.remove(r.key);
      // As in Zeebe, an expression failure re-runs the element's current phase from its first listener.
      if (r.value.errorType === 'EXTRACT_VALUE_ERROR') {
        const instance = state.elements.get(r.value.elementInstanceKey);
        if (instance) instance.listenersDone = 0;
        // Likewise a user task's pending transition from its first task listener.
        const task =
          instance && instance.userTaskKey > 0 ? state.userTasks.get(instance.userTaskKey) : undefined;
        if (task?.intermediate) task.listenersDone = 0;
      }
      const job = r.value.jobKey > 0 ? state.jobs.get(r.value.jobKey) : undefined;
      if (job && (job.state === 'FAILED' || job.state === 'ERROR_THROWN')) {
        state.jobs.put(job.key, 'ACTIVATABLE', { ...job.value, deadline: -1, worker: '' });
      }
    },
  },
};

export const timerAppliers: ApplierTable = {
  TIMER: {
    CREATED: (state, r) => state.timers.add(r.key, r.value),
    TRIGGERED: (state, r) => state.timers.remove(r.key),
    CANCELED: (state, r) => state.timers.remove(r.key),
  },
};

export const messageAppliers: ApplierTable = {
  MESSAGE: {
    PUBLISHED: (state, r) => {
      if (r.value.timeToLive > 0) state.messages.add(r.key, r.value);
    },
    EXPIRED: (state, r) => state.messages.remove(r.key),
  },
  MESSAGE_SUBSCRIPTION: {
    CREATED: (state, r) => state.subscriptions.addMessage(r.key, r.value),
    CORRELATED: (state, r) => {
      state.messages.markCorrelated(r.value.messageKey, r.value.bpmnProcessId);
      if (r.value.interrupting) state.subscriptions.removeMessage(r.key);
    },
    DELETED: (state, r) => state.subscriptions.removeMessage(r.key),
  },
  MESSAGE_START_EVENT_SUBSCRIPTION: {
    CREATED: (state, r) => state.subscriptions.addMessageStart(r.value),
    DELETED: (state, r) =>
      state.subscriptions.removeMessageStart(r.value.processDefinitionKey, r.value.messageName),
    CORRELATED: (state, r) => {
      state.messages.markCorrelated(r.value.messageKey, r.value.bpmnProcessId);
      if (r.value.correlationKey !== '') {
        state.subscriptions.lock(r.value.bpmnProcessId, r.value.correlationKey, r.value.processInstanceKey);
      }
    },
  },
  MESSAGE_CORRELATION: { CORRELATED: nothing },
  SIGNAL: { BROADCASTED: nothing },
  ESCALATION: { ESCALATED: nothing, NOT_ESCALATED: nothing },
  COMPENSATION_SUBSCRIPTION: {
    CREATED: (state, r) => state.compensations.put(r.key, r.value),
    TRIGGERED: (state, r) => state.compensations.put(r.key, r.value),
    COMPLETED: (state, r) => state.compensations.remove(r.key),
    DELETED: (state, r) => state.compensations.remove(r.key),
  },
  SIGNAL_SUBSCRIPTION: {
    CREATED: (state, r) => state.subscriptions.addSignal(r.key, r.value),
    DELETED: (state, r) => state.subscriptions.removeSignal(r.key),
  },
};

const denied: Applier<'USER_TASK'> = (state, r) => {
  const task = state.userTasks.get(r.key);
  if (task) state.userTasks.put(r.key, 'CREATED', task.value);
};

export const userTaskAppliers: ApplierTable = {
  USER_TASK: {
    CREATING: (state, r) => {
      state.userTasks.begin(r.key, 'CREATING', r.value, r.value);
      const instance = state.elements.get(r.value.elementInstanceKey);
      if (instance) instance.userTaskKey = r.key;
    },
    CREATED: (state, r) => state.userTasks.put(r.key, 'CREATED', { ...r.value, variables: {} }),
    ASSIGNING: (state, r) => state.userTasks.begin(r.key, 'ASSIGNING', r.value, r.value),
    CLAIMING: (state, r) => state.userTasks.begin(r.key, 'CLAIMING', r.value, r.value),
    ASSIGNED: (state, r) => state.userTasks.put(r.key, 'CREATED', { ...r.value, variables: {} }),
    UPDATING: (state, r) => state.userTasks.begin(r.key, 'UPDATING', r.value, r.value),
    UPDATED: (state, r) => state.userTasks.put(r.key, 'CREATED', { ...r.value, variables: {} }),
    COMPLETING: (state, r) => state.userTasks.begin(r.key, 'COMPLETING', r.value, r.value),
    COMPLETED: (state, r) => {
      state.userTasks.remove(r.key);
      state.triggers.set(r.value.elementInstanceKey, {
        eventKey: r.key,
        elementId: r.value.elementId,
        variables: r.value.variables,
      });
    },
    // A listener's corrections wait in the transition's record until it finishes.
    CORRECTED: (state, r) => {
      const task = state.userTasks.get(r.key);
      if (task) task.intermediate = r.value;
    },
    // A denial drops the transition: the persisted value is the task's again.
    COMPLETION_DENIED: denied,
    ASSIGNMENT_DENIED: denied,
    UPDATE_DENIED: denied,
    // A pending transition is dropped; the cancellation is the task's transition now.
    CANCELING: (state, r) => state.userTasks.begin(r.key, 'CANCELING', r.value, r.value),
    CANCELED: (state, r) => state.userTasks.remove(r.key),
  },
};

export const processEventAppliers: ApplierTable = {
  PROCESS_EVENT: {
    TRIGGERING: (state, r) => {
      state.triggers.set(r.value.scopeKey, {
        eventKey: r.key,
        elementId: r.value.targetElementId,
        variables: r.value.variables,
      });
      const scope = state.elements.get(r.value.scopeKey);
      const target = state.definitions
        .model(r.value.processDefinitionKey)
        .elements.get(r.value.targetElementId);
      if (!scope || !target || !target.interrupting) return;
      if (target.type === 'BOUNDARY_EVENT') scope.interruptedBy = target.id;
      if (target.type === 'START_EVENT' && target.flowScope?.type === 'EVENT_SUB_PROCESS') {
        // An interrupting event subprocess ends every path of its scope: pending flows are void.
        scope.interruptedBy = target.id;
        scope.activeFlows = 0;
        scope.joins = null;
      }
    },
    TRIGGERED: (state, r) => {
      if (state.triggers.get(r.value.scopeKey)?.eventKey === r.key) state.triggers.delete(r.value.scopeKey);
      const activationScope = state.elements.get(r.value.activationScopeKey);
      if (activationScope) activationScope.activeFlows += 1;
    },
  },
};

export const systemAppliers: ApplierTable = {
  CLOCK: {
    PINNED: (state, r) => {
      state.pinnedClock = r.value.time;
    },
    RESETTED: (state) => {
      state.pinnedClock = null;
    },
  },
  ERROR: {
    CREATED: (state, r) => {
      if (r.value.processInstanceKey > 0) state.banned.add(r.value.processInstanceKey);
    },
  },
  PROCESS_INSTANCE_RESULT: { COMPLETED: nothing },
  // The activated elements are written as their own records; a fulfilled condition is remembered on the
  // subprocess, which completes once its last inner instance has (or at once, see processors/bpmn/ad-hoc.ts).
  AD_HOC_SUB_PROCESS_INSTRUCTION: {
    ACTIVATED: nothing,
    COMPLETED: (state, r) => {
      const instance = state.elements.get(Number(r.value.adHocSubProcessInstanceKey));
      if (instance) instance.completionConditionFulfilled = true;
    },
  },
};
