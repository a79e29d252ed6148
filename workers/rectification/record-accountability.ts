// zhuanban.ledger.recordAccountability — records the leaders' decision after a red circular: an accountability talk
// (约谈) with its time, notified to the lead unit with the leaders in copy, or no talk.
import { z } from 'zod';
import { recordAccountability } from '../../domain/ledger/supervision';
import { accountabilityTalk } from '../../domain/notifications/templates/decisions';
import { defineHandler } from '../runtime/handler';
import { domainErrorsAsIncidents } from '../shared/errors';
import { instant } from '../shared/dates';
import { mailUnit } from '../shared/unit-mail';

const type = 'zhuanban.ledger.recordAccountability';

const variables = z.object({
  ledgerNumber: z.string(),
  rectificationRound: z.number().int().min(1).nullish(),
  accountabilityDecision: z.enum(['talk', 'no_talk']),
  talkAt: z.string().nullish(),
  accountabilityNote: z.string(),
});

export default defineHandler({
  type,
  actingFor: ['Task_AccountabilityDecision'],
  variables,
  fetchVariables: Object.keys(variables.shape),
  handle: (job, services) =>
    domainErrorsAsIncidents(job, async () => {
      const v = job.variables;
      const talkAt = v.accountabilityDecision === 'talk' && v.talkAt ? instant(v.talkAt, 'talkAt') : null;
      await job.once(async (tx) => {
        const { item } = await recordAccountability(
          tx,
          job.actor,
          {
            ledgerNumber: v.ledgerNumber,
            decision: v.accountabilityDecision,
            talkAt,
            note: v.accountabilityNote,
            round: v.rectificationRound ?? 1,
          },
          services.clock.now(),
        );
        if (talkAt)
          await mailUnit(tx, services, {
            unitCode: item.leadUnit.code,
            ccRoles: ['leader'],
            idempotencyKey: `ledger.talk:${item.number}:${job.key}`,
            content: accountabilityTalk({
              ledgerNumber: item.number,
              unitName: item.leadUnit.name,
              problem: item.problem,
              talkAt,
              note: v.accountabilityNote,
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
