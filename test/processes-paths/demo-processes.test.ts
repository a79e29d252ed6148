// `npm run demo` on the running system: the demo's records get real process instances and some move along through
// the engine, so the pages and live diagrams have work at different steps — checked against the engine's own
// open tasks (real engine, workers and database); this week's round has units' reports filled, signed and returned
// through the engine. The demo command writes the eight weeks before this one as history through the weekly
// round's domain functions — the matrix, the summaries, the punctuality trend and the tasks' progress read them as
// they would a district's two months — and fills the 全市位次 and long-pending registers the dashboard's panels
// read. A second run starts and writes nothing new.
import { DateTime } from 'luxon';
import { localDate, zone } from '../../domain/calendar/deadline';
import { longPendingFigures } from '../../domain/case-reviews/long-pending-figures';
import { rankedIndicators } from '../../domain/indicators/rank-history';
import { runDemo } from '../../domain/seed/commands';
import { reportCourse } from '../../domain/seed/demo-week-plan';
import { demoHistory } from '../../domain/seed/demo-weeks';
import { storedConsolidation } from '../../domain/weekly-reports/summaries';
import { startDemoProcesses } from '../../cli/demo/demo-processes';
import { dashboard } from '../../web/server/dashboard/dashboard';
import { planTaskProgress, reportMatrix } from '../../web/server/reports/reports-query';
import { createEngineApi } from '../../web/server/engine/client';
import { providers } from '../support/databases';
import { startBench, type Bench } from './support/bench';

jest.setTimeout(120_000);

let b: Bench;
const saved = { url: process.env.DATABASE_URL, password: process.env.DEMO_PASSWORD };
afterEach(async () => {
  process.env.DATABASE_URL = saved.url;
  process.env.DEMO_PASSWORD = saved.password;
  if (saved.url === undefined) delete process.env.DATABASE_URL;
  if (saved.password === undefined) delete process.env.DEMO_PASSWORD;
  await b?.close();
});

/** `npm run demo`'s database half, on the bench's database. */
async function demoCommand(): Promise<string[]> {
  process.env.DATABASE_URL = b.database.url;
  process.env.DEMO_PASSWORD = 'demo-processes-password-1';
  const lines: string[] = [];
  await runDemo((l) => lines.push(l));
  return lines;
}

it('leaves ledger items, cases, petitions and the weekly round at several steps, once', async () => {
  b = await startBench('sqlite');
  await demoCommand();
  const engine = createEngineApi({ restAddress: b.server.restAddress!, env: {} })!;
  const lines: string[] = [];
  const report = await startDemoProcesses(b.db, engine, (l) => lines.push(l));
  const openItems = await b.db.ledgerItem.count({ where: { status: { not: 'closed' } } });
  expect(report).toMatchObject({ ledgerStarted: openItems, casesStarted: 2, petitionsStarted: 2 });
  expect(openItems).toBeGreaterThanOrEqual(2);
  expect(
    await b.db.ledgerItem.count({ where: { status: { not: 'closed' }, processInstanceKey: null } }),
  ).toBe(0);

  const expected = [
    'Task_Acknowledge',
    'Task_Rectify',
    'Task_LeadReview',
    'Task_Screening',
    'Task_SubmitOpinion',
    'Task_Classify',
    'Task_DraftReply',
    'Task_FillReport',
  ];
  const open = await b.until('every step', async () => {
    const res = (await engine.searchUserTasks(
      { filter: { state: 'CREATED' }, page: { limit: 500 } } as never,
      {
        consistency: { waitUpToMs: 0 },
      } as never,
    )) as unknown as { items: { elementId: string }[] };
    const ids = new Set(res.items.map((t) => t.elementId));
    return expected.every((e) => ids.has(e)) && ids;
  });
  expect([...open].sort()).toEqual(expect.arrayContaining(expected));
  expect(await b.db.enterpriseCase.count({ where: { processInstanceKey: { not: null } } })).toBe(2);
  expect(await b.db.petition.count({ where: { processInstanceKey: { not: null } } })).toBe(2);
  expect(await b.db.weeklySummary.count({ where: { isoWeek: report.week! } })).toBe(1);
  // This week through the engine: the court's report signed, the justice bureau's awaiting its lead, the
  // police's returned; the others still open.
  expect(report.weekReports).toEqual(['区法院', '区司法局', '公安分局']);
  const thisWeek = await b.until('the reports of the week filled through the engine', async () => {
    const rows = await b.db.weeklyReport.findMany({
      where: { isoWeek: report.week! },
      include: { unit: true },
    });
    const status = Object.fromEntries(rows.map((r) => [r.unit.code, r.status]));
    return (
      status.court === 'signed_off' &&
      status.police === 'returned' &&
      status.justice === 'submitted' &&
      status
    );
  });
  expect(thisWeek).toEqual({
    'plc-office': 'pending',
    court: 'signed_off',
    procuratorate: 'pending',
    police: 'returned',
    justice: 'submitted',
  });
  const court = await b.db.weeklyReport.findFirstOrThrow({
    where: { isoWeek: report.week!, unit: { code: 'court' } },
  });
  const submitted = await b.db.auditLog.findFirst({
    where: { action: 'weeklyReport.submit', entityId: String(court.id) },
  });
  expect(submitted?.actorLabel).toBe('court.user');

  const again = await startDemoProcesses(b.db, engine, () => undefined);
  expect(again).toMatchObject({ ledgerStarted: 0, casesStarted: 0, petitionsStarted: 0, weekReports: [] });
  expect(await b.db.enterpriseCase.count({ where: { processInstanceKey: { not: null } } })).toBe(2);
});

const expectedCell = {
  on_time: 'on_time',
  signed_after_cutoff: 'on_time',
  returned_late: 'late',
  makeup: 'makeup',
  missing: 'missing',
} as const;

it.each(providers)(
  'writes eight past weeks as a district two months in would have them, once (%s)',
  async (provider) => {
    b = await startBench(provider);
    await demoCommand();
    const now = new Date();
    const history = demoHistory(now);
    expect(history).toHaveLength(8);

    // The matrix: every history week's cells are what the week's course says, read back through the page's query.
    const matrix = await reportMatrix(b.db, { all: true }, { weeks: 12 }, now);
    const past = matrix.weeks.filter((w) => history.includes(w.week));
    expect(past).toHaveLength(8);
    const cells: string[] = [];
    for (const w of past) {
      expect(w.hasSummary).toBe(true);
      const weeksBack = history.length - history.indexOf(w.week);
      for (const u of matrix.units) {
        const cell = w.cells[u.code];
        expect({ week: w.week, unit: u.code, cell: cell?.cell }).toEqual({
          week: w.week,
          unit: u.code,
          cell: expectedCell[reportCourse(weeksBack, u.code)],
        });
        cells.push(cell!.cell);
      }
    }
    const count = (c: string) => cells.filter((x) => x === c).length;
    expect(count('late')).toBe(3);
    expect(count('makeup')).toBe(1);
    expect(count('missing')).toBe(1);
    expect(count('on_time')).toBe(35);

    // The summaries, as the round's consolidation stored them: the 未报 at the cut-off, the 补报 and the lead's
    // decisions after the cut-off listed beside them.
    const summaries = await b.db.weeklySummary.findMany({ where: { isoWeek: { in: history } } });
    expect(summaries).toHaveLength(8);
    const stored = summaries.map((s) => ({
      week: s.isoWeek,
      demo: (s.content as { demo?: boolean }).demo,
      c: storedConsolidation(s)!,
    }));
    // Each reviewed and forwarded to 区营商办 that Friday, its mail kept as sent then: the outbox sends none of it.
    expect(summaries.every((s) => s.forwardedAt && s.outboxMessageId)).toBe(true);
    const forwards = await b.db.outboxMessage.findMany({ where: { template: 'weekly-report.forward' } });
    expect(forwards.map((m) => [m.status, m.sentAt?.toISOString()]).sort()).toEqual(
      summaries.map((s) => ['sent', s.forwardedAt!.toISOString()]).sort(),
    );
    for (const s of stored) {
      expect(s.demo).toBe(true);
      expect(s.c.units).toHaveLength(5);
      expect(s.c.figures.length).toBeGreaterThan(0);
    }
    const of = (weeksBack: number) => stored.find((s) => s.week === history[history.length - weeksBack])!.c;
    expect(of(6).missingUnits).toEqual(['区检察院']);
    expect(of(6).makeupUnits?.map((m) => m.code)).toEqual(['procuratorate']);
    expect(of(4).missingUnits).toEqual(['区检察院']);
    expect(of(7).lateSignOffs?.map((d) => [d.code, d.outcome])).toEqual([
      ['police', 'returned'],
      ['police', 'signed'],
    ]);
    expect(of(2).unsignedUnits?.map((u) => u.code)).toEqual(['plc-office']);
    expect(of(2).lateSignOffs?.map((d) => [d.code, d.outcome])).toEqual([['plc-office', 'signed']]);
    expect(
      String(
        (summaries.find((s) => s.isoWeek === history[2])!.content as { summaryText: string }).summaryText,
      ),
    ).toContain('补报');

    // The leaders' punctuality trend has a point for each past week, below 100% where a unit was late or silent.
    const dash = await dashboard(b.db, now);
    const points = dash.punctuality.filter((p) => p.onTimeRate !== null);
    expect(points.length).toBeGreaterThanOrEqual(8);
    expect(points.filter((p) => p.onTimeRate! < 100).map((p) => p.week)).toEqual(
      [7, 6, 5, 4, 3].map((n) => history[history.length - n]),
    );
    expect(dash.trend.every((t) => t.points.filter((p) => p !== null).length >= 8)).toBe(true);

    // The plan's tasks move week by week: the court's long-pending cases (task 5) differ every week.
    const tasks = await planTaskProgress(b.db, { all: true }, { weeks: 9 }, now);
    const court = tasks.tasks.find((t) => t.number === 5)!.units.find((u) => u.code === 'court')!;
    const texts = court.weeks.filter((w) => history.includes(w.week)).map((w) => w.progress);
    expect(new Set(texts).size).toBe(8);
    expect(texts.every(Boolean)).toBe(true);

    // The 推进会 handed out ledger items, opened through the ledger.
    expect(await b.db.progressMeeting.count()).toBe(3);
    const handedOut = await b.db.ledgerItem.findMany({ where: { source: 'weekly_meeting' } });
    expect(handedOut).toHaveLength(4);
    expect(handedOut.every((l) => l.originKey?.startsWith('progress-meeting:'))).toBe(true);

    const counts = async () => ({
      reports: await b.db.weeklyReport.count(),
      summaries: await b.db.weeklySummary.count(),
      progress: await b.db.weeklyReportTaskProgress.count(),
      meetings: await b.db.progressMeeting.count(),
      ledger: await b.db.ledgerItem.count(),
      audit: await b.db.auditLog.count(),
    });
    const before = await counts();
    const again = await demoCommand();
    expect(again).toContain('演示数据：往周工作周报新增 0 周（无），推进会 0 次');
    expect(await counts()).toEqual(before);
  },
);

it('fills the 全市位次 and long-pending registers the dashboard reads, through the domain, once', async () => {
  b = await startBench('sqlite');
  await demoCommand();

  const ranks = await rankedIndicators(b.db, { all: true });
  // Every indicator that keeps a rank has the last three quarters — the panel shows no 尚未录入 row.
  const shown = ranks.filter((i) => i.latest);
  expect(shown).toHaveLength(ranks.length);
  expect(ranks.length).toBeGreaterThanOrEqual(8);
  const lastQuarter = DateTime.now().setZone(zone).startOf('quarter').minus({ quarters: 1 });
  for (const i of shown) {
    expect(i.history).toHaveLength(3);
    expect(i.latest!.period).toBe(lastQuarter.toFormat("yyyy-'Q'q"));
  }
  const outside = shown.filter((i) => !i.latest!.advanced);
  expect(outside.map((i) => i.name)).toEqual(['执行合同']);
  const raised = await b.db.ledgerItem.findUniqueOrThrow({ where: { id: outside[0].latest!.ledgerItemId! } });
  expect(raised).toMatchObject({ source: 'supervision', status: 'open' });
  expect(raised.problem).toContain('未进入先进位次');
  expect(await b.db.indicatorPeriodFigure.count({ where: { ledgerItemId: { not: null } } })).toBe(1);
  // 办理破产's first quarter and 案件实际执行到位率's second are earlier misses, already made up.
  expect(shown.flatMap((i) => i.history).filter((f) => !f.advanced)).toHaveLength(3);
  const entered = ranks.length * 3;
  expect(await b.db.auditLog.count({ where: { action: 'indicatorPeriod.create' } })).toBe(entered);

  const today = localDate(new Date());
  const figures = await longPendingFigures(b.db, { from: `${today.slice(0, 4)}-01-01`, to: today }, 12);
  expect(figures).toMatchObject({ registered: 4, open: 3, longPending: 2, clearedInPeriod: 1, overdue: 1 });
  expect(await b.db.auditLog.count({ where: { action: 'longPending.register' } })).toBe(4);

  const again = await demoCommand();
  expect(again).toContain('演示数据：全市位次与长期未结案件登记新增 0 条');
  expect(await b.db.indicatorPeriodFigure.count()).toBe(entered);
  expect(await b.db.longPendingCase.count()).toBe(4);
});
