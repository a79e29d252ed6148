// Case reviews (案件评查, plan tasks 4, 6, 7): a reviewing unit records a batch and the cases it sampled, each
// enterprise-related or not; the enterprise share per unit is computed from those samples against the owner's
// target of the indicator case-review-enterprise-share (≥5% 政法委 and 检察院, ≥10% 公安); a problem the
// review found becomes a ledger item (source case_review) in one step, once.
import { z } from 'zod';
import { audit, audited, type Actor } from '../audit';
import { isUniqueViolation, type Db } from '../db/client';
import { conflict, invalid, notFound } from '../errors';
import type { ProcessStarter } from '../ledger/ledger-process';
import { openReviewLedgerItem } from './review-ledger-item';

const date = z.string().regex(/^\d{4}-\d{2}-\d{2}$/, '日期格式应为 2026-12-05');

export const reviewBatchInput = z.object({
  unitCode: z.string().trim().min(1, '请选择评查单位'),
  title: z.string().trim().min(1, '请填写评查批次名称').max(100),
  reviewedOn: date,
  samples: z
    .array(
      z.object({
        caseNumber: z.string().trim().min(1, '请填写案号').max(60),
        enterpriseRelated: z.boolean({ message: '请注明是否涉企案件' }),
        problem: z.string().trim().max(2000).nullish(),
      }),
    )
    .min(1, '至少录入一件抽查案件')
    .max(2000),
});
export type ReviewBatchInput = z.input<typeof reviewBatchInput>;

/** Records a review batch with its sampled cases. */
export async function recordReviewBatch(db: Db, actor: Actor, raw: ReviewBatchInput) {
  const input = reviewBatchInput.parse(raw);
  const numbers = input.samples.map((s) => s.caseNumber);
  const twice = numbers.find((n, i) => numbers.indexOf(n) !== i);
  if (twice) throw invalid(`案号“${twice}”在本批次中重复`, 'samples');
  try {
    return await audited(db, async (tx) => {
      const unit = await tx.unit.findUnique({ where: { code: input.unitCode } });
      if (!unit || unit.kind === 'external') throw invalid(`评查单位“${input.unitCode}”不存在`, 'unitCode');
      const batch = await tx.caseReviewBatch.create({
        data: {
          unitId: unit.id,
          title: input.title,
          reviewedOn: input.reviewedOn,
          createdById: actor.userId,
          samples: {
            create: input.samples.map((s) => ({
              caseNumber: s.caseNumber,
              enterpriseRelated: s.enterpriseRelated,
              problem: s.problem ?? null,
            })),
          },
        },
        include: { samples: true },
      });
      await audit(tx, actor, {
        action: 'caseReview.create',
        entity: 'caseReviewBatch',
        entityId: batch.id,
        unitId: unit.id,
        after: batch,
      });
      return batch;
    });
  } catch (e) {
    if (isUniqueViolation(e)) throw conflict('同一批次中案号重复', 'samples');
    throw e;
  }
}

export interface ReviewShare {
  unitCode: string;
  unitName: string;
  batches: number;
  sampled: number;
  enterpriseRelated: number;
  /** Percent, one decimal; null when nothing was sampled. */
  share: number | null;
  target: number | null;
  met: boolean | null;
  /** The batches behind the figure. */
  batchIds: number[];
}

/** The enterprise share of the sampled cases per reviewing unit, for reviews on days within [from, to]. */
export async function reviewShares(db: Db, range: { from: string; to: string }): Promise<ReviewShare[]> {
  const { from, to } = z.object({ from: date, to: date }).parse(range);
  const indicator = await db.indicator.findUnique({
    where: { code: 'case-review-enterprise-share' },
    include: { owners: { include: { unit: true } } },
  });
  const batches = await db.caseReviewBatch.findMany({
    where: { reviewedOn: { gte: from, lte: to } },
    include: { unit: true, samples: { select: { enterpriseRelated: true } } },
    orderBy: { id: 'asc' },
  });
  const units = new Map<string, { code: string; name: string; sortOrder: number }>();
  for (const o of indicator?.owners ?? []) units.set(o.unit.code, o.unit);
  for (const b of batches) units.set(b.unit.code, b.unit);
  return [...units.values()]
    .sort((a, b) => a.sortOrder - b.sortOrder)
    .map((unit) => {
      const own = batches.filter((b) => b.unit.code === unit.code);
      const sampled = own.reduce((n, b) => n + b.samples.length, 0);
      const enterpriseRelated = own.reduce(
        (n, b) => n + b.samples.filter((s) => s.enterpriseRelated).length,
        0,
      );
      const owner = indicator?.owners.find((o) => o.unit.code === unit.code);
      const target = owner ? (owner.target ?? indicator!.target) : null;
      const share = sampled ? Math.round((enterpriseRelated / sampled) * 1000) / 10 : null;
      return {
        unitCode: unit.code,
        unitName: unit.name,
        batches: own.length,
        sampled,
        enterpriseRelated,
        share,
        target,
        met: share === null || target === null ? null : share >= target,
        batchIds: own.map((b) => b.id),
      };
    });
}

export const reviewProblemInput = z.object({
  leadUnitCode: z.string().trim().min(1, '请选择整改责任单位'),
  problem: z.string().trim().min(1, '请填写评查发现的问题').max(2000).optional(),
  dueAt: z.coerce.date().optional(),
});

/**
 * The problem a sampled case showed, opened as a ledger item (source case_review, its origin the sample) and
 * linked to the sample; asking again returns the same item. Its rectification process is started with it (by
 * `processes`, the caller's engine; without one, or when the engine is away, the pending start is left to the
 * reconciler) — asking again also starts a process still missing.
 */
export async function raiseReviewProblem(
  db: Db,
  actor: Actor,
  sampleId: number,
  raw: z.input<typeof reviewProblemInput>,
  now = new Date(),
  processes?: ProcessStarter,
) {
  const input = reviewProblemInput.parse(raw);
  const sample = await db.caseReviewSample.findUnique({ where: { id: sampleId }, include: { batch: true } });
  if (!sample) throw notFound('抽查案件');
  const problem = input.problem ?? sample.problem;
  if (!problem) throw invalid('请填写评查发现的问题', 'problem');
  return openReviewLedgerItem(
    db,
    actor,
    {
      sourceRef: `${sample.batch.title}·${sample.caseNumber}`,
      originKey: `case-review:${sample.id}`,
      problem,
      leadUnitCode: input.leadUnitCode,
      dueAt: input.dueAt,
    },
    async (item) => {
      if (sample.ledgerItemId === item.id) return;
      await audited(db, async (tx) => {
        const after = await tx.caseReviewSample.update({
          where: { id: sample.id },
          data: { ledgerItemId: item.id, problem },
        });
        await audit(tx, actor, {
          action: 'caseReview.raise',
          entity: 'caseReviewSample',
          entityId: sample.id,
          unitId: sample.batch.unitId,
          before: sample,
          after,
        });
      });
    },
    now,
    processes,
  );
}
