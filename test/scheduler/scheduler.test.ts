// The running schedule: node-cron fires on its expression (here every second) and the week is started once —
// by the schedule, not by a catch-up on a fresh install;
// an engine that cannot be reached at start-up does not hold the start, and the catch-up lands when it is back.
import fs from 'node:fs';
import net from 'node:net';
import path from 'node:path';
import { systemClock } from '../../domain/clock';
import { createLogger, type LogRecord } from '../../domain/log';
import { startEngineServer } from '../../engine/server';
import { startScheduler } from '../../scheduler';
import { isoWeekOf } from '../../scheduler/iso-week';
import { scheduleConfigFromEnv } from '../../scheduler/weekly-report';
import { freshDatabase } from '../support/databases';
import { startBench, zeebeClient } from '../workers/support/harness';

const bpmn = fs.readFileSync(path.join(__dirname, 'fixtures', 'weekly-start-probe.bpmn'));
const sleep = (ms: number) => new Promise((r) => setTimeout(r, ms));

it('publishes on the cron expression, once per week however often it fires', async () => {
  const bench = await startBench('sqlite');
  const logs: LogRecord[] = [];
  try {
    await bench.zeebe.deployResources([{ process: bpmn, name: 'weekly-start-probe.bpmn' }]);
    const scheduler = await startScheduler({
      zeebe: bench.zeebe,
      db: bench.database.db,
      clock: systemClock,
      log: createLogger('scheduler', { sink: (r) => logs.push(r) }),
      config: { ...scheduleConfigFromEnv({ WEEKLY_REPORT_CRON: '* * * * * *' }) },
    });
    const week = isoWeekOf(new Date());
    // A fresh install: the run due a moment before the start is not caught up; the schedule's own run is.
    expect(scheduler.caughtUp).toEqual({ isoWeek: week, outcome: 'before-install' });
    await sleep(2_200);
    await scheduler.stop();
    const fired = logs.filter((l) => l.fields.reason === 'schedule');
    expect(fired.length).toBeGreaterThanOrEqual(2);
    expect(fired.filter((l) => l.message === 'published weekly-report-due')).toHaveLength(1);
    expect(fired.filter((l) => l.fields.because === 'already-published')).toHaveLength(fired.length - 1);
    const started = bench.records
      .events('PROCESS_INSTANCE', 'ELEMENT_ACTIVATED')
      .filter((r) => (r.value as unknown as { bpmnElementType: string }).bpmnElementType === 'PROCESS');
    expect(started).toHaveLength(1);
  } finally {
    await bench.close();
  }
}, 15_000);

async function freePort(): Promise<number> {
  return new Promise((resolve) => {
    const s = net.createServer().listen(0, '127.0.0.1', () => {
      const port = (s.address() as net.AddressInfo).port;
      s.close(() => resolve(port));
    });
  });
}

it('starts without the engine and catches up once the engine is reachable', async () => {
  const port = await freePort();
  const database = await freshDatabase('sqlite');
  const zeebe = zeebeClient(`127.0.0.1:${port}`);
  const logs: LogRecord[] = [];
  // Installed last week and down since: the Friday's run is caught up.
  await database.db.scheduledPublication.create({
    data: {
      messageName: 'scheduler.installed',
      messageId: 'weekly-report-due',
      publishedAt: new Date(Date.now() - 8 * 86_400_000),
    },
  });
  const scheduler = await startScheduler({
    zeebe,
    db: database.db,
    clock: systemClock,
    log: createLogger('scheduler', { sink: (r) => logs.push(r) }),
    config: scheduleConfigFromEnv({}),
    startupWaitMs: 200,
    retryMs: 200,
  });
  expect(scheduler.caughtUp).toBeUndefined();
  expect(logs.some((l) => l.message === 'schedule started')).toBe(true);
  const server = await startEngineServer({ dataDir: ':memory:', grpcPort: port, sync: 'off' });
  try {
    const until = Date.now() + 15_000;
    while (!scheduler.caughtUp && Date.now() < until) await sleep(50);
    expect(scheduler.caughtUp?.outcome).toBe('published');
    expect(
      await database.db.scheduledPublication.count({ where: { messageName: 'weekly-report-due' } }),
    ).toBe(1);
  } finally {
    await scheduler.stop();
    await zeebe.close();
    await server.close();
    await database.destroy();
  }
}, 25_000);
