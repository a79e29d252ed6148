// Record values with empty defaults, for commands that name only a key and a few fields (sent by the
// gateways and by the engine itself): the processor reads those, the rest stays empty.
import { DEFAULT_TENANT, type DecisionEvaluationValue, type ValueByType } from './values';

export function jobValue(overrides: Partial<ValueByType['JOB']>): ValueByType['JOB'] {
  return {
    type: '',
    worker: '',
    retries: 0,
    retryBackoff: 0,
    recurringTime: -1,
    deadline: -1,
    timeout: -1,
    errorMessage: '',
    errorCode: '',
    customHeaders: {},
    variables: {},
    elementId: '',
    elementInstanceKey: -1,
    processInstanceKey: -1,
    bpmnProcessId: '',
    processDefinitionVersion: -1,
    processDefinitionKey: -1,
    tenantId: DEFAULT_TENANT,
    ...overrides,
  };
}

export function userTaskValue(overrides: Partial<ValueByType['USER_TASK']>): ValueByType['USER_TASK'] {
  return {
    userTaskKey: -1,
    assignee: '',
    candidateGroupsList: [],
    candidateUsersList: [],
    dueDate: '',
    followUpDate: '',
    formKey: -1,
    externalFormReference: '',
    customHeaders: {},
    creationTimestamp: -1,
    elementId: '',
    elementInstanceKey: -1,
    bpmnProcessId: '',
    processDefinitionVersion: -1,
    processDefinitionKey: -1,
    processInstanceKey: -1,
    priority: -1,
    variables: {},
    changedAttributes: [],
    action: '',
    tenantId: DEFAULT_TENANT,
    ...overrides,
  };
}

export function instanceValue(processInstanceKey: number): ValueByType['PROCESS_INSTANCE'] {
  return {
    bpmnProcessId: '',
    version: -1,
    processDefinitionKey: -1,
    processInstanceKey,
    elementId: '',
    flowScopeKey: -1,
    bpmnElementType: 'PROCESS',
    bpmnEventType: 'UNSPECIFIED',
    parentProcessInstanceKey: -1,
    parentElementInstanceKey: -1,
    tenantId: DEFAULT_TENANT,
  };
}

/** ACTIVATE_ELEMENT of a new instance of the definition; `parent` is the call activity that started it. */
export function newInstanceValue(
  definition: ValueByType['PROCESS'],
  processInstanceKey: number,
  parent?: { processInstanceKey: number; elementInstanceKey: number },
): ValueByType['PROCESS_INSTANCE'] {
  return {
    bpmnProcessId: definition.bpmnProcessId,
    version: definition.version,
    processDefinitionKey: definition.processDefinitionKey,
    processInstanceKey,
    elementId: definition.bpmnProcessId,
    flowScopeKey: -1,
    bpmnElementType: 'PROCESS',
    bpmnEventType: 'UNSPECIFIED',
    parentProcessInstanceKey: parent?.processInstanceKey ?? -1,
    parentElementInstanceKey: parent?.elementInstanceKey ?? -1,
    tenantId: definition.tenantId,
  };
}

export function incidentValue(): ValueByType['INCIDENT'] {
  return {
    errorType: 'UNKNOWN',
    errorMessage: '',
    bpmnProcessId: '',
    processDefinitionKey: -1,
    processInstanceKey: -1,
    elementId: '',
    elementInstanceKey: -1,
    jobKey: -1,
    variableScopeKey: -1,
    tenantId: DEFAULT_TENANT,
  };
}

export function jobBatchValue(overrides: Partial<ValueByType['JOB_BATCH']>): ValueByType['JOB_BATCH'] {
  return {
    type: '',
    worker: '',
    timeout: 0,
    maxJobsToActivate: 0,
    fetchVariables: [],
    jobKeys: [],
    jobs: [],
    truncated: false,
    tenantIds: [],
    ...overrides,
  };
}

/** A DECISION_EVALUATION value to fill in: no decision, no process origin. */
export const emptyEvaluation: DecisionEvaluationValue = {
  decisionKey: -1,
  decisionId: '',
  decisionName: '',
  decisionVersion: -1,
  decisionRequirementsId: '',
  decisionRequirementsKey: -1,
  decisionOutput: 'null',
  variables: {},
  bpmnProcessId: '',
  processDefinitionKey: -1,
  processInstanceKey: -1,
  elementInstanceKey: -1,
  elementId: '',
  evaluatedDecisions: [],
  evaluationFailureMessage: '',
  failedDecisionId: '',
  tenantId: '',
};
