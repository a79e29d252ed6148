// The values of job records (JOB, JOB_BATCH) and what a job's completion may carry: a user task listener's
// result with its corrections, an ad-hoc sub-process's activations (AD_HOC_SUB_PROCESS_INSTRUCTION).
import type { Key } from './keys';
import type { VariableDocument } from './values';

export interface JobValue {
  type: string;
  worker: string;
  retries: number;
  retryBackoff: number;
  recurringTime: number;
  deadline: number;
  timeout: number;
  errorMessage: string;
  errorCode: string;
  customHeaders: Record<string, string>;
  variables: VariableDocument;
  elementId: string;
  elementInstanceKey: Key;
  processInstanceKey: Key;
  bpmnProcessId: string;
  processDefinitionVersion: number;
  processDefinitionKey: Key;
  tenantId: string;
  /** Absent on element jobs (BPMN_ELEMENT); listener and ad-hoc subprocess jobs carry their kind. */
  jobKind?: 'BPMN_ELEMENT' | 'EXECUTION_LISTENER' | 'TASK_LISTENER' | 'AD_HOC_SUB_PROCESS';
  jobListenerEventType?: JobListenerEventType;
  /** A task listener's verdict or an ad-hoc subprocess worker's decision, on COMPLETE and COMPLETED only. */
  result?: JobResult;
}

export type JobListenerEventType =
  'UNSPECIFIED' | 'START' | 'END' | 'CREATING' | 'ASSIGNING' | 'UPDATING' | 'COMPLETING' | 'CANCELING';

/** User task attributes a task listener may correct, by their record names. */
export interface UserTaskCorrections {
  assignee?: string;
  dueDate?: string;
  followUpDate?: string;
  candidateGroupsList?: string[];
  candidateUsersList?: string[];
  priority?: number;
}

export interface JobResult {
  /** Absent on a task listener's result (USER_TASK). */
  type?: 'USER_TASK' | 'AD_HOC_SUB_PROCESS';
  denied: boolean;
  deniedReason: string;
  /** Names of the corrected attributes (record names), in the order given. */
  correctedAttributes: (keyof UserTaskCorrections)[];
  corrections: UserTaskCorrections;
  /** An ad-hoc subprocess job's result: the inner elements to activate, each with its inner instance's variables. */
  activateElements?: AdHocActivateElement[];
  isCompletionConditionFulfilled?: boolean;
  isCancelRemainingInstances?: boolean;
}

export interface AdHocActivateElement {
  elementId: string;
  variables: VariableDocument;
}

/**
 * AD_HOC_SUB_PROCESS_INSTRUCTION: ACTIVATE (the REST activation, or an ad-hoc subprocess job's result) and
 * COMPLETE (a job result that fulfils the completion condition), each answered by its event or a rejection.
 */
export interface AdHocSubProcessInstructionValue {
  adHocSubProcessInstanceKey: string;
  activateElements: AdHocActivateElement[];
  cancelRemainingInstances: boolean;
  completionConditionFulfilled: boolean;
  tenantId: string;
}

export interface JobBatchValue {
  type: string;
  worker: string;
  timeout: number;
  maxJobsToActivate: number;
  fetchVariables: string[];
  jobKeys: Key[];
  /** Filled for the response only; jobs with their variables are not journaled. */
  jobs: JobValue[];
  truncated: boolean;
  tenantIds: string[];
}
