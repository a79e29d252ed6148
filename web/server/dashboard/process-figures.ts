// The process-sourced indicators per owning unit, counted by the database: the enterprise complaints whose
// outcome at the return visit was 已解决 (解决率; satisfaction is its own figure), and the accepted coordination cases resolved — each as numerator and
// denominator by handling unit, with the link to the records not yet resolved.
import type { Db, Prisma } from '../../../domain/db/client';

export interface UnitFigure {
  numerator: number;
  denominator: number;
  href: (unitCode: string) => string;
}

const answered: Prisma.PetitionWhereInput = {
  petitionerKind: 'enterprise',
  status: { in: ['replied', 'closed'] },
};
const accepted: Prisma.EnterpriseCaseWhereInput = {
  status: { in: ['opinions', 'meeting_scheduled', 'following_up', 'resolved'] },
};

/** `${indicatorCode}:${unitId}` → the unit's counts. */
export async function processFiguresByUnit(db: Db): Promise<Map<string, UnitFigure>> {
  const [complaints, complaintsResolved, cases, resolved] = await Promise.all([
    db.petition.groupBy({ by: ['handlingUnitId'], where: { ...answered }, _count: { _all: true } }),
    db.petition.groupBy({
      by: ['handlingUnitId'],
      where: { ...answered, resolutionOutcome: 'resolved' },
      _count: { _all: true },
    }),
    db.enterpriseCase.groupBy({ by: ['handlingUnitId'], where: { ...accepted }, _count: { _all: true } }),
    db.enterpriseCase.groupBy({
      by: ['handlingUnitId'],
      where: { status: 'resolved' },
      _count: { _all: true },
    }),
  ]);
  const figures = new Map<string, UnitFigure>();
  for (const c of complaints)
    figures.set(`complaint-resolution-rate:${c.handlingUnitId}`, {
      denominator: c._count._all,
      numerator: complaintsResolved.find((s) => s.handlingUnitId === c.handlingUnitId)?._count._all ?? 0,
      href: (unit) => `/dashboard/records/petitions?filter=unresolved&unit=${unit}`,
    });
  for (const c of cases)
    figures.set(`disputed-case-resolution-rate:${c.handlingUnitId}`, {
      denominator: c._count._all,
      numerator: resolved.find((r) => r.handlingUnitId === c.handlingUnitId)?._count._all ?? 0,
      href: (unit) => `/dashboard/records/cases?filter=unresolved&unit=${unit}`,
    });
  return figures;
}
