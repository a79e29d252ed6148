// `npm run bench`: the engine's benchmark against the design targets of the engine issue —
// throughput and job latency through gRPC with the SDK's streaming worker and the durable journal,
// memory per waiting instance, and start-up time with a large journal. Not part of `npm test`.
//
//   npm run bench [-- --only throughput,freshness,latency,memory,startup] [--repeat 3] [--quick] [--cpu-prof DIR]
//                 [--clients N]   (client processes for the throughput, default 1; see throughput.ts)
//   npm run bench -- --only dashboard [--sessions 50] [--rounds 8] [--quick] [--cpu-prof DIR]   (issue 11's goals)
//   npm run bench -- --only soak-routes [--volumes 0,900,3000,9000] [--rounds 10] [--quick]   (issue 13: the soak's
//                    routes timed as its data grows; node --cpu-prof on the command line profiles the whole system)
//
// The machine is shared: every figure comes with how many cores other processes used meanwhile,
// throughput and latency are repeated and their median is reported.
import { cpus, loadavg } from 'node:os';
import { measureThroughput, type ThroughputResult } from './throughput';
import { measureLatency, type LatencyResult } from './latency';
import { measureMemory } from './memory';
import { measureStartup } from './startup';
import { measureInbox } from './inbox';
import { measureFreshness } from './freshness';
import { measureDashboard } from './dashboard';
import { measureSoakRoutes } from './soak-routes';
import { median } from './support';

const out = (line = '') => process.stdout.write(`${line}\n`);

function option(name: string): string | undefined {
  const i = process.argv.indexOf(`--${name}`);
  if (i < 0) return undefined;
  const value = process.argv[i + 1];
  return value === undefined || value.startsWith('--') ? '' : value;
}

const quick = option('quick') !== undefined;
const repeat = Number(option('repeat') || (quick ? 1 : 3));
const only = new Set((option('only') || 'throughput,freshness,latency,memory,startup').split(','));
const cpuProfDir = option('cpu-prof') || undefined;
const clients = Number(option('clients') || 1);

// The SDK logs channel life-cycle on the console; the benchmark prints through `out` only.
for (const method of ['log', 'info', 'warn', 'error', 'debug'] as const) console[method] = () => undefined;

const fmt = (n: number, digits = 0) =>
  n.toLocaleString('en', { maximumFractionDigits: digits, minimumFractionDigits: digits });
const verdict = (ok: boolean) => (ok ? 'meets target' : 'MISSES target');
const others = (o: { cores: number; loadavg: number }) =>
  `others used ${fmt(o.cores, 2)} cores, load ${fmt(o.loadavg, 1)}`;

async function throughput(): Promise<string[]> {
  const instances = quick ? 5_000 : 20_000;
  const summary: string[] = [];
  for (const [label, options] of [
    ['sync full (default)', { sync: 'full' as const, cpuProfDir }],
    ['sync normal', { sync: 'normal' as const }],
    ['sync full + REST projections', { sync: 'full' as const, rest: true }],
  ] as const) {
    const runs: ThroughputResult[] = [];
    for (let r = 0; r < repeat; r++) {
      const result = await measureThroughput(instances, 200, { ...options, clients });
      runs.push(result);
      out(
        `  throughput, ${label}, run ${r + 1}: ${fmt(result.perSecond)} instances/s (${fmt(instances)} in ${fmt(result.seconds, 1)} s, ${result.clients} client process(es)); ` +
          `CPU per instance: engine ${fmt(result.engineCpuMs, 3)} ms (main thread ${fmt(result.engineMainThreadCpuMs, 3)} ms), clients ${fmt(result.clientCpuMs, 3)} ms; ${others(result.others)}`,
      );
    }
    const rate = median(runs.map((r) => r.perSecond));
    const engineCpu = median(runs.map((r) => r.engineCpuMs));
    const clientCpu = median(runs.map((r) => r.clientCpuMs));
    const mainCpu = median(runs.map((r) => r.engineMainThreadCpuMs));
    summary.push(
      `throughput, ${label}, ${clients} client process(es): ${fmt(rate)} instances/s (median of ${runs.length}; target 2,500: ${verdict(rate >= 2_500)}); ` +
        `engine ${fmt(engineCpu, 3)} ms (main thread ${fmt(mainCpu, 3)} ms; target 0.15: ${verdict(mainCpu <= 0.15)}) + SDK clients ${fmt(clientCpu, 3)} ms CPU per instance ` +
        `(2 idle cores would allow about ${fmt(2_000 / (engineCpu + clientCpu))}/s; the engine alone, its main thread on one core and the ` +
        `clients elsewhere, about ${fmt(1_000 / Math.max(mainCpu, engineCpu / 2))}/s); others used ${fmt(median(runs.map((r) => r.others.cores)), 2)} cores`,
    );
  }
  return summary;
}

async function freshness(): Promise<string[]> {
  const rate = 1_000;
  const r = await measureFreshness(rate, quick ? 5 : 15);
  return [
    `search freshness at ${fmt(r.achieved)} of ${fmt(rate)} instances/s (sync full): commit → visible to POST /v2/process-instances/search ` +
      `p50 ${fmt(r.p50, 1)} ms, p99 ${fmt(r.p99, 1)} ms, max ${fmt(r.max, 1)} ms over ${r.probes} probes (target p99 100 ms: ${verdict(r.p99 <= 100)}); ` +
      `projection lag sampled every 10 ms: p99 ${fmt(r.lagMillisP99, 1)} ms, at most ${fmt(r.lagRecordsMax)} records; ` +
      `engine main thread ${fmt(r.engineMainThreadCpuMs, 3)} ms CPU per instance (searches included); ${others(r.others)}`,
  ];
}

async function latency(): Promise<string[]> {
  const rate = 200;
  const seconds = quick ? 5 : 10;
  const summary: string[] = [];
  for (const sync of ['full', 'normal'] as const) {
    const runs: LatencyResult[] = [];
    for (let r = 0; r < repeat; r++) {
      const result = await measureLatency(rate, seconds, { sync });
      runs.push(result);
      out(
        `  latency, sync ${sync}, run ${r + 1} at ${rate}/s: job push p50 ${result.push.p50} ms p99 ${result.push.p99} ms; ` +
          `create→job p50 ${result.createToJob.p50} p99 ${result.createToJob.p99}; complete p50 ${result.complete.p50} p99 ${result.complete.p99}; ${others(result.others)}`,
      );
    }
    const p50 = median(runs.map((r) => r.push.p50));
    const p99 = median(runs.map((r) => r.push.p99));
    summary.push(
      `job latency, sync ${sync}, at ${rate} instances/s: job created → in the worker's hands p50 ${fmt(p50, 1)} ms, p99 ${fmt(p99, 1)} ms ` +
        `(targets 2 / 20 ms: ${verdict(p50 <= 2 && p99 <= 20)}); CreateProcessInstance → job p50 ${fmt(median(runs.map((r) => r.createToJob.p50)), 1)} ms ` +
        `p99 ${fmt(median(runs.map((r) => r.createToJob.p99)), 1)} ms; CompleteJob round trip p50 ${fmt(median(runs.map((r) => r.complete.p50)), 1)} ms ` +
        `p99 ${fmt(median(runs.map((r) => r.complete.p99)), 1)} ms (medians of ${runs.length})`,
    );
  }
  return summary;
}

async function memory(): Promise<string[]> {
  const result = await measureMemory(quick ? 10_000 : 50_000);
  return [
    `memory: ${fmt(result.bytesPerInstance / 1024, 2)} KB per waiting instance (${fmt(result.instances)} instances at a service task, heap after GC ${fmt(result.heapMegabytes)} MB; target 10 KB: ${verdict(result.bytesPerInstance <= 10 * 1024)})`,
  ];
}

async function startup(): Promise<string[]> {
  const result = await measureStartup(
    {
      records: quick ? 200_000 : 1_000_000,
      running: quick ? 2_000 : 10_000,
      tail: quick ? 50_000 : 500_000,
      runs: quick ? 1 : 3,
    },
    out,
  );
  const lines = [
    `start-up: journal of ${fmt(result.records)} records (${fmt(result.journalMegabytes)} MB) with ${fmt(result.running)} running instances, generated in ${fmt(result.generateSeconds, 1)} s:`,
  ];
  for (const s of result.shapes)
    lines.push(
      `  ${s.name}: ready after ${fmt(s.readyMillis)} ms (process start to ready line; recovery ${fmt(s.recoveryMillis)} ms, ${fmt(s.replayedRecords)} records replayed; runs ${s.runs.join(', ')} ms; target 5 s: ${verdict(s.readyMillis <= 5_000)})`,
    );
  return lines;
}

async function main(): Promise<void> {
  out(
    `zhuanban engine benchmark — ${cpus().length} cores (${cpus()[0]?.model ?? 'unknown'}), Node ${process.version}, load ${fmt(loadavg()[0], 1)}`,
  );
  if (quick) out('(quick run: smaller sizes, one repetition — figures are indicative only)');
  const summary: string[] = [];
  const parts: [string, () => Promise<string[]>][] = [
    ['throughput', throughput],
    ['freshness', freshness],
    ['latency', latency],
    ['memory', memory],
    ['startup', startup],
    // 我的待办 (issue 8): not in the default set — it starts the whole system; `--only inbox`.
    [
      'inbox',
      async () => {
        const r = await measureInbox(2_000, 50, quick ? 10 : 30, 1_000);
        return [
          `inbox: GET /api/tasks with ${fmt(r.tasks)} open tasks, ${r.sessions} sessions (0–2 s between clicks): ${fmt(r.requests / r.seconds)} requests/s, p50 ${fmt(r.p50, 1)} ms, p99 ${fmt(r.p99, 1)} ms, ${r.errors} errors (target p99 100 ms: ${verdict(r.p99 <= 100)}); ${others(r.others)}`,
        ];
      },
    ],
    // 领导驾驶舱 and the ledger export (issue 11): not in the default set either — `--only dashboard`.
    [
      'dashboard',
      () =>
        measureDashboard(
          {
            sessions: Number(option('sessions') || 50),
            rounds: Number(option('rounds') || (quick ? 2 : 8)),
            steadySeconds: quick ? 10 : 30,
            intervalMs: 2_000,
            cpuProfDir,
          },
          out,
        ),
    ],
    // The soak's web routes as its data grows (issue 13): `--only soak-routes`.
    [
      'soak-routes',
      () =>
        measureSoakRoutes(
          {
            volumes: (option('volumes') || (quick ? '0,300,900' : '0,900,3000,9000')).split(',').map(Number),
            rounds: Number(option('rounds') || (quick ? 5 : 10)),
          },
          out,
        ),
    ],
  ];
  for (const [name, run] of parts) {
    if (!only.has(name)) continue;
    out(`${name} …`);
    summary.push(...(await run()));
  }
  out();
  out('summary');
  for (const line of summary) out(`- ${line}`);
}

main().then(
  () => process.exit(0),
  (e: unknown) => {
    process.stderr.write(`benchmark failed: ${e instanceof Error ? (e.stack ?? e.message) : String(e)}\n`);
    process.exit(1);
  },
);
