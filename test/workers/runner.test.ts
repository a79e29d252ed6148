// The worker runtime against the real engine over gRPC: a handler's acknowledgement decides what happens to the
// job — completion with typed variables, a BPMN error caught by the boundary event, failures retried with
// exponential back-off until the incident, an incident at once for variables the handler cannot use.
import { z } from 'zod';
import { BusinessError, defineHandler } from '../../workers/runtime/handler';
import { startBench, type Bench } from './support/harness';

let bench: Bench;
beforeAll(async () => {
  bench = await startBench();
  await bench.deployFixture('runner-probe.bpmn');
});
afterAll(() => bench.close());

async function waitFor(condition: () => boolean, timeoutMs = 5_000): Promise<void> {
  const until = Date.now() + timeoutMs;
  while (!condition()) {
    if (Date.now() > until) throw new Error('condition not met in time');
    await new Promise((r) => setTimeout(r, 20));
  }
}

let typeCounter = 0;
const uniqueType = (name: string) => `test.${name}.${++typeCounter}`;

function run(jobType: string, variables: Record<string, unknown> = {}) {
  return bench.zeebe.createProcessInstanceWithResult({
    bpmnProcessId: 'runner-probe',
    variables: { jobType, ...variables },
    requestTimeout: 20_000,
  });
}

describe('worker runtime', () => {
  it('completes a job with the variables the handler returns, typed by its schemas', async () => {
    const type = uniqueType('complete');
    const seen: unknown[] = [];
    const handler = defineHandler({
      type,
      variables: z.object({ amount: z.number(), unit: z.string() }),
      headers: z.object({ mode: z.literal('probe') }),
      async handle(job) {
        seen.push([job.variables.amount, job.variables.unit, job.headers.mode]);
        return job.complete({ doubled: job.variables.amount * 2, note: '已处理' });
      },
    });
    await bench.runWorkers([handler]);
    const result = await run(type, { amount: 21, unit: 'court' });
    expect(result.variables).toMatchObject({ doubled: 42, note: '已处理', outcome: 'completed' });
    expect(seen).toEqual([[21, 'court', 'probe']]);
    expect(bench.logs.some((l) => l.message === 'job completed' && l.fields.jobType === type)).toBe(true);
  });

  it.each([
    ['thrown BusinessError', true],
    ['job.bpmnError', false],
  ])('raises a BPMN error the boundary event catches (%s)', async (_label, thrown) => {
    const type = uniqueType('reject');
    const handler = defineHandler({
      type,
      variables: z.object({}),
      async handle(job) {
        if (thrown) throw new BusinessError('REJECTED', '不予受理', { reason: '不属于本单位职责' });
        return job.bpmnError('REJECTED', '不予受理', { reason: '不属于本单位职责' });
      },
    });
    await bench.runWorkers([handler]);
    const result = await run(type);
    expect(result.variables).toMatchObject({ outcome: 'rejected' });
    const error = bench.logs.find((l) => l.message === 'job raised BPMN error' && l.fields.jobType === type);
    expect(error?.fields).toMatchObject({ errorCode: 'REJECTED', reason: '不予受理' });
  });

  it('fails a throwing job with growing back-off until no retries are left, then raises an incident', async () => {
    const type = uniqueType('broken');
    const attempts: number[] = [];
    const handler = defineHandler({
      type,
      variables: z.object({}),
      backoff: { initialMs: 300, maxMs: 10_000 },
      async handle(job) {
        attempts.push(Date.now());
        if (job.retries > 0) throw new Error('数据库暂时不可用');
        return job.complete();
      },
    });
    await bench.runWorkers([handler]);
    const instance = await bench.zeebe.createProcessInstance({
      bpmnProcessId: 'runner-probe',
      variables: { jobType: type },
    });
    const incident = await bench.records.waitForEvent(
      'INCIDENT',
      'CREATED',
      (v) => String(v.processInstanceKey) === instance.processInstanceKey,
      15_000,
    );
    expect(incident.value).toMatchObject({ errorType: 'JOB_NO_RETRIES', errorMessage: '数据库暂时不可用' });
    const failed = bench.records
      .events('JOB', 'FAILED')
      .filter((r) => (r.value as unknown as { type: string }).type === type)
      .map((r) => r.value as unknown as { retries: number; retryBackoff: number });
    expect(failed.map((f) => [f.retries, f.retryBackoff])).toEqual([
      [2, 300],
      [1, 600],
      [0, 0],
    ]);
    expect(attempts).toHaveLength(3);
    expect(attempts[1] - attempts[0]).toBeGreaterThanOrEqual(280);
    expect(attempts[2] - attempts[1]).toBeGreaterThanOrEqual(580);
    await waitFor(() => bench.logs.some((l) => l.fields.jobType === type && l.level === 'error'));
    const last = bench.logs
      .filter((l) => l.fields.jobType === type && l.level !== 'debug')
      .map((l) => l.message);
    expect(last).toEqual([
      'job failed, will be retried',
      'job failed, will be retried',
      'job failed, no retries left: incident raised',
    ]);
  });

  it('raises an incident at once when the variables do not match the handler schema', async () => {
    const type = uniqueType('schema');
    let called = false;
    const handler = defineHandler({
      type,
      variables: z.object({ ledgerNumber: z.string().regex(/^ZG-\d{4}-\d{3}$/) }),
      async handle(job) {
        called = true;
        return job.complete();
      },
    });
    await bench.runWorkers([handler]);
    const instance = await bench.zeebe.createProcessInstance({
      bpmnProcessId: 'runner-probe',
      variables: { jobType: type, ledgerNumber: 17 },
    });
    const incident = await bench.records.waitForEvent(
      'INCIDENT',
      'CREATED',
      (v) => String(v.processInstanceKey) === instance.processInstanceKey,
    );
    expect(String((incident.value as unknown as { errorMessage: string }).errorMessage)).toMatch(
      /ledgerNumber: /,
    );
    expect(called).toBe(false);
  });

  it('finishes the jobs in hand before it stops', async () => {
    const type = uniqueType('slow');
    let started = false;
    const handler = defineHandler({
      type,
      variables: z.object({}),
      async handle(job) {
        started = true;
        await new Promise((r) => setTimeout(r, 300));
        return job.complete({ slow: true });
      },
    });
    const runtime = await bench.runWorkers([handler]);
    const result = run(type);
    await waitFor(() => started);
    expect(runtime.inFlight()).toBe(1);
    await runtime.stop();
    expect(runtime.inFlight()).toBe(0);
    expect((await result).variables).toMatchObject({ slow: true, outcome: 'completed' });
  });

  it('refuses two handlers for one job type', async () => {
    const handler = defineHandler({
      type: 'test.twice',
      variables: z.object({}),
      handle: async (job) => job.complete(),
    });
    await expect(bench.runWorkers([handler, handler])).rejects.toThrow(
      /two handlers for job type test.twice/,
    );
  });
});
