// Starting the weekly report: publish message weekly-report-due with messageId = the ISO week and the week as
// variable isoWeek, at most once per week. The engine drops a duplicate messageId only while the message is
// buffered (its TTL), so the domain database decides for good: a week is not published again when a
// publication was recorded, or a weekly report cycle for it exists (e.g. a coordinator started it by hand).
// The catch-up at start publishes a missed run only if this installation was armed when the run was due.
import { CronExpressionParser } from 'cron-parser';
import type { ZeebeGrpcClient } from '@camunda8/sdk/dist/zeebe';
import type { Db } from '../domain/db/client';
import { isUniqueViolation } from '../domain/db/client';
import type { Clock } from '../domain/clock';
import type { Logger } from '../domain/log';
import { isoWeekOf, scheduleZone } from './iso-week';

export const weeklyReportMessage = 'weekly-report-due';

export interface WeeklyScheduleConfig {
  /** node-cron expression (WEEKLY_REPORT_CRON), default Fridays 09:00. */
  cron: string;
  /** Zone the expression is read in (SCHEDULE_TIMEZONE), default Asia/Shanghai. */
  timezone: string;
  /** How long the engine buffers the message, and so drops a duplicate messageId (default 1 day). */
  messageTtlMs: number;
}

export function scheduleConfigFromEnv(env: NodeJS.ProcessEnv = process.env): WeeklyScheduleConfig {
  const cron = env.WEEKLY_REPORT_CRON?.trim() || '0 9 * * 5';
  const timezone = env.SCHEDULE_TIMEZONE?.trim() || scheduleZone;
  try {
    CronExpressionParser.parse(cron, { tz: timezone });
  } catch (e) {
    throw new Error(
      `WEEKLY_REPORT_CRON '${cron}' is not a cron expression: ${e instanceof Error ? e.message : e}`,
    );
  }
  if (!Intl.supportedValuesOf('timeZone').includes(timezone) && timezone !== 'UTC')
    throw new Error(`SCHEDULE_TIMEZONE '${timezone}' is not a time zone`);
  return { cron, timezone, messageTtlMs: 24 * 3_600_000 };
}

/** The latest scheduled run at or before `now`. */
export function lastRunAtOrBefore(now: Date, config: WeeklyScheduleConfig): Date {
  // prev() is strictly before currentDate: ask from one millisecond later so a run exactly at `now` counts.
  return CronExpressionParser.parse(config.cron, {
    currentDate: new Date(now.getTime() + 1),
    tz: config.timezone,
  })
    .prev()
    .toDate();
}

export function nextRunAfter(now: Date, config: WeeklyScheduleConfig): Date {
  return CronExpressionParser.parse(config.cron, { currentDate: now, tz: config.timezone }).next().toDate();
}

export type PublishOutcome = 'published' | 'already-published' | 'cycle-exists';
export type CatchUpOutcome = PublishOutcome | 'before-install';

export interface WeeklyPublisherDeps {
  zeebe: Pick<ZeebeGrpcClient, 'publishMessage'>;
  db: Db;
  clock: Clock;
  log: Logger;
  config: WeeklyScheduleConfig;
}

/** Why the week needs no message, or undefined when it does. */
export async function weekAlreadyStarted(
  db: Db,
  isoWeek: string,
): Promise<Exclude<PublishOutcome, 'published'> | undefined> {
  const published = await db.scheduledPublication.findUnique({
    where: { messageName_messageId: { messageName: weeklyReportMessage, messageId: isoWeek } },
  });
  if (published) return 'already-published';
  const summary = await db.weeklySummary.findUnique({ where: { isoWeek }, select: { id: true } });
  const report = summary ?? (await db.weeklyReport.findFirst({ where: { isoWeek }, select: { id: true } }));
  return report ? 'cycle-exists' : undefined;
}

function isAlreadyExists(e: unknown): boolean {
  const code = (e as { code?: unknown } | null)?.code;
  return code === 6 || /ALREADY_EXISTS/.test(e instanceof Error ? e.message : String(e));
}

async function record(db: Db, isoWeek: string, messageKey: string | null): Promise<void> {
  try {
    await db.scheduledPublication.create({
      data: { messageName: weeklyReportMessage, messageId: isoWeek, messageKey },
    });
  } catch (e) {
    if (!isUniqueViolation(e)) throw e; // another replica recorded it first
  }
}

/** Publishes the week's message unless the week was already started; throws when the engine cannot be reached. */
export async function publishWeek(
  deps: WeeklyPublisherDeps,
  isoWeek: string,
  reason: string,
): Promise<PublishOutcome> {
  const started = await weekAlreadyStarted(deps.db, isoWeek);
  if (started) {
    deps.log.info('weekly report already started: nothing published', { isoWeek, reason, because: started });
    return started;
  }
  try {
    const response = await deps.zeebe.publishMessage({
      name: weeklyReportMessage,
      correlationKey: '',
      messageId: isoWeek,
      timeToLive: deps.config.messageTtlMs,
      variables: { isoWeek },
    });
    await record(deps.db, isoWeek, response.key);
    deps.log.info('published weekly-report-due', { isoWeek, reason, messageKey: response.key });
    return 'published';
  } catch (e) {
    if (!isAlreadyExists(e)) throw e;
    await record(deps.db, isoWeek, null);
    deps.log.info('weekly-report-due was already published for this week (engine)', { isoWeek, reason });
    return 'already-published';
  }
}

// The instant the schedule was first armed on this database, kept as a row of the scheduler's own table under
// a name no message has: the catch-up needs it for good, across restarts and replicas.
const installMark = { messageName: 'scheduler.installed', messageId: weeklyReportMessage };

/**
 * Since when this installation has had a running schedule: the recorded mark, else (a system installed before
 * the mark existed) its first publication, else now — the first start of a fresh install, recorded.
 */
export async function scheduleArmedSince(db: Db, now: Date): Promise<Date> {
  const where = { messageName_messageId: installMark };
  const mark = await db.scheduledPublication.findUnique({ where });
  if (mark) return mark.publishedAt;
  const first = await db.scheduledPublication.findFirst({
    where: { messageName: weeklyReportMessage },
    orderBy: { publishedAt: 'asc' },
  });
  try {
    await db.scheduledPublication.create({
      data: { ...installMark, publishedAt: first?.publishedAt ?? now },
    });
  } catch (e) {
    if (!isUniqueViolation(e)) throw e; // another replica armed it first: its mark stands
  }
  return (await db.scheduledPublication.findUniqueOrThrow({ where })).publishedAt;
}

/**
 * At start: the latest scheduled run that should have happened, published now if it was missed — only when
 * the installation was already armed at that run (it was down over the Friday). A fresh install starts with
 * the next run: publishing last Friday's week would flag every unit late within seconds.
 */
export async function catchUp(
  deps: WeeklyPublisherDeps,
): Promise<{ isoWeek: string; outcome: CatchUpOutcome }> {
  const now = deps.clock.now();
  const last = lastRunAtOrBefore(now, deps.config);
  const isoWeek = isoWeekOf(last, deps.config.timezone);
  const armedSince = await scheduleArmedSince(deps.db, now);
  // A run due at the very instant the schedule was armed is the schedule's own, not a missed one.
  if (last <= armedSince) {
    deps.log.info('no catch-up: the last run was due before this installation had a schedule', {
      isoWeek,
      dueAt: last.toISOString(),
      armedSince: armedSince.toISOString(),
    });
    return { isoWeek, outcome: 'before-install' };
  }
  return {
    isoWeek,
    outcome: await publishWeek(deps, isoWeek, `catch-up of the run due ${last.toISOString()}`),
  };
}
