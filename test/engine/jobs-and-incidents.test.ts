// Conformance: job retries, back-off, time-outs and the incident life cycle (ZEEBE-SEMANTICS §4,
// §5, §14.10, §14.11), under a pinned engine clock so no test waits for real time.
import { chain, serviceTask } from './support/bpmn';
import { startTestEngine, type TestEngine } from './support/harness';
import {
  activate,
  completeNext,
  elementKeys,
  grpcError,
  incidents,
  nextJob,
  Status,
  waitForIncident,
} from './support/work';

let t: TestEngine;
const T0 = Date.parse('2026-03-02T08:00:00Z');

beforeEach(async () => {
  t = await startTestEngine();
  await t.pinClock(T0);
  await t.deploy({ name: 'p.bpmn', content: chain('p', serviceTask('task', 'work')) });
});
afterEach(async () => {
  await t.close();
});

async function start() {
  const { processInstanceKey } = await t.zeebe.createProcessInstance({ bpmnProcessId: 'p', variables: {} });
  return processInstanceKey;
}

/** ActivateJobs that answers at once (negative request timeout). */
function poll(worker = 'poller', timeout = 60_000) {
  return activate(t, 'work', { worker, timeout, requestTimeout: -1 });
}

describe('FailJob', () => {
  it('with retries left makes the same job activatable again with the new retries and the error message', async () => {
    await start();
    const job = await nextJob(t, 'work');
    expect(job.retries).toBe(3);
    await t.zeebe.failJob({ jobKey: job.key, retries: 2, errorMessage: 'database down', retryBackOff: 0 });
    const failed = t.records.events('JOB', 'FAILED')[0];
    expect(failed.value).toMatchObject({ retries: 2, errorMessage: 'database down' });
    const again = await nextJob(t, 'work');
    expect(again.key).toBe(job.key);
    expect(again.retries).toBe(2);
    expect(t.records.events('JOB', 'CREATED')).toHaveLength(1);
  });

  it('with a retry back-off keeps the job away until the engine clock passes the back-off', async () => {
    await start();
    const job = await nextJob(t, 'work');
    await t.zeebe.failJob({ jobKey: job.key, retries: 1, errorMessage: 'later', retryBackOff: 10_000 });
    expect(await poll()).toEqual([]);
    await t.pinClock(T0 + 9_999);
    expect(await poll()).toEqual([]);
    await t.pinClock(T0 + 10_000);
    await t.records.waitForEvent('JOB', 'RECURRED_AFTER_BACKOFF');
    const again = await poll();
    expect(again.map((j) => [j.key, j.retries])).toEqual([[job.key, 1]]);
  });

  it('with no retries left raises JOB_NO_RETRIES; the incident is resolvable only after UpdateJobRetries', async () => {
    const piKey = await start();
    const job = await nextJob(t, 'work');
    await t.zeebe.failJob({ jobKey: job.key, retries: 0, errorMessage: 'gave up', retryBackOff: 0 });
    const incident = await waitForIncident(t, piKey);
    expect(incident.value).toMatchObject({
      errorType: 'JOB_NO_RETRIES',
      errorMessage: 'gave up',
      elementId: 'task',
      jobKey: Number(job.key),
      elementInstanceKey: Number(job.elementInstanceKey),
    });
    expect(await poll()).toEqual([]);

    // The job is failed: workers cannot complete, fail or throw on it.
    for (const call of [
      t.zeebe.completeJob({ jobKey: job.key, variables: {} }),
      t.zeebe.failJob({ jobKey: job.key, retries: 1, errorMessage: 'x', retryBackOff: 0 }),
      t.zeebe.throwError({ jobKey: job.key, errorCode: 'E', errorMessage: 'x' }),
    ])
      expect((await grpcError(call)).code).toBe(Status.FAILED_PRECONDITION);

    const early = await grpcError(t.zeebe.resolveIncident({ incidentKey: String(incident.key) }));
    expect(early.code).toBe(Status.FAILED_PRECONDITION);
    expect(early.message).toMatch(
      /has no retries left\. Please update the job retries and retry resolving the incident/,
    );
    const zero = await grpcError(t.zeebe.updateJobRetries({ jobKey: job.key, retries: 0 }));
    expect(zero.code).toBe(Status.INVALID_ARGUMENT);

    await t.zeebe.updateJobRetries({ jobKey: job.key, retries: 2 });
    expect(await poll()).toEqual([]); // updating retries alone does not resolve the incident
    await t.zeebe.resolveIncident({ incidentKey: String(incident.key) });
    const again = await nextJob(t, 'work');
    expect([again.key, again.retries]).toEqual([job.key, 2]);
    await t.zeebe.completeJob({ jobKey: again.key, variables: {} });
    await t.records.waitForInstanceEnd(piKey);
    // Resolving re-enabled the job; the element was not run again.
    expect(elementKeys(t, 'task', piKey)).toHaveLength(1);
    expect(t.records.lifecycle(piKey).filter((l) => l === 'task:ELEMENT_ACTIVATED')).toHaveLength(1);
    expect(t.records.events('JOB', 'CREATED')).toHaveLength(1);
    expect(t.records.events('INCIDENT', 'RESOLVED').map((r) => r.key)).toEqual([incident.key]);
  });

  it('answers NOT_FOUND for a job that completed', async () => {
    await start();
    const job = await completeNext(t, 'work');
    const err = await grpcError(
      t.zeebe.failJob({ jobKey: job.key, retries: 1, errorMessage: 'x', retryBackOff: 0 }),
    );
    expect(err.code).toBe(Status.NOT_FOUND);
  });
});

describe('incidents of a canceled instance', () => {
  it('are resolved when the instance is canceled', async () => {
    const piKey = await start();
    const job = await nextJob(t, 'work');
    await t.zeebe.failJob({ jobKey: job.key, retries: 0, errorMessage: 'gave up', retryBackOff: 0 });
    const incident = await waitForIncident(t, piKey);
    await t.zeebe.cancelProcessInstance(piKey);
    await t.records.waitForInstanceEnd(piKey);
    expect(t.records.events('INCIDENT', 'RESOLVED').map((r) => r.key)).toEqual([incident.key]);
    expect(t.records.events('JOB', 'CANCELED').map((r) => String(r.key))).toEqual([job.key]);
  });
});

describe('job time-out (§14.11)', () => {
  it('makes the job activatable again with its retries; the slow worker’s completion then gets NOT_FOUND', async () => {
    const piKey = await start();
    const [slow] = await poll('slow', 1_000);
    expect(Number(slow.deadline)).toBe(T0 + 1_000);
    expect(await poll('fast')).toEqual([]);
    await t.pinClock(T0 + 1_000);
    await t.records.waitForEvent('JOB', 'TIMED_OUT');
    const [fast] = await poll('fast');
    expect([fast.key, fast.retries, fast.worker]).toEqual([slow.key, 3, 'fast']);
    await t.zeebe.completeJob({ jobKey: fast.key, variables: { by: 'fast' } });
    const late = await grpcError(t.zeebe.completeJob({ jobKey: slow.key, variables: { by: 'slow' } }));
    expect(late.code).toBe(Status.NOT_FOUND);
    await t.records.waitForInstanceEnd(piKey);
    expect(t.records.variables(piKey)).toEqual({ by: 'fast' });
  });

  it('UpdateJobTimeout moves the deadline to now + timeout', async () => {
    await start();
    const [job] = await poll('w', 1_000);
    await t.pinClock(T0 + 500);
    await t.zeebe.updateJobTimeout({ jobKey: job.key, timeout: 5_000 });
    expect(t.records.events('JOB', 'TIMEOUT_UPDATED')[0].value.deadline).toBe(T0 + 5_500);
    await t.pinClock(T0 + 5_499);
    expect(await poll()).toEqual([]);
    expect(t.records.events('JOB', 'TIMED_OUT')).toEqual([]);
    await t.pinClock(T0 + 5_500);
    await t.records.waitForEvent('JOB', 'TIMED_OUT');
    expect((await poll()).map((j) => j.key)).toEqual([job.key]);
  });

  it('UpdateJobTimeout answers NOT_FOUND for an unknown job and FAILED_PRECONDITION for a job that is not activated', async () => {
    await start();
    const unknown = await grpcError(t.zeebe.updateJobTimeout({ jobKey: '2251799813999999', timeout: 1_000 }));
    expect(unknown.code).toBe(Status.NOT_FOUND);
    const created = await t.records.waitForEvent('JOB', 'CREATED');
    const idle = await grpcError(t.zeebe.updateJobTimeout({ jobKey: String(created.key), timeout: 1_000 }));
    expect(idle.code).toBe(Status.FAILED_PRECONDITION);
  });
});

describe('other rejections', () => {
  it('UpdateJobRetries and ResolveIncident answer NOT_FOUND for unknown keys', async () => {
    expect((await grpcError(t.zeebe.updateJobRetries({ jobKey: '2251799813999999', retries: 1 }))).code).toBe(
      Status.NOT_FOUND,
    );
    expect((await grpcError(t.zeebe.resolveIncident({ incidentKey: '2251799813999999' }))).code).toBe(
      Status.NOT_FOUND,
    );
  });

  it('CompleteJob is accepted for a job that is activatable but was never activated', async () => {
    const piKey = await start();
    const created = await t.records.waitForEvent('JOB', 'CREATED');
    await t.zeebe.completeJob({ jobKey: String(created.key), variables: {} });
    await t.records.waitForInstanceEnd(piKey);
    expect(incidents(t, piKey)).toEqual([]);
  });
});
