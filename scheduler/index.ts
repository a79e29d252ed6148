// The schedule: node-cron publishes weekly-report-due at WEEKLY_REPORT_CRON (default Fridays 09:00 Asia/Shanghai);
// at start it catches up a run that was missed while an installed system was down (never on a fresh install). A publication that fails (engine
// unreachable) is tried again with back-off until it succeeds or the next run is due. Beside it: the monthly
// supervision circular, and the new-task notices (task-notices.ts) every TASK_NOTICE_INTERVAL_MS.
import cron, { type ScheduledTask } from 'node-cron';
import { isoWeekOf } from './iso-week';
import {
  catchUp,
  nextRunAfter,
  publishWeek,
  type CatchUpOutcome,
  type PublishOutcome,
  type WeeklyPublisherDeps,
} from './weekly-report';
import {
  startCircularSchedule,
  type CircularSchedule,
  type CircularScheduleDeps,
} from './supervision-circular';
import { startTaskNotices, type TaskNoticeOptions, type TaskNotices } from './task-notices';

export interface SchedulerOptions extends WeeklyPublisherDeps {
  /** Delay before a failed publication is tried again, doubled each time up to 10 min (default 30 s). */
  retryMs?: number;
  /** How long start-up waits for the catch-up before going on without it (default 5 s). */
  startupWaitMs?: number;
  /** The monthly supervision circular (定期督导通报), when given. */
  circular?: Pick<CircularScheduleDeps, 'config' | 'mailSettings'>;
  /** The new-task notices (task-notices.ts), when the engine's REST API is reachable. */
  taskNotices?: Pick<TaskNoticeOptions, 'engine' | 'intervalMs' | 'mailSettings'>;
}

export interface RunningScheduler {
  /** What the start-up catch-up did (undefined while it is still retrying). */
  readonly caughtUp: { isoWeek: string; outcome: CatchUpOutcome } | undefined;
  nextRun(): Date;
  /** The scheduled action, as the cron runs it (tests). */
  runNow(reason?: string): Promise<PublishOutcome | undefined>;
  /** The monthly circular's schedule, when configured. */
  readonly circular?: CircularSchedule;
  /** The new-task notices, when configured. */
  readonly taskNotices?: TaskNotices;
  stop(): Promise<void>;
}

export async function startScheduler(options: SchedulerOptions): Promise<RunningScheduler> {
  const { log, config, clock } = options;
  const retryMs = options.retryMs ?? 30_000;
  let stopped = false;
  const waits = new Map<NodeJS.Timeout, () => void>();
  let caughtUp: { isoWeek: string; outcome: CatchUpOutcome } | undefined;

  /** Runs `attempt` until it succeeds, with back-off; gives up when stopped or the next run is due. */
  async function persist<T>(what: string, attempt: () => Promise<T>, until?: Date): Promise<T | undefined> {
    for (let delay = retryMs; !stopped; delay = Math.min(delay * 2, 600_000)) {
      try {
        return await attempt();
      } catch (e) {
        if (until && clock.now().getTime() + delay >= until.getTime()) {
          log.error(`${what} failed; the next scheduled run takes over`, { error: e });
          return undefined;
        }
        log.warn(`${what} failed, trying again`, { error: e, retryInMs: delay });
        await new Promise<void>((resolve) => {
          const t = setTimeout(() => {
            waits.delete(t);
            resolve();
          }, delay);
          waits.set(t, resolve);
        });
      }
    }
    return undefined;
  }

  const runNow = (reason = 'schedule') => {
    const now = clock.now();
    const isoWeek = isoWeekOf(now, config.timezone);
    return persist(
      `publishing weekly-report-due for ${isoWeek}`,
      () => publishWeek(options, isoWeek, reason),
      nextRunAfter(now, config),
    );
  };

  const task: ScheduledTask = cron.schedule(config.cron, () => runNow(), {
    timezone: config.timezone,
    name: 'weekly-report-due',
    noOverlap: true,
  });

  const circular =
    options.circular && startCircularSchedule({ db: options.db, clock, log, ...options.circular });
  const taskNotices =
    options.taskNotices && startTaskNotices({ db: options.db, clock, log, ...options.taskNotices });

  const catching = persist('catching up the weekly report', () => catchUp(options)).then((r) => {
    caughtUp = r;
    return r;
  });
  // Start-up waits for the catch-up only a little: an unreachable engine must not hold the other parts.
  let patience: NodeJS.Timeout | undefined;
  await Promise.race([
    catching,
    new Promise((r) => (patience = setTimeout(r, options.startupWaitMs ?? 5_000))),
  ]);
  clearTimeout(patience);
  log.info('schedule started', {
    cron: config.cron,
    timezone: config.timezone,
    nextRun: nextRunAfter(clock.now(), config).toISOString(),
  });

  return {
    get caughtUp() {
      return caughtUp;
    },
    nextRun: () => nextRunAfter(clock.now(), config),
    runNow,
    circular,
    taskNotices,
    async stop() {
      stopped = true;
      await circular?.stop();
      await taskNotices?.stop();
      for (const [t, wake] of waits) {
        clearTimeout(t);
        wake();
      }
      await task.stop();
      await task.destroy();
      await catching.catch(() => undefined);
    },
  };
}

export { isoWeekOf, weekPeriod } from './iso-week';
export { taskNoticeIntervalFromEnv, type UserTaskSearch } from './task-notices';
export { scheduleConfigFromEnv, weeklyReportMessage, type WeeklyScheduleConfig } from './weekly-report';
