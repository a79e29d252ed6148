// ActivatedJob as Zeebe 8.8's gateway.proto has it: after the SDK's fields 1–14, `optional
// UserTaskProperties userTask = 15` (a task listener's task), `JobKind kind = 16` and `ListenerEventType
// listenerEventType = 17`. The proto @camunda8/sdk ships ends at field 14, so the engine writes
// ActivateJobs and StreamActivatedJobs answers with the 8.8 messages below (a protobuf JSON descriptor, as
// in job-result.ts); clients on the SDK's proto skip the fields they do not know. Note 8.8's enum order:
// ListenerEventType's 0 is ASSIGNING, so an ordinary job must send UNSPECIFIED (6) explicitly.
import * as protoLoader from '@grpc/proto-loader';
import type { ActivatedJob } from '../../processors/job/streams';
import type { JobValue } from '../../protocol/values';

const optional = (type: string, id: number) => ({ type, id, options: { proto3_optional: true } });
const repeated = (type: string, id: number) => ({ rule: 'repeated', type, id });

const ACTIVATED_JOB_FIELDS = {
  key: { type: 'int64', id: 1 },
  type: { type: 'string', id: 2 },
  processInstanceKey: { type: 'int64', id: 3 },
  bpmnProcessId: { type: 'string', id: 4 },
  processDefinitionVersion: { type: 'int32', id: 5 },
  processDefinitionKey: { type: 'int64', id: 6 },
  elementId: { type: 'string', id: 7 },
  elementInstanceKey: { type: 'int64', id: 8 },
  customHeaders: { type: 'string', id: 9 },
  worker: { type: 'string', id: 10 },
  retries: { type: 'int32', id: 11 },
  deadline: { type: 'int64', id: 12 },
  variables: { type: 'string', id: 13 },
  tenantId: { type: 'string', id: 14 },
  userTask: optional('UserTaskProperties', 15),
  kind: { type: 'JobKind', id: 16 },
  listenerEventType: { type: 'ListenerEventType', id: 17 },
};

/** 8.8's messages, by their field numbers and enum values (zeebe/gateway-protocol gateway.proto). */
const GATEWAY_8_8: Parameters<typeof protoLoader.fromJSON>[0] = {
  nested: {
    zhuanban_activated_job_8_8: {
      nested: {
        ActivatedJob: {
          fields: ACTIVATED_JOB_FIELDS,
          nested: {
            JobKind: {
              values: { BPMN_ELEMENT: 0, EXECUTION_LISTENER: 1, TASK_LISTENER: 2, AD_HOC_SUB_PROCESS: 3 },
            },
            ListenerEventType: {
              values: {
                ASSIGNING: 0,
                CANCELING: 1,
                COMPLETING: 2,
                CREATING: 3,
                END: 4,
                START: 5,
                UNSPECIFIED: 6,
                UPDATING: 7,
              },
            },
          },
        },
        UserTaskProperties: {
          fields: {
            action: optional('string', 1),
            assignee: optional('string', 2),
            candidateGroups: repeated('string', 3),
            candidateUsers: repeated('string', 4),
            changedAttributes: repeated('string', 5),
            dueDate: optional('string', 6),
            followUpDate: optional('string', 7),
            formKey: optional('int64', 8),
            priority: optional('int32', 9),
            userTaskKey: optional('int64', 10),
          },
        },
        ActivateJobsRequest: { fields: {} },
        ActivateJobsResponse: { fields: { jobs: repeated('ActivatedJob', 1) } },
        StreamActivatedJobsRequest: { fields: {} },
        Gateway: {
          methods: {
            ActivateJobs: {
              requestType: 'ActivateJobsRequest',
              responseType: 'ActivateJobsResponse',
              responseStream: true,
              comment: '',
            },
            StreamActivatedJobs: {
              requestType: 'StreamActivatedJobsRequest',
              responseType: 'ActivatedJob',
              responseStream: true,
              comment: '',
            },
          },
        },
      },
    },
  },
};

/** The serializers of ActivateJobs' and StreamActivatedJobs' answers with 8.8's ActivatedJob. */
export function activatedJobSerializers(options: protoLoader.Options) {
  const definition = protoLoader.fromJSON(GATEWAY_8_8, options);
  const service = definition['zhuanban_activated_job_8_8.Gateway'] as protoLoader.ServiceDefinition;
  return {
    ActivateJobs: service.ActivateJobs.responseSerialize,
    StreamActivatedJobs: service.StreamActivatedJobs.responseSerialize,
  };
}

/**
 * A task listener job's task, from its reserved headers, as Zeebe's gateway reads them (ResponseMapper):
 * only headers present and non-empty are set; candidate and changed-attribute lists are JSON arrays.
 */
export function userTaskProperties(v: JobValue): Record<string, unknown> | undefined {
  if (v.jobKind !== 'TASK_LISTENER' || Object.keys(v.customHeaders).length === 0) return undefined;
  const out: Record<string, unknown> = {};
  const h = (name: string) => v.customHeaders[`io.camunda.zeebe:${name}`] || undefined;
  const list = (name: string) => {
    const text = h(name);
    return text ? (JSON.parse(text) as string[]) : [];
  };
  for (const name of ['action', 'assignee', 'dueDate', 'followUpDate'] as const) {
    if (h(name) !== undefined) out[name] = h(name);
  }
  out.candidateGroups = list('candidateGroups');
  out.candidateUsers = list('candidateUsers');
  out.changedAttributes = list('changedAttributes');
  if (h('formKey') !== undefined) out.formKey = h('formKey');
  if (h('priority') !== undefined) out.priority = Number(h('priority'));
  if (h('userTaskKey') !== undefined) out.userTaskKey = h('userTaskKey');
  return out;
}

/**
 * The int64 fields go to the serializer as numbers: keys and deadlines are below 2^53, so exact, and
 * protobufjs takes a number as it is where it had to parse a decimal string back into a Long.
 */
export function toActivatedJob(job: ActivatedJob) {
  const v = job.value;
  const userTask = userTaskProperties(v);
  return {
    key: job.key,
    type: v.type,
    processInstanceKey: v.processInstanceKey,
    bpmnProcessId: v.bpmnProcessId,
    processDefinitionVersion: v.processDefinitionVersion,
    processDefinitionKey: v.processDefinitionKey,
    elementId: v.elementId,
    elementInstanceKey: v.elementInstanceKey,
    customHeaders: JSON.stringify(v.customHeaders),
    worker: v.worker,
    retries: v.retries,
    deadline: v.deadline,
    variables: job.variables,
    tenantId: v.tenantId,
    ...(userTask ? { userTask } : {}),
    kind: v.jobKind ?? 'BPMN_ELEMENT',
    listenerEventType: v.jobListenerEventType ?? 'UNSPECIFIED',
  };
}
