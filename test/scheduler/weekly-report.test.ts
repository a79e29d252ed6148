// The weekly schedule with a fixed clock against the real engine and both databases: ISO weeks in Asia/Shanghai,
// the run that was due last, no catch-up on a fresh install, the catch-up of a Friday missed while installed,
// and no second start of a week — whether the
// domain database remembers the publication, holds the week's report cycle, or only the engine still buffers it.
import fs from 'node:fs';
import path from 'node:path';
import { manualClock } from '../../domain/clock';
import { createLogger, type LogRecord } from '../../domain/log';
import { isoWeekOf, weekPeriod } from '../../scheduler/iso-week';
import {
  catchUp,
  lastRunAtOrBefore,
  publishWeek,
  scheduleArmedSince,
  scheduleConfigFromEnv,
  type WeeklyPublisherDeps,
} from '../../scheduler/weekly-report';
import { providers } from '../support/databases';
import { startBench, type Bench } from '../workers/support/harness';

const config = scheduleConfigFromEnv({});

describe('ISO weeks and scheduled runs in Asia/Shanghai', () => {
  it('names the week of an instant in Asia/Shanghai', () => {
    expect(isoWeekOf(new Date('2026-11-27T01:00:00Z'))).toBe('2026-W48'); // Friday 09:00
    expect(isoWeekOf(new Date('2026-11-29T16:30:00Z'))).toBe('2026-W49'); // Monday 00:30 there, Sunday in UTC
    expect(isoWeekOf(new Date('2027-01-01T01:00:00Z'))).toBe('2026-W53');
    expect(weekPeriod('2026-W48').label).toBe('2026年11月23日—11月29日');
    expect(weekPeriod('2026-W53').label).toBe('2026年12月28日—2027年1月3日');
    expect(() => weekPeriod('2026-48')).toThrow(/not an ISO week/);
  });

  it('finds the latest run due: Fridays 09:00 by default, configurable', () => {
    const friday = new Date('2026-11-27T01:00:00Z');
    expect(lastRunAtOrBefore(friday, config)).toEqual(friday);
    expect(lastRunAtOrBefore(new Date('2026-11-27T00:59:59Z'), config)).toEqual(
      new Date('2026-11-20T01:00:00Z'),
    );
    expect(lastRunAtOrBefore(new Date('2026-12-02T04:00:00Z'), config)).toEqual(friday);
    const thursdays = scheduleConfigFromEnv({ WEEKLY_REPORT_CRON: '30 16 * * 4' });
    expect(lastRunAtOrBefore(friday, thursdays)).toEqual(new Date('2026-11-26T08:30:00Z'));
    expect(() => scheduleConfigFromEnv({ WEEKLY_REPORT_CRON: 'every friday' })).toThrow(/WEEKLY_REPORT_CRON/);
  });
});

describe.each(providers)('publishing weekly-report-due on %s', (provider) => {
  let bench: Bench;
  const clock = manualClock('2026-11-30T02:00:00Z'); // Monday 10:00 of W49: Friday's run of W48 was missed
  const logs: LogRecord[] = [];
  let deps: WeeklyPublisherDeps;

  beforeAll(async () => {
    bench = await startBench(provider);
    const bpmn = fs.readFileSync(path.join(__dirname, 'fixtures', 'weekly-start-probe.bpmn'));
    await bench.zeebe.deployResources([{ process: bpmn, name: 'weekly-start-probe.bpmn' }]);
    deps = {
      zeebe: bench.zeebe,
      db: bench.database.db,
      clock,
      log: createLogger('scheduler', { sink: (r) => logs.push(r) }),
      config,
    };
  });
  afterAll(() => bench.close());

  const instancesOf = (isoWeek: string) =>
    bench.records
      .events('PROCESS_INSTANCE', 'ELEMENT_ACTIVATED')
      .filter((r) => {
        const v = r.value as unknown as { bpmnElementType: string; bpmnProcessId: string };
        return v.bpmnElementType === 'PROCESS' && v.bpmnProcessId === 'weekly-start-probe';
      })
      .filter((r) => {
        const vars = bench.records
          .events('VARIABLE', 'CREATED')
          .filter(
            (v) => (v.value as unknown as { processInstanceKey: unknown }).processInstanceKey === r.key,
          );
        return vars.some((v) => {
          const value = v.value as unknown as { name: string; value: string };
          return value.name === 'isoWeek' && value.value === JSON.stringify(isoWeek);
        });
      });

  /** The week's instances once `count` exist, or after timeoutMs (to see that no further one comes). */
  async function waitForInstances(isoWeek: string, count: number, timeoutMs = 5_000) {
    const until = Date.now() + timeoutMs;
    while (instancesOf(isoWeek).length < count && Date.now() < until)
      await new Promise((r) => setTimeout(r, 20));
    return instancesOf(isoWeek);
  }

  it('publishes nothing on a fresh install, however recent the last Friday: no week opened late', async () => {
    expect(await catchUp(deps)).toEqual({ isoWeek: '2026-W48', outcome: 'before-install' });
    expect(await catchUp(deps)).toEqual({ isoWeek: '2026-W48', outcome: 'before-install' }); // a restart
    expect(bench.records.events('MESSAGE', 'PUBLISHED')).toHaveLength(0);
    expect(await waitForInstances('2026-W48', 1, 300)).toHaveLength(0);
    const mark = await scheduleArmedSince(bench.database.db, new Date('2030-01-01T00:00:00Z'));
    expect(mark).toEqual(clock.now());
    expect(await bench.database.db.scheduledPublication.count({ where: { messageId: '2026-W48' } })).toBe(0);
  });

  it('catches up the missed Friday at start: one instance with isoWeek, the publication recorded', async () => {
    // The system was installed the week before and was down over Friday's run.
    await bench.database.db.scheduledPublication.updateMany({
      where: { messageName: 'scheduler.installed' },
      data: { publishedAt: new Date('2026-11-19T02:00:00Z') },
    });
    expect(await catchUp(deps)).toEqual({ isoWeek: '2026-W48', outcome: 'published' });
    expect(await waitForInstances('2026-W48', 1)).toHaveLength(1);
    const message = bench.records
      .events('MESSAGE', 'PUBLISHED')
      .map((r) => r.value as unknown as { name: string; messageId: string; correlationKey: string });
    expect(message).toContainEqual(
      expect.objectContaining({ name: 'weekly-report-due', messageId: '2026-W48', correlationKey: '' }),
    );
    const row = await bench.database.db.scheduledPublication.findFirstOrThrow({
      where: { messageId: '2026-W48' },
    });
    expect(row.messageKey).toMatch(/^\d+$/);
  });

  it('does not start the week again after a restart (the database remembers)', async () => {
    expect(await catchUp(deps)).toEqual({ isoWeek: '2026-W48', outcome: 'already-published' });
    expect(await waitForInstances('2026-W48', 2, 500)).toHaveLength(1);
  });

  it('does not start the week again when only the engine still buffers its message', async () => {
    await bench.database.db.scheduledPublication.deleteMany({ where: { messageId: '2026-W48' } });
    expect(await publishWeek(deps, '2026-W48', 'test')).toBe('already-published');
    expect(await waitForInstances('2026-W48', 2, 500)).toHaveLength(1);
    expect(await bench.database.db.scheduledPublication.count({ where: { messageId: '2026-W48' } })).toBe(1);
  });

  it('does not publish a week whose report cycle exists (started by hand)', async () => {
    await bench.database.db.weeklySummary.create({ data: { isoWeek: '2026-W47', content: {} } });
    const before = bench.records.events('MESSAGE', 'PUBLISHED').length;
    const saturday = manualClock('2026-11-21T02:00:00Z');
    expect(await catchUp({ ...deps, clock: saturday })).toEqual({
      isoWeek: '2026-W47',
      outcome: 'cycle-exists',
    });
    expect(bench.records.events('MESSAGE', 'PUBLISHED').length).toBe(before);
    expect(logs.some((l) => l.fields.because === 'cycle-exists' && l.fields.isoWeek === '2026-W47')).toBe(
      true,
    );
  });
});
