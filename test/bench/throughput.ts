// Throughput: instances of start → service task → end per second through the gRPC gateway, with
// the SDK's streaming worker completing the jobs and the durable journal. The load comes from `clients`
// client processes (bench-client.ts), each with its own SDK client and connection, a streaming worker
// and its share of a window of concurrent CreateProcessInstance calls — as Zeebe's benchmarks use
// several starters and workers, so that one client process's CPU (about twice the engine's per instance)
// does not bound the figure. An instance counts when its job completion was acknowledged (the instance
// completes in the same processing step); the time runs from the start signal to the last acknowledgement.
import { fork, type ChildProcess } from 'node:child_process';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import {
  LoadMeter,
  cpuSecondsOf,
  deployBenchProcess,
  mainThreadCpuSecondsOf,
  percentile,
  projectionsCaughtUp,
  restAddressOf,
  startBenchEngine,
  zeebeClient,
  type BenchEngineOptions,
} from './support';
import type { FromClient, ToClient } from './bench-client';

export interface ThroughputResult {
  instances: number;
  seconds: number;
  perSecond: number;
  clients: number;
  /** CPU milliseconds per instance: the engine process, and the client (SDK) processes together. */
  engineCpuMs: number;
  /** Of the engine's CPU, what its main thread (the event loop: processing, gateways, in-process readers) used. */
  engineMainThreadCpuMs: number;
  clientCpuMs: number;
  /** Job created in the engine → in the worker's hands, under this load (ms). */
  pushP50: number;
  pushP99: number;
  others: { cores: number; loadavg: number };
}

export async function measureThroughput(
  instances: number,
  window: number,
  options: BenchEngineOptions & { clients?: number },
): Promise<ThroughputResult> {
  const dir = mkdtempSync(join(tmpdir(), 'zhuanban-bench-'));
  const engine = await startBenchEngine(dir, options);
  const clients = new Clients(options.clients ?? 1);
  try {
    const zeebe = zeebeClient(engine.address);
    await deployBenchProcess(zeebe);
    await zeebe.close();
    await clients.open(engine.address);
    // Warm-up: connections, JIT, model cache.
    await clients.run(Math.min(2_000, instances / 5), window, 0);
    const pid = engine.child.pid!;
    const load = new LoadMeter([pid, ...clients.pids]);
    const engineCpu0 = cpuSecondsOf(pid);
    const mainCpu0 = mainThreadCpuSecondsOf(pid);
    const clientCpu0 = (await clients.report()).cpuSeconds;
    const started = performance.now();
    await clients.run(instances, window, 1_000_000);
    const seconds = (performance.now() - started) / 1000;
    // The engine's CPU includes applying these instances to the searches, wherever that runs.
    if (options.rest) await projectionsCaughtUp(restAddressOf(engine.readyLine));
    const after = await clients.report();
    const push = after.push.sort((a, b) => a - b);
    return {
      instances,
      clients: clients.pids.length,
      seconds,
      perSecond: instances / seconds,
      engineCpuMs: ((cpuSecondsOf(pid) - engineCpu0) * 1000) / instances,
      engineMainThreadCpuMs: ((mainThreadCpuSecondsOf(pid) - mainCpu0) * 1000) / instances,
      clientCpuMs: ((after.cpuSeconds - clientCpu0) * 1000) / instances,
      pushP50: percentile(push, 50),
      pushP99: percentile(push, 99),
      others: load.others(),
    };
  } finally {
    await clients.close();
    await engine.kill('SIGTERM');
    rmSync(dir, { recursive: true, force: true });
  }
}

/** The client processes, driven over IPC. */
class Clients {
  private readonly children: ChildProcess[];
  private completed = 0;
  private target = Infinity;
  private onDone: () => void = () => undefined;
  private waiters: ((m: FromClient) => void)[][];

  constructor(count: number) {
    this.children = Array.from({ length: count }, () =>
      fork(join(__dirname, 'bench-client.ts'), [], { execArgv: ['--import', 'tsx'], stdio: 'ignore' }),
    );
    this.waiters = this.children.map(() => []);
    this.children.forEach((child, i) =>
      child.on('message', (m: FromClient) => {
        if (m.kind === 'completed') {
          this.completed += m.n;
          if (this.completed >= this.target) this.onDone();
        } else if (m.kind === 'failed') {
          throw new Error(`bench client ${child.pid} failed: ${m.message}`);
        } else {
          this.waiters[i].shift()?.(m);
        }
      }),
    );
  }

  get pids(): number[] {
    return this.children.map((c) => c.pid!);
  }

  /** Sends `m` to client `i`; resolves with its next answer other than a completion count. */
  private ask<K extends FromClient['kind']>(
    i: number,
    m: ToClient,
  ): Promise<Extract<FromClient, { kind: K }>> {
    return new Promise((resolve) => {
      this.waiters[i].push(resolve as (m: FromClient) => void);
      this.children[i].send(m);
    });
  }

  async open(address: string): Promise<void> {
    await Promise.all(this.children.map((_, i) => this.ask<'ready'>(i, { kind: 'open', address })));
  }

  /** Creates `count` instances over all clients; resolves when all their jobs were completed. */
  async run(count: number, window: number, offset: number): Promise<void> {
    this.completed = 0;
    this.target = count;
    const done = new Promise<void>((resolve) => (this.onDone = resolve));
    const n = this.children.length;
    await Promise.all(
      this.children.map((_, i) => {
        const share = Math.floor(count / n) + (i < count % n ? 1 : 0);
        const m: ToClient = {
          kind: 'run',
          count: share,
          window: Math.ceil(window / n),
          offset: offset + i * count,
        };
        return this.ask<'created'>(i, m);
      }),
    );
    await done;
  }

  /** CPU seconds of all clients so far, and the push latencies of the last run. */
  async report(): Promise<{ cpuSeconds: number; push: number[] }> {
    const reports = await Promise.all(this.children.map((_, i) => this.ask<'report'>(i, { kind: 'report' })));
    return {
      cpuSeconds: reports.reduce((s, r) => s + r.cpuSeconds, 0),
      push: reports.flatMap((r) => r.push),
    };
  }

  async close(): Promise<void> {
    await Promise.all(
      this.children.map(
        (child) =>
          new Promise<void>((resolve) => {
            if (child.exitCode !== null) return resolve();
            child.once('exit', () => resolve());
            child.send({ kind: 'close' } satisfies ToClient);
          }),
      ),
    );
  }
}
