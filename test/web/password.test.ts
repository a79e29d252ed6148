// Changing one's own password over the API: forced for the seeded admin and for accounts an admin creates or
// resets (everything but the session routes answers 403 until then), the current password proves identity, the
// new one may not equal it or contain the username, other sessions of the user end, and it is audited.
import { bootWeb, demoPassword, type TestWeb } from '../support/web-server';

let web: TestWeb;
beforeAll(async () => {
  web = await bootWeb({ settings: { loginRateLimit: { max: 1000, windowMs: 60_000 } } });
}, 60_000);
afterAll(() => web?.stop());

it('forces an account an admin created to change its password before anything else', async () => {
  const admin = await web.signedIn('admin');
  const created = await admin.send('POST', '/api/admin/users', {
    username: 'new.coordinator',
    displayName: '新同事',
    role: 'coordinator',
    password: 'first-password-from-admin',
  });
  expect(created.status).toBe(201);
  const user = await web.signedIn('new.coordinator', 'first-password-from-admin');
  const session = await user.send<{ user: { mustChangePassword: boolean } }>('GET', '/api/session');
  expect(session.body.user.mustChangePassword).toBe(true);
  const blocked = await user.send<{ type: string }>('GET', '/api/ledger-items');
  expect(blocked.status).toBe(403);
  expect(blocked.body.type).toBe('/problems/password-change-required');

  const same = await user.send<{ errors: { field: string }[] }>('POST', '/api/account/password', {
    currentPassword: 'first-password-from-admin',
    newPassword: 'first-password-from-admin',
  });
  expect(same.status).toBe(400);
  expect(same.body.errors[0].field).toBe('newPassword');
  const common = await user.send<{ errors: { message: string }[] }>('POST', '/api/account/password', {
    currentPassword: 'first-password-from-admin',
    newPassword: 'password1234',
  });
  expect(common.status).toBe(400);
  expect(common.body.errors[0].message).toContain('过于常见');
  const asName = await user.send('POST', '/api/account/password', {
    currentPassword: 'first-password-from-admin',
    newPassword: 'New.Coordinator',
  });
  expect(asName.status).toBe(400);

  const changed = await user.send('POST', '/api/account/password', {
    currentPassword: 'first-password-from-admin',
    newPassword: 'Office-Password-2026',
  });
  expect(changed.status).toBe(204);
  expect((await user.send('GET', '/api/ledger-items')).status).toBe(200);
  expect((await web.client().login('new.coordinator', 'first-password-from-admin')).status).toBe(401);
  expect((await web.client().login('new.coordinator', 'Office-Password-2026')).status).toBe(200);
  const rows = await web.database.db.auditLog.findMany({ where: { action: 'user.changePassword' } });
  expect(rows).toHaveLength(1);
});

it('refuses a wrong current password and changes nothing', async () => {
  const c = await web.signedIn('police.user');
  const before = await web.database.db.user.findUniqueOrThrow({ where: { username: 'police.user' } });
  const res = await c.send<{ errors: { field: string; message: string }[] }>(
    'POST',
    '/api/account/password',
    {
      currentPassword: 'not-my-password',
      newPassword: 'Another-Password-2026',
    },
  );
  expect(res.status).toBe(400);
  expect(res.body.errors).toEqual([{ field: 'currentPassword', message: '当前密码不正确' }]);
  const after = await web.database.db.user.findUniqueOrThrow({ where: { username: 'police.user' } });
  expect(after.passwordHash).toBe(before.passwordHash);
});

it('ends the other sessions of the user and keeps this one', async () => {
  const here = await web.signedIn('justice.user');
  const elsewhere = await web.signedIn('justice.user');
  const res = await here.send('POST', '/api/account/password', {
    currentPassword: demoPassword,
    newPassword: 'Justice-Password-2026',
  });
  expect(res.status).toBe(204);
  expect((await here.send<{ user: unknown }>('GET', '/api/session')).body.user).not.toBeNull();
  expect((await elsewhere.send<{ user: unknown }>('GET', '/api/session')).body.user).toBeNull();
});

it('forces a change again after an admin reset', async () => {
  const admin = await web.signedIn('admin');
  const target = await web.database.db.user.findUniqueOrThrow({ where: { username: 'procuratorate.user' } });
  const reset = await admin.send('POST', `/api/admin/users/${target.id}/password`, {
    password: 'reset-by-the-admin-1',
  });
  expect(reset.status).toBeLessThan(300);
  const c = await web.signedIn('procuratorate.user', 'reset-by-the-admin-1');
  expect((await c.send('GET', '/api/ledger-items')).status).toBe(403);
});

it('answers a change sent with an ended session with 401, not a CSRF error', async () => {
  const c = await web.signedIn('court.lead');
  const user = await web.database.db.user.findUniqueOrThrow({ where: { username: 'court.lead' } });
  await web.database.db.session.deleteMany({ where: { userId: user.id } });
  const res = await c.send<{ title: string }>('POST', '/api/ledger-items/1/progress-notes', {
    content: '进展',
  });
  expect(res.status).toBe(401);
  expect(res.body.title).toBe('登录已过期');
});

it('slides the session cookie with the session', async () => {
  const c = await web.signedIn('court.user');
  const res = await c.send('GET', '/api/session');
  const cookie = res.setCookies.find((s) => s.startsWith('zb_session='));
  expect(cookie).toMatch(/Expires=/);
});
