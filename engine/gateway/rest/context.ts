// What every route needs: the engine (commands are strongly consistent — answered after the
// engine committed them), the projections (searches, eventually consistent), long polling for
// REST job workers, and full command values built from the few fields a request carries.
import type { Router } from 'express';
import type { Engine } from '../../engine';
import type { ProjectionQueries } from '../../projections';
import type { LongPolling } from '../long-polling';
import type { ValueByType, ValueType } from '../../protocol/values';
import { DEFAULT_TENANT } from '../../protocol/values';
import { rejection } from './problems';

export interface RestContext {
  engine: Engine;
  queries: ProjectionQueries;
  polling: LongPolling;
  /** host and port of the gRPC gateway, for the topology. */
  grpc: () => { host: string; port: number };
}

export type RouteModule = (router: Router, ctx: RestContext) => void;

/** Runs a command and returns the engine's answer, or throws the rejection as a problem. */
export async function run<T extends ValueType>(
  engine: Engine,
  valueType: T,
  intent: string,
  value: ValueByType[T],
  key = -1,
): Promise<unknown> {
  const result = await engine.execute(valueType, intent, value, key);
  if (!result.ok) throw rejection(intent, result.rejectionType, result.reason);
  return result.value;
}

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
