// zhuanban.ledger.recordLeadReview — the unit's 主要领导 signed the round's rectification (on to the office's
// verification) or sent it back with a reason: the unit is told by mail and finds Task_Rectify in its inbox again.
import { z } from 'zod';
import { recordLeadReview } from '../../domain/ledger/rectification';
import { ledgerLeadReturned } from '../../domain/notifications/templates/decisions';
import { defineHandler } from '../runtime/handler';
import { domainErrorsAsIncidents } from '../shared/errors';
import { mailUnit } from '../shared/unit-mail';

const type = 'zhuanban.ledger.recordLeadReview';

const variables = z.object({
  ledgerNumber: z.string(),
  rectificationRound: z.number().int().min(1),
  leadReviewDecision: z.enum(['sign', 'return']),
  leadReviewNote: z.string().nullish(),
  leadReturnReason: z.string().nullish(),
});

export default defineHandler({
  type,
  actingFor: ['Task_LeadReview'],
  variables,
  fetchVariables: Object.keys(variables.shape),
  handle: (job, services) =>
    domainErrorsAsIncidents(job, async () => {
      const v = job.variables;
      await job.once(async (tx) => {
        const { item, signed } = await recordLeadReview(
          tx,
          job.actor,
          {
            ledgerNumber: v.ledgerNumber,
            round: v.rectificationRound,
            decision: v.leadReviewDecision,
            note: v.leadReviewNote ?? null,
            returnReason: v.leadReviewDecision === 'return' ? (v.leadReturnReason ?? null) : null,
          },
          services.clock.now(),
        );
        if (!signed)
          await mailUnit(tx, services, {
            unitCode: item.leadUnit.code,
            idempotencyKey: `ledger.leadReturned:${job.key}`,
            content: ledgerLeadReturned({
              ledgerNumber: item.number,
              unitName: item.leadUnit.name,
              problem: item.problem,
              reason: v.leadReturnReason ?? '',
            }),
            unitId: item.leadUnitId,
            relatedType: 'ledgerItem',
            relatedId: item.id,
          });
        return {};
      });
      return job.complete();
    }),
});
