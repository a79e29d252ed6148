// Helpers for conformance tests that drive jobs by hand through the gRPC gateway and read the
// record stream element by element: element instance keys, variables per scope, incidents.
import type { TestEngine } from './harness';
import type { EngineRecord } from '../../../engine/protocol/record';

export interface Activation {
  worker?: string;
  timeout?: number;
  max?: number;
  requestTimeout?: number;
  fetchVariable?: string[];
}

/** ActivateJobs (long polling until at least one job is there or the request times out). */
export function activate(t: TestEngine, type: string, opts: Activation = {}) {
  return t.zeebe.activateJobs({
    type,
    worker: opts.worker ?? 'tester',
    maxJobsToActivate: opts.max ?? 10,
    timeout: opts.timeout ?? 60_000,
    requestTimeout: opts.requestTimeout ?? 2_000,
    ...(opts.fetchVariable ? { fetchVariable: opts.fetchVariable } : {}),
  });
}

/** Activates exactly one job of the type; fails the test when none comes. */
export async function nextJob(t: TestEngine, type: string, opts: Activation = {}) {
  const jobs = await activate(t, type, { ...opts, max: 1 });
  if (jobs.length !== 1) throw new Error(`expected a job of type '${type}', but got ${jobs.length}`);
  return jobs[0];
}

/** Activates the next job of the type and completes it with the variables. */
export async function completeNext(t: TestEngine, type: string, variables: Record<string, unknown> = {}) {
  const job = await nextJob(t, type);
  await t.zeebe.completeJob({ jobKey: job.key, variables: variables as never });
  return job;
}

function isPi(r: EngineRecord): r is EngineRecord<'PROCESS_INSTANCE'> {
  return r.recordType === 'EVENT' && r.valueType === 'PROCESS_INSTANCE';
}

/** Keys of the element instances of an element (in activation order), in any process instance. */
export function elementKeys(
  t: TestEngine,
  elementId: string,
  processInstanceKey?: number | string,
): number[] {
  return t.records.all
    .filter(
      (r) =>
        isPi(r) &&
        r.intent === 'ELEMENT_ACTIVATING' &&
        r.value.elementId === elementId &&
        (processInstanceKey === undefined || r.value.processInstanceKey === Number(processInstanceKey)),
    )
    .map((r) => r.key);
}

export function elementKey(t: TestEngine, elementId: string, processInstanceKey?: number | string): number {
  const keys = elementKeys(t, elementId, processInstanceKey);
  if (keys.length !== 1) throw new Error(`expected one instance of '${elementId}', found ${keys.length}`);
  return keys[0];
}

/** Waits for a lifecycle event of an element (the first one, or the one in the given instance). */
export function waitForElement(
  t: TestEngine,
  elementId: string,
  intent: string,
  processInstanceKey?: number | string,
) {
  return t.records.waitFor(
    (r) =>
      isPi(r) &&
      r.intent === intent &&
      r.value.elementId === elementId &&
      (processInstanceKey === undefined || r.value.processInstanceKey === Number(processInstanceKey)),
    5_000,
    `${elementId}:${intent}`,
  ) as Promise<EngineRecord<'PROCESS_INSTANCE'>>;
}

/** Variables of one scope as last written (parsed), from the VARIABLE records. */
export function scopeVariables(t: TestEngine, scopeKey: number): Record<string, unknown> {
  const out: Record<string, unknown> = {};
  for (const r of t.records.events('VARIABLE'))
    // a MIGRATED record carries no value (the variable did not change)
    if (r.value.scopeKey === scopeKey && r.intent !== 'MIGRATED')
      out[r.value.name] = JSON.parse(r.value.value);
  return out;
}

/** `name@scopeKey=value` of every VARIABLE event of an instance, in order (CREATED and UPDATED). */
export function variableWrites(t: TestEngine, processInstanceKey: number | string) {
  return t.records
    .events('VARIABLE')
    .filter((r) => r.value.processInstanceKey === Number(processInstanceKey))
    .map((r) => ({
      intent: r.intent,
      name: r.value.name,
      scopeKey: r.value.scopeKey,
      value: JSON.parse(r.value.value) as unknown,
    }));
}

export function incidents(t: TestEngine, processInstanceKey: number | string) {
  return t.records
    .events('INCIDENT', 'CREATED')
    .filter((r) => r.value.processInstanceKey === Number(processInstanceKey));
}

export async function waitForIncident(t: TestEngine, processInstanceKey: number | string, nth = 1) {
  await t.records.waitFor(
    () => incidents(t, processInstanceKey).length >= nth,
    5_000,
    `incident #${nth} of ${processInstanceKey}`,
  );
  return incidents(t, processInstanceKey)[nth - 1];
}

/** The gRPC status code of a failed SDK call (the SDK rejects with the grpc-js error). */
export async function grpcError(call: Promise<unknown>): Promise<{ code: number; message: string }> {
  try {
    await call;
  } catch (e) {
    const err = e as { code?: number; message?: string };
    return { code: err.code ?? -1, message: err.message ?? String(e) };
  }
  throw new Error('expected the call to fail, but it succeeded');
}

export const Status = {
  INVALID_ARGUMENT: 3,
  NOT_FOUND: 5,
  ALREADY_EXISTS: 6,
  FAILED_PRECONDITION: 9,
} as const;
