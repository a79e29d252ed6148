// The dashboard's shared answer (web/server/dashboard/shared-answer.ts) through the real server and database: it
// carries the 全市位次 and long-pending figures as their own routes answer them; a change made through the API
// shows on the very next load; one written by another process shows once the answer is older than the TTL the
// page states; and one scope's answer is never handed to another.
import { localDate } from '../../domain/calendar/deadline';
import type { DashboardPage } from '../../web/server/dashboard/dashboard-page';
import { dashboardTtlMs, sharedDashboard } from '../../web/server/dashboard/shared-answer';
import { generateYear } from '../bench/dashboard-data';
import { providers } from '../support/databases';
import { bootWeb, type TestWeb } from '../support/web-server';

const district = { all: true } as const;
const months = 12;
const redCount = (d: DashboardPage) => d.byColor.find((c) => c.color === 'red')!.count;

describe.each(providers)('the shared dashboard answer on %s', (provider) => {
  let web: TestWeb;
  beforeAll(async () => {
    web = await bootWeb({ provider });
    await generateYear(web.database.db, new Date(), {
      ledgerItems: 80,
      petitions: 40,
      cases: 10,
      weeks: 4,
      longPending: 6,
      rankQuarters: true,
    });
  }, 90_000);
  afterAll(async () => {
    await web?.stop();
  });

  it('carries the 全市位次 and the long-pending figures as their own routes answer them', async () => {
    const leader = await web.signedIn('leader');
    const res = await leader.send<DashboardPage>('GET', '/api/dashboard');
    expect(res.status).toBe(200);
    expect(res.headers.get('content-type')).toMatch(/^application\/json/);
    const d = res.body;
    expect(d.maxAgeSeconds).toBe(dashboardTtlMs / 1000);
    const ranks = await leader.send<DashboardPage['cityRanks']>('GET', '/api/indicator-ranks');
    expect(d.cityRanks).toEqual(ranks.body);
    expect(d.cityRanks.filter((i) => i.latest).length).toBeGreaterThan(0);
    const register = await leader.send<{ range: unknown; figures: unknown }>(
      'GET',
      '/api/case-reviews/long-pending',
    );
    expect(d.longPending).toEqual({ range: register.body.range, figures: register.body.figures });
    expect(d.longPending.figures.registered).toBe(await web.database.db.longPendingCase.count());
  });

  it('counts a change made through the API in the next load', async () => {
    const office = await web.signedIn('coordinator');
    const load = async () =>
      (await office.send<DashboardPage>('GET', '/api/dashboard')).body.longPending.figures;
    const before = await load();
    const year = new Date().getFullYear();
    const added = await office.send<{ id: number }>('POST', '/api/case-reviews/long-pending', {
      caseNumber: `（${year - 2}）豫0703民初9917号`,
      caseType: 'commercial',
      parties: '澄川新材料科技有限公司诉某科技公司',
      enterprise: '澄川新材料科技有限公司',
      filedOn: `${year - 2}-03-01`,
    });
    expect(added.status).toBe(201);
    expect(await load()).toMatchObject({
      registered: before.registered + 1,
      open: before.open + 1,
      longPending: before.longPending + 1,
    });
    const closed = await office.send('POST', `/api/case-reviews/long-pending/${added.body.id}/close`, {
      closedOn: localDate(new Date()),
      closingMethod: 'withdrawal',
    });
    expect(closed.status).toBe(200);
    expect(await load()).toMatchObject({
      registered: before.registered + 1,
      open: before.open,
      longPending: before.longPending,
      clearedInPeriod: before.clearedInPeriod + 1,
    });
  });

  it('never hands one scope’s answer to another, and refuses a unit user', async () => {
    const db = web.database.db;
    const court = await db.unit.findUniqueOrThrow({ where: { code: 'court' } });
    const whole = sharedDashboard(db, district, months);
    await whole;
    const courts = sharedDashboard(db, { all: false, unitId: court.id }, months);
    expect(courts).not.toBe(whole);
    await expect(courts).rejects.toMatchObject({ status: 403 });
    expect(sharedDashboard(db, district, months)).toBe(whole);
    const courtUser = await web.signedIn('court.user');
    const res = await courtUser.send('GET', '/api/dashboard');
    expect(res.status).toBe(403);
    expect(JSON.stringify(res.body)).not.toContain('byColor');
  });

  // Last: it asks for answers an hour ahead, which the route's clock then treats as not yet valid.
  it('shows a change written by another process once the answer is older than the TTL', async () => {
    const db = web.database.db;
    const t0 = Date.now() + 3_600_000;
    const first = JSON.parse(await sharedDashboard(db, district, months, t0)) as DashboardPage;
    expect(redCount(first)).toBeGreaterThan(0);
    // As the ledger worker beside the web server closes an item: straight into the database.
    const red = await db.ledgerItem.findFirstOrThrow({ where: { color: 'red', status: { not: 'closed' } } });
    await db.ledgerItem.update({
      where: { id: red.id },
      data: { status: 'closed', color: 'none', closedAt: new Date() },
    });
    const held = JSON.parse(await sharedDashboard(db, district, months, t0 + dashboardTtlMs - 1));
    expect(held).toEqual(first);
    const next = JSON.parse(
      await sharedDashboard(db, district, months, t0 + dashboardTtlMs),
    ) as DashboardPage;
    expect(redCount(next)).toBe(redCount(first) - 1);
    expect(next.generatedAt).toBe(new Date(t0 + dashboardTtlMs).toISOString());
    // A clock set back does not keep the hour-ahead answer.
    const now = JSON.parse(await sharedDashboard(db, district, months)) as DashboardPage;
    expect(new Date(now.generatedAt).getTime()).toBeLessThan(t0);
  });
});
