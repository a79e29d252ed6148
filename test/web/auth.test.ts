// Sign-in, sessions and request security against the real server over HTTP: cookies and their flags, CSRF,
// generic failures, lock-out after repeated failures, the login rate limit, session expiry, logout, helmet,
// problem+json errors that name the field and change nothing.
import { ApiClient } from '../support/api-client';
import { bootWeb, demoPassword, type TestWeb } from '../support/web-server';

describe('web authentication', () => {
  let web: TestWeb;
  beforeAll(async () => {
    web = await bootWeb();
  }, 60_000);
  afterAll(async () => {
    await web?.stop();
  });

  it('answers the health check without a session, with helmet headers', async () => {
    const res = await web.client().send('GET', '/api/health');
    expect(res.status).toBe(200);
    expect(res.body).toEqual({ status: 'ok', database: 'sqlite' });
    expect(res.headers.get('x-content-type-options')).toBe('nosniff');
    expect(res.headers.get('content-security-policy')).toContain("default-src 'self'");
    expect(res.headers.get('x-powered-by')).toBeNull();
  });

  it('answers an unknown API path with problem+json', async () => {
    const res = await web.client().send('GET', '/api/nowhere');
    expect(res.status).toBe(404);
    expect(res.headers.get('content-type')).toMatch(/^application\/problem\+json/);
    expect(res.body).toMatchObject({ status: 404, title: '未找到', instance: '/api/nowhere' });
  });

  it('refuses a login without the CSRF token', async () => {
    const c = web.client();
    const res = await c.send('POST', '/api/login', { username: 'coordinator', password: demoPassword });
    expect(res.status).toBe(403);
    expect(res.body).toMatchObject({ title: 'CSRF 校验失败' });
    expect(c.cookies.has('zb_session')).toBe(false);
  });

  it('refuses a login from another site even with a token', async () => {
    const c = web.client();
    await c.refreshCsrf();
    const res = await c.send(
      'POST',
      '/api/login',
      { username: 'coordinator', password: demoPassword },
      {
        headers: { origin: 'https://evil.example' },
      },
    );
    expect(res.status).toBe(403);
  });

  it('signs in with an httpOnly, SameSite=Strict session cookie and a new CSRF token', async () => {
    const c = web.client();
    const pre = await c.refreshCsrf();
    const res = await c.login('court.user', demoPassword);
    expect(res.status).toBe(200);
    expect(res.body).toMatchObject({
      user: { username: 'court.user', role: 'unit-user', unit: { code: 'court' } },
    });
    expect(c.csrfToken).not.toBe(pre);
    const cookie = res.setCookies.find((s) => s.startsWith('zb_session='));
    expect(cookie).toMatch(/HttpOnly/);
    expect(cookie).toMatch(/SameSite=Strict/);
    expect(cookie).not.toMatch(/Secure/); // plain HTTP here; see the proxy test
    const session = await c.send('GET', '/api/session');
    expect(session.body).toMatchObject({ user: { username: 'court.user' }, csrfToken: c.csrfToken });
  });

  it('stores only a hash of the session token in the database', async () => {
    const c = await web.signedIn('police.user');
    const token = c.cookies.get('zb_session') as string;
    expect(await web.database.db.session.count({ where: { id: token } })).toBe(0);
    expect(await web.database.db.session.count({ where: { user: { username: 'police.user' } } })).toBe(1);
  });

  it('gives the same answer for a wrong password and an unknown user', async () => {
    const a = await web.client().login('court.lead', 'wrong-password');
    const b = await web.client().login('nobody-here', 'wrong-password');
    expect(a.status).toBe(401);
    expect(b.status).toBe(401);
    expect((a.body as { detail: string }).detail).toMatch(/^用户名或密码错误。/);
    expect(b.body).toEqual({ ...(a.body as object) });
    // Both are audited, the unknown user too.
    const rows = await web.database.db.auditLog.findMany({
      where: { action: 'login.failed', entityId: 'nobody-here' },
    });
    expect(rows).toHaveLength(1);
  });

  it('counts every one of 15 simultaneous wrong passwords, so concurrency cannot dodge the lock-out', async () => {
    const clients = await Promise.all(
      Array.from({ length: 15 }, async () => {
        const c = web.client();
        await c.refreshCsrf();
        return c;
      }),
    );
    const answers = await Promise.all(
      clients.map((c, i) => c.login('plc-office.lead', `parallel-guess-${i}`)),
    );
    expect(answers.map((a) => a.status)).toEqual(Array(15).fill(401));
    const user = await web.database.db.user.findUniqueOrThrow({ where: { username: 'plc-office.lead' } });
    expect(user.lockedUntil!.getTime()).toBeGreaterThan(Date.now());
    const counted = await web.database.db.auditLog.count({
      where: { entityId: String(user.id), action: { in: ['user.loginFailed', 'user.locked'] } },
    });
    expect(counted).toBe(15);
    expect((await web.client().login('plc-office.lead', demoPassword)).status).toBe(401);
  });

  it('locks an account after five failed logins, even against the right password, until an admin unlocks it', async () => {
    const c = web.client();
    for (let i = 0; i < 4; i++) expect((await c.login('justice.lead', `guess-${i}`)).status).toBe(401);
    const fifth = await c.login('justice.lead', 'guess-5');
    expect(fifth.status).toBe(401);
    // Locked: even the right password gets the same answer as a wrong one (nothing to enumerate).
    const locked = await c.login('justice.lead', demoPassword);
    expect(locked.status).toBe(401);
    expect(locked.body).toEqual(fifth.body);
    const user0 = await web.database.db.user.findUniqueOrThrow({ where: { username: 'justice.lead' } });
    expect(user0.lockedUntil!.getTime()).toBeGreaterThan(Date.now());
    const audit = await web.database.db.auditLog.count({
      where: { action: 'user.locked', entityId: String(user0.id) },
    });
    expect(audit).toBe(1);

    const admin = await web.signedIn('admin');
    const user = await web.database.db.user.findUniqueOrThrow({ where: { username: 'justice.lead' } });
    expect((await admin.send('POST', `/api/admin/users/${user.id}/unlock`)).status).toBe(200);
    expect((await web.client().login('justice.lead', demoPassword)).status).toBe(200);
  });

  it('ends an expired session: the request is unauthenticated and the session row is gone', async () => {
    const c = await web.signedIn('procuratorate.user');
    expect((await c.send('GET', '/api/ledger-items')).status).toBe(200);
    await web.database.db.session.updateMany({
      where: { user: { username: 'procuratorate.user' } },
      data: { expiresAt: new Date(Date.now() - 1000) },
    });
    const res = await c.send('GET', '/api/ledger-items');
    expect(res.status).toBe(401);
    expect(await web.database.db.session.count({ where: { user: { username: 'procuratorate.user' } } })).toBe(
      0,
    );
  });

  it('logs out: the session is deleted and the old cookie no longer works', async () => {
    const c = await web.signedIn('plc-office.user');
    const cookie = c.cookies.get('zb_session') as string;
    expect((await c.send('POST', '/api/logout')).status).toBe(204);
    const replay = new ApiClient(web.server.url);
    replay.cookies.set('zb_session', cookie);
    expect((await replay.send('GET', '/api/ledger-items')).status).toBe(401);
  });

  it('rejects invalid input with the fields named, and creates nothing', async () => {
    const admin = await web.signedIn('admin');
    const before = await web.database.db.user.count();
    const res = await admin.send('POST', '/api/admin/users', {
      username: 'X',
      displayName: '',
      role: 'boss',
      password: 'short',
    });
    expect(res.status).toBe(400);
    expect(res.headers.get('content-type')).toMatch(/^application\/problem\+json/);
    const fields = (res.body as { errors: { field: string }[] }).errors.map((e) => e.field).sort();
    expect(fields).toEqual(['displayName', 'password', 'role', 'username']);
    expect(await web.database.db.user.count()).toBe(before);

    const unitless = await admin.send('POST', '/api/admin/users', {
      username: 'new.unit.user',
      displayName: '承办人C',
      role: 'unit-user',
      password: 'a-long-enough-password',
    });
    expect(unitless.status).toBe(400);
    expect(unitless.body).toMatchObject({ errors: [{ field: 'unitCode' }] });
    const bad = await admin.send('POST', '/api/admin/units', undefined, { rawBody: '{"code": ' });
    expect(bad.status).toBe(400);
    expect(bad.body).toMatchObject({ detail: '请求体不是合法的 JSON' });
    expect(await web.database.db.user.count()).toBe(before);
  });

  it('lets an admin create a user who can then sign in, with the change audited', async () => {
    const admin = await web.signedIn('admin');
    const res = await admin.send('POST', '/api/admin/users', {
      username: 'court.clerk2',
      displayName: '区法院承办人C',
      role: 'unit-user',
      unitCode: 'court',
      password: 'a-long-enough-password',
    });
    expect(res.status).toBe(201);
    expect(res.body).not.toHaveProperty('passwordHash');
    const row = await web.database.db.auditLog.findFirstOrThrow({
      where: { action: 'user.create', actorLabel: 'admin' },
    });
    expect(JSON.stringify(row.after)).not.toContain('scrypt');
    expect((await web.client().login('court.clerk2', 'a-long-enough-password')).status).toBe(200);
  });
});

describe('web authentication behind a TLS proxy, with a tight login rate limit', () => {
  let web: TestWeb;
  beforeAll(async () => {
    web = await bootWeb({
      trustProxy: 'loopback',
      settings: { loginRateLimit: { max: 3, windowMs: 60_000 } },
    });
  }, 60_000);
  afterAll(async () => {
    await web?.stop();
  });

  it('marks the session cookie Secure when the proxy says the request came over HTTPS', async () => {
    const c = web.client();
    await c.refreshCsrf();
    const res = await c.send(
      'POST',
      '/api/login',
      { username: 'leader', password: demoPassword },
      {
        headers: { 'x-forwarded-proto': 'https' },
      },
    );
    expect(res.status).toBe(200);
    expect(res.setCookies.find((s) => s.startsWith('zb_session='))).toMatch(/Secure/);
  });

  it('limits failed attempts per address and username with 429 and Retry-After, and audits the refusals', async () => {
    const c = web.client();
    const statuses: number[] = [];
    for (let i = 0; i < 4; i++) statuses.push((await c.login('police.lead', `wrong-${i}`)).status);
    expect(statuses).toEqual([401, 401, 401, 429]);
    // Even the right password waits out the window: the limit is checked before the password.
    const res = await c.login('police.lead', demoPassword);
    expect(res.status).toBe(429);
    expect(Number(res.headers.get('retry-after'))).toBeGreaterThan(0);
    const refused = await web.database.db.auditLog.count({
      where: { action: 'login.rateLimited', entityId: 'police.lead' },
    });
    expect(refused).toBe(2);
  });

  it('does not count successful sign-ins, nor one user’s failures against a colleague at the same address', async () => {
    for (let i = 0; i < 5; i++) expect((await web.client().login('leader', demoPassword)).status).toBe(200);
    expect((await web.client().login('court.lead', demoPassword)).status).toBe(200);
  });
});
