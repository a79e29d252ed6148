// Record values, one shape per value type, close to Zeebe's own record values so that the record
// stream reads like Zeebe's. Variable values are JSON text; documents of variables are objects.
import type { Key } from './keys';
import type { BpmnElementType, BpmnEventType, ErrorType } from './element-types';
import type {
  DecisionEvaluationValue,
  DecisionRequirementsMetadata,
  DecisionRequirementsValue,
  DecisionValue,
} from './decision-values';

import type {
  ProcessInstanceCreationValue,
  ProcessInstanceMigrationValue,
  ProcessInstanceModificationValue,
} from './instance-command-values';
import type { AdHocSubProcessInstructionValue, JobBatchValue, JobValue } from './job-values';

export type * from './decision-values';
export type * from './instance-command-values';
export type * from './job-values';

export type VariableDocument = Record<string, unknown>;
export const DEFAULT_TENANT = '<default>';

export interface ProcessMetadata {
  bpmnProcessId: string;
  version: number;
  processDefinitionKey: Key;
  resourceName: string;
  checksum: string;
  duplicate: boolean;
  versionTag: string;
  tenantId: string;
}

export interface FormMetadata {
  formId: string;
  version: number;
  formKey: Key;
  resourceName: string;
  checksum: string;
  duplicate: boolean;
  versionTag: string;
  tenantId: string;
}

export interface DeploymentValue {
  resources: { resourceName: string; resource: string }[];
  processesMetadata: ProcessMetadata[];
  formMetadata: FormMetadata[];
  decisionRequirementsMetadata: DecisionRequirementsMetadata[];
  decisionsMetadata: DecisionValue[];
  tenantId: string;
}

export interface ProcessValue {
  bpmnProcessId: string;
  version: number;
  processDefinitionKey: Key;
  resourceName: string;
  checksum: string;
  resource: string;
  deploymentKey: Key;
  versionTag: string;
  tenantId: string;
}

export interface FormValue {
  formId: string;
  version: number;
  formKey: Key;
  resourceName: string;
  checksum: string;
  resource: string;
  deploymentKey: Key;
  versionTag: string;
  tenantId: string;
}

export interface ProcessInstanceValue {
  bpmnProcessId: string;
  version: number;
  processDefinitionKey: Key;
  processInstanceKey: Key;
  elementId: string;
  flowScopeKey: Key;
  bpmnElementType: BpmnElementType;
  bpmnEventType: BpmnEventType;
  parentProcessInstanceKey: Key;
  parentElementInstanceKey: Key;
  tenantId: string;
  /** Tree paths (processors/instance/tree-path.ts), on the records Zeebe 8.8 writes them on only. */
  elementInstancePath?: Key[][];
  processDefinitionPath?: Key[];
  callingElementPath?: number[];
}

export interface ProcessInstanceResultValue {
  bpmnProcessId: string;
  version: number;
  processDefinitionKey: Key;
  processInstanceKey: Key;
  variables: VariableDocument;
  tenantId: string;
}

export interface VariableValue {
  name: string;
  value: string;
  scopeKey: Key;
  processInstanceKey: Key;
  processDefinitionKey: Key;
  bpmnProcessId: string;
  tenantId: string;
}

export interface VariableDocumentValue {
  scopeKey: Key;
  updateSemantics: 'PROPAGATE' | 'LOCAL';
  variables: VariableDocument;
  tenantId: string;
}

export interface IncidentValue {
  errorType: ErrorType;
  errorMessage: string;
  bpmnProcessId: string;
  processDefinitionKey: Key;
  processInstanceKey: Key;
  elementId: string;
  elementInstanceKey: Key;
  jobKey: Key;
  variableScopeKey: Key;
  tenantId: string;
  /** The element instance's tree paths when the incident was created (or migrated), as Zeebe 8.8 writes them. */
  elementInstancePath?: Key[][];
  processDefinitionPath?: Key[];
  callingElementPath?: number[];
}

export interface TimerValue {
  elementInstanceKey: Key;
  processInstanceKey: Key;
  processDefinitionKey: Key;
  dueDate: number;
  targetElementId: string;
  repetitions: number;
  tenantId: string;
}

export interface MessageValue {
  name: string;
  correlationKey: string;
  timeToLive: number;
  messageId: string;
  variables: VariableDocument;
  deadline: number;
  tenantId: string;
}

export interface MessageSubscriptionValue {
  processInstanceKey: Key;
  elementInstanceKey: Key;
  processDefinitionKey: Key;
  bpmnProcessId: string;
  elementId: string;
  messageName: string;
  correlationKey: string;
  messageKey: Key;
  variables: VariableDocument;
  interrupting: boolean;
  tenantId: string;
}

/**
 * Zeebe's process-side half of a message subscription (PROCESS_MESSAGE_SUBSCRIPTION). This engine keeps one
 * subscription entity for both halves and writes this value type only where a migration moves it, as Zeebe does
 * (`MIGRATED` here, then `MESSAGE_SUBSCRIPTION MIGRATE` for the message side).
 */
export interface ProcessMessageSubscriptionValue extends MessageSubscriptionValue {
  /** The partition of the message side; this engine is one partition. */
  subscriptionPartitionId: number;
}

export interface MessageStartEventSubscriptionValue {
  processDefinitionKey: Key;
  bpmnProcessId: string;
  startEventId: string;
  messageName: string;
  messageKey: Key;
  processInstanceKey: Key;
  correlationKey: string;
  variables: VariableDocument;
  tenantId: string;
}

export interface MessageCorrelationValue {
  name: string;
  correlationKey: string;
  variables: VariableDocument;
  messageKey: Key;
  processInstanceKey: Key;
  tenantId: string;
}

export interface SignalValue {
  signalName: string;
  variables: VariableDocument;
  tenantId: string;
}

export interface SignalSubscriptionValue {
  processDefinitionKey: Key;
  bpmnProcessId: string;
  catchEventId: string;
  catchEventInstanceKey: Key;
  signalName: string;
  tenantId: string;
}

export interface ProcessEventValue {
  /** The event scope the event hit (the activity of a boundary event, the container of an event subprocess…). */
  scopeKey: Key;
  /** Where the triggered element will be activated (a pending token there), or -1. */
  activationScopeKey: Key;
  targetElementId: string;
  variables: VariableDocument;
  processDefinitionKey: Key;
  processInstanceKey: Key;
  tenantId: string;
}

export interface UserTaskValue {
  userTaskKey: Key;
  assignee: string;
  candidateGroupsList: string[];
  candidateUsersList: string[];
  dueDate: string;
  followUpDate: string;
  formKey: Key;
  externalFormReference: string;
  customHeaders: Record<string, string>;
  creationTimestamp: number;
  elementId: string;
  elementInstanceKey: Key;
  bpmnProcessId: string;
  processDefinitionVersion: number;
  processDefinitionKey: Key;
  processInstanceKey: Key;
  priority: number;
  variables: VariableDocument;
  changedAttributes: string[];
  action: string;
  tenantId: string;
  /** Why a task listener denied the transition (on the *_DENIED events and DENY_TASK_LISTENER). */
  deniedReason?: string;
}

export interface ClockValue {
  time: number;
}

export interface ErrorValue {
  exceptionMessage: string;
  stacktrace: string;
  errorEventPosition: number;
  processInstanceKey: Key;
}

/** An escalation thrown (ESCALATED: caught by catchElementId; NOT_ESCALATED: nothing caught it). */
export interface EscalationValue {
  processInstanceKey: Key;
  escalationCode: string;
  throwElementId: string;
  catchElementId: string;
}

/**
 * A completed activity that can be compensated (CREATED), its compensation invoked by a throw event (TRIGGERED),
 * its handler done (COMPLETED), or dropped with its scope (DELETED), as Zeebe's CompensationSubscriptionRecord.
 * A subprocess or multi-instance body holding such activities has one too, without a handler.
 */
export interface CompensationSubscriptionValue {
  tenantId: string;
  processInstanceKey: Key;
  processDefinitionKey: Key;
  compensableActivityId: string;
  compensableActivityScopeKey: Key;
  compensableActivityInstanceKey: Key;
  /** Set when triggered: the compensation throw or end event. */
  throwEventId: string;
  throwEventInstanceKey: Key;
  /** The handler associated with the activity's compensation boundary event; '' when it has none. */
  compensationHandlerId: string;
  compensationHandlerInstanceKey: Key;
  variables: VariableDocument;
}

export interface ResourceDeletionValue {
  resourceKey: Key;
  tenantId: string;
}

export interface ValueByType {
  DEPLOYMENT: DeploymentValue;
  RESOURCE_DELETION: ResourceDeletionValue;
  PROCESS: ProcessValue;
  FORM: FormValue;
  DECISION_REQUIREMENTS: DecisionRequirementsValue;
  DECISION: DecisionValue;
  DECISION_EVALUATION: DecisionEvaluationValue;
  PROCESS_INSTANCE: ProcessInstanceValue;
  PROCESS_INSTANCE_CREATION: ProcessInstanceCreationValue;
  PROCESS_INSTANCE_MODIFICATION: ProcessInstanceModificationValue;
  PROCESS_INSTANCE_MIGRATION: ProcessInstanceMigrationValue;
  PROCESS_INSTANCE_RESULT: ProcessInstanceResultValue;
  PROCESS_EVENT: ProcessEventValue;
  JOB: JobValue;
  JOB_BATCH: JobBatchValue;
  VARIABLE: VariableValue;
  VARIABLE_DOCUMENT: VariableDocumentValue;
  INCIDENT: IncidentValue;
  TIMER: TimerValue;
  MESSAGE: MessageValue;
  MESSAGE_SUBSCRIPTION: MessageSubscriptionValue;
  PROCESS_MESSAGE_SUBSCRIPTION: ProcessMessageSubscriptionValue;
  MESSAGE_START_EVENT_SUBSCRIPTION: MessageStartEventSubscriptionValue;
  MESSAGE_CORRELATION: MessageCorrelationValue;
  SIGNAL: SignalValue;
  SIGNAL_SUBSCRIPTION: SignalSubscriptionValue;
  USER_TASK: UserTaskValue;
  CLOCK: ClockValue;
  ERROR: ErrorValue;
  ESCALATION: EscalationValue;
  COMPENSATION_SUBSCRIPTION: CompensationSubscriptionValue;
  AD_HOC_SUB_PROCESS_INSTRUCTION: AdHocSubProcessInstructionValue;
}

export type ValueType = keyof ValueByType;
