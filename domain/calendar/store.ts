// Loads the working calendar and the deadline rules from the domain database and computes a named deadline:
// what workers and the web call (`deadlineFor(db, 'petition.acceptance-notice', registeredAt)`).
import type { Db, Tx } from '../db/client';
import { computeDeadline, WorkCalendar, type DeadlineResult, type DeadlineRule } from './deadline';

export async function loadWorkCalendar(db: Db | Tx): Promise<WorkCalendar> {
  // One after the other: db may be a transaction, which runs its queries on one connection.
  const days = await db.calendarDay.findMany({ select: { date: true, kind: true } });
  const years = await db.calendarYear.findMany({ select: { year: true } });
  return new WorkCalendar(
    days,
    years.map((y) => y.year),
  );
}

export async function loadDeadlineRule(db: Db | Tx, code: string): Promise<DeadlineRule> {
  const rule = await db.deadlineRule.findUnique({ where: { code } });
  if (!rule) throw new Error(`unknown deadline rule '${code}'`);
  return rule;
}

export async function deadlineFor(db: Db | Tx, code: string, start: Date | string): Promise<DeadlineResult> {
  const rule = await loadDeadlineRule(db, code);
  const calendar = await loadWorkCalendar(db);
  return computeDeadline(start, rule, calendar);
}
