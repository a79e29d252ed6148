// zhuanban.ledger.remindLeadReview — 主要领导亲自督办: the rectification submitted for verification still waits for
// the unit lead's review on the day it is due (timer on Task_LeadReview); mails the unit (its people, the lead
// among them) through the outbox. Once per item, round and due instant, so a redelivered job mails nothing more.
import { z } from 'zod';
import { leadReviewReminder } from '../../domain/notifications/templates';
import { notFound } from '../../domain/errors';
import { defineHandler } from '../runtime/handler';
import { domainErrorsAsIncidents } from '../shared/errors';
import { mailUnit } from '../shared/unit-mail';

const type = 'zhuanban.ledger.remindLeadReview';

const variables = z.object({
  ledgerNumber: z.string(),
  rectificationRound: z.number().int().min(1),
  leadReviewDueAt: z.string(),
});

export default defineHandler({
  type,
  variables,
  fetchVariables: Object.keys(variables.shape),
  handle: (job, services) =>
    domainErrorsAsIncidents(job, async () => {
      const v = job.variables;
      const key = `${v.ledgerNumber}:${v.rectificationRound}:${v.leadReviewDueAt}`;
      await job.once(
        async (tx) => {
          const item = await tx.ledgerItem.findUnique({
            where: { number: v.ledgerNumber },
            include: { leadUnit: true },
          });
          if (!item) throw notFound(`台账事项 ${v.ledgerNumber}`);
          const outboxId = await mailUnit(tx, services, {
            unitCode: item.leadUnit.code,
            idempotencyKey: `ledger.lead-review-reminder:${key}`,
            content: leadReviewReminder({
              ledgerNumber: item.number,
              unitName: item.leadUnit.name,
              problem: item.problem,
              round: v.rectificationRound,
              reviewDueAt: new Date(v.leadReviewDueAt),
            }),
            unitId: item.leadUnitId,
            relatedType: 'ledgerItem',
            relatedId: item.id,
          });
          return { outboxId };
        },
        { key },
      );
      return job.complete();
    }),
});
