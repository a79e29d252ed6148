// Search by business key from the header box: a case number (XT-…), petition number (XF-…), ledger number
// (ZG-…), ISO week (2026-W48) or part of an enterprise's name → the records within the user's scope and their
// process instances. One exact hit may go straight to the user's open task on it, or to the record.
import { unitScope, type Principal } from '../../../domain/auth/roles';
import type { Db, Prisma } from '../../../domain/db/client';
import { refOf, selects, type RecordRef } from '../tasks/records';

function scoped(principal: Principal) {
  const scope = unitScope(principal);
  const unitId = scope.all ? null : (scope.unitId ?? -1);
  return {
    case: (unitId === null
      ? {}
      : {
          OR: [{ handlingUnitId: unitId }, { involvedUnits: { some: { unitId } } }],
        }) as Prisma.EnterpriseCaseWhereInput,
    petition: (unitId === null
      ? {}
      : { OR: [{ handlingUnitId: unitId }, { receivingUnitId: unitId }] }) as Prisma.PetitionWhereInput,
    ledger: (unitId === null
      ? {}
      : {
          OR: [{ leadUnitId: unitId }, { assistingUnits: { some: { unitId } } }],
        }) as Prisma.LedgerItemWhereInput,
    unitId,
  };
}

export type Exactness = 'exact' | 'partial';

export async function searchRecords(
  db: Db,
  principal: Principal,
  raw: string,
): Promise<{ exact: boolean; results: RecordRef[] }> {
  const q = raw.trim().slice(0, 100);
  if (!q) return { exact: false, results: [] };
  const key = q.toUpperCase();
  const s = scoped(principal);
  if (/^XT-\d{4}-\d+$/.test(key)) {
    const rows = await db.enterpriseCase.findMany({
      where: { AND: [{ number: key }, s.case] },
      select: selects.case,
    });
    return { exact: true, results: rows.map(refOf.case) };
  }
  if (/^XF-\d{4}-\d+$/.test(key)) {
    const rows = await db.petition.findMany({
      where: { AND: [{ number: key }, s.petition] },
      select: selects.petition,
    });
    return { exact: true, results: rows.map(refOf.petition) };
  }
  if (/^ZG-\d{4}-\d+$/.test(key)) {
    const rows = await db.ledgerItem.findMany({
      where: { AND: [{ number: key }, s.ledger] },
      select: selects.ledger,
    });
    return { exact: true, results: rows.map(refOf.ledger) };
  }
  if (/^\d{4}-W\d{2}$/.test(key)) {
    // A unit sees the week through its own report; the office and leadership the whole round.
    const week = await db.weeklySummary.findMany({ where: { isoWeek: key }, select: selects.week });
    if (s.unitId !== null) {
      const own = await db.weeklyReport.count({ where: { isoWeek: key, unitId: s.unitId } });
      if (!own) return { exact: true, results: [] };
    }
    return { exact: true, results: week.map(refOf.week) };
  }
  // Part of a number (XT-2026, ZG-2026-01) or of an enterprise's name.
  const like = { contains: q };
  const [cases, petitions, ledger] = await Promise.all([
    db.enterpriseCase.findMany({
      where: { AND: [{ OR: [{ number: { contains: key } }, { enterprise: { name: like } }] }, s.case] },
      select: selects.case,
      take: 20,
      orderBy: { id: 'desc' },
    }),
    db.petition.findMany({
      where: {
        AND: [
          { OR: [{ number: { contains: key } }, { enterprise: { name: like } }, { petitionerName: like }] },
          s.petition,
        ],
      },
      select: selects.petition,
      take: 20,
      orderBy: { id: 'desc' },
    }),
    db.ledgerItem.findMany({
      where: { AND: [{ OR: [{ number: { contains: key } }, { problem: like }] }, s.ledger] },
      select: selects.ledger,
      take: 20,
      orderBy: { id: 'desc' },
    }),
  ]);
  return {
    exact: false,
    results: [...cases.map(refOf.case), ...petitions.map(refOf.petition), ...ledger.map(refOf.ledger)],
  };
}
