// The web request's id travels into the engine: every REST call the web makes while serving a request carries
// it as X-Request-Id, and the engine's request log names it — the caller's id when it sent a sane one, else the
// id the web made up and answered with. Engine calls outside a web request carry none.
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { startEngineServer, type EngineServer } from '../../engine/server';
import { createEngineApi } from '../../web/server/engine/client';
import { bootWeb, type TestWeb } from '../support/web-server';

let engine: EngineServer;
let web: TestWeb;
let dataDir: string;
const engineLog: string[] = [];

beforeAll(async () => {
  dataDir = fs.mkdtempSync(path.join(os.tmpdir(), 'zhuanban-request-id-'));
  engine = await startEngineServer({
    dataDir,
    grpcPort: 0,
    restPort: 0,
    requestLog: (line) => engineLog.push(line),
  });
  web = await bootWeb({ engineRestAddress: engine.restAddress });
}, 60_000);
afterAll(async () => {
  await web?.stop();
  await engine?.close();
  fs.rmSync(dataDir, { recursive: true, force: true });
});

const linesWith = (id: string) => engineLog.filter((l) => l.includes(`requestId=${id}`));

it('sends the caller’s request id with the engine calls of that request, and the engine logs it', async () => {
  const coordinator = await web.signedIn('coordinator');
  const res = await coordinator.send('GET', '/api/tasks/count', undefined, {
    headers: { 'x-request-id': 'trace-ops-0001' },
  });
  expect(res.status).toBe(200);
  expect(res.headers.get('x-request-id')).toBe('trace-ops-0001');
  const lines = linesWith('trace-ops-0001');
  expect(lines.length).toBeGreaterThan(0);
  for (const line of lines)
    expect(line).toMatch(/^rest POST \/v2\/user-tasks\/search 200 [\d.]+ms requestId=trace-ops-0001$/);
});

it('uses the id the web made up when the caller sent none or an unusable one', async () => {
  const coordinator = await web.signedIn('coordinator');
  // a page not asked for before: the web caches engine answers for a moment
  const res = await coordinator.send('GET', '/api/tasks?pageSize=7', undefined, {
    headers: { 'x-request-id': 'not a sane id; drop table' },
  });
  expect(res.status).toBe(200);
  const id = res.headers.get('x-request-id') as string;
  expect(id).toMatch(/^[0-9a-f-]{36}$/);
  expect(linesWith(id).length).toBeGreaterThan(0);
  expect(engineLog.join('\n')).not.toContain('drop table');
});

it('adds no id to engine calls made outside a web request', async () => {
  const before = engineLog.length;
  const api = createEngineApi({ restAddress: engine.restAddress });
  await api?.getTopology();
  expect(api).toBeDefined();
  expect(engineLog.slice(before)).toEqual([]);
});
