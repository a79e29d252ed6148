// The deadline service: given a start and a rule `{days, kind: calendar|working, excludeStartDay,
// rollForwardOnHoliday}`, the due date in Asia/Shanghai on a working calendar with holidays and adjusted
// working days (调休). Pure: the calendar is passed in (domain/calendar/store.ts loads it from the database).
//
// Readings (DOMAIN.md, Calendars and deadlines):
// - calendar days: excluding the start day, day 1 is the day after the start; including it, the start is day 1;
// - working days: only working days count (weekdays that are not holidays, plus adjusted working weekends);
// - a due date on a non-working day rolls to the next working day when rollForwardOnHoliday is set;
// - negative days count backwards (reminders before a deadline) and then roll to the previous working day.
import { DateTime } from 'luxon';

export const zone = 'Asia/Shanghai';

export type DayCountKind = 'calendar' | 'working';

export interface DeadlineRule {
  days: number;
  kind: DayCountKind;
  excludeStartDay: boolean;
  rollForwardOnHoliday: boolean;
}

export interface CalendarEntry {
  date: string; // YYYY-MM-DD
  kind: 'holiday' | 'workday';
}

export interface DeadlineResult {
  /** The due date, YYYY-MM-DD in Asia/Shanghai. */
  dueDate: string;
  /** The last instant of the due date (23:59:59.999 Asia/Shanghai). */
  dueAt: Date;
  /** Years the computation crossed for which the calendar has no data (weekends only were assumed). */
  uncoveredYears: number[];
}

export class WorkCalendar {
  private readonly days = new Map<string, CalendarEntry['kind']>();
  private readonly years: Set<number>;

  constructor(entries: Iterable<CalendarEntry>, coveredYears: Iterable<number>) {
    for (const e of entries) this.days.set(e.date, e.kind);
    this.years = new Set(coveredYears);
  }

  covers(year: number): boolean {
    return this.years.has(year);
  }

  isWorkingDay(date: string): boolean {
    const kind = this.days.get(date);
    if (kind) return kind === 'workday';
    const weekday = DateTime.fromISO(date, { zone }).weekday; // 1 = Monday … 7 = Sunday
    return weekday <= 5;
  }
}

const datePattern = /^\d{4}-\d{2}-\d{2}$/;

/** The Asia/Shanghai calendar date of an instant, or a YYYY-MM-DD string taken as it is. */
export function localDate(start: Date | string): string {
  if (typeof start === 'string' && datePattern.test(start)) return start;
  const dt =
    typeof start === 'string' ? DateTime.fromISO(start, { zone }) : DateTime.fromJSDate(start, { zone });
  if (!dt.isValid) throw new Error(`invalid start date '${String(start)}'`);
  return dt.setZone(zone).toISODate() as string;
}

/** The last instant of a due day in Asia/Shanghai (a deadline is the whole day). */
export function endOfDueDay(date: string | Date): Date {
  return DateTime.fromISO(localDate(date), { zone }).endOf('day').toJSDate();
}

function addDays(date: string, n: number): string {
  return DateTime.fromISO(date, { zone }).plus({ days: n }).toISODate() as string;
}

export function computeDeadline(
  start: Date | string,
  rule: DeadlineRule,
  calendar: WorkCalendar,
): DeadlineResult {
  if (!Number.isInteger(rule.days))
    throw new Error(`deadline rule days must be an integer, got ${rule.days}`);
  const from = localDate(start);
  const step = rule.days < 0 ? -1 : 1;
  const n = Math.abs(rule.days);
  let due: string;
  if (rule.kind === 'calendar') {
    due = n === 0 ? from : addDays(from, rule.excludeStartDay ? rule.days : rule.days - step);
  } else {
    due = from;
    let counted = !rule.excludeStartDay && calendar.isWorkingDay(from) && n > 0 ? 1 : 0;
    while (counted < n) {
      due = addDays(due, step);
      if (calendar.isWorkingDay(due)) counted++;
    }
  }
  if (rule.rollForwardOnHoliday) {
    while (!calendar.isWorkingDay(due)) due = addDays(due, step);
  }
  const first = Number((step > 0 ? from : due).slice(0, 4));
  const last = Number((step > 0 ? due : from).slice(0, 4));
  const uncoveredYears: number[] = [];
  for (let y = first; y <= last; y++) if (!calendar.covers(y)) uncoveredYears.push(y);
  return { dueDate: due, dueAt: endOfDueDay(due), uncoveredYears };
}
