// The domain database (PostgreSQL) stopped under the workers, as a crash or a maintenance restart would, while
// ledger items, petitions and disputed cases keep being opened through the engine. The engine keeps accepting; the
// workers cannot record anything while the database is away. When it is back: every acknowledged instance stands
// at its first user task with its one domain record, no job ran out of retries into an incident because of the
// outage, every supervision notice was mailed exactly once, and the workers said what happened. Parts as separate
// processes (`zhuanban engine`, `zhuanban workers`), a real PostgreSQL server from Debian's package, loopback SMTP.
// The outage lasts FAULT_DB_OUTAGE_MS (default 20 s, longer than the workers' whole retry budget of 5 s + 10 s; an
// operator's minute-long run: FAULT_DB_OUTAGE_MS=60000).
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { Client } from 'pg';
import { openDatabase, type Database } from '../../domain/db/client';
import { seed } from '../../domain/seed/seed';
import { startEngineProcess, type EngineProcess, type SpawnResult } from '../engine/support/engine-process';
import { startSmtp, type TestSmtp } from '../notifications/support/smtp';
import { bySubject } from '../processes-paths/support/answers';
import { startPostgres, type PostgresServer } from '../support/postgres-server';
import { ApiClient } from '../support/api-client';
import {
  createOfficeUser,
  deployProcesses,
  officePassword,
  startWebProcess,
  engineRest,
  engineUser,
  firstTask,
  openingKinds,
  openingVariables,
  recordsOf,
  restOf,
  startWorkers,
  waitFor,
  waitsAt,
  workersRunning,
  type OpeningKind,
} from './support/fault-kit';

jest.setTimeout(300_000);

const outageMs = Number(process.env.FAULT_DB_OUTAGE_MS ?? 20_000);

let dir: string;
let pg: PostgresServer;
let smtp: TestSmtp;
let engine: EngineProcess | undefined;
let workers: SpawnResult | undefined;
let web: SpawnResult | undefined;
let database: Database | undefined;

beforeAll(async () => {
  dir = fs.mkdtempSync(path.join(os.tmpdir(), 'zhuanban-db-down-'));
  pg = await startPostgres({ durable: true }); // a crash must not lose what was committed
  const admin = new Client({ connectionString: pg.url() });
  await admin.connect();
  await admin.query('CREATE DATABASE zhuanban');
  await admin.end();
  smtp = await startSmtp();
}, 120_000);

afterAll(async () => {
  workers?.child.kill('SIGKILL');
  web?.child.kill('SIGKILL');
  await engine?.kill('SIGKILL');
  await database?.close();
  await smtp?.stop();
  await pg?.stop();
  fs.rmSync(dir, { recursive: true, force: true });
});

it('loses nothing and raises no incident when the database is away for longer than the retry budget', async () => {
  const databaseUrl = pg.url('zhuanban');
  // Migrated and seeded as `zhuanban migrate` and `zhuanban seed` would.
  database = await openDatabase({ url: databaseUrl });
  await seed(database.db, { adminPassword: 'admin-password-for-tests' });
  await createOfficeUser(database.db);

  engine = await startEngineProcess(path.join(dir, 'engine'), ['--rest-port', '0'], {
    timeoutMs: 60_000,
    env: { ENGINE_USERS: `${engineUser.name}:${engineUser.password}` },
  });
  const base = restOf(engine);
  await deployProcesses(engine);
  workers = startWorkers(engine, { DATABASE_URL: databaseUrl, SMTP_URL: smtp.url });
  const log = () => workers!.stdout() + workers!.stderr();
  await waitFor('the workers', async () => (workersRunning(workers!) ? true : undefined), 60_000, log);
  const started = await startWebProcess(engine, { DATABASE_URL: databaseUrl });
  web = started.proc;
  const office = new ApiClient(started.url);
  expect((await office.login('office', officePassword)).status).toBe(200);

  const acknowledged: { kind: OpeningKind; key: string }[] = [];
  let n = 0;
  let loading = true;
  const load = (async () => {
    while (loading) {
      const kind = openingKinds[n % 3]!;
      const r = await engineRest<{ processInstanceKey: string }>(base, 'POST', '/process-instances', {
        processDefinitionId: kind,
        variables: openingVariables(kind, n++, '断库'),
      });
      acknowledged.push({ kind, key: r.processInstanceKey });
      await new Promise((r) => setTimeout(r, 150));
    }
  })();
  const count = (k: number) =>
    waitFor(`${k} instances`, async () => (acknowledged.length >= k ? true : undefined));

  await count(9);
  await pg.pause();
  const down = Date.now();
  await count(acknowledged.length + 9);
  // The web says so in Chinese (503, retry later) rather than failing with a bare 500.
  const during = await office.send<{ title: string }>('GET', '/api/ledger-items');
  expect([during.status, during.body.title, during.headers.get('retry-after')]).toEqual([
    503,
    '数据库暂不可用',
    '10',
  ]);
  await new Promise((r) => setTimeout(r, Math.max(0, outageMs - (Date.now() - down))));
  await pg.resume();
  await count(acknowledged.length + 9);
  loading = false;
  await load;

  for (const s of acknowledged)
    await waitFor(
      `${s.kind} ${s.key} at ${firstTask[s.kind]}`,
      async () => ((await waitsAt(base, s.key, firstTask[s.kind])) ? true : undefined),
      120_000,
      log,
    );
  const incidents = await engineRest<{ items: { errorMessage: string }[] }>(
    base,
    'POST',
    '/incidents/search',
    {
      filter: { state: 'ACTIVE' },
    },
  );
  expect(incidents.items.map((i) => i.errorMessage)).toEqual([]);

  const db = database.db;
  const { items, petitions, cases, unrecorded } = await recordsOf(db, acknowledged);
  expect(unrecorded).toEqual([]);
  const notices = await waitFor('every supervision notice', async () => {
    const counts = items.map((item) => bySubject(smtp.received, `【督办通知书】${item.number}`).length);
    return counts.every((c) => c >= 1) ? counts : undefined;
  });
  expect(notices.filter((c) => c !== 1)).toEqual([]);
  await waitFor('the web to reconnect', async () =>
    (await office.send('GET', '/api/ledger-items')).status === 200 ? true : undefined,
  );
  // The workers said the database was away, and carried on by themselves.
  expect(log()).toMatch(/database unavailable/);
  console.log(
    `database down ${Math.round(outageMs / 1000)} s: ${acknowledged.length} instances acknowledged, ` +
      `${items.length} ledger items, ${petitions.length} petitions, ${cases.length} cases, ` +
      `${(log().match(/database unavailable/g) ?? []).length} jobs put back while it was away; ` +
      `lost: 0; incidents: 0; duplicate notices: 0`,
  );
});
