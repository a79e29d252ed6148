// Search freshness under load: one-task instances are created at a steady rate through gRPC (the SDK's
// streaming worker completes their jobs); every few milliseconds a probe instance is created and, as soon
// as its creation is answered (committed), POST /v2/process-instances/search is polled until it shows the
// probe. Commit → searchable is the freshness; the projections' own lag is sampled from
// GET /v2/projections/status meanwhile. The engine's main-thread CPU per instance is measured too.
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import {
  JOB_TYPE,
  LoadMeter,
  benchVariables,
  deployBenchProcess,
  mainThreadCpuSecondsOf,
  percentile,
  projectionStatus,
  restAddressOf,
  sleep,
  startBenchEngine,
  zeebeClient,
} from './support';

export interface FreshnessResult {
  rate: number;
  /** Instances per second actually created. */
  achieved: number;
  probes: number;
  /** Commit (creation answered) → visible to the search, ms. */
  p50: number;
  p99: number;
  max: number;
  /** The projections' lag in records and ms, sampled every 10 ms. */
  lagRecordsMax: number;
  lagMillisP99: number;
  engineMainThreadCpuMs: number;
  others: { cores: number; loadavg: number };
}

export async function measureFreshness(rate: number, seconds: number): Promise<FreshnessResult> {
  const dir = mkdtempSync(join(tmpdir(), 'zhuanban-bench-'));
  const engine = await startBenchEngine(dir, { sync: 'full', rest: true });
  const rest = restAddressOf(engine.readyLine);
  const zeebe = zeebeClient(engine.address);
  try {
    await deployBenchProcess(zeebe);
    await zeebe.streamJobs({
      type: JOB_TYPE,
      worker: 'bench',
      timeout: 60_000,
      tenantIds: [],
      taskHandler: (job) => job.complete({ checked: true }),
    });
    const create = (i: number) =>
      zeebe.createProcessInstance({ bpmnProcessId: 'bench', variables: benchVariables(i) });
    for (let i = 0; i < 500; i++) await create(i); // warm-up
    const pid = engine.child.pid!;
    const load = new LoadMeter([pid]);
    const cpu0 = mainThreadCpuSecondsOf(pid);
    const started = performance.now();
    const end = started + seconds * 1000;
    let created = 0;
    const inFlight = new Set<Promise<unknown>>();
    const fresh: number[] = [];
    const lagRecords: number[] = [];
    const lagMillis: number[] = [];
    let running = true;

    // The load: `rate` creations per second, paced by the clock, at most 400 in flight.
    const driver = (async () => {
      while (performance.now() < end) {
        const due = Math.floor(((performance.now() - started) / 1000) * rate);
        while (created < due && inFlight.size < 400) {
          const p = create(created++).finally(() => inFlight.delete(p));
          inFlight.add(p);
        }
        await sleep(2);
      }
      await Promise.all(inFlight);
    })();
    const prober = (async () => {
      while (performance.now() < end) {
        const { processInstanceKey } = await create(-1);
        const committed = performance.now();
        for (;;) {
          const res = await fetch(`${rest}/v2/process-instances/search`, {
            method: 'POST',
            headers: { 'content-type': 'application/json' },
            body: JSON.stringify({ filter: { processInstanceKey } }),
          });
          const { items } = (await res.json()) as { items: unknown[] };
          if (items.length > 0) break;
          await sleep(1);
        }
        fresh.push(performance.now() - committed);
        await sleep(20);
      }
    })();
    const sampler = (async () => {
      while (running) {
        const s = await projectionStatus(rest);
        lagRecords.push(s.lagRecords);
        lagMillis.push(s.lagMillis);
        await sleep(10);
      }
    })();
    await Promise.all([driver, prober]);
    const elapsed = (performance.now() - started) / 1000;
    const mainCpu = mainThreadCpuSecondsOf(pid) - cpu0;
    running = false;
    await sampler;
    fresh.sort((a, b) => a - b);
    lagMillis.sort((a, b) => a - b);
    return {
      rate,
      achieved: created / elapsed,
      probes: fresh.length,
      p50: percentile(fresh, 50),
      p99: percentile(fresh, 99),
      max: fresh[fresh.length - 1] ?? NaN,
      lagRecordsMax: Math.max(0, ...lagRecords),
      lagMillisP99: percentile(lagMillis, 99),
      engineMainThreadCpuMs: (mainCpu * 1000) / (created + fresh.length),
      others: load.others(),
    };
  } finally {
    await zeebe.close();
    await engine.kill('SIGTERM');
    rmSync(dir, { recursive: true, force: true });
  }
}
