// The soak's web routes as the data grows (issue 13): the whole system as the soak runs it, ledger items opened and
// worked to their close as fast as the engine takes them, and at each volume every route the soak's sessions poll
// (and the engine searches its bots and live diagrams make) timed one request at a time for every soak user, with
// nothing else running — so a route whose cost grows with the closed items, the completed tasks or their history
// shows as a rising curve. The inbox routes are timed with their shared answers forgotten (what a miss costs).
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { startSystem } from '../../cli/system/start-system';
import { seedDemo } from '../../domain/seed/demo';
import { forgetCounts } from '../../web/server/tasks/inbox';
import { ApiClient } from '../support/api-client';
import { LoadMeter, percentile, sleep } from './support';

const password = 'bench-password-for-soak-routes';
// The soak's users, so each route is asked with every scope it is asked with there.
const users = [
  'coordinator',
  'leader',
  'court.user',
  'court.lead',
  'police.user',
  'procuratorate.user',
  'justice.user',
];
export const soakRoutes = ['/api/tasks/count', '/api/tasks', '/api/ledger-items', '/api/session'];
// The inbox shares its answers for a few seconds (web/server/tasks/inbox.ts); the soak's tail is the answers that
// were not shared, so each request here finds the shared ones forgotten.
const cold = (route: string) => route.startsWith('/api/tasks');

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

export interface SoakRoutesOptions {
  /** Closed ledger items at which the routes are timed (ascending). */
  volumes: number[];
  /** Requests per route and user at each volume. */
  rounds: number;
}

export async function measureSoakRoutes(
  o: SoakRoutesOptions,
  out: (line: string) => void,
): Promise<string[]> {
  const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'zhuanban-soak-routes-'));
  process.env.DATABASE_URL = `file:${path.join(dir, 'zhuanban.db')}`;
  process.env.ADMIN_PASSWORD ??= 'bench-admin-password-2026';
  process.env.LOGIN_RATE_MAX = '100000';
  for (const name of ['ZEEBE_GRPC_ADDRESS', 'ZEEBE_REST_ADDRESS', 'SMTP_URL']) delete process.env[name];
  const system = await startSystem({
    engineDataDir: path.join(dir, 'engine'),
    grpcPort: 0,
    restPort: 0,
    webPort: 0,
    logOptions: { sink: () => undefined },
  });
  try {
    await seedDemo(system.database.db, { password });
    const rest = `${system.engine!.restAddress}/v2`;
    const engine = async <T>(method: string, p: string, body?: unknown): Promise<T> => {
      const res = await fetch(rest + p, {
        method,
        headers: { 'content-type': 'application/json', authorization: system.engineAuthorization! },
        body: body === undefined ? undefined : JSON.stringify(body),
      });
      if (!res.ok && res.status !== 404 && res.status !== 409)
        throw new Error(`${method} ${p}: ${res.status} ${(await res.text()).slice(0, 200)}`);
      return (res.status === 204 || !res.ok ? undefined : await res.json()) as T;
    };
    const sessions = await Promise.all(
      users.map(async (u) => {
        const c = new ApiClient(system.web.url);
        const res = await c.login(u, password);
        if (res.status !== 200) throw new Error(`login ${u}: ${res.status}`);
        return c;
      }),
    );
    const workerSearch = () =>
      engine<{ items: { userTaskKey: string; elementId: string }[] }>('POST', '/user-tasks/search', {
        filter: { state: 'CREATED', processDefinitionId: 'rectification' },
        page: { limit: 50 },
      });
    const definition = await engine<{ items: { processDefinitionKey: string }[] }>(
      'POST',
      '/process-definitions/search',
      { filter: { processDefinitionId: 'rectification' }, page: { limit: 1 } },
    );
    // What a live diagram's poller asks at each change (web/server/live/snapshot.ts), several times a second.
    const liveSearch = () =>
      engine('POST', '/element-instances/search', {
        filter: { processDefinitionKey: definition.items[0]!.processDefinitionKey, state: 'ACTIVE' },
        page: { from: 0, limit: 10_000 },
      });
    // And the newest element instance, off which the web reads the engine's clock (web/server/live/engine-clock.ts).
    const clockSearch = () =>
      engine('POST', '/element-instances/search', {
        sort: [{ field: 'startDate', order: 'DESC' }],
        page: { from: 0, limit: 1 },
      });
    const closed = () => system.database.db.ledgerItem.count({ where: { status: 'closed' } });

    let started = 0;
    /** Opens items and works them (as the soak's bots do, without their pauses) until `target` are closed. */
    const grow = async (target: number) => {
      let done = false;
      const opener = async () => {
        while (!done) {
          if (started - (await closed()) >= 40) {
            await sleep(50);
            continue;
          }
          await Promise.all(
            Array.from({ length: 10 }, () =>
              engine('POST', '/process-instances', {
                processDefinitionId: 'rectification',
                variables: {
                  source: 'supervision',
                  problem: `压力测试事项 ${++started}`,
                  leadUnitCode: 'court',
                  assistingUnitCodes: [],
                },
              }),
            ),
          );
        }
      };
      const worker = async () => {
        while (!done) {
          const open = await workerSearch();
          await Promise.all(
            open.items
              .filter((t) => answers[t.elementId])
              .map((t) =>
                engine('POST', `/user-tasks/${t.userTaskKey}/completion`, {
                  variables: answers[t.elementId],
                }),
              ),
          );
          if (!open.items.length) await sleep(20);
        }
      };
      const watch = async () => {
        while ((await closed()) < target) await sleep(200);
        done = true;
      };
      await Promise.all([opener(), worker(), watch()]);
      // What is still open finishes (or waits) before the timing, so nothing else runs meanwhile.
      await sleep(2_000);
    };

    const time = async (f: () => Promise<unknown>) => {
      const t = performance.now();
      await f();
      return performance.now() - t;
    };
    const lines: string[] = [];
    const engineSearches: [string, () => Promise<unknown>][] = [
      ['engine: worker search', workerSearch],
      ['engine: live snapshot', liveSearch],
      ['engine: live clock', clockSearch],
    ];
    const header = `${'closed items'.padStart(12)}  ${[...soakRoutes, ...engineSearches.map(([n]) => n)]
      .map((r) => `${r} p50/p95 ms`.padStart(34))
      .join('')}`;
    out(header);
    lines.push(header);
    for (const volume of o.volumes) {
      const t0 = performance.now();
      await grow(volume);
      const meter = new LoadMeter([]);
      const figures: string[] = [];
      for (const route of soakRoutes) {
        const times: number[] = [];
        for (let r = 0; r < o.rounds; r++)
          for (const c of sessions)
            times.push(
              await time(async () => {
                if (cold(route)) forgetCounts();
                const res = await c.send('GET', route);
                if (res.status >= 400 && res.status !== 403) throw new Error(`GET ${route}: ${res.status}`);
              }),
            );
        times.sort((a, b) => a - b);
        figures.push(`${percentile(times, 50).toFixed(1)} / ${percentile(times, 95).toFixed(1)}`);
      }
      for (const [, f] of engineSearches) {
        const times: number[] = [];
        for (let r = 0; r < o.rounds * users.length; r++) times.push(await time(f));
        times.sort((a, b) => a - b);
        figures.push(`${percentile(times, 50).toFixed(1)} / ${percentile(times, 95).toFixed(1)}`);
      }
      const others = meter.others();
      const line = `${String(await closed()).padStart(12)}  ${figures.map((f) => f.padStart(34)).join('')}   (grown in ${((performance.now() - t0) / 1000).toFixed(0)} s; others used ${others.cores.toFixed(2)} cores, load ${others.loadavg.toFixed(1)})`;
      out(line);
      lines.push(line);
    }
    return lines;
  } finally {
    await system.stop();
    // BENCH_KEEP=1 keeps the grown databases for EXPLAIN QUERY PLAN.
    if (process.env.BENCH_KEEP === '1') out(`kept: ${dir}`);
    else fs.rmSync(dir, { recursive: true, force: true });
  }
}
