// What a supervision circular (定期督导通报) says, computed from the records of its period (a calendar month in
// Asia/Shanghai): the ledger items each unit was responsible for in the month by the highest supervision colour
// they reached by its end (blue/yellow/red, or none), the items closed in the month, the items overdue and still
// open at its end (or now, for the running month) named one by one, and the weekly reports of the month's weeks
// that came late or never came.
import { DateTime } from 'luxon';
import { zone } from '../calendar/deadline';
import type { Db, Tx } from '../db/client';
import { invalid } from '../errors';

export type Colour = 'none' | 'blue' | 'yellow' | 'red';
export const colourNames: Record<Colour, string> = {
  none: '未督办',
  blue: '蓝色',
  yellow: '黄色',
  red: '红色',
};

export interface UnitFigures {
  code: string;
  name: string;
  total: number;
  none: number;
  blue: number;
  yellow: number;
  red: number;
  closed: number;
  overdue: number;
}

export interface OverdueItem {
  number: string;
  unit: string;
  problem: string;
  dueDate: string;
  daysOverdue: number;
  colour: Colour;
}

export interface ReportGap {
  unit: string;
  isoWeek: string;
}

export interface CircularFigures {
  period: string;
  periodLabel: string;
  from: string;
  to: string;
  asOf: string;
  units: UnitFigures[];
  totals: Omit<UnitFigures, 'code' | 'name'>;
  overdue: OverdueItem[];
  weeks: string[];
  lateReports: ReportGap[];
  missingReports: ReportGap[];
}

const periodPattern = /^(\d{4})-(0[1-9]|1[0-2])$/;

/** The month of a period `2026-11`, as instants; a clear error for anything else. */
export function monthOf(period: string): { from: Date; to: Date; label: string } {
  const m = periodPattern.exec(period);
  if (!m) throw invalid('通报期次应为年月，如 2026-11', 'period');
  const start = DateTime.fromObject({ year: Number(m[1]), month: Number(m[2]), day: 1 }, { zone });
  return {
    from: start.toJSDate(),
    to: start.plus({ months: 1 }).toJSDate(),
    label: `${m[1]}年${Number(m[2])}月`,
  };
}

/** The period of the month before `at` (what the monthly schedule circulates on the 1st). */
export function previousPeriod(at: Date): string {
  return DateTime.fromJSDate(at, { zone }).minus({ months: 1 }).toFormat('yyyy-MM');
}

export function periodOf(at: Date): string {
  return DateTime.fromJSDate(at, { zone }).toFormat('yyyy-MM');
}

const rank: Record<Colour, number> = { none: 0, blue: 1, yellow: 2, red: 3 };
const isoWeekOf = (d: DateTime) => `${d.weekYear}-W${String(d.weekNumber).padStart(2, '0')}`;

/** The ISO weeks whose Friday (the report day) falls in the month. */
export function weeksOf(from: Date, to: Date): string[] {
  const weeks: string[] = [];
  let d = DateTime.fromJSDate(from, { zone });
  while (d.weekday !== 5) d = d.plus({ days: 1 });
  for (; d.toJSDate() < to; d = d.plus({ weeks: 1 })) weeks.push(isoWeekOf(d));
  return weeks;
}

export async function circularFigures(db: Db | Tx, period: string, now: Date): Promise<CircularFigures> {
  const { from, to, label } = monthOf(period);
  if (from > now) throw invalid(`${label}尚未开始，不能生成督导通报`, 'period');
  const asOf = now < to ? now : to;
  const items = await db.ledgerItem.findMany({
    where: { createdAt: { lt: to }, OR: [{ closedAt: null }, { closedAt: { gte: from } }] },
    include: { leadUnit: true, reminders: { where: { sentAt: { lt: to } }, select: { color: true } } },
    orderBy: { number: 'asc' },
  });
  const members = await db.unit.findMany({
    where: { kind: 'member', active: true },
    orderBy: [{ sortOrder: 'asc' }, { id: 'asc' }],
  });
  const units = new Map<number, UnitFigures>();
  const row = (u: { id: number; code: string; shortName: string }) => {
    let f = units.get(u.id);
    if (!f) {
      f = {
        code: u.code,
        name: u.shortName,
        total: 0,
        none: 0,
        blue: 0,
        yellow: 0,
        red: 0,
        closed: 0,
        overdue: 0,
      };
      units.set(u.id, f);
    }
    return f;
  };
  members.forEach(row);
  const overdue: OverdueItem[] = [];
  for (const item of items) {
    const f = row(item.leadUnit);
    const colour = item.reminders.reduce<Colour>(
      (top, r) => (rank[r.color as Colour] > rank[top] ? (r.color as Colour) : top),
      'none',
    );
    f.total++;
    f[colour]++;
    const closedBy = item.closedAt && item.closedAt < asOf;
    if (item.closedAt && item.closedAt >= from && item.closedAt < to) f.closed++;
    if (!closedBy && item.dueAt < asOf) {
      f.overdue++;
      const due = DateTime.fromJSDate(item.dueAt, { zone });
      overdue.push({
        number: item.number,
        unit: item.leadUnit.shortName,
        problem: item.problem,
        dueDate: due.toISODate() as string,
        daysOverdue: Math.max(1, Math.ceil((asOf.getTime() - item.dueAt.getTime() - 1) / 86_400_000)),
        colour,
      });
    }
  }
  const list = [...units.values()];
  const totals = list.reduce(
    (t, u) => {
      for (const k of ['total', 'none', 'blue', 'yellow', 'red', 'closed', 'overdue'] as const) t[k] += u[k];
      return t;
    },
    { total: 0, none: 0, blue: 0, yellow: 0, red: 0, closed: 0, overdue: 0 },
  );

  const weeks = weeksOf(from, to);
  const reports = await db.weeklyReport.findMany({
    where: { isoWeek: { in: weeks } },
    include: { unit: true },
    orderBy: [{ isoWeek: 'asc' }, { unit: { sortOrder: 'asc' } }, { unitId: 'asc' }],
  });
  const lateReports: ReportGap[] = [];
  const missingReports: ReportGap[] = [];
  for (const r of reports) {
    const gap = { unit: r.unit.shortName, isoWeek: r.isoWeek };
    const submitted = r.status === 'submitted' || r.status === 'signed_off';
    if (submitted && r.late) lateReports.push(gap);
    else if (!submitted && r.dueAt && r.dueAt < asOf) missingReports.push(gap);
  }
  return {
    period,
    periodLabel: label,
    from: from.toISOString(),
    to: to.toISOString(),
    asOf: asOf.toISOString(),
    units: list,
    totals,
    overdue: overdue.sort((a, b) => b.daysOverdue - a.daysOverdue || a.number.localeCompare(b.number)),
    weeks,
    lateReports,
    missingReports,
  };
}
