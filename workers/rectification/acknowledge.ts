// zhuanban.ledger.acknowledge — the lead unit signs the supervision notice (签收) and names its liaison.
import { z } from 'zod';
import { acknowledgeNotice } from '../../domain/ledger/rectification';
import { defineHandler } from '../runtime/handler';
import { domainErrorsAsIncidents } from '../shared/errors';

const type = 'zhuanban.ledger.acknowledge';

const variables = z.object({
  ledgerNumber: z.string(),
  noticeAcknowledged: z.boolean().nullish(),
  liaisonName: z.string().nullish(),
  liaisonPhone: z.string().nullish(),
});

export default defineHandler({
  type,
  actingFor: ['Task_Acknowledge'],
  variables,
  fetchVariables: Object.keys(variables.shape),
  handle: (job, services) =>
    domainErrorsAsIncidents(job, async () => {
      const v = job.variables;
      await job.once(async (tx) => {
        await acknowledgeNotice(
          tx,
          job.actor,
          {
            ledgerNumber: v.ledgerNumber,
            acknowledged: v.noticeAcknowledged === true,
            liaisonName: v.liaisonName ?? null,
            liaisonPhone: v.liaisonPhone ?? null,
          },
          services.clock.now(),
        );
        return {};
      });
      return job.complete();
    }),
});
