// Dates and instants the way the models read them: instants written in Asia/Shanghai with offset
// (2026-11-27T15:00:00+08:00), deadlines at the end of their due day, notices at a time of day; and the
// form and timer values workers read back (instants with offset, plain YYYY-MM-DD dates).
import { DateTime } from 'luxon';
import { localDate, zone } from '../../domain/calendar/deadline';
import { invalid } from '../../domain/errors';

/** An instant written the way timers read it: 2026-11-27T15:00:00+08:00. */
export function shanghaiIso(date: Date): string {
  return DateTime.fromJSDate(date, { zone }).toISO({ suppressMilliseconds: true }) as string;
}

/** YYYY-MM-DD at HH:mm in Asia/Shanghai. */
export function atTime(date: string, hhmm: string): string {
  const [hour, minute] = hhmm.split(':').map(Number);
  return DateTime.fromISO(date, { zone })
    .set({ hour, minute, second: 0, millisecond: 0 })
    .toISO({ suppressMilliseconds: true }) as string;
}

/** The end of a due day: 2026-12-31T23:59:59+08:00. */
export function endOfDay(date: string): string {
  return DateTime.fromISO(date, { zone })
    .set({ hour: 23, minute: 59, second: 59, millisecond: 0 })
    .toISO({ suppressMilliseconds: true }) as string;
}

/** An instant from a form or timer variable (ISO 8601 with offset; a plain date is its start in Shanghai). */
export function instant(value: string, field: string): Date {
  const dt = /^\d{4}-\d{2}-\d{2}$/.test(value)
    ? DateTime.fromISO(value, { zone })
    : DateTime.fromISO(value, { setZone: true });
  if (!dt.isValid) throw invalid(`“${value}”不是有效的日期时间`, field);
  return dt.toJSDate();
}

/** A plain date (YYYY-MM-DD) from a date picker or a date-time. */
export function plainDate(value: string, field: string): string {
  try {
    return localDate(value);
  } catch {
    throw invalid(`“${value}”不是有效的日期`, field);
  }
}
