// Engine values → the gateway protocol's messages (int64 as decimal strings, JSON as text).
import type { ActivatedJob } from '../../processors/job/streams';

export function toActivatedJob(job: ActivatedJob) {
  const v = job.value;
  return {
    key: String(job.key),
    type: v.type,
    processInstanceKey: String(v.processInstanceKey),
    bpmnProcessId: v.bpmnProcessId,
    processDefinitionVersion: v.processDefinitionVersion,
    processDefinitionKey: String(v.processDefinitionKey),
    elementId: v.elementId,
    elementInstanceKey: String(v.elementInstanceKey),
    customHeaders: JSON.stringify(v.customHeaders),
    worker: v.worker,
    retries: v.retries,
    deadline: String(v.deadline),
    variables: job.variables,
    tenantId: v.tenantId,
  };
}

/** Reads an int64 field (decimal string with longs: String); undefined when absent or zero. */
export function int64(raw: unknown): number {
  if (typeof raw === 'number') return raw;
  if (typeof raw === 'string' && raw !== '') return Number(raw);
  return 0;
}
