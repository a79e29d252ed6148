// The application against an engine in another process, wired only by the variables used against a real
// Camunda 8.8 cluster (ZEEBE_GRPC_ADDRESS, ZEEBE_REST_ADDRESS, CAMUNDA_AUTH_STRATEGY): `zhuanban engine` runs as
// its own process; the composed system starts no embedded engine, deploys there, its workers take the jobs over
// gRPC, and the web reaches it over REST. A ledger item goes from opening to the unit's rectification task.
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { startSystem, type RunningSystem } from '../../cli/system/start-system';
import { startEngineProcess, type EngineProcess } from '../engine/support/engine-process';

const saved = { ...process.env };
let dir: string;
let engine: EngineProcess;
let system: RunningSystem;
let restAddress: string;

beforeAll(async () => {
  dir = fs.mkdtempSync(path.join(os.tmpdir(), 'zhuanban-remote-'));
  engine = await startEngineProcess(path.join(dir, 'engine'), ['--rest-port', '0']);
  restAddress = /REST (http:\/\/\S+?),/.exec(engine.readyLine)![1];
  process.env.ZEEBE_GRPC_ADDRESS = `grpc://${engine.address}`;
  process.env.ZEEBE_REST_ADDRESS = restAddress;
  process.env.CAMUNDA_AUTH_STRATEGY = 'NONE';
  process.env.DATABASE_URL = `file:${path.join(dir, 'zhuanban.db')}`;
  process.env.ADMIN_PASSWORD = 'admin-password-for-tests';
  delete process.env.SMTP_URL;
  system = await startSystem({ webPort: 0, logOptions: { sink: () => undefined } });
}, 120_000);
afterAll(async () => {
  await system?.stop();
  await engine?.kill('SIGTERM');
  process.env = saved;
  fs.rmSync(dir, { recursive: true, force: true });
}, 60_000);

async function rest<T>(method: string, p: string, body?: unknown): Promise<T> {
  const res = await fetch(`${restAddress}/v2${p}`, {
    method,
    headers: { 'content-type': 'application/json' },
    body: body === undefined ? undefined : JSON.stringify(body),
  });
  if (!res.ok) throw new Error(`${method} ${p}: ${res.status} ${await res.text()}`);
  return (res.status === 204 ? undefined : await res.json()) as T;
}

async function task(processInstanceKey: string, elementId: string): Promise<{ userTaskKey: string }> {
  const until = Date.now() + 20_000;
  for (;;) {
    const found = await rest<{ items: { userTaskKey: string; elementId: string }[] }>(
      'POST',
      '/user-tasks/search',
      {
        filter: { processInstanceKey, state: 'CREATED' },
      },
    );
    const t = found.items.find((i) => i.elementId === elementId);
    if (t) return t;
    if (Date.now() > until) throw new Error(`no ${elementId} task`);
    await new Promise((r) => setTimeout(r, 100));
  }
}

it('runs with no embedded engine, deploys to the remote one, and moves a ledger item through its workers', async () => {
  expect(system.engine).toBeUndefined();
  const ready = await fetch(`${system.web.url}/readyz`);
  expect(await ready.json()).toMatchObject({ status: 'ready', parts: { engine: { status: 'ok' } } });
  const definitions = await rest<{ items: { processDefinitionId: string }[] }>(
    'POST',
    '/process-definitions/search',
    {},
  );
  expect(definitions.items.map((d) => d.processDefinitionId)).toEqual(
    expect.arrayContaining(['weekly-report', 'case-coordination', 'petition-reply', 'rectification']),
  );

  const { processInstanceKey } = await rest<{ processInstanceKey: string }>('POST', '/process-instances', {
    processDefinitionId: 'rectification',
    variables: {
      source: 'supervision',
      problem: '远程引擎下的整改事项',
      leadUnitCode: 'police',
      assistingUnitCodes: [],
    },
  });
  const ack = await task(processInstanceKey, 'Task_Acknowledge');
  const item = await system.database.db.ledgerItem.findUniqueOrThrow({ where: { processInstanceKey } });
  expect(item.problem).toBe('远程引擎下的整改事项');
  await rest('POST', `/user-tasks/${ack.userTaskKey}/completion`, {
    variables: { noticeAcknowledged: true, liaisonName: '联络员乙', liaisonPhone: '0731-1111111' },
  });
  await task(processInstanceKey, 'Task_Rectify');
  const after = await system.database.db.ledgerItem.findUniqueOrThrow({ where: { processInstanceKey } });
  expect(after.acknowledgedAt).not.toBeNull();
}, 60_000);
