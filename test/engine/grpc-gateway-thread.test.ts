// The gRPC gateway runs in a thread of its own (engine/gateway/grpc/gateway-host.ts). Should that thread die,
// the engine starts it again on the same port, and nothing the dead thread held — a job stream, a waiting
// long-polling activation — keeps a job from the workers that come after. The thread is ended here with
// Worker.terminate(), the one way to kill it from outside; everything else is the real engine and SDK.
import { chain, serviceTask } from './support/bpmn';
import { engineForEachTest, startTestEngine } from './support/harness';

const logs: string[] = [];
const t = engineForEachTest({ log: (line) => logs.push(line) });

const simple = chain('simple', serviceTask('task', 'work'));

async function killGatewayThread(): Promise<void> {
  const before = t.server.grpcGateway.thread!;
  await before.terminate();
  const deadline = Date.now() + 10_000;
  while (t.server.grpcGateway.thread === before || !(await answers())) {
    if (Date.now() > deadline) throw new Error('the gateway did not come back');
    await new Promise((r) => setTimeout(r, 50));
  }
}

async function answers(): Promise<boolean> {
  try {
    await t.zeebe.topology();
    return true;
  } catch {
    return false;
  }
}

describe('the gRPC gateway thread', () => {
  it('is started again on the same port when it dies, and a polling worker carries on', async () => {
    await t.deploy({ name: 'simple.bpmn', content: simple });
    const port = t.server.grpcPort;
    const done: string[] = [];
    const worker = t.zeebe.createWorker({
      taskType: 'work',
      pollInterval: 100,
      // Counted when the completion was answered: killed before that, the gateway would leave the SDK
      // to send it again, and the engine to reject the second one (the job is gone).
      taskHandler: async (job) => {
        const answer = await job.complete();
        done.push(job.processInstanceKey);
        return answer;
      },
    });
    try {
      const first = await t.zeebe.createProcessInstance({ bpmnProcessId: 'simple', variables: {} });
      const deadline = Date.now() + 5_000;
      while (done.length === 0 && Date.now() < deadline) await new Promise((r) => setTimeout(r, 20));

      await killGatewayThread();
      expect(t.server.grpcGateway.port).toBe(port);
      expect(logs.some((l) => /gRPC gateway: the thread ended .*starting it again on port/.test(l))).toBe(
        true,
      );

      const second = await t.zeebe.createProcessInstance({ bpmnProcessId: 'simple', variables: {} });
      await t.records.waitForInstanceEnd(second.processInstanceKey);
      while (done.length < 2 && Date.now() < deadline + 10_000) await new Promise((r) => setTimeout(r, 20));
      expect(t.records.all.filter((r) => r.recordType === 'COMMAND_REJECTION')).toEqual([]);
      expect(done).toEqual([first.processInstanceKey, second.processInstanceKey]);
    } finally {
      await worker.close();
    }
  });

  it('drops the streams of a dead thread, so that no job is pushed to a call that is gone', async () => {
    await t.deploy({ name: 'simple.bpmn', content: simple });
    t.zeebe.streamJobs({
      type: 'work',
      worker: 'streamer',
      timeout: 30_000,
      tenantIds: [],
      taskHandler: (job) => job.complete(),
    });
    const deadline = Date.now() + 5_000;
    while (!t.server.engine.streams.has('work') && Date.now() < deadline)
      await new Promise((r) => setTimeout(r, 20));
    expect(t.server.engine.streams.size).toBe(1);

    const streamsAtExit = new Promise<number>((resolve) =>
      t.server.grpcGateway.thread!.once('exit', () => resolve(t.server.engine.streams.size)),
    );
    await killGatewayThread();
    expect(await streamsAtExit).toBe(0);

    // Pushed to the dead stream, the job would wait out its 30 s timeout; a worker after the restart gets it.
    const worker = t.zeebe.createWorker({
      taskType: 'work',
      pollInterval: 100,
      taskHandler: (job) => job.complete(),
    });
    try {
      const { processInstanceKey } = await t.zeebe.createProcessInstance({
        bpmnProcessId: 'simple',
        variables: {},
      });
      await t.records.waitForInstanceEnd(processInstanceKey, 10_000);
    } finally {
      await worker.close();
    }
  });

  it('lets no long-polling activation of a dead thread take the job that comes next', async () => {
    await t.deploy({ name: 'simple.bpmn', content: simple });
    const waiting = t.zeebe
      .activateJobs({
        type: 'work',
        worker: 'gone',
        maxJobsToActivate: 1,
        timeout: 30_000,
        requestTimeout: 60_000,
      })
      .then(
        (jobs) => jobs.length,
        () => 'failed',
      );
    await new Promise((r) => setTimeout(r, 200));
    await killGatewayThread();
    expect(await waiting).toBe('failed');

    const { processInstanceKey } = await t.zeebe.createProcessInstance({
      bpmnProcessId: 'simple',
      variables: {},
    });
    const [job] = await t.zeebe.activateJobs({
      type: 'work',
      worker: 'after',
      maxJobsToActivate: 1,
      timeout: 30_000,
      requestTimeout: 5_000,
    });
    expect(job?.processInstanceKey).toBe(processInstanceKey);
    expect(t.records.events('JOB_BATCH', 'ACTIVATED').map((r) => r.value.worker)).toEqual(['after']);
  });

  it('ends by itself when the engine closes, though workers are still connected: it is never terminated', async () => {
    // Worker.terminate() while HTTP/2 reads a socket can abort the whole process (nodejs/node#38418): a closing
    // engine lets the thread end once its server has shut down. A terminated thread exits with code 1.
    const own: string[] = [];
    const e = await startTestEngine({ log: (line) => own.push(line) });
    await e.deploy({ name: 'simple.bpmn', content: simple });
    e.zeebe.streamJobs({
      type: 'work',
      worker: 'streamer',
      timeout: 30_000,
      tenantIds: [],
      taskHandler: (job) => job.complete(),
    });
    const polling = e.zeebe
      .activateJobs({
        type: 'idle',
        worker: 'poller',
        maxJobsToActivate: 1,
        timeout: 30_000,
        requestTimeout: 60_000,
      })
      .catch(() => []);
    const deadline = Date.now() + 5_000;
    while (!e.server.engine.streams.has('work') && Date.now() < deadline)
      await new Promise((r) => setTimeout(r, 20));
    const exitCode = new Promise<number>((resolve) => e.server.grpcGateway.thread!.once('exit', resolve));
    try {
      await e.server.close();
      expect(await exitCode).toBe(0);
      expect(own.filter((l) => l.includes('gRPC gateway'))).toEqual([]);
    } finally {
      await e.zeebe.close();
      await polling;
    }
  });
});
