// 即时整改 for a long-pending case, in one step each: put it into a review batch as an enterprise-related sample
// (the case then reads 转入评查 and still counts as not cleared), or raise a ledger item (source case_review)
// through the same path as a sampled case's problem, which also starts its rectification process.
import { audit, audited, type Actor } from '../audit';
import { inScope, type UnitScope } from '../auth/roles';
import { isUniqueViolation, type Db } from '../db/client';
import { conflict, notFound } from '../errors';
import type { ProcessStarter } from '../ledger/ledger-process';
import { addEvent, openCase } from './long-pending';
import { raiseInput, toReviewInput } from './long-pending-input';
import { openReviewLedgerItem } from './review-ledger-item';

/** Adds the case to a batch the asker may see (a unit user: its own unit's) as a sample. */
export async function addLongPendingToReview(
  db: Db,
  actor: Actor,
  scope: UnitScope,
  id: number,
  raw: unknown,
) {
  const input = toReviewInput.parse(raw);
  try {
    return await audited(db, async (tx) => {
      const before = await openCase(tx, scope, id);
      if (before.reviewSampleId) throw conflict(`案件${before.caseNumber}已转入评查`, 'batchId');
      const batch = await tx.caseReviewBatch.findUnique({ where: { id: input.batchId } });
      if (!batch || !inScope(scope, [batch.unitId])) throw notFound('评查批次');
      const sample = await tx.caseReviewSample.create({
        data: {
          batchId: batch.id,
          caseNumber: before.caseNumber,
          enterpriseRelated: true,
          problem: input.problem,
        },
      });
      const after = await tx.longPendingCase.update({
        where: { id },
        data: { status: 'review', reviewSampleId: sample.id },
      });
      await addEvent(
        tx,
        actor,
        id,
        'review',
        `转入评查批次“${batch.title}”${input.problem ? `：${input.problem}` : ''}`,
      );
      await audit(tx, actor, {
        action: 'longPending.toReview',
        entity: 'longPendingCase',
        entityId: id,
        unitId: before.unitId,
        before,
        after: { ...after, batchId: batch.id },
      });
      return { ...after, sample };
    });
  } catch (e) {
    if (isUniqueViolation(e)) throw conflict('该评查批次中已有此案号', 'batchId');
    throw e;
  }
}

/** The case's problem as a ledger item, once; asking again returns the same item (and starts a missing process). */
export async function raiseLongPendingProblem(
  db: Db,
  actor: Actor,
  scope: UnitScope,
  id: number,
  raw: unknown,
  now = new Date(),
  processes?: ProcessStarter,
) {
  const input = raiseInput.parse(raw);
  const found = await openCase(db, scope, id);
  return openReviewLedgerItem(
    db,
    actor,
    {
      sourceRef: `长期未结案件·${found.caseNumber}`,
      originKey: `long-pending:${found.id}`,
      problem: input.problem,
      leadUnitCode: input.leadUnitCode,
      dueAt: input.dueAt,
    },
    async (item) => {
      if (found.ledgerItemId === item.id) return;
      await audited(db, async (tx) => {
        const after = await tx.longPendingCase.update({ where: { id }, data: { ledgerItemId: item.id } });
        await addEvent(tx, actor, id, 'ledger', `立为整改事项 ${item.number}：${input.problem}`);
        await audit(tx, actor, {
          action: 'longPending.raise',
          entity: 'longPendingCase',
          entityId: id,
          unitId: found.unitId,
          before: found,
          after,
        });
      });
    },
    now,
    processes,
  );
}
