// How a unit's weekly report stands for the matrix and the dashboard: on time, late (after the 17:00 cut-off
// but taken into the week's consolidation), 补报 (sent after the cut-off ended the week's wait — `makeupAt` — or,
// for rows from before that, after the week ended), missing (past the cut-off, nothing submitted),
// returned to the unit, or still open (the cut-off is ahead).
import { DateTime } from 'luxon';
import { zone } from '../../../domain/calendar/deadline';

export type ReportCell = 'on_time' | 'late' | 'makeup' | 'missing' | 'returned' | 'open';

export const cellLabels: Record<ReportCell, string> = {
  on_time: '按时',
  late: '迟报',
  makeup: '补报',
  missing: '未报',
  returned: '退回',
  open: '未到期',
};

/** The last instant of the ISO week (Sunday 24:00 in Asia/Shanghai). */
export function weekEnd(isoWeek: string): Date {
  return DateTime.fromISO(`${isoWeek}-7`, { zone }).endOf('day').toJSDate();
}

export function reportCell(
  r: {
    isoWeek: string;
    status: string;
    late: boolean;
    submittedAt: Date | null;
    dueAt: Date | null;
    makeupAt?: Date | null;
  },
  now: Date,
): ReportCell {
  if (r.status === 'returned') return 'returned';
  if (r.status === 'submitted' || r.status === 'signed_off') {
    if (r.makeupAt) return 'makeup';
    if (!r.late) return 'on_time';
    return r.submittedAt && r.submittedAt > weekEnd(r.isoWeek) ? 'makeup' : 'late';
  }
  const due = r.dueAt ?? weekEnd(r.isoWeek);
  return now > due ? 'missing' : 'open';
}

/** 2026-W48 of an instant in Asia/Shanghai. */
export function isoWeekOf(at: Date): string {
  const d = DateTime.fromJSDate(at, { zone });
  return d.toFormat("kkkk-'W'WW");
}

/** The `count` ISO weeks up to and including `last`, oldest first. */
export function weeksUpTo(last: string, count: number): string[] {
  const monday = DateTime.fromISO(`${last}-1`, { zone });
  return Array.from({ length: count }, (_, i) => {
    const d = monday.minus({ weeks: count - 1 - i });
    return d.toFormat("kkkk-'W'WW");
  });
}
