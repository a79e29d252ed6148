// The register read with its figures: how long each case has been pending (days from filing to its closing, or
// to today), whether that is 长期未结 — longer than the threshold in months (LONG_PENDING_MONTHS, default 12) —
// and whether it is past its target date; for a period, the cases cleared in it and the clearance rate
// (cleared in the period ÷ the cases on the register at some time in the period: filed by its end and not
// closed before its start).
import { DateTime } from 'luxon';
import { z } from 'zod';
import { localDate } from '../calendar/deadline';
import type { Db } from '../db/client';
import { notFound } from '../errors';
import { peopleNames } from '../people-names';

export const defaultLongPendingMonths = 12;

interface Dated {
  filedOn: string;
  closedOn: string | null;
  targetOn: string | null;
  status: string;
}

const dayMs = 86_400_000;

// The dates are calendar days, so they are counted as days in UTC: the same counts as in Asia/Shanghai (no
// daylight saving), without a time-zone lookup per date — the register is read on every dashboard load.
export function pendingState(c: Dated, today: string, months: number) {
  const end = c.closedOn ?? today;
  const pendingDays = Math.round((Date.parse(end) - Date.parse(c.filedOn)) / dayMs);
  return {
    pendingDays,
    longPending: (DateTime.fromISO(c.filedOn, { zone: 'utc' }).plus({ months }).toISODate() as string) < end,
    overdue: c.status !== 'closed' && c.targetOn !== null && c.targetOn < today,
  };
}

export const listFilter = z.object({
  status: z
    .enum(['pending', 'review', 'closed', ''], { message: '状态应为在办、转入评查或已结' })
    .default(''),
  overdue: z.enum(['1', '']).default(''),
  order: z.enum(['days-desc', 'days-asc'], { message: '排序应为按未结天数降序或升序' }).default('days-desc'),
});

export async function listLongPending(db: Db, raw: unknown, months: number, now = new Date()) {
  const filter = listFilter.parse(raw ?? {});
  const today = localDate(now);
  const cases = await db.longPendingCase.findMany({
    where: filter.status ? { status: filter.status } : {},
    include: { ledgerItem: { select: { id: true, number: true, status: true } } },
    orderBy: { id: 'asc' },
  });
  const rows = cases
    .map((c) => ({ ...c, ...pendingState(c, today, months) }))
    .filter((c) => !filter.overdue || c.overdue);
  rows.sort((a, b) => (filter.order === 'days-asc' ? 1 : -1) * (a.pendingDays - b.pendingDays));
  return rows;
}

export interface LongPendingFigures {
  thresholdMonths: number;
  /** Every case in the register, and those not yet cleared (在办 and 转入评查). */
  registered: number;
  open: number;
  /** Open cases pending longer than the threshold. */
  longPending: number;
  clearedInPeriod: number;
  /** Percent, one decimal; null when no case was on the register in the period. */
  clearanceRate: number | null;
  overdue: number;
}

export async function longPendingFigures(
  db: Db,
  range: { from: string; to: string },
  months: number,
  now = new Date(),
): Promise<LongPendingFigures> {
  const today = localDate(now);
  const cases = await db.longPendingCase.findMany({
    select: { filedOn: true, closedOn: true, targetOn: true, status: true },
  });
  const open = cases.filter((c) => c.status !== 'closed').map((c) => pendingState(c, today, months));
  const cleared = cases.filter((c) => c.closedOn && c.closedOn >= range.from && c.closedOn <= range.to);
  const onBooks = cases.filter((c) => c.filedOn <= range.to && (!c.closedOn || c.closedOn >= range.from));
  return {
    thresholdMonths: months,
    registered: cases.length,
    open: open.length,
    longPending: open.filter((c) => c.longPending).length,
    clearedInPeriod: cleared.length,
    clearanceRate: onBooks.length ? Math.round((cleared.length / onBooks.length) * 1000) / 10 : null,
    overdue: open.filter((c) => c.overdue).length,
  };
}

/** One case with its timeline, its ledger item and the review batch it went into. */
export async function longPendingDetail(db: Db, id: number, months: number, now = new Date()) {
  const found = await db.longPendingCase.findUnique({
    where: { id },
    include: {
      events: { orderBy: { id: 'asc' } },
      ledgerItem: { select: { id: true, number: true, status: true } },
      reviewSample: { select: { id: true, batch: { select: { id: true, title: true } } } },
    },
  });
  if (!found) throw notFound('长期未结案件');
  const nameOf = await peopleNames(
    db,
    found.events.map((e) => ({ label: e.actorLabel })),
  );
  const events = found.events.map((e) => ({ ...e, actorName: nameOf({ label: e.actorLabel }) }));
  return { ...found, events, ...pendingState(found, localDate(now), months) };
}
