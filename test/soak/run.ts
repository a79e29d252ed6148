// `npm run soak [minutes] [scale]`: the whole system under a sustained load, far above a district's — by default
// 30 minutes at 50× (a district opens a few ledger items a day; this opens one every 2 s and works each to its
// close) with 50 signed-in web sessions polling their inboxes and the ledger, 20 of them also holding the live
// badge stream open as monitor pages do. Every minute it prints memory,
// handles, errors and web latency percentiles; at the end, whether memory and handles stayed flat. Not part of
// `npm test`; all traffic stays on loopback.
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { startSystem } from '../../cli/system/start-system';
import { seedDemo } from '../../domain/seed/demo';
import { ApiClient } from '../support/api-client';
import { view, type ViewerCounts } from './viewers';

const minutes = Number(process.argv[2] ?? 30);
const scale = Number(process.argv[3] ?? 50);
const demoPassword = 'soak-demo-password-2026';
const users = [
  'coordinator',
  'leader',
  'court.user',
  'court.lead',
  'police.user',
  'procuratorate.user',
  'justice.user',
];

interface Minute {
  latencies: number[];
  errors: number;
}

function percentile(sorted: number[], p: number): number {
  if (!sorted.length) return 0;
  return sorted[Math.min(sorted.length - 1, Math.floor((p / 100) * sorted.length))];
}

async function main() {
  const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'zhuanban-soak-'));
  process.env.DATABASE_URL = `file:${path.join(dir, 'zhuanban.db')}`;
  process.env.ADMIN_PASSWORD ??= 'soak-admin-password-2026';
  delete process.env.ZEEBE_GRPC_ADDRESS;
  delete process.env.ZEEBE_REST_ADDRESS;
  delete process.env.SMTP_URL;
  const system = await startSystem({
    engineDataDir: path.join(dir, 'engine'),
    grpcPort: 0,
    restPort: 0,
    webPort: 0,
    logOptions: { sink: () => undefined },
  });
  await seedDemo(system.database.db, { password: demoPassword });
  const rest = `${system.engine!.restAddress}/v2`;
  const engine = async <T>(method: string, p: string, body?: unknown): Promise<T> => {
    const res = await fetch(rest + p, {
      method,
      headers: { 'content-type': 'application/json', authorization: system.engineAuthorization! },
      body: body === undefined ? undefined : JSON.stringify(body),
    });
    if (!res.ok) throw new Error(`${method} ${p}: ${res.status} ${(await res.text()).slice(0, 200)}`);
    return (res.status === 204 ? undefined : await res.json()) as T;
  };

  let current: Minute = { latencies: [], errors: 0 };
  const errorSamples: string[] = [];
  const fail = (what: string, e: unknown) => {
    current.errors++;
    if (errorSamples.length < 20) errorSamples.push(`${what}: ${e instanceof Error ? e.message : String(e)}`);
  };
  const stopAt = Date.now() + minutes * 60_000;
  const running = () => Date.now() < stopAt;
  const counts = { started: 0, closed: 0, tasksDone: 0, webCalls: 0 };
  const viewerCounts: ViewerCounts = { streams: 0, badgeEvents: 0 };

  // Web sessions: each signs in and polls like an open browser tab.
  const sessions = await Promise.all(
    Array.from({ length: 50 }, async (_, i) => {
      const c = new ApiClient(system.web.url);
      const res = await c.login(users[i % users.length], demoPassword);
      if (res.status !== 200) throw new Error(`login ${users[i % users.length]}: ${res.status}`);
      return c;
    }),
  );
  const browse = async (c: ApiClient, i: number) => {
    const pages = ['/api/tasks/count', '/api/tasks', '/api/ledger-items', '/api/session'];
    let n = i;
    while (running()) {
      const p = pages[n++ % pages.length];
      const t = performance.now();
      try {
        const res = await c.send('GET', p);
        if (res.status >= 400 && res.status !== 403) throw new Error(`${res.status}`);
        current.latencies.push(performance.now() - t);
        counts.webCalls++;
      } catch (e) {
        fail(`GET ${p}`, e);
      }
      await new Promise((r) => setTimeout(r, 2000 + Math.random() * 3000));
    }
  };

  // The work: ledger items opened and worked to their close through the engine's REST API, as the units would.
  const answers: Record<string, Record<string, unknown>> = {
    Task_Acknowledge: { noticeAcknowledged: true, liaisonName: '联络员', liaisonPhone: '0731-0000000' },
    Task_Rectify: { progressNote: '已整改完毕', evidence: [], rectificationAction: 'submit' },
    Task_LeadReview: { leadReviewDecision: 'sign', leadReviewNote: '同意' },
    Task_Verify: {
      verificationMethod: 'documents',
      verificationResult: 'passed',
      verificationNote: '核验通过',
    },
  };
  const opener = async () => {
    const everyMs = Math.max(100, (100_000 / scale) | 0); // 50× → one item every 2 s
    while (running()) {
      try {
        await engine('POST', '/process-instances', {
          processDefinitionId: 'rectification',
          variables: {
            source: 'supervision',
            problem: `压力测试事项 ${counts.started + 1}`,
            leadUnitCode: 'court',
            assistingUnitCodes: [],
          },
        });
        counts.started++;
      } catch (e) {
        fail('start', e);
      }
      await new Promise((r) => setTimeout(r, everyMs));
    }
  };
  const worker = async () => {
    while (running()) {
      try {
        const open = await engine<{ items: { userTaskKey: string; elementId: string }[] }>(
          'POST',
          '/user-tasks/search',
          {
            filter: { state: 'CREATED', processDefinitionId: 'rectification' },
            page: { limit: 50 },
          },
        );
        for (const t of open.items) {
          const variables = answers[t.elementId];
          if (!variables) continue;
          await engine('POST', `/user-tasks/${t.userTaskKey}/completion`, { variables }).then(
            () => counts.tasksDone++,
            (e: unknown) =>
              String(e).includes('404') || String(e).includes('409') ? undefined : fail('complete', e),
          );
        }
      } catch (e) {
        fail('search', e);
      }
      await new Promise((r) => setTimeout(r, 500));
    }
  };

  const samples: { minute: number; rss: number; heap: number; handles: number }[] = [];
  const handles = () => (process as unknown as { _getActiveHandles(): unknown[] })._getActiveHandles().length;
  const started = Date.now();
  console.log(
    `soak: ${minutes} min at ${scale}× — 50 web sessions (20 with the live stream), one ledger item every ${(100 / scale).toFixed(1)} s`,
  );
  console.log(
    'minute  rss MB  heap MB  handles  started  tasks  closed  web calls  streams  badges  p50 ms  p95 ms  p99 ms  errors',
  );
  const report = setInterval(async () => {
    const m = current;
    current = { latencies: [], errors: 0 };
    counts.closed = await system.database.db.ledgerItem.count({ where: { status: 'closed' } });
    const sorted = [...m.latencies].sort((a, b) => a - b);
    // Heap after a full collection (npm run soak passes --expose-gc): live data, not the garbage of the moment.
    (globalThis as { gc?: () => void }).gc?.();
    const mem = process.memoryUsage();
    const minute = Math.round((Date.now() - started) / 60_000);
    samples.push({ minute, rss: mem.rss, heap: mem.heapUsed, handles: handles() });
    console.log(
      [
        minute,
        (mem.rss / 1e6).toFixed(0),
        (mem.heapUsed / 1e6).toFixed(0),
        handles(),
        counts.started,
        counts.tasksDone,
        counts.closed,
        counts.webCalls,
        viewerCounts.streams,
        viewerCounts.badgeEvents,
        percentile(sorted, 50).toFixed(1),
        percentile(sorted, 95).toFixed(1),
        percentile(sorted, 99).toFixed(1),
        m.errors,
      ]
        .map(String)
        .map((s, i) => s.padStart(i === 0 ? 6 : 7))
        .join(' '),
    );
    totalErrors += m.errors;
  }, 60_000);
  let totalErrors = 0;

  await Promise.all([
    opener(),
    worker(),
    ...sessions.map((c, i) => browse(c, i)),
    ...sessions.slice(0, 20).map((c) => view(c, stopAt, viewerCounts, fail)),
  ]);
  clearInterval(report);
  totalErrors += current.errors;
  await system.stop();
  fs.rmSync(dir, { recursive: true, force: true });

  // Flat: the last third of the run grows no more than 20% over the first third (after warm-up).
  const third = Math.max(1, Math.floor(samples.length / 3));
  const avg = (xs: number[]) => xs.reduce((a, b) => a + b, 0) / Math.max(1, xs.length);
  const early = samples.length > 3 ? samples.slice(1, 1 + third) : samples.slice(0, 1);
  const late = samples.slice(-third);
  const growth = (f: (s: (typeof samples)[number]) => number) =>
    avg(late.map(f)) / Math.max(1, avg(early.map(f))) - 1;
  const heapGrowth = growth((s) => s.heap);
  const handleGrowth = growth((s) => s.handles);
  console.log(
    `\nsoak done: ${counts.started} items opened, ${counts.closed} closed, ${counts.tasksDone} tasks completed, ${counts.webCalls} web calls, ${viewerCounts.streams} live streams opened with ${viewerCounts.badgeEvents} badge events, ${totalErrors} errors; heap ${(heapGrowth * 100).toFixed(1)}% and handles ${(handleGrowth * 100).toFixed(1)}% from the first to the last third`,
  );
  for (const e of errorSamples) console.log(`  error: ${e}`);
  if (totalErrors > 0 || (samples.length >= 6 && (heapGrowth > 0.2 || handleGrowth > 0.2)))
    process.exitCode = 1;
  process.exit();
}

main().catch((e) => {
  console.error(e);
  process.exit(1);
});
