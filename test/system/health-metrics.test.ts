// Operations on the running system: /healthz and /readyz for load balancers (503 naming the failing part —
// the engine stopped, the mail server gone — and ready again when it returns, without restarting the web), and
// Prometheus metrics on their own loopback port with the jobs and mails a path produced.
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { startSystem, type RunningSystem } from '../../cli/system/start-system';
import { startEngineServer, type EngineServer } from '../../engine/server';
import { startSmtp, type TestSmtp } from '../notifications/support/smtp';

let dir: string;
let system: RunningSystem;
let smtp: TestSmtp;
let restarted: EngineServer | undefined;
const saved = { ...process.env };

beforeAll(async () => {
  dir = fs.mkdtempSync(path.join(os.tmpdir(), 'zhuanban-ops-'));
  smtp = await startSmtp();
  delete process.env.ZEEBE_GRPC_ADDRESS;
  delete process.env.ZEEBE_REST_ADDRESS;
  process.env.DATABASE_URL = `file:${path.join(dir, 'zhuanban.db')}`;
  process.env.ADMIN_PASSWORD = 'admin-password-for-tests';
  process.env.SMTP_URL = smtp.url;
  process.env.METRICS_PORT = '0';
  system = await startSystem({
    engineDataDir: path.join(dir, 'engine'),
    grpcPort: 0,
    restPort: 0,
    webPort: 0,
    logOptions: { sink: () => undefined },
  });
}, 120_000);
afterAll(async () => {
  // The workers drain against the restarted engine, then it goes too.
  await system?.stop();
  await restarted?.close();
  await smtp?.stop();
  process.env = saved;
  fs.rmSync(dir, { recursive: true, force: true });
}, 60_000);

async function ready(): Promise<{
  status: number;
  body: { failing: string[]; parts: Record<string, unknown> };
}> {
  const res = await fetch(`${system.web.url}/readyz`);
  return {
    status: res.status,
    body: (await res.json()) as { failing: string[]; parts: Record<string, unknown> },
  };
}

it('answers /healthz and /readyz with every part ready', async () => {
  expect((await fetch(`${system.web.url}/healthz`)).status).toBe(200);
  const r = await ready();
  expect(r.status).toBe(200);
  expect(Object.keys(r.body.parts).sort()).toEqual(['database', 'engine', 'mail']);
});

it('goes 503 naming the engine when it stops, and ready again when it is back', async () => {
  const engine = system.engine!;
  await engine.close();
  const down = await ready();
  expect(down.status).toBe(503);
  expect(down.body.failing).toEqual(['engine']);
  const rest = new URL(engine.restAddress!);
  const grpcPort = Number(engine.grpcAddress.slice(engine.grpcAddress.lastIndexOf(':') + 1));
  restarted = await startEngineServer({
    dataDir: path.join(dir, 'engine'),
    host: '127.0.0.1',
    grpcPort,
    restPort: Number(rest.port),
    auth: { users: [system.engineCredentials!] },
    log: () => undefined,
  });
  const back = await ready();
  expect(back.status).toBe(200);
  expect(back.body.failing).toEqual([]);
});

it('serves Prometheus metrics on its own port: requests by route, the outbox depth, the job counters', async () => {
  await fetch(`${system.web.url}/api/session`);
  const text = await (await fetch(`${system.metrics!.address}/metrics`)).text();
  expect(text).toMatch(
    /zhuanban_http_request_duration_seconds_count\{method="GET",route="\/api\/session",status="200"\} \d+/,
  );
  expect(text).toMatch(/zhuanban_outbox_pending \d+/);
  expect(text).toContain('# TYPE zhuanban_jobs_handled_total counter');
  // The engine: records written, journal on disk, snapshot age, projection lag.
  expect(Number(/^zhuanban_engine_records_total (\d+)/m.exec(text)?.[1])).toBeGreaterThan(0);
  expect(Number(/^zhuanban_engine_journal_bytes (\d+)/m.exec(text)?.[1])).toBeGreaterThan(0);
  expect(text).toMatch(/^zhuanban_engine_snapshot_age_seconds [\d.]+/m);
  expect(text).toMatch(/^zhuanban_engine_projection_lag_records \d+/m);
  expect(system.metrics!.address).toMatch(/^http:\/\/127\.0\.0\.1:/);
  expect((await fetch(`${system.metrics!.address}/other`)).status).toBe(404);
});
