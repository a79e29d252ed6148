// A 考核 period: a quarter (2026-Q4) or a year (2026), as calendar days in Asia/Shanghai, and the ISO weeks
// that belong to it — a week belongs to the period its Friday (the report's due day) falls in.
import { DateTime } from 'luxon';
import { zone } from '../calendar/deadline';
import { invalid } from '../errors';

export interface Period {
  key: string;
  label: string;
  from: string; // first day, YYYY-MM-DD
  to: string; // last day
  quarters: number;
}

export function parsePeriod(key: unknown): Period {
  const m = typeof key === 'string' ? /^(\d{4})(?:-Q([1-4]))?$/.exec(key) : null;
  if (!m) throw invalid('考核期间应为年度（如 2026）或季度（如 2026-Q4）', 'period');
  const year = Number(m[1]);
  if (year < 2000 || year > 2100) throw invalid('考核年度超出范围', 'period');
  if (!m[2])
    return { key: m[0], label: `${year}年度`, from: `${year}-01-01`, to: `${year}-12-31`, quarters: 4 };
  const q = Number(m[2]);
  const start = DateTime.fromObject({ year, month: (q - 1) * 3 + 1, day: 1 }, { zone });
  return {
    key: m[0],
    label: `${year}年第${'一二三四'[q - 1]}季度`,
    from: start.toISODate()!,
    to: start.plus({ months: 3 }).minus({ days: 1 }).toISODate()!,
    quarters: 1,
  };
}

/** The ISO weeks whose Friday lies within the period. */
export function weeksOf(period: Period): string[] {
  const weeks: string[] = [];
  let d = DateTime.fromISO(period.from, { zone });
  while (d.weekday !== 5) d = d.plus({ days: 1 });
  const end = DateTime.fromISO(period.to, { zone });
  for (; d <= end; d = d.plus({ weeks: 1 }))
    weeks.push(`${d.weekYear}-W${String(d.weekNumber).padStart(2, '0')}`);
  return weeks;
}

/** The first instant of `from` and the first instant after `to`, for DateTime columns. */
export function instantRange(period: Period): { gte: Date; lt: Date } {
  return {
    gte: DateTime.fromISO(period.from, { zone }).toJSDate(),
    lt: DateTime.fromISO(period.to, { zone }).plus({ days: 1 }).toJSDate(),
  };
}
