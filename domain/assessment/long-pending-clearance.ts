// 长期未结案件清结率 for 考核 (plan task 5: 常态化开展长期未结案件清理): of the cases on a unit's register that
// were due to be cleared in the period, the share it cleared within the period. The plan sets no number, so the
// rule is this one, stated in processes/README.md: a case is due when it was on the register in the period (filed
// by its end, not closed before its start) and its 目标结案日期 had come by the period's end — or by today, while
// the period runs. A case without a target date is due at once (the court set no later date); one cleared in the
// period ahead of its target counts as due and cleared; one still open past its target stays due in every later
// period until it is cleared.
import { localDate } from '../calendar/deadline';
import { closingMethodNames } from '../case-reviews/long-pending-input';
import type { Db } from '../db/client';
import type { TracedRecord } from './measures';
import type { Period } from './period';

export async function dueLongPendingCases(
  db: Db,
  unitIds: number[],
  period: Period,
  now: Date,
): Promise<{ unitId: number; record: TracedRecord }[]> {
  const today = localDate(now);
  const dueBy = period.to < today ? period.to : today;
  const cases = await db.longPendingCase.findMany({
    where: {
      unitId: { in: unitIds },
      filedOn: { lte: period.to },
      OR: [{ closedOn: null }, { closedOn: { gte: period.from } }],
    },
    orderBy: [{ filedOn: 'asc' }, { id: 'asc' }],
  });
  const clearedInPeriod = (c: { closedOn: string | null }) => c.closedOn !== null && c.closedOn <= period.to;
  return cases
    .filter((c) => clearedInPeriod(c) || c.targetOn === null || c.targetOn <= dueBy)
    .map((c) => {
      const cleared = clearedInPeriod(c);
      const target = c.targetOn ? `目标结案 ${c.targetOn}` : '未定目标结案日期';
      const outcome = cleared
        ? `${c.closedOn}${c.closingMethod ? closingMethodNames[c.closingMethod] : ''}结案${
            c.targetOn && c.closedOn! > c.targetOn ? '（晚于目标日期）' : ''
          }`
        : c.closedOn
          ? `${c.closedOn}结案，不在本期`
          : '本期内未结案';
      return {
        unitId: c.unitId,
        record: {
          kind: 'longPendingCase',
          id: c.id,
          label: `${c.caseNumber} ${c.enterprise}`.slice(0, 60),
          detail: `立案 ${c.filedOn}，${target}，${outcome}`,
          counted: cleared,
          href: `/case-reviews/long-pending?from=${period.from}&to=${period.to}&case=${c.id}`,
        },
      };
    });
}
