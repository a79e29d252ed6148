// The 案件评查 page's reads: the enterprise share per reviewing unit (domain/case-reviews/reviews.ts) with the
// batches behind each figure, and one batch with its sampled cases and the ledger items raised from them.
// A unit user sees its own unit's batches and row only; the office and the leaders see every unit.
import { z } from 'zod';
import { inScope, type UnitScope } from '../../../domain/auth/roles';
import { reviewShares } from '../../../domain/case-reviews/reviews';
import type { Db } from '../../../domain/db/client';
import { notFound } from '../../../domain/errors';

const date = z.string().regex(/^\d{4}-\d{2}-\d{2}$/, '日期格式应为 2026-12-05');

export const reviewRange = z
  .object({
    from: date.optional(),
    to: date.optional(),
  })
  .transform((r, ctx) => {
    const year = new Date().getFullYear();
    const out = { from: r.from ?? `${year}-01-01`, to: r.to ?? `${year}-12-31` };
    if (out.from > out.to)
      ctx.addIssue({ code: 'custom', path: ['to'], message: '截止日期不能早于起始日期' });
    return out;
  });

export async function reviewOverview(db: Db, scope: UnitScope, query: unknown) {
  const range = reviewRange.parse(query);
  const shares = await reviewShares(db, range);
  const units = await db.unit.findMany({ select: { id: true, code: true } });
  const idOf = new Map(units.map((u) => [u.code, u.id]));
  const visibleShares = shares.filter((s) => inScope(scope, [idOf.get(s.unitCode)]));
  const batches = await db.caseReviewBatch.findMany({
    where: {
      reviewedOn: { gte: range.from, lte: range.to },
      ...(scope.all ? {} : { unitId: scope.unitId ?? -1 }),
    },
    include: {
      unit: { select: { code: true, shortName: true } },
      samples: { select: { enterpriseRelated: true, problem: true, ledgerItemId: true } },
    },
    orderBy: [{ reviewedOn: 'desc' }, { id: 'desc' }],
  });
  return {
    range,
    shares: visibleShares,
    batches: batches.map((b) => ({
      id: b.id,
      title: b.title,
      reviewedOn: b.reviewedOn,
      unit: b.unit,
      sampled: b.samples.length,
      enterpriseRelated: b.samples.filter((s) => s.enterpriseRelated).length,
      problems: b.samples.filter((s) => s.problem).length,
      raised: b.samples.filter((s) => s.ledgerItemId !== null).length,
    })),
  };
}

export async function reviewBatchDetail(db: Db, scope: UnitScope, id: number) {
  const batch = await db.caseReviewBatch.findUnique({
    where: { id },
    include: {
      unit: { select: { id: true, code: true, shortName: true } },
      samples: {
        orderBy: { id: 'asc' },
        include: { ledgerItem: { select: { id: true, number: true, status: true } } },
      },
    },
  });
  // Out of scope answers exactly like a batch that does not exist.
  if (!batch || !inScope(scope, [batch.unitId])) throw notFound('评查批次');
  return batch;
}

/** The batch's unit of a sample, for the scope check before a problem is raised. */
export async function sampleUnit(db: Db, scope: UnitScope, sampleId: number) {
  const sample = await db.caseReviewSample.findUnique({
    where: { id: sampleId },
    select: { batch: { select: { unitId: true } } },
  });
  if (!sample || !inScope(scope, [sample.batch.unitId])) throw notFound('抽查案件');
  return sample.batch.unitId;
}
