// 案件评查 (plan tasks 4, 6, 7): the shares per reviewing unit, the batches behind them, recording a batch with
// its sampled cases and raising a sample's problem as a ledger item (source case_review) in one step. A unit
// user records and raises for its own unit only; the office for any unit.
import { unitScope, type Principal } from '../../../domain/auth/roles';
import {
  raiseReviewProblem,
  recordReviewBatch,
  reviewBatchInput,
} from '../../../domain/case-reviews/reviews';
import { invalid } from '../../../domain/errors';
import type { AppContext } from '../context';
import { reviewBatchDetail, reviewOverview, sampleUnit } from '../case-reviews/case-review-query';
import { engineStarter } from '../start/engine-starter';
import { actorOf, intParam, type AnyRoute } from './define';

async function ownUnitOnly(ctx: AppContext, principal: Principal, unitCode: string): Promise<void> {
  const scope = unitScope(principal);
  if (scope.all) return;
  const unit = await ctx.db.unit.findUnique({ where: { code: unitCode } });
  if (!unit || unit.id !== scope.unitId) throw invalid('只能录入本单位的评查批次', 'unitCode');
}

export function caseReviewRoutes(ctx: AppContext): AnyRoute[] {
  const { db } = ctx;
  return [
    {
      method: 'get',
      path: '/case-reviews',
      action: 'caseReview.read',
      handler: ({ req, principal }) => reviewOverview(db, unitScope(principal), req.query),
    },
    {
      method: 'get',
      path: '/case-reviews/batches/:id',
      action: 'caseReview.read',
      handler: ({ req, principal }) => reviewBatchDetail(db, unitScope(principal), intParam(req, 'id')),
    },
    {
      method: 'post',
      path: '/case-reviews/batches',
      action: 'caseReview.record',
      status: 201,
      async handler({ req, principal }) {
        const input = reviewBatchInput.parse(req.body);
        await ownUnitOnly(ctx, principal, input.unitCode);
        return recordReviewBatch(db, actorOf(principal), input);
      },
    },
    {
      method: 'post',
      path: '/case-reviews/samples/:id/ledger-item',
      action: 'caseReview.raise',
      status: 201,
      async handler({ req, principal }) {
        const id = intParam(req, 'id');
        await sampleUnit(db, unitScope(principal), id);
        // The item and its rectification process together; without an engine the reconciler starts it later.
        const starter = ctx.engine ? engineStarter(ctx.engine) : undefined;
        return raiseReviewProblem(db, actorOf(principal), id, req.body ?? {}, new Date(), starter);
      },
    },
  ];
}
