// Weekly report of a week opened after its own cut-off (a coordinator starts a past week by hand on Saturday):
// the reminder timer is already due, yet nobody is reminded or flagged late; the per-unit wait lasts until the
// next regular cut-off (Friday 2027-12-10 17:00), and a report that comes in now is not counted late — there was
// never a time at which it could have been on time.
import { startPathBench, type PathBench } from './support/bench';
import { publishWeek, reportAndSignOff, reportsOfWeek } from './support/weekly';

jest.setTimeout(60_000);

let b: PathBench;
beforeEach(async () => {
  b = await startPathBench({ start: '2027-12-04T10:00:00+08:00' }); // the Saturday after W48's Friday
  await b.startWorkers();
});
afterEach(() => b.close());

it('reminds nobody and flags nobody late for a week opened after its cut-off', async () => {
  await publishWeek(b);
  // The 15:00 stage of the reminder worker has run (its effect is recorded once per week and stage).
  await b.inbox.until('the reminder stage done', async () => {
    const n = await b.database.db.processedJob.count({ where: { jobType: 'zhuanban.report.remind' } });
    return n >= 1 ? n : undefined;
  });
  const [task] = await b.inbox.waitFor('court', 'Task_FillReport');
  expect((await b.inbox.variables(task)).closesAt).toBe('2027-12-10T17:00:00+08:00');
  const reports = await reportsOfWeek(b);
  expect(reports).toHaveLength(5);
  expect(reports.map((r) => [r.dueAt, r.late, r.reminderCount])).toEqual(reports.map(() => [null, false, 0]));
  expect(await b.database.db.outboxMessage.count({ where: { template: { startsWith: 'reminder.' } } })).toBe(
    0,
  );

  await reportAndSignOff(b, 'court');
  const court = await b.inbox.until('the court’s report signed off', async () => {
    const r = (await reportsOfWeek(b)).find((x) => x.unit.code === 'court');
    return r?.status === 'signed_off' ? r : undefined;
  });
  expect(court).toMatchObject({ status: 'signed_off', late: false });
});
