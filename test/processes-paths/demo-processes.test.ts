// `npm run demo` on the running system: the demo's records get real process instances and some move along through
// the engine, so the pages and live diagrams have work at different steps — checked against the engine's own
// open tasks (real engine, workers and database). The demo command fills the 全市位次 and long-pending registers
// the dashboard's panels read, through the domain. A second run starts and writes nothing new.
import { DateTime } from 'luxon';
import { localDate, zone } from '../../domain/calendar/deadline';
import { longPendingFigures } from '../../domain/case-reviews/long-pending-figures';
import { rankedIndicators } from '../../domain/indicators/rank-history';
import { runDemo } from '../../domain/seed/commands';
import { startDemoProcesses } from '../../cli/demo/demo-processes';
import { createEngineApi } from '../../web/server/engine/client';
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

  const again = await startDemoProcesses(b.db, engine, () => undefined);
  expect(again).toMatchObject({ ledgerStarted: 0, casesStarted: 0, petitionsStarted: 0 });
  expect(await b.db.enterpriseCase.count({ where: { processInstanceKey: { not: null } } })).toBe(2);
});

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
