// Faults under load, with the parts as separate processes as an operator runs them: `zhuanban engine` (with
// Basic authentication) and `zhuanban workers` (SDK variables only), a SQLite database file and a loopback SMTP
// server. While ledger items, petitions and disputed cases are being opened, the engine is killed with SIGKILL and
// started again on its data folder, then the workers are, then the mail server goes away for a while. Afterwards
// every process instance the engine acknowledged exists, has its one domain record and stands at its first user
// task; every ledger item's supervision notice went out exactly once; the workers reconnected by themselves.
// Nothing is mocked. (The engine and the mail server stay away for seconds in CI; an operator's minute-long run:
// FAULT_OUTAGE_MS=60000.)
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { openDatabase, type Database } from '../../domain/db/client';
import { defaultLeaseMs } from '../../domain/notifications/delivery-loop';
import { startEngineProcess, type EngineProcess, type SpawnResult } from '../engine/support/engine-process';
import { startSmtp, type TestSmtp } from '../notifications/support/smtp';
import { bySubject } from '../processes-paths/support/answers';
import {
  deployProcesses,
  engineRest as rest,
  engineUser as user,
  firstTask,
  openingKinds,
  openingVariables,
  recordsOf,
  restOf,
  startWorkers as spawnWorkers,
  waitFor,
  waitsAt,
  workersRunning,
  type OpeningKind,
} from './support/fault-kit';

jest.setTimeout(400_000);

const outageMs = process.env.FAULT_OUTAGE_MS ? Number(process.env.FAULT_OUTAGE_MS) : undefined;

interface Started {
  kind: OpeningKind;
  key: string;
}

let dir: string;
let smtp: TestSmtp;
let engine: EngineProcess | undefined;
let workers: SpawnResult | undefined;
let database: Database;
const savedEnv = { ...process.env };

const startWorkers = (e: EngineProcess) =>
  spawnWorkers(e, { DATABASE_URL: `file:${path.join(dir, 'zhuanban.db')}`, SMTP_URL: smtp.url });

async function startEngine(ports?: { grpc: number; rest: number }): Promise<EngineProcess> {
  const args = ports
    ? ['--grpc-port', String(ports.grpc), '--rest-port', String(ports.rest)]
    : ['--rest-port', '0'];
  // startEngineProcess passes --grpc-port 0 first; an explicit one after it wins.
  return startEngineProcess(path.join(dir, 'engine'), args, {
    timeoutMs: 60_000,
    env: { ENGINE_USERS: `${user.name}:${user.password}` },
  });
}

beforeAll(async () => {
  dir = fs.mkdtempSync(path.join(os.tmpdir(), 'zhuanban-faults-'));
  smtp = await startSmtp();
  process.env.DATABASE_URL = `file:${path.join(dir, 'zhuanban.db')}`;
  process.env.ADMIN_PASSWORD = 'admin-password-for-tests';
  database = await openDatabase();
}, 60_000);

afterAll(async () => {
  workers?.child.kill('SIGKILL');
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
  await deployProcesses(engine);
  workers = startWorkers(engine);
  await waitFor('the workers', async () => (workersRunning(workers!) ? true : undefined));

  // The load: one opening every 100 ms, rotating over three processes; only answered ones count.
  const acknowledged: Started[] = [];
  let refused = 0;
  let n = 0;
  let loading = true;
  const load = (async () => {
    while (loading) {
      const kind = openingKinds[n % 3]!;
      const variables = openingVariables(kind, n++);
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
  await new Promise((r) => setTimeout(r, outageMs ?? 2_000));
  engine = await startEngine(ports);
  // 2. The workers die mid-load; a new workers process takes over.
  await count(acknowledged.length + 10);
  const killed = workers;
  killed.child.kill('SIGKILL');
  await killed.exited;
  workers = startWorkers(engine);
  await waitFor('the new workers', async () => (workersRunning(workers!) ? true : undefined));
  // 3. The mail server goes away for a while and comes back.
  await count(acknowledged.length + 6);
  await smtp.stop();
  await count(acknowledged.length + 6);
  await new Promise((r) => setTimeout(r, outageMs ?? 3_000));
  await smtp.start();
  await count(acknowledged.length + 6);
  loading = false;
  await load;

  // Every acknowledged instance reached its first user task, with its one domain record.
  const db = database.db;
  for (const s of acknowledged)
    await waitFor(`${s.kind} ${s.key} at ${firstTask[s.kind]}`, async () =>
      (await waitsAt(base, s.key, firstTask[s.kind])) ? true : undefined,
    );
  const { items, petitions, cases, unrecorded } = await recordsOf(db, acknowledged);
  expect(unrecorded).toEqual([]);
  // Each ledger item's supervision notice, exactly once — including those due while the mail server was away, and
  // one whose send the workers' SIGKILL cut off: it stays claimed until its lease ends, then the new workers send it.
  const noticeCounts = await waitFor(
    'every supervision notice',
    async () => {
      const counts = items.map((item) => bySubject(smtp.received, `【督办通知书】${item.number}`).length);
      return counts.every((c) => c >= 1) ? counts : undefined;
    },
    defaultLeaseMs + 60_000,
    () =>
      `unsent: ${items
        .filter((item) => bySubject(smtp.received, `【督办通知书】${item.number}`).length === 0)
        .map((i) => i.number)
        .join(', ')}`,
  );
  expect(noticeCounts.filter((c) => c !== 1)).toEqual([]);
  // The workers said what happened and found their way back without help.
  expect(workers.stdout() + workers.stderr()).toMatch(/workers running/);
  console.log(
    `fault injection: ${acknowledged.length} instances acknowledged (${refused} requests refused while the engine was down), ` +
      `${items.length} ledger items, ${petitions.length} petitions, ${cases.length} cases, ` +
      `${smtp.received.length} mails; lost: 0; duplicate notices: ${noticeCounts.filter((c) => c > 1).length}`,
  );
});
