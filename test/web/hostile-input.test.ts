// Input an attacker (or a broken client) sends: strings with a lone surrogate or NUL, ids written as "0x2" or
// "1e0", a body that claims gzip but is not, and an admin deactivating the last admin. Each gets a clear 400/409
// naming the problem, and nothing changes.
import http from 'node:http';
import { loadWebConfig } from '../../web/server/config';
import { bootWeb, type TestWeb } from '../support/web-server';

let web: TestWeb;
beforeAll(async () => {
  web = await bootWeb();
}, 60_000);
afterAll(() => web?.stop());

it('refuses a lone surrogate or a NUL anywhere in a JSON body with the field named, and stores nothing', async () => {
  const c = await web.signedIn('court.user');
  const item = await web.database.db.ledgerItem.findFirstOrThrow({ where: { leadUnit: { code: 'court' } } });
  const before = await web.database.db.ledgerProgressNote.count();
  const surrogate = await c.send<{ errors: { field: string }[] }>(
    'POST',
    `/api/ledger-items/${item.id}/progress-notes`,
    undefined,
    { rawBody: '{"content":"整改\\ud800进展"}' },
  );
  expect(surrogate.status).toBe(400);
  expect(surrogate.body.errors[0].field).toBe('content');
  const nul = await c.send<{ errors: { field: string }[] }>(
    'POST',
    `/api/ledger-items/${item.id}/progress-notes`,
    undefined,
    { rawBody: '{"meta":{"notes":["ok","a\\u0000b"]}}' },
  );
  expect(nul.status).toBe(400);
  expect(nul.body.errors[0].field).toBe('meta.notes.1');
  const login = await web.client().send('POST', '/api/login', undefined, {
    rawBody: '{"username":"\\udc00admin","password":"x"}',
  });
  expect([400, 403]).toContain(login.status); // 403 when the CSRF check answers first; never a 500
  expect(await web.database.db.ledgerProgressNote.count()).toBe(before);
});

it('accepts only plain decimal ids', async () => {
  const c = await web.signedIn('coordinator');
  const item = await web.database.db.ledgerItem.findFirstOrThrow();
  expect((await c.send('GET', `/api/ledger-items/${item.id}`)).status).toBe(200);
  for (const id of ['0x2', '1e0', '2.0', '+2', '00002', '99999999999', '-1']) {
    const res = await c.send<{ errors: { field: string }[] }>(
      'GET',
      `/api/ledger-items/${encodeURIComponent(id)}`,
    );
    expect([id, res.status]).toEqual([id, 400]);
    expect(res.body.errors[0].field).toBe('id');
  }
});

it('answers a body that claims gzip but is not with 400', async () => {
  const c = await web.signedIn('coordinator');
  const url = new URL(`${web.server.url}/api/ledger-items`);
  const status = await new Promise<number>((resolve, reject) => {
    const req = http.request(
      {
        host: url.hostname,
        port: url.port,
        path: url.pathname,
        method: 'POST',
        headers: {
          'content-type': 'application/json',
          'content-encoding': 'gzip',
          'x-csrf-token': c.csrfToken!,
          cookie: [...c.cookies].map(([k, v]) => `${k}=${v}`).join('; '),
        },
      },
      (res) => {
        res.resume();
        resolve(res.statusCode ?? 0);
      },
    );
    req.on('error', reject);
    req.end(Buffer.from('this is not gzip at all'));
  });
  expect(status).toBe(400);
});

it('keeps the last active admin: it cannot be deactivated or demoted', async () => {
  const admin = await web.signedIn('admin');
  const me = await web.database.db.user.findUniqueOrThrow({ where: { username: 'admin' } });
  const off = await admin.send<{ errors: { field: string }[] }>('PATCH', `/api/admin/users/${me.id}`, {
    active: false,
  });
  expect(off.status).toBe(409);
  const demote = await admin.send('PATCH', `/api/admin/users/${me.id}`, { role: 'leader' });
  expect(demote.status).toBe(409);
  const after = await web.database.db.user.findUniqueOrThrow({ where: { username: 'admin' } });
  expect([after.active, after.role]).toEqual([true, 'admin']);

  // With a second admin, the first may step down.
  const second = await admin.send<{ id: number }>('POST', '/api/admin/users', {
    username: 'second.admin',
    displayName: '第二管理员',
    role: 'admin',
    password: 'Second-Admin-Password-2026',
  });
  expect(second.status).toBe(201);
  expect((await admin.send('PATCH', `/api/admin/users/${second.body.id}`, { active: false })).status).toBe(
    200,
  );
  expect((await admin.send('PATCH', `/api/admin/users/${me.id}`, { active: false })).status).toBe(409);
});

it('refuses TRUST_PROXY=true, which would let any client choose the address the rate limit counts', () => {
  expect(() => loadWebConfig({ TRUST_PROXY: 'true' })).toThrow(/TRUST_PROXY=true/);
  expect(loadWebConfig({ TRUST_PROXY: '1' }).trustProxy).toBe(1);
  expect(loadWebConfig({ TRUST_PROXY: 'loopback' }).trustProxy).toBe('loopback');
});
