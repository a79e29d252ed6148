// `npm run demo` on the running system: the demo's records get real process instances and some move along through
// the engine, so the pages and live diagrams have work at different steps — checked against the engine's own
// open tasks (real engine, workers and database). A second run starts nothing new.
import { seedDemo } from '../../domain/seed/demo';
import { startDemoProcesses } from '../../cli/demo/demo-processes';
import { createEngineApi } from '../../web/server/engine/client';
import { startBench, type Bench } from './support/bench';

jest.setTimeout(120_000);

let b: Bench;
afterEach(async () => {
  await b?.close();
});

it('leaves ledger items, cases, petitions and the weekly round at several steps, once', async () => {
  b = await startBench('sqlite');
  await seedDemo(b.db, { password: 'demo-processes-password-1' });
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
