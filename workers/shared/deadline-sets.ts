// The deadline sets of zhuanban.deadlines.compute: for each `deadlineSet` header, the timer variables a model
// reads, computed from the deadline rules (DeadlineRule codes) and the holiday calendar in Asia/Shanghai.
// Readings: a deadline is the END of its due day (23:59:59+08:00); a notice (reminder, escalation) is sent at
// 09:00 on its day; the weekly report's reminder and cut-off are 15:00 and 17:00 on the Friday of the ISO week
// (rolled forward to the next working day when that Friday is a holiday); a report still unsigned after the
// cut-off is reminded and escalated at 09:00 on working days counted from it. Everything is ISO 8601 with +08:00.
import { DateTime } from 'luxon';
import type { Db, Tx } from '../../domain/db/client';
import {
  computeDeadline,
  localDate,
  zone,
  type DeadlineResult,
  type WorkCalendar,
} from '../../domain/calendar/deadline';
import { loadDeadlineRule, loadWorkCalendar } from '../../domain/calendar/store';
import { atTime, endOfDay } from './dates';

export const deadlineSetNames = [
  'weekly-report',
  'case-opinions',
  'petition-registration',
  'petition-handling',
  'ledger',
  'ledger-lead-review',
  'weekly-report-late-sign-off',
] as const;
export type DeadlineSetName = (typeof deadlineSetNames)[number];

/** The variables the sets read (each set uses a few of them). */
export interface DeadlineInputs {
  isoWeek?: string | null;
  caseNumber?: string | null;
  meetingSequence?: number | null;
  petitionNumber?: string | null;
  receivingUnitCode?: string | null;
  channel?: string | null;
  dueDate?: string | null;
}

export type DeadlineVariables = Record<string, string>;

/** Times of day of the weekly report (configuration: WEEKLY_REPORT_REMINDER_TIME / WEEKLY_REPORT_CUTOFF_TIME). */
export function weeklyReportTimes(env: NodeJS.ProcessEnv = process.env): {
  reminder: string;
  cutoff: string;
} {
  const valid = (v: string | undefined, fallback: string) =>
    v && /^([01]\d|2[0-3]):[0-5]\d$/.test(v.trim()) ? v.trim() : fallback;
  return {
    reminder: valid(env.WEEKLY_REPORT_REMINDER_TIME, '15:00'),
    cutoff: valid(env.WEEKLY_REPORT_CUTOFF_TIME, '17:00'),
  };
}

const isoWeekPattern = /^(\d{4})-W(0[1-9]|[1-4]\d|5[0-3])$/;

/** The Friday of an ISO week (YYYY-MM-DD), rolled forward to the next working day when it is a holiday. */
export function reportDay(isoWeek: string, calendar: WorkCalendar): string {
  if (!isoWeekPattern.test(isoWeek))
    throw new DeadlineInputError(`'${isoWeek}' is not an ISO week such as 2026-W48`);
  const friday = DateTime.fromISO(`${isoWeek}-5`, { zone });
  if (!friday.isValid) throw new DeadlineInputError(`'${isoWeek}' has no Friday`);
  let day = friday.toISODate() as string;
  while (!calendar.isWorkingDay(day))
    day = DateTime.fromISO(day, { zone }).plus({ days: 1 }).toISODate() as string;
  return day;
}

/** reminderAt and cutoffAt of a week (also what openWeek stores as each report's due time). */
export function weeklyReportDeadlines(
  isoWeek: string,
  calendar: WorkCalendar,
  env: NodeJS.ProcessEnv = process.env,
): { reminderAt: string; cutoffAt: string } {
  const day = reportDay(isoWeek, calendar);
  const times = weeklyReportTimes(env);
  return { reminderAt: atTime(day, times.reminder), cutoffAt: atTime(day, times.cutoff) };
}

export interface DeadlineContext {
  db: Db | Tx;
  now: Date;
  /** Called with the years a computation crossed that the holiday calendar does not cover. */
  uncovered?: (rule: string, years: number[]) => void;
}

/** A variable the deadline set needs is missing or malformed: a modelling error, not worth a retry. */
export class DeadlineInputError extends Error {}

function required<T>(value: T | null | undefined, name: string): T {
  if (value === null || value === undefined || value === '')
    throw new DeadlineInputError(`variable '${name}' is missing`);
  return value;
}

function dateOf(value: string, name: string): string {
  let date: string | undefined;
  try {
    date = localDate(value);
  } catch {
    date = undefined;
  }
  if (!date || !DateTime.fromISO(date, { zone }).isValid)
    throw new DeadlineInputError(`variable '${name}' is not a date: '${value}'`);
  return date;
}

async function rule(ctx: DeadlineContext, calendar: WorkCalendar, code: string, start: Date | string) {
  const result: DeadlineResult = computeDeadline(start, await loadDeadlineRule(ctx.db, code), calendar);
  if (result.uncoveredYears.length) ctx.uncovered?.(code, result.uncoveredYears);
  return result;
}

/** A deadline from a rule and a notice before it (09:00 on the notice's day). */
async function dueWithReminder(
  ctx: DeadlineContext,
  calendar: WorkCalendar,
  dueRule: string,
  reminderRule: string,
  start: Date | string,
): Promise<{ due: string; reminder: string }> {
  const due = await rule(ctx, calendar, dueRule, start);
  const reminder = await rule(ctx, calendar, reminderRule, due.dueDate);
  return { due: endOfDay(due.dueDate), reminder: atTime(reminder.dueDate, '09:00') };
}

/** The opinion deadline of a meeting opened at `start` (rule case.opinion, 3 working days). */
export async function opinionDeadline(ctx: DeadlineContext, calendar?: WorkCalendar) {
  const cal = calendar ?? (await loadWorkCalendar(ctx.db));
  return dueWithReminder(ctx, cal, 'case.opinion', 'case.opinion-reminder', ctx.now);
}

// A 3-working-day period reminded 3 working days ahead would remind at once: enterprise complaints have their own.
const reminderRule = (petition: { petitionerKind: string } | null) =>
  petition?.petitionerKind === 'enterprise'
    ? 'petition.enterprise.reminder-before-due'
    : 'petition.reminder-before-due';

export async function computeDeadlineSet(
  set: DeadlineSetName,
  input: DeadlineInputs,
  ctx: DeadlineContext,
): Promise<DeadlineVariables> {
  const calendar = await loadWorkCalendar(ctx.db);
  switch (set) {
    case 'weekly-report':
      return weeklyReportDeadlines(required(input.isoWeek, 'isoWeek'), calendar);
    case 'case-opinions': {
      const { due, reminder } = await opinionDeadline(ctx, calendar);
      return { opinionDueAt: due, opinionReminderAt: reminder };
    }
    case 'petition-registration': {
      const number = required(input.petitionNumber, 'petitionNumber');
      const petition = await ctx.db.petition.findUnique({
        where: { number },
        select: { registeredAt: true, petitionerKind: true },
      });
      const procuratorate = input.receivingUnitCode === 'procuratorate';
      const { due, reminder } = await dueWithReminder(
        ctx,
        calendar,
        petition?.petitionerKind === 'enterprise'
          ? 'petition.enterprise.acceptance-notice'
          : procuratorate
            ? 'petition.procedural-reply'
            : 'petition.acceptance-notice',
        reminderRule(petition),
        petition?.registeredAt ?? ctx.now,
      );
      return { classificationDueAt: due, classificationReminderAt: reminder };
    }
    case 'petition-handling': {
      const number = required(input.petitionNumber, 'petitionNumber');
      const petition = await ctx.db.petition.findUnique({
        where: { number },
        select: { acceptedAt: true, petitionerKind: true },
      });
      const { due, reminder } = await dueWithReminder(
        ctx,
        calendar,
        petition?.petitionerKind === 'enterprise' ? 'petition.enterprise.handling' : 'petition.handling',
        reminderRule(petition),
        petition?.acceptedAt ?? ctx.now,
      );
      return { handlingDueAt: due, handlingReminderAt: reminder };
    }
    case 'ledger': {
      const dueDate = dateOf(required(input.dueDate, 'dueDate'), 'dueDate');
      const blue = await rule(ctx, calendar, 'ledger.blue-reminder', dueDate);
      const red = await rule(ctx, calendar, 'ledger.red-escalation', dueDate);
      return {
        dueAt: endOfDay(dueDate),
        blueAt: atTime(blue.dueDate, '09:00'),
        redAt: atTime(red.dueDate, '09:00'),
      };
    }
    case 'ledger-lead-review': {
      // From the submission (now): the lead signs within the rule's working days; a reminder at 09:00 on the last.
      const review = await rule(ctx, calendar, 'ledger.lead-review', ctx.now);
      return {
        leadReviewDueAt: endOfDay(review.dueDate),
        leadReviewReminderAt: atTime(review.dueDate, '09:00'),
      };
    }
    case 'weekly-report-late-sign-off': {
      // From the cut-off (or a resubmission after it, now): reminder and escalation at 09:00 on their days.
      const reminder = await rule(ctx, calendar, 'weekly-report.late-sign-off-reminder', ctx.now);
      const due = await rule(ctx, calendar, 'weekly-report.late-sign-off', ctx.now);
      return {
        lateSignOffReminderAt: atTime(reminder.dueDate, '09:00'),
        lateSignOffDueAt: atTime(due.dueDate, '09:00'),
      };
    }
  }
}
