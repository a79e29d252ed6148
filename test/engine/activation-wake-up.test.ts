// The lost wake-up of long-polling job activation (ZEEBE-SEMANTICS §4.3): a job that becomes
// activatable while the request's first, empty attempt is in flight must still wake the request.
// The gateways' test seam runs exactly inside that window: after the empty attempt, before the
// request decides to wait. There the test creates the job and waits until the engine has
// committed it and announced it, so the interleaving happens on every run, not one time in three.
import type { ActivationRequest } from '../../engine/gateway/long-polling';
import { chain, serviceTask } from './support/bpmn';
import { RecordStream } from './support/records';
import { jobBatchValue } from '../../engine/protocol/defaults';
import { startRestEngine, type RestTestEngine } from './rest/support/rest-harness';

jest.setTimeout(20_000);

const REQUEST_TIMEOUT = 6_000;

let t: RestTestEngine;
let records: RecordStream;
/** The types whose first empty attempt creates a job inside the window (once per type). */
const armed = new Set<string>();
const windowsHit: string[] = [];
const emptyAttempts: string[] = [];

async function createJobInsideWindow(request: ActivationRequest): Promise<void> {
  emptyAttempts.push(request.type);
  if (!armed.delete(request.type)) return;
  windowsHit.push(request.type);
  const { processInstanceKey } = await t.zeebe.createProcessInstance({
    bpmnProcessId: request.type,
    variables: {},
  });
  await records.waitForEvent('JOB', 'CREATED', (v) => v.processInstanceKey === Number(processInstanceKey));
  // The engine announced the job in the same commit callback that delivered the record.
  await new Promise((resolve) => setImmediate(resolve));
}

beforeEach(async () => {
  armed.clear();
  windowsHit.length = 0;
  emptyAttempts.length = 0;
  t = await startRestEngine({ afterEmptyActivation: createJobInsideWindow });
  records = new RecordStream(t.server.engine);
  for (const type of ['grpc-fresh', 'rest-fresh', 'twice'])
    await t.deploy({ name: `${type}.bpmn`, content: chain(type, serviceTask('task', type)) });
});
afterEach(async () => {
  await t.close();
});

it('gRPC ActivateJobs gets a job created between its empty attempt and its wait, without waiting out its timeout', async () => {
  armed.add('grpc-fresh');
  const started = Date.now();
  const jobs = await t.zeebe.activateJobs({
    type: 'grpc-fresh',
    worker: 'w',
    maxJobsToActivate: 1,
    timeout: 60_000,
    requestTimeout: REQUEST_TIMEOUT,
  });
  expect(windowsHit).toEqual(['grpc-fresh']);
  expect(jobs).toHaveLength(1);
  expect(Date.now() - started).toBeLessThan(REQUEST_TIMEOUT / 2);
});

it('REST POST /v2/jobs/activation gets a job created between its empty attempt and its wait', async () => {
  armed.add('rest-fresh');
  const started = Date.now();
  const res = await t.http('POST', '/v2/jobs/activation', {
    type: 'rest-fresh',
    worker: 'w',
    maxJobsToActivate: 1,
    timeout: 60_000,
    requestTimeout: REQUEST_TIMEOUT,
  });
  expect(res.status).toBe(200);
  expect(windowsHit).toEqual(['rest-fresh']);
  expect((res.json.jobs as unknown[]).length).toBe(1);
  expect(Date.now() - started).toBeLessThan(REQUEST_TIMEOUT / 2);
});

it('a job announced while a woken request retries in vain makes it try again', async () => {
  // The request waits (its first attempt found nothing). Job J wakes it, but an activation queued
  // ahead of its retry takes J; job K is created inside the window after that empty retry.
  const waiting = t.zeebe.activateJobs({
    type: 'twice',
    worker: 'waiting',
    maxJobsToActivate: 1,
    timeout: 60_000,
    requestTimeout: REQUEST_TIMEOUT,
  });
  while (!emptyAttempts.includes('twice')) await new Promise((r) => setTimeout(r, 5));
  let stolen: Promise<unknown> | undefined;
  const stop = t.server.engine.onRecords((batch) => {
    if (stolen) return;
    const j = batch.find((r) => r.valueType === 'JOB' && r.intent === 'CREATED');
    if (!j) return;
    // Queued before the woken request's retry, which the engine asks for after these listeners.
    stolen = t.server.engine.execute(
      'JOB_BATCH',
      'ACTIVATE',
      jobBatchValue({ type: 'twice', worker: 'thief', timeout: 60_000, maxJobsToActivate: 1 }),
    );
    armed.add('twice');
  });
  const started = Date.now();
  await t.zeebe.createProcessInstance({ bpmnProcessId: 'twice', variables: {} });
  const jobs = await waiting;
  stop();
  expect(await stolen).toMatchObject({ ok: true, value: [expect.anything()] });
  expect(windowsHit).toEqual(['twice']);
  expect(emptyAttempts).toEqual(['twice', 'twice']);
  expect(jobs).toHaveLength(1);
  expect(jobs[0].worker).toBe('waiting');
  expect(Date.now() - started).toBeLessThan(REQUEST_TIMEOUT / 2);
});
