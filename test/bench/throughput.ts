// Throughput: instances of start → service task → end per second through the gRPC gateway, with
// the SDK's streaming worker completing the jobs and the durable journal. A window of concurrent
// CreateProcessInstance calls keeps the engine busy; an instance counts when its job completion
// was acknowledged (the instance completes in the same processing step).
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import {
  JOB_TYPE,
  LoadMeter,
  benchVariables,
  cpuSecondsOf,
  deployBenchProcess,
  mainThreadCpuSecondsOf,
  ownCpuSeconds,
  percentile,
  projectionsCaughtUp,
  restAddressOf,
  startBenchEngine,
  zeebeClient,
  type BenchEngineOptions,
} from './support';

export interface ThroughputResult {
  instances: number;
  seconds: number;
  perSecond: number;
  /** CPU milliseconds per instance: the engine process, and the client (SDK) process. */
  engineCpuMs: number;
  /** Of the engine's CPU, what its main thread (the event loop: processing, gateways, in-process readers) used. */
  engineMainThreadCpuMs: number;
  clientCpuMs: number;
  /** Job created in the engine → in the worker's hands, under this load (ms). */
  pushP50: number;
  pushP99: number;
  others: { cores: number; loadavg: number };
}

const TIMEOUT = 60_000;

export async function measureThroughput(
  instances: number,
  window: number,
  options: BenchEngineOptions,
): Promise<ThroughputResult> {
  const dir = mkdtempSync(join(tmpdir(), 'zhuanban-bench-'));
  const engine = await startBenchEngine(dir, options);
  const zeebe = zeebeClient(engine.address);
  try {
    await deployBenchProcess(zeebe);
    const worker = new Worker(zeebe);
    await worker.open();
    // Warm-up: connections, JIT, model cache.
    await worker.run(Math.min(2_000, instances / 5), window);
    const pid = engine.child.pid!;
    const load = new LoadMeter([pid]);
    const engineCpu0 = cpuSecondsOf(pid);
    const mainCpu0 = mainThreadCpuSecondsOf(pid);
    const clientCpu0 = ownCpuSeconds();
    const started = performance.now();
    const push = await worker.run(instances, window);
    const seconds = (performance.now() - started) / 1000;
    // The engine's CPU includes applying these instances to the searches, wherever that runs.
    if (options.rest) await projectionsCaughtUp(restAddressOf(engine.readyLine));
    push.sort((a, b) => a - b);
    return {
      instances,
      seconds,
      perSecond: instances / seconds,
      engineCpuMs: ((cpuSecondsOf(pid) - engineCpu0) * 1000) / instances,
      engineMainThreadCpuMs: ((mainThreadCpuSecondsOf(pid) - mainCpu0) * 1000) / instances,
      clientCpuMs: ((ownCpuSeconds() - clientCpu0) * 1000) / instances,
      pushP50: percentile(push, 50),
      pushP99: percentile(push, 99),
      others: load.others(),
    };
  } finally {
    await zeebe.close();
    await engine.kill('SIGTERM');
    rmSync(dir, { recursive: true, force: true });
  }
}

/** A streaming worker completing bench jobs, and a creator keeping `window` creations in flight. */
class Worker {
  private push: number[] = [];
  private completed = 0;
  private target = 0;
  private done: () => void = () => undefined;

  constructor(private readonly zeebe: ReturnType<typeof zeebeClient>) {}

  async open(): Promise<void> {
    await this.zeebe.streamJobs({
      type: JOB_TYPE,
      worker: 'bench',
      timeout: TIMEOUT,
      tenantIds: [],
      taskHandler: (job) => {
        this.push.push(Date.now() - (Number(job.deadline) - TIMEOUT));
        return job.complete({ checked: true }).then((ack) => {
          if (++this.completed === this.target) this.done();
          return ack;
        });
      },
    });
  }

  /** Creates `count` instances; resolves with the push latencies (ms) when all jobs are completed. */
  async run(count: number, window: number): Promise<number[]> {
    this.push = [];
    this.completed = 0;
    this.target = count;
    const allDone = new Promise<void>((resolve) => (this.done = resolve));
    let created = 0;
    const creator = async () => {
      while (created < count) {
        created++;
        await this.zeebe.createProcessInstance({
          bpmnProcessId: 'bench',
          variables: benchVariables(created),
        });
      }
    };
    await Promise.all(Array.from({ length: window }, creator));
    await allDone;
    return this.push;
  }
}
