// What survives a SIGKILL of `zhuanban engine` and what happens when it starts again on the same
// data directory: a job activated by a worker that died times out and is handed out again, a timer
// that fell due while the engine was down fires at start, buffered messages (and their messageId
// uniqueness) are still there, and a message whose time to live ran out meanwhile is gone.
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { Camunda8 } from '@camunda8/sdk';
import type { ZeebeGrpcClient } from '@camunda8/sdk/dist/zeebe';
import { chain, definitions, process as bpmnProcess, serviceTask } from './support/bpmn';
import { event, message, messageDef, path, timerDef } from './support/events';
import { noReadyDebounce, sdkConfig, within } from './support/harness';
import { readJournal, startEngineProcess, type EngineProcess } from './support/engine-process';

jest.setTimeout(60_000);

let dir: string;
const engines: EngineProcess[] = [];
const clients: ZeebeGrpcClient[] = [];
beforeEach(() => {
  dir = mkdtempSync(join(tmpdir(), 'zhuanban-restart-'));
});
afterEach(async () => {
  for (const e of engines.splice(0)) if (e.child.exitCode === null) await e.kill('SIGKILL');
  await Promise.all(clients.splice(0).map((c) => within(c.close(), 2_000)));
  rmSync(dir, { recursive: true, force: true });
});

async function start(): Promise<{ engine: EngineProcess; zeebe: ZeebeGrpcClient }> {
  const engine = await startEngineProcess(dir, ['--rest-port', 'off']);
  engines.push(engine);
  const settings = {
    ...noReadyDebounce.zeebeGrpcSettings,
    ZEEBE_GRPC_CLIENT_RETRY: false,
    ZEEBE_CLIENT_LOG_LEVEL: 'NONE',
  };
  const zeebe = new Camunda8({
    ...sdkConfig(engine.address),
    zeebeGrpcSettings: settings,
  } as never).getZeebeGrpcApiClient();
  clients.push(zeebe);
  return { engine, zeebe };
}

function activate(zeebe: ZeebeGrpcClient, type: string, timeout: number, requestTimeout: number) {
  return zeebe.activateJobs({ type, worker: 'restart-test', maxJobsToActivate: 10, timeout, requestTimeout });
}

const sleep = (ms: number) => new Promise((r) => setTimeout(r, ms));

it('hands a job out again after restart when the worker that activated it died and its time-out passed', async () => {
  const first = await start();
  await first.zeebe.deployResource({
    process: Buffer.from(chain('job-restart', serviceTask('task', 'fragile'))),
    name: 'j.bpmn',
  });
  const { processInstanceKey } = await first.zeebe.createProcessInstance({
    bpmnProcessId: 'job-restart',
    variables: { x: 1 },
  });
  const [job] = await activate(first.zeebe, 'fragile', 3_000, 5_000);
  expect(job.processInstanceKey).toBe(processInstanceKey);
  await first.engine.kill('SIGKILL'); // the worker holding the job is gone too

  const second = await start();
  const again = await activate(second.zeebe, 'fragile', 60_000, 10_000);
  expect(again.map((j) => j.key)).toEqual([job.key]);
  expect(again[0]).toMatchObject({ retries: job.retries, variables: { x: 1 } });
  expect(Date.now()).toBeGreaterThanOrEqual(Number(job.deadline));
  await second.zeebe.completeJob({ jobKey: job.key, variables: { done: true } });
  await expect(second.engine.kill('SIGTERM')).resolves.toEqual({ code: 0, signal: null });

  const records = readJournal(dir);
  const timedOut = records.find((r) => r.valueType === 'JOB' && r.intent === 'TIMED_OUT');
  expect(String(timedOut?.key)).toBe(job.key);
  expect(
    records.some(
      (r) =>
        r.recordType === 'EVENT' &&
        r.valueType === 'PROCESS_INSTANCE' &&
        r.intent === 'ELEMENT_COMPLETED' &&
        String(r.key) === processInstanceKey,
    ),
  ).toBe(true);
});

it('fires at start a timer that fell due while the engine was down', async () => {
  const xml = definitions(
    bpmnProcess(
      'timer-restart',
      path(
        'f',
        event('startEvent', 'start'),
        event('intermediateCatchEvent', 'wait', timerDef('timeDuration', 'PT2S')),
        serviceTask('after', 'after-timer'),
        event('endEvent', 'end'),
      ),
    ),
  );
  const first = await start();
  await first.zeebe.deployResource({ process: Buffer.from(xml), name: 't.bpmn' });
  const { processInstanceKey } = await first.zeebe.createProcessInstance({
    bpmnProcessId: 'timer-restart',
    variables: {},
  });
  await first.engine.kill('SIGKILL');
  const timer = readJournal(dir).find((r) => r.valueType === 'TIMER' && r.intent === 'CREATED')!;
  const due = (timer.value as { dueDate: number }).dueDate;
  await sleep(Math.max(0, due - Date.now()) + 300);

  const restartedAt = Date.now();
  const second = await start();
  const jobs = await activate(second.zeebe, 'after-timer', 60_000, 10_000);
  expect(jobs.map((j) => j.processInstanceKey)).toEqual([processInstanceKey]);
  await second.engine.kill('SIGTERM');

  const triggered = readJournal(dir).filter((r) => r.valueType === 'TIMER' && r.intent === 'TRIGGERED');
  expect(triggered).toHaveLength(1);
  expect(triggered[0].timestamp).toBeGreaterThanOrEqual(restartedAt);
  expect(triggered[0].timestamp).toBeGreaterThanOrEqual(due);
});

it('keeps buffered messages and their messageId across a crash, and drops one whose time to live ran out meanwhile', async () => {
  const xml = definitions(
    bpmnProcess(
      'message-restart',
      path(
        'f',
        event('startEvent', 'start'),
        event('intermediateCatchEvent', 'paid', messageDef('m')),
        serviceTask('after', 'after-message'),
        event('endEvent', 'end'),
      ),
    ),
    message('m', 'order-paid', '=orderId'),
  );
  const first = await start();
  await first.zeebe.deployResource({ process: Buffer.from(xml), name: 'm.bpmn' });
  const publish = (zeebe: ZeebeGrpcClient, key: string, ttl: number) =>
    zeebe.publishMessage({
      name: 'order-paid',
      correlationKey: key,
      messageId: `paid-${key}`,
      timeToLive: ttl,
      variables: { amount: key === 'o-1' ? 42 : 7 },
    });
  await publish(first.zeebe, 'o-1', 3_600_000);
  await publish(first.zeebe, 'o-2', 1_000);
  await first.engine.kill('SIGKILL');
  await sleep(1_200);

  const second = await start();
  // o-1 is still buffered: the same messageId is refused, and a new instance takes the message.
  await expect(publish(second.zeebe, 'o-1', 3_600_000)).rejects.toThrow(/ALREADY_EXISTS/);
  const { processInstanceKey } = await second.zeebe.createProcessInstance({
    bpmnProcessId: 'message-restart',
    variables: { orderId: 'o-1' },
  });
  const jobs = await activate(second.zeebe, 'after-message', 60_000, 10_000);
  expect(jobs).toHaveLength(1);
  expect(jobs[0]).toMatchObject({ processInstanceKey, variables: { orderId: 'o-1', amount: 42 } });
  // o-2 expired while the engine was down: its messageId is free again.
  await expect(publish(second.zeebe, 'o-2', 1_000)).resolves.toHaveProperty('key');
});
