// Faults under load, with the parts as separate processes as an operator runs them: `zhuanban engine` (with
// Basic authentication) and `zhuanban workers` (SDK variables only), a SQLite database file and a loopback SMTP
// server. While ledger items, petitions and disputed cases are being opened, the engine is killed with SIGKILL and
// started again on its data folder, then the workers are, then the mail server goes away for a while. Afterwards
// every process instance the engine acknowledged exists, has its one domain record and stands at its first user
// task; every ledger item's supervision notice went out exactly once; the workers reconnected by themselves.
// Nothing is mocked. (Durations are seconds, not the minute of a real outage, to keep CI within its budget.)
import { spawn, type ChildProcess } from 'node:child_process';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { Camunda8 } from '@camunda8/sdk';
import { openDatabase, type Database } from '../../domain/db/client';
import { deployAll } from '../processes/support/engine';
import { startEngineProcess, type EngineProcess } from '../engine/support/engine-process';
import { startSmtp, type TestSmtp } from '../notifications/support/smtp';
import { bySubject, ledgerOpening, petitionRegistration } from '../processes-paths/support/answers';
import { caseForm } from '../web/monitor-support';

jest.setTimeout(240_000);

const REPO = path.join(__dirname, '..', '..');
const user = { name: 'ops', password: 'fault-injection-engine-password' };
const authorization = `Basic ${Buffer.from(`${user.name}:${user.password}`).toString('base64')}`;

interface Started {
  kind: 'rectification' | 'petition-reply' | 'case-coordination';
  key: string;
}
const firstTask: Record<Started['kind'], string> = {
  rectification: 'Task_Acknowledge',
  'petition-reply': 'Task_Classify',
  'case-coordination': 'Task_Screening',
};

let dir: string;
let smtp: TestSmtp;
let engine: EngineProcess | undefined;
let workers: ChildProcess | undefined;
let workerLog = '';
let database: Database;
const savedEnv = { ...process.env };

function startWorkers(grpc: string): ChildProcess {
  const child = spawn(process.execPath, ['--import', 'tsx', 'bin/zhuanban.js', 'workers'], {
    cwd: REPO,
    env: {
      ...process.env,
      ZEEBE_GRPC_ADDRESS: `grpc://${grpc}`,
      CAMUNDA_AUTH_STRATEGY: 'BASIC',
      CAMUNDA_BASIC_AUTH_USERNAME: user.name,
      CAMUNDA_BASIC_AUTH_PASSWORD: user.password,
      ZEEBE_CLIENT_LOG_LEVEL: 'NONE',
      DATABASE_URL: `file:${path.join(dir, 'zhuanban.db')}`,
      SMTP_URL: smtp.url,
      LOG_FORMAT: 'json',
    },
    stdio: ['ignore', 'pipe', 'pipe'],
  });
  child.stdout!.setEncoding('utf8').on('data', (d: string) => (workerLog += d));
  child.stderr!.setEncoding('utf8').on('data', (d: string) => (workerLog += d));
  return child;
}

async function waitFor<T>(what: string, fn: () => Promise<T | undefined>, timeoutMs = 60_000): Promise<T> {
  const end = Date.now() + timeoutMs;
  for (;;) {
    const v = await fn().catch(() => undefined);
    if (v !== undefined) return v;
    if (Date.now() > end) throw new Error(`timed out waiting for ${what}`);
    await new Promise((r) => setTimeout(r, 250));
  }
}

async function startEngine(ports?: { grpc: number; rest: number }): Promise<EngineProcess> {
  process.env.ENGINE_USERS = `${user.name}:${user.password}`;
  const args = ports
    ? ['--grpc-port', String(ports.grpc), '--rest-port', String(ports.rest)]
    : ['--rest-port', '0'];
  const started = await startEngineProcess(path.join(dir, 'engine'), args, { timeoutMs: 60_000 });
  // startEngineProcess passes --grpc-port 0 first; an explicit one after it wins.
  return started;
}

function restOf(e: EngineProcess): string {
  return /REST (http:\/\/\S+?),/.exec(e.readyLine)![1]!;
}

async function rest<T>(base: string, method: string, p: string, body?: unknown): Promise<T> {
  const res = await fetch(`${base}/v2${p}`, {
    method,
    headers: { 'content-type': 'application/json', authorization },
    body: body === undefined ? undefined : JSON.stringify(body),
    signal: AbortSignal.timeout(10_000),
  });
  if (!res.ok) throw new Error(`${method} ${p}: ${res.status} ${await res.text()}`);
  return (res.status === 204 ? undefined : await res.json()) as T;
}

beforeAll(async () => {
  dir = fs.mkdtempSync(path.join(os.tmpdir(), 'zhuanban-faults-'));
  smtp = await startSmtp();
  process.env.DATABASE_URL = `file:${path.join(dir, 'zhuanban.db')}`;
  process.env.ADMIN_PASSWORD = 'admin-password-for-tests';
  database = await openDatabase();
}, 60_000);

afterAll(async () => {
  workers?.kill('SIGKILL');
  await engine?.kill('SIGKILL');
  await database?.close();
  await smtp?.stop();
  process.env = savedEnv;
  fs.rmSync(dir, { recursive: true, force: true });
});

it('loses nothing the engine acknowledged when the engine, the workers and the mail server fail under load', async () => {
  engine = await startEngine();
  const ports = {
    grpc: Number(engine.address.slice(engine.address.lastIndexOf(':') + 1)),
    rest: Number(new URL(restOf(engine)).port),
  };
  const base = restOf(engine);
  const zeebe = new Camunda8({
    ZEEBE_GRPC_ADDRESS: `grpc://${engine.address}`,
    CAMUNDA_AUTH_STRATEGY: 'BASIC',
    CAMUNDA_BASIC_AUTH_USERNAME: user.name,
    CAMUNDA_BASIC_AUTH_PASSWORD: user.password,
    ZEEBE_CLIENT_LOG_LEVEL: 'NONE',
    zeebeGrpcSettings: { ZEEBE_GRPC_CLIENT_RETRY: false },
  } as never).getZeebeGrpcApiClient();
  await deployAll(zeebe);
  await zeebe.close();
  workers = startWorkers(engine.address);
  await waitFor('the workers', async () => (/workers running/.test(workerLog) ? true : undefined));

  // The load: one opening every 100 ms, rotating over three processes; only answered ones count.
  const acknowledged: Started[] = [];
  let refused = 0;
  let n = 0;
  let loading = true;
  const load = (async () => {
    while (loading) {
      const kind = (['rectification', 'petition-reply', 'case-coordination'] as const)[n % 3]!;
      const i = n++;
      const variables =
        kind === 'rectification'
          ? ledgerOpening({ problem: `故障注入整改事项${i}`, sourceRef: `GZ-${i}` })
          : kind === 'petition-reply'
            ? petitionRegistration({ enterpriseName: `故障注入企业${i}` })
            : caseForm(`故障注入案件企业${i}`);
      try {
        const r = await rest<{ processInstanceKey: string }>(base, 'POST', '/process-instances', {
          processDefinitionId: kind,
          variables,
        });
        acknowledged.push({ kind, key: r.processInstanceKey });
      } catch {
        refused++;
      }
      await new Promise((r) => setTimeout(r, 100));
    }
  })();
  const count = (k: number) =>
    waitFor(`${k} instances`, async () => (acknowledged.length >= k ? true : undefined));

  // 1. The engine dies mid-load and comes back on its data folder and its ports.
  await count(10);
  await engine.kill('SIGKILL');
  await new Promise((r) => setTimeout(r, 2_000));
  engine = await startEngine(ports);
  // 2. The workers die mid-load; a new workers process takes over.
  await count(acknowledged.length + 10);
  const before = workerLog.length;
  workers.kill('SIGKILL');
  await new Promise((r) => workers!.once('exit', r));
  workers = startWorkers(engine.address);
  await waitFor('the new workers', async () =>
    /workers running/.test(workerLog.slice(before)) ? true : undefined,
  );
  // 3. The mail server goes away for a while and comes back.
  await count(acknowledged.length + 6);
  await smtp.stop();
  await count(acknowledged.length + 6);
  await new Promise((r) => setTimeout(r, 3_000));
  await smtp.start();
  await count(acknowledged.length + 6);
  loading = false;
  await load;

  // Every acknowledged instance reached its first user task, with its one domain record.
  const db = database.db;
  for (const s of acknowledged)
    await waitFor(`${s.kind} ${s.key} at ${firstTask[s.kind]}`, async () => {
      const tasks = await rest<{ items: { elementId: string }[] }>(base, 'POST', '/user-tasks/search', {
        filter: { processInstanceKey: s.key, state: 'CREATED' },
      });
      return tasks.items.some((t) => t.elementId === firstTask[s.kind]) ? true : undefined;
    });
  const keys = (kind: Started['kind']) => acknowledged.filter((s) => s.kind === kind).map((s) => s.key);
  const items = await db.ledgerItem.findMany({
    where: { processInstanceKey: { in: keys('rectification') } },
  });
  const petitions = await db.petition.findMany({
    where: { processInstanceKey: { in: keys('petition-reply') } },
  });
  const cases = await db.enterpriseCase.findMany({
    where: { processInstanceKey: { in: keys('case-coordination') } },
  });
  expect([items.length, petitions.length, cases.length]).toEqual([
    keys('rectification').length,
    keys('petition-reply').length,
    keys('case-coordination').length,
  ]);
  // Each ledger item's supervision notice, exactly once — including those due while the mail server was away.
  const noticeCounts = await waitFor('every supervision notice', async () => {
    const counts = items.map((item) => bySubject(smtp.received, `【督办通知书】${item.number}`).length);
    return counts.every((c) => c >= 1) ? counts : undefined;
  });
  expect(noticeCounts.filter((c) => c !== 1)).toEqual([]);
  // The workers said what happened and found their way back without help.
  const restarts = workerLog.slice(before);
  expect(restarts).toMatch(/workers running/);
  console.log(
    `fault injection: ${acknowledged.length} instances acknowledged (${refused} requests refused while the engine was down), ` +
      `${items.length} ledger items, ${petitions.length} petitions, ${cases.length} cases, ` +
      `${smtp.received.length} mails; lost: 0; duplicate notices: ${noticeCounts.filter((c) => c > 1).length}`,
  );
});
