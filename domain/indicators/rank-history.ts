// Reading the 全市位次: each ranked indicator with its 先进位次 and its records across periods (oldest first,
// the trend), and one record with the audit trail behind it (who entered it, every correction and its reason).
import type { UnitScope } from '../auth/roles';
import type { Db } from '../db/client';
import { notFound } from '../errors';
import { peopleNames } from '../people-names';

const byPeriod = (a: { period: string }, b: { period: string }) => a.period.localeCompare(b.period);

const figureView = (
  f: {
    id: number;
    period: string;
    value: number | null;
    cityRank: number;
    rankedCount: number;
    note: string | null;
    enteredAt: Date;
    correctedAt: Date | null;
    ledgerItemId: number | null;
    enteredBy: { displayName: string };
  },
  advancedRank: number,
) => ({
  id: f.id,
  period: f.period,
  value: f.value,
  cityRank: f.cityRank,
  rankedCount: f.rankedCount,
  note: f.note,
  enteredBy: f.enteredBy.displayName,
  enteredAt: f.enteredAt.toISOString(),
  correctedAt: f.correctedAt?.toISOString() ?? null,
  advanced: f.cityRank <= advancedRank,
  ledgerItemId: f.ledgerItemId,
});

const figureInclude = { enteredBy: { select: { displayName: true } } } as const;

/** Every indicator that keeps a rank, with its history; a unit user sees its own unit's indicators only. */
export async function rankedIndicators(db: Db, scope: UnitScope) {
  const rows = await db.indicator.findMany({
    where: {
      advancedRank: { not: null },
      ...(scope.all ? {} : { owners: { some: { unitId: scope.unitId ?? -1 } } }),
    },
    orderBy: { sortOrder: 'asc' },
    include: {
      owners: { include: { unit: { select: { code: true, shortName: true } } } },
      periodFigures: { include: figureInclude },
    },
  });
  return rows.map((i) => {
    const history = i.periodFigures.sort(byPeriod).map((f) => figureView(f, i.advancedRank!));
    return {
      code: i.code,
      name: i.name,
      source: i.source,
      advancedRank: i.advancedRank!,
      owners: i.owners.map((o) => ({ code: o.unit.code, name: o.unit.shortName })),
      latest: history.at(-1) ?? null,
      history,
    };
  });
}

/** One period record with the indicator it belongs to and its audit trail, oldest first. */
export async function periodFigureDetail(db: Db, scope: UnitScope, id: number) {
  const f = await db.indicatorPeriodFigure.findUnique({
    where: { id },
    include: { ...figureInclude, indicator: { include: { owners: { include: { unit: true } } } } },
  });
  if (!f || !(scope.all || f.indicator.owners.some((o) => o.unitId === scope.unitId)))
    throw notFound('全市位次记录');
  const trail = await db.auditLog.findMany({
    where: { entity: 'indicatorPeriodFigure', entityId: String(id) },
    orderBy: { id: 'asc' },
  });
  const nameOf = await peopleNames(
    db,
    trail.map((a) => ({ id: a.actorId, label: a.actorLabel })),
  );
  return {
    ...figureView(f, f.indicator.advancedRank ?? Number.POSITIVE_INFINITY),
    indicator: {
      code: f.indicator.code,
      name: f.indicator.name,
      advancedRank: f.indicator.advancedRank,
      owners: f.indicator.owners.map((o) => ({ code: o.unit.code, name: o.unit.shortName })),
    },
    trail: trail.map((a) => ({
      at: a.at.toISOString(),
      // the name people know, as on the record's 录入 line
      by: nameOf({ id: a.actorId, label: a.actorLabel }),
      action: a.action,
      before: a.before,
      after: a.after,
    })),
  };
}
