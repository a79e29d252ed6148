// zhuanban.ledger.recordProgress — the unit's progress note with its evidence (佐证材料) for the round; `submit` hands
// the item to verification, `extension` files a pending extension request and clears an earlier decision
// (completes with extensionDecision = null, so the office decides afresh).
import { z } from 'zod';
import { recordProgress } from '../../domain/ledger/rectification';
import { defineHandler } from '../runtime/handler';
import { domainErrorsAsIncidents } from '../shared/errors';
import { plainDate } from '../shared/dates';

const type = 'zhuanban.ledger.recordProgress';

const variables = z.object({
  ledgerNumber: z.string(),
  rectificationRound: z.number().int().min(1),
  progressNote: z.string(),
  evidence: z.unknown().optional(),
  rectificationAction: z.enum(['progress', 'submit', 'extension']),
  extensionReason: z.string().nullish(),
  requestedDueDate: z.string().nullish(),
});

export default defineHandler({
  type,
  actingFor: ['Task_Rectify'],
  variables,
  fetchVariables: Object.keys(variables.shape),
  handle: (job, services) =>
    domainErrorsAsIncidents(job, async () => {
      const v = job.variables;
      const extension = v.rectificationAction === 'extension';
      await job.once(async (tx) => {
        await recordProgress(
          tx,
          job.actor,
          {
            ledgerNumber: v.ledgerNumber,
            round: v.rectificationRound,
            note: v.progressNote,
            evidence: v.evidence ?? null,
            action: v.rectificationAction,
            extensionReason: extension ? (v.extensionReason ?? null) : null,
            requestedDueDate:
              extension && v.requestedDueDate ? plainDate(v.requestedDueDate, 'requestedDueDate') : null,
          },
          services.clock.now(),
        );
        return {};
      });
      return job.complete(extension ? { extensionDecision: null } : {});
    }),
});
