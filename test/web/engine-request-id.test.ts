// The web request's id travels into the engine: every REST call the web makes while serving a request carries
// it as X-Request-Id, and the engine's request log names it — the caller's id when it sent a sane one, else the
// id the web made up and answered with. Engine calls outside a web request carry none. The signed-in person
// travels as X-Zhuanban-User and is logged beside the id only for a caller the engine accepted.
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

it('sends the caller’s request id and person with the engine calls of that request, and the engine logs both', async () => {
  const coordinator = await web.signedIn('coordinator');
  const res = await coordinator.send('GET', '/api/tasks/count', undefined, {
    headers: { 'x-request-id': 'trace-ops-0001' },
  });
  expect(res.status).toBe(200);
  expect(res.headers.get('x-request-id')).toBe('trace-ops-0001');
  const lines = linesWith('trace-ops-0001');
  expect(lines.length).toBeGreaterThan(0);
  for (const line of lines)
    expect(line).toMatch(
      /^rest POST \/v2\/user-tasks\/search 200 [\d.]+ms requestId=trace-ops-0001 user=coordinator$/,
    );
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

describe('the person in the engine log', () => {
  let secured: EngineServer;
  let securedDir: string;
  const securedLog: string[] = [];
  const basic = (user: string, password: string) =>
    `Basic ${Buffer.from(`${user}:${password}`).toString('base64')}`;
  const topology = (authorization: string, requestId: string, person: string) =>
    fetch(`${secured.restAddress}/v2/topology`, {
      headers: { authorization, 'x-request-id': requestId, 'x-zhuanban-user': person },
    });

  beforeAll(async () => {
    securedDir = fs.mkdtempSync(path.join(os.tmpdir(), 'zhuanban-request-user-'));
    secured = await startEngineServer({
      dataDir: securedDir,
      grpcPort: 0,
      restPort: 0,
      auth: { users: [{ username: 'web', password: 'web-secret' }] },
      requestLog: (line) => securedLog.push(line),
    });
  }, 60_000);
  afterAll(async () => {
    await secured?.close();
    fs.rmSync(securedDir, { recursive: true, force: true });
  });

  it('logs a percent-encoded Chinese username decoded, for an authenticated caller', async () => {
    const res = await topology(basic('web', 'web-secret'), 'user-ok-1', encodeURIComponent('张三'));
    expect(res.status).toBe(200);
    expect(securedLog.filter((l) => l.includes('requestId=user-ok-1'))).toEqual([
      expect.stringMatching(/^rest GET \/v2\/topology 200 [\d.]+ms requestId=user-ok-1 user=张三$/),
    ]);
  });

  it('ignores the person a refused caller claims', async () => {
    const res = await topology(basic('web', 'wrong'), 'user-refused-1', 'admin');
    expect(res.status).toBe(401);
    const lines = securedLog.filter((l) => l.includes('requestId=user-refused-1'));
    expect(lines).toHaveLength(1);
    expect(lines[0]).not.toContain('user=');
  });

  it('drops a name that could forge a log field', async () => {
    const res = await topology(
      basic('web', 'web-secret'),
      'user-forged-1',
      encodeURIComponent('x requestId=evil'),
    );
    expect(res.status).toBe(200);
    const lines = securedLog.filter((l) => l.includes('requestId=user-forged-1'));
    expect(lines).toHaveLength(1);
    expect(lines[0]).not.toContain('user=');
    expect(lines[0]).not.toContain('evil');
  });
});
