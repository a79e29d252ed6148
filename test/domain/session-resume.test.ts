// Resuming a session from its cookie token (domain/auth/sessions.ts) on both databases: the principal is read
// with its role, unit and flags as stored, the session slides forward once it has been idle a minute, and an
// expired session or a deactivated user's is ended — the session row read by one plain statement on each.
import { defaultSessionPolicy, login, resumeSession, sessionIdOf } from '../../domain/auth/sessions';
import { seed } from '../../domain/seed/seed';
import { seedDemo } from '../../domain/seed/demo';
import { freshDatabase, providers, type TestDatabase } from '../support/databases';

const password = 'session-resume-password';

describe.each(providers)('resumeSession on %s', (provider) => {
  let t: TestDatabase;
  beforeAll(async () => {
    t = await freshDatabase(provider);
    await seed(t.db, { adminPassword: password });
    await seedDemo(t.db, { password });
  }, 60_000);
  afterAll(async () => {
    await t?.destroy();
  });

  const signIn = async (username: string) => {
    const r = await login(t.db, username, password, {});
    if (!r.ok) throw new Error(`login ${username}: ${r.reason}`);
    return r;
  };

  it('reads the principal as stored: role, unit and the password-change flag', async () => {
    const court = await t.db.unit.findUniqueOrThrow({ where: { code: 'court' } });
    const user = await signIn('court.user');
    const resumed = await resumeSession(t.db, user.token);
    expect(resumed).toEqual({
      principal: {
        userId: user.principal.userId,
        username: 'court.user',
        role: 'unit-user',
        unitId: court.id,
        mustChangePassword: false,
      },
      csrfToken: user.csrfToken,
      expiresAt: user.expiresAt,
    });
    await t.db.user.update({ where: { username: 'court.user' }, data: { mustChangePassword: true } });
    expect((await resumeSession(t.db, user.token))?.principal.mustChangePassword).toBe(true);
    await t.db.user.update({ where: { username: 'court.user' }, data: { mustChangePassword: false } });
    expect(await resumeSession(t.db, 'not-a-token')).toBeUndefined();
  });

  it('slides the expiry forward once the session has been idle a minute, within its absolute limit', async () => {
    const user = await signIn('leader');
    const id = sessionIdOf(user.token);
    const row = await t.db.session.findUniqueOrThrow({ where: { id } });
    const later = new Date(row.lastSeenAt.getTime() + 5 * 60_000);
    const resumed = await resumeSession(t.db, user.token, defaultSessionPolicy, later);
    expect(resumed?.expiresAt).toEqual(new Date(later.getTime() + defaultSessionPolicy.idleMinutes * 60_000));
    const after = await t.db.session.findUniqueOrThrow({ where: { id } });
    expect(after.lastSeenAt).toEqual(later);
    expect(after.expiresAt).toEqual(resumed?.expiresAt);
    // Within the minute nothing is written.
    const soon = new Date(later.getTime() + 30_000);
    expect((await resumeSession(t.db, user.token, undefined, soon))?.expiresAt).toEqual(after.expiresAt);
    expect((await t.db.session.findUniqueOrThrow({ where: { id } })).lastSeenAt).toEqual(later);
  });

  it('ends an expired session and a deactivated user’s', async () => {
    const a = await signIn('police.user');
    const expiry = (await t.db.session.findUniqueOrThrow({ where: { id: sessionIdOf(a.token) } })).expiresAt;
    expect(await resumeSession(t.db, a.token, undefined, expiry)).toBeUndefined();
    expect(await t.db.session.count({ where: { id: sessionIdOf(a.token) } })).toBe(0);
    const b = await signIn('police.lead');
    await t.db.user.update({ where: { username: 'police.lead' }, data: { active: false } });
    expect(await resumeSession(t.db, b.token)).toBeUndefined();
    expect(await t.db.session.count({ where: { id: sessionIdOf(b.token) } })).toBe(0);
  });
});
