// The web process killed with SIGKILL while the office opens ledger items through the web API, as an operator runs
// the parts: `zhuanban engine` (Basic authentication), `zhuanban workers` and `zhuanban web` as separate processes
// on one SQLite file. The web is killed mid-load and started again on the same port; later the engine, the workers
// and the web are killed together and all come back. Afterwards: every item the web acknowledged exists once; every open item — including any committed in the instant before the kill and never
// acknowledged — runs exactly one rectification instance (started by the request, or by the restarted web's
// reconciler); a retry of the request the kill cut off, with its Idempotency-Key, makes no second item; and the
// office's session outlives the crash (sessions live in the database). Nothing is mocked.
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { openDatabase, type Database } from '../../domain/db/client';
import { ApiClient } from '../support/api-client';
import { startEngineProcess, type EngineProcess, type SpawnResult } from '../engine/support/engine-process';
import { ledgerOpening } from '../processes-paths/support/answers';
import {
  createOfficeUser,
  deployProcesses,
  officePassword,
  startWebProcess,
  engineRest,
  engineUser as user,
  restOf,
  startWorkers,
  waitFor as waitUntil,
  workersRunning,
} from './support/fault-kit';

jest.setTimeout(240_000);

let dir: string;
let engine: EngineProcess | undefined;
let workers: SpawnResult | undefined;
let web: SpawnResult | undefined;
let database: Database;

const env = () => ({
  DATABASE_URL: `file:${path.join(dir, 'zhuanban.db')}`,
  PENDING_START_INTERVAL_MS: '2000',
});

const waitFor = <T>(what: string, fn: () => Promise<T | undefined>, timeoutMs = 120_000) =>
  waitUntil(what, fn, timeoutMs, () => `${web?.stdout()}\n${web?.stderr()}`);

/** ledgerNumber of every active rectification instance, one entry per instance. */
async function runningLedgerNumbers(base: string): Promise<string[]> {
  const instances = await engineRest<{ items: { processInstanceKey: string }[] }>(
    base,
    'POST',
    '/process-instances/search',
    { filter: { processDefinitionId: 'rectification', state: 'ACTIVE' }, page: { limit: 1000 } },
  );
  const numbers: string[] = [];
  for (const i of instances.items) {
    const vars = await engineRest<{ items: { value: string }[] }>(base, 'POST', '/variables/search', {
      filter: {
        processInstanceKey: i.processInstanceKey,
        name: 'ledgerNumber',
        scopeKey: i.processInstanceKey,
      },
    });
    numbers.push(JSON.parse(vars.items[0]!.value) as string);
  }
  return numbers;
}

beforeAll(async () => {
  dir = fs.mkdtempSync(path.join(os.tmpdir(), 'zhuanban-web-kill-'));
}, 60_000);

afterAll(async () => {
  web?.child.kill('SIGKILL');
  workers?.child.kill('SIGKILL');
  await engine?.kill('SIGKILL');
  await database?.close();
  fs.rmSync(dir, { recursive: true, force: true });
});

it('loses and doubles nothing when the web process is killed while ledger items are being opened', async () => {
  engine = await startEngineProcess(path.join(dir, 'engine'), ['--rest-port', '0'], {
    timeoutMs: 60_000,
    env: { ENGINE_USERS: `${user.name}:${user.password}` },
  });
  const restBase = restOf(engine);
  await deployProcesses(engine);

  let started = await startWebProcess(engine, env());
  web = started.proc;
  const port = Number(new URL(started.url).port);
  // The office's account, made as an admin would (then its first-login password change already done).
  database = await openDatabase({ url: env().DATABASE_URL });
  await createOfficeUser(database.db);
  workers = startWorkers(engine, env());
  await waitFor('the workers', async () => (workersRunning(workers!) ? true : undefined));

  const office = new ApiClient(started.url);
  expect((await office.login('office', officePassword)).status).toBe(200);

  // The load: one item every 50 ms, each with its own Idempotency-Key; a request the kill cuts off is remembered.
  const acknowledged = new Map<string, string>(); // key → number
  const cutOff: { key: string; body: unknown }[] = [];
  let n = 0;
  let loading = true;
  const load = (async () => {
    while (loading) {
      const key = `web-kill-${n}`;
      const body = ledgerOpening({ problem: `网页进程故障注入事项${n}`, sourceRef: `WK-${n}` });
      n++;
      try {
        const res = await office.send<{ number: string }>('POST', '/api/ledger-items', body, {
          headers: { 'idempotency-key': key },
        });
        if (res.status === 201) acknowledged.set(key, res.body.number);
        else cutOff.push({ key, body });
      } catch {
        cutOff.push({ key, body });
        await new Promise((r) => setTimeout(r, 500)); // the web is away: a client backs off
      }
      await new Promise((r) => setTimeout(r, 50));
    }
  })();

  await waitFor('10 items', async () => (acknowledged.size >= 10 ? true : undefined));
  web.child.kill('SIGKILL');
  await web.exited;
  await new Promise((r) => setTimeout(r, 1_000));
  started = await startWebProcess(engine, env(), port);
  web = started.proc;
  // The same session cookie works on the new process.
  await waitFor('the restarted web to answer', async () =>
    (await office.send('GET', '/api/session')).status === 200 ? true : undefined,
  );
  expect(
    (await office.send<{ user?: { username: string } }>('GET', '/api/session')).body.user?.username,
  ).toBe('office');
  const more = (k: number) => {
    const from = acknowledged.size;
    return waitFor(`${k} more items`, async () => (acknowledged.size >= from + k ? true : undefined));
  };
  await more(10);

  // 2. Everything at once: the engine, the workers and the web die together and come back on the same ports.
  const ports = ['--grpc-port', String(engine.port), '--rest-port', new URL(restBase).port];
  web.child.kill('SIGKILL');
  workers.child.kill('SIGKILL');
  await Promise.all([engine.kill('SIGKILL'), web.exited, workers.exited]);
  engine = await startEngineProcess(path.join(dir, 'engine'), ports, {
    timeoutMs: 60_000,
    env: { ENGINE_USERS: `${user.name}:${user.password}` },
  });
  workers = startWorkers(engine, env());
  started = await startWebProcess(engine, env(), port);
  web = started.proc;
  await more(10);
  loading = false;
  await load;

  // The requests the kill cut off, retried by the client with the same key: each yields at most one item.
  for (const c of cutOff) {
    const res = await office.send<{ number: string }>('POST', '/api/ledger-items', c.body, {
      headers: { 'idempotency-key': c.key },
    });
    expect(res.status).toBe(201);
    acknowledged.set(c.key, res.body.number);
  }
  const again = cutOff[0] ?? {
    key: 'web-kill-0',
    body: ledgerOpening({ problem: '网页进程故障注入事项0', sourceRef: 'WK-0' }),
  };
  const repeat = await office.send<{ number: string }>('POST', '/api/ledger-items', again.body, {
    headers: { 'idempotency-key': again.key },
  });
  expect(repeat.body.number).toBe(acknowledged.get(again.key));

  // Every item in the database is one the client was told about, once; each runs exactly one instance.
  const items = await database.db.ledgerItem.findMany({ where: { sourceRef: { startsWith: 'WK-' } } });
  expect(items.map((i) => i.number).sort()).toEqual([...new Set(acknowledged.values())].sort());
  expect(items).toHaveLength(n);
  const numbers = await waitFor(
    'an instance for every item',
    async () => {
      const running = await runningLedgerNumbers(restBase);
      return items.every((i) => running.includes(i.number)) ? running : undefined;
    },
    90_000,
  );
  const counts = new Map<string, number>();
  for (const num of numbers) counts.set(num, (counts.get(num) ?? 0) + 1);
  expect(items.filter((i) => counts.get(i.number) !== 1).map((i) => i.number)).toEqual([]);
  console.log(
    `web kill: ${n} items requested, ${cutOff.length} cut off by the kill and retried, ${items.length} stored, ` +
      `${numbers.length} rectification instances; lost: 0; duplicates: 0`,
  );
});
