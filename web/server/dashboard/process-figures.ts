// The process-sourced figures, counted by the database in two grouped queries that serve both the district's
// rates and each owning unit's indicator: the answered enterprise complaints by handling unit and the outcome
// recorded at the return visit (解决率 counts 已解决; satisfaction is its own figure), and the accepted
// coordination cases by handling unit and status — each unit as numerator and denominator, with the link to
// its records not yet resolved.
import type { Db, Prisma } from '../../../domain/db/client';

export interface UnitFigure {
  numerator: number;
  denominator: number;
  href: (unitCode: string) => string;
}

export const answeredComplaint: Prisma.PetitionWhereInput = {
  petitionerKind: 'enterprise',
  status: { in: ['replied', 'closed'] },
};
const acceptedCase: Prisma.EnterpriseCaseWhereInput = {
  status: { in: ['opinions', 'meeting_scheduled', 'following_up', 'resolved'] },
};

interface Count {
  handlingUnitId: number;
  resolved: boolean;
  count: number;
}

export interface ProcessCounts {
  complaints: Count[];
  cases: Count[];
}

export async function processCounts(db: Db): Promise<ProcessCounts> {
  const [complaints, cases] = await Promise.all([
    db.petition.groupBy({
      by: ['handlingUnitId', 'resolutionOutcome'],
      where: answeredComplaint,
      _count: { _all: true },
    }),
    db.enterpriseCase.groupBy({
      by: ['handlingUnitId', 'status'],
      where: acceptedCase,
      _count: { _all: true },
    }),
  ]);
  return {
    complaints: complaints.map((c) => ({
      handlingUnitId: c.handlingUnitId,
      resolved: c.resolutionOutcome === 'resolved',
      count: c._count._all,
    })),
    cases: cases.map((c) => ({
      handlingUnitId: c.handlingUnitId,
      resolved: c.status === 'resolved',
      count: c._count._all,
    })),
  };
}

/** All units together: the denominator and the resolved part. */
export function totals(counts: Count[]): { numerator: number; denominator: number } {
  return counts.reduce(
    (t, c) => ({ numerator: t.numerator + (c.resolved ? c.count : 0), denominator: t.denominator + c.count }),
    { numerator: 0, denominator: 0 },
  );
}

function byUnit(counts: Count[]): Map<number, { numerator: number; denominator: number }> {
  const units = new Map<number, Count[]>();
  for (const c of counts) units.set(c.handlingUnitId, [...(units.get(c.handlingUnitId) ?? []), c]);
  return new Map([...units].map(([unit, mine]) => [unit, totals(mine)]));
}

/** `${indicatorCode}:${unitId}` → the unit's counts. */
export function processFiguresByUnit(counts: ProcessCounts): Map<string, UnitFigure> {
  const figures = new Map<string, UnitFigure>();
  for (const [unit, t] of byUnit(counts.complaints))
    figures.set(`complaint-resolution-rate:${unit}`, {
      ...t,
      href: (code) => `/dashboard/records/petitions?filter=unresolved&unit=${code}`,
    });
  for (const [unit, t] of byUnit(counts.cases))
    figures.set(`disputed-case-resolution-rate:${unit}`, {
      ...t,
      href: (code) => `/dashboard/records/cases?filter=unresolved&unit=${code}`,
    });
  return figures;
}
