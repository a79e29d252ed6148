// ISO weeks in Asia/Shanghai: the business key of a weekly report cycle ('2026-W48') and the dates it covers.
import { DateTime } from 'luxon';

export const scheduleZone = 'Asia/Shanghai';

/** '2026-W48' for an instant, read in the given zone (a Friday 09:00 CST is in its own week). */
export function isoWeekOf(date: Date, zone = scheduleZone): string {
  const d = DateTime.fromJSDate(date, { zone });
  return d.toFormat("kkkk-'W'WW");
}

export interface WeekPeriod {
  /** Monday 00:00 of the week in the zone. */
  start: Date;
  /** Monday 00:00 of the next week. */
  end: Date;
  /** 2026年11月23日—11月29日 */
  label: string;
}

export function weekPeriod(isoWeek: string, zone = scheduleZone): WeekPeriod {
  const m = /^(\d{4})-W(\d{2})$/.exec(isoWeek);
  if (!m) throw new Error(`not an ISO week: '${isoWeek}' (expected e.g. 2026-W48)`);
  const monday = DateTime.fromObject(
    { weekYear: Number(m[1]), weekNumber: Number(m[2]), weekday: 1 },
    { zone },
  );
  if (!monday.isValid || monday.weekNumber !== Number(m[2]))
    throw new Error(`no such ISO week: '${isoWeek}'`);
  const sunday = monday.plus({ days: 6 });
  const label = `${monday.toFormat("yyyy'年'M'月'd'日'")}—${sunday.toFormat(
    sunday.year === monday.year ? "M'月'd'日'" : "yyyy'年'M'月'd'日'",
  )}`;
  return { start: monday.toJSDate(), end: monday.plus({ weeks: 1 }).toJSDate(), label };
}
