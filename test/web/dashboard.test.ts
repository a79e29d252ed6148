// The dashboard's figures against the database they come from (a year of generated data on top of the demo
// records): colours, overdue by unit, the rates and the records behind them, weekly punctuality and the
// indicators against their targets — and that one computation is shared by concurrent requests.
import { generateYear } from '../bench/dashboard-data';
import { dashboard } from '../../web/server/dashboard/dashboard';
import { sharedDashboard } from '../../web/server/dashboard/shared-answer';
import { providers } from '../support/databases';
import { bootWeb, type TestWeb } from '../support/web-server';

type Dash = Awaited<ReturnType<typeof dashboard>>;

describe.each(providers)('dashboard API on %s', (provider) => {
  let web: TestWeb;
  const now = new Date();
  beforeAll(async () => {
    web = await bootWeb({ provider });
    await generateYear(web.database.db, now, { ledgerItems: 300, petitions: 200, cases: 60, weeks: 12 });
  }, 90_000);
  afterAll(async () => {
    await web?.stop();
  });

  it('counts open ledger items by colour and overdue ones by unit, each linked to the filtered ledger', async () => {
    const db = web.database.db;
    const leader = await web.signedIn('leader');
    const res = await leader.send<Dash>('GET', '/api/dashboard');
    expect(res.status).toBe(200);
    const red = res.body.byColor.find((c) => c.color === 'red')!;
    expect(red.count).toBe(await db.ledgerItem.count({ where: { color: 'red', status: { not: 'closed' } } }));
    expect(red.count).toBeGreaterThan(0);
    expect(red.href).toBe('/ledger?color=red&status=active');
    const police = res.body.overdueByUnit.find((u) => u.unit === 'police')!;
    const unit = await db.unit.findUniqueOrThrow({ where: { code: 'police' } });
    const generatedAt = new Date(res.body.generatedAt);
    expect(police.total).toBe(
      await db.ledgerItem.count({
        where: { leadUnitId: unit.id, status: { not: 'closed' }, dueAt: { lt: generatedAt } },
      }),
    );
    expect(police.href).toBe('/ledger?unit=police&overdue=1');
    // the link's own list answers the same number
    const list = await leader.send<{ total: number }>('GET', '/api/ledger/items?unit=police&overdue=1');
    expect(list.body.total).toBe(police.total);
  });

  it('gives the reply and resolution rates, and the records behind the part not yet reached', async () => {
    const leader = await web.signedIn('leader');
    const d = (await leader.send<Dash>('GET', '/api/dashboard')).body;
    const reply = d.rates.find((r) => r.code === 'petition-reply-rate')!;
    expect(reply.denominator).toBe(await web.database.db.petition.count());
    expect(reply.value).toBeCloseTo((reply.numerator / reply.denominator) * 100, 0);
    const behind = await leader.send<{ total: number; rows: { href: string }[] }>(
      'GET',
      '/api/dashboard/petitions?filter=unreplied',
    );
    expect(behind.body.total).toBe(reply.denominator - reply.numerator);
    expect(behind.body.rows[0].href).toMatch(/^\/petitions\/\d+$/);
    const cases = d.rates.find((r) => r.code === 'disputed-case-resolution-rate')!;
    const open = await leader.send<{ total: number }>('GET', '/api/dashboard/cases?filter=unresolved');
    expect(open.body.total).toBe(cases.denominator - cases.numerator);
    const bad = await leader.send('GET', '/api/dashboard/cases?filter=everything');
    expect(bad.status).toBe(400);
  });

  it('shows weekly punctuality and each indicator owner against its target', async () => {
    const coordinator = await web.signedIn('coordinator');
    const d = (await coordinator.send<Dash>('GET', '/api/dashboard')).body;
    expect(d.punctuality).toHaveLength(12);
    const week = d.punctuality.at(-2)!;
    const reports = await web.database.db.weeklyReport.count({ where: { isoWeek: week.week } });
    expect(week.on_time + week.late + week.makeup + week.missing + week.returned + week.open).toBe(reports);
    expect(week.href).toBe(`/reports?week=${week.week}`);
    const court = d.indicators.find((i) => i.indicator === 'summary-procedure-rate' && i.unit === 'court')!;
    expect(court).toMatchObject({ target: 89, comparator: '>=' });
    expect(court.met).toBe((court.value as number) >= 89);
    expect(court.href).toMatch(/^\/reports\/\d+$/);
    expect(d.trend.find((t) => t.indicator === 'summary-procedure-rate')!.points).toHaveLength(12);
    // A process-sourced figure per owner, counted from the petitions the unit handles.
    const db = web.database.db;
    const unit = await db.unit.findUniqueOrThrow({ where: { code: 'police' } });
    const answered = {
      handlingUnitId: unit.id,
      petitionerKind: 'enterprise' as const,
      status: { in: ['replied' as const, 'closed' as const] },
    };
    const total = await db.petition.count({ where: answered });
    // 解决率 counts the outcome recorded at the return visit, not the satisfaction rating.
    const resolved = await db.petition.count({ where: { ...answered, resolutionOutcome: 'resolved' } });
    const police = d.indicators.find(
      (i) => i.indicator === 'complaint-resolution-rate' && i.unit === 'police',
    )!;
    expect(total).toBeGreaterThan(0);
    expect(police.value).toBeCloseTo((resolved / total) * 100, 0);
    expect(police.href).toBe('/dashboard/records/petitions?filter=unresolved&unit=police');
    const behind = await coordinator.send<{ total: number }>(
      'GET',
      '/api/dashboard/petitions?filter=unresolved&unit=police',
    );
    expect(behind.body.total).toBe(total - resolved);
  });

  it('shares one computation between concurrent requests and refuses unit users', async () => {
    const db = web.database.db;
    const a = sharedDashboard(db, { all: true }, 12, Date.now() + 60_000);
    const b = sharedDashboard(db, { all: true }, 12, Date.now() + 61_000);
    expect(a).toBe(b);
    const court = await web.signedIn('court.user');
    expect((await court.send('GET', '/api/dashboard')).status).toBe(403);
  });
});
