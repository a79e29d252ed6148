// The numbers of domain records — XT-2026-001 (cases), XF-2026-0001 (petitions), ZG-2026-001 (ledger items): a
// code, the year in Asia/Shanghai and a zero-padded sequence that starts again at 1 each year.
import { DateTime } from 'luxon';
import { zone } from './calendar/deadline';

/** A table with a `number` column (tx.enterpriseCase, tx.petition, tx.ledgerItem). */
interface NumberedTable {
  findMany(args: {
    where: { number: { startsWith: string } };
    select: { number: true };
  }): Promise<{ number: string }[]>;
}

/** The number after the highest of the year (numbers are compared as numbers, so 1000 follows 999). */
export async function nextYearlyNumber(
  table: NumberedTable,
  code: string,
  digits: number,
  now: Date,
): Promise<string> {
  const prefix = `${code}-${DateTime.fromJSDate(now, { zone }).year}-`;
  const rows = await table.findMany({ where: { number: { startsWith: prefix } }, select: { number: true } });
  const last = rows.reduce((max, r) => Math.max(max, Number(r.number.slice(prefix.length)) || 0), 0);
  return `${prefix}${String(last + 1).padStart(digits, '0')}`;
}
