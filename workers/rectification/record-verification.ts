// zhuanban.ledger.recordVerification — records the office's verification of the round (LedgerVerification). Failed:
// the next round (二次整改) starts with the new deadline — completes with rectificationRound + 1 and dueDate =
// newDueDate, and the lead unit is told; passed: the round and deadline stay, the item goes on to be closed.
import { z } from 'zod';
import { recordVerification, verificationMethodNames } from '../../domain/ledger/supervision';
import { ledgerVerificationResult } from '../../domain/notifications/templates/decisions';
import { defineHandler } from '../runtime/handler';
import { domainErrorsAsIncidents } from '../shared/errors';
import { plainDate } from '../shared/dates';
import { mailUnit } from '../shared/unit-mail';

const type = 'zhuanban.ledger.recordVerification';

const variables = z.object({
  ledgerNumber: z.string(),
  rectificationRound: z.number().int().min(1),
  verificationMethod: z.enum(['documents', 'on_site', 'return_visit']),
  verificationResult: z.enum(['passed', 'failed']),
  verificationNote: z.string(),
  newDueDate: z.string().nullish(),
});

export default defineHandler({
  type,
  actingFor: ['Task_Verify'],
  variables,
  fetchVariables: Object.keys(variables.shape),
  handle: (job, services) =>
    domainErrorsAsIncidents(job, async () => {
      const v = job.variables;
      const passed = v.verificationResult === 'passed';
      const result = await job.once(async (tx) => {
        const outcome = await recordVerification(
          tx,
          job.actor,
          {
            ledgerNumber: v.ledgerNumber,
            round: v.rectificationRound,
            method: v.verificationMethod,
            passed,
            note: v.verificationNote,
            newDueDate: !passed && v.newDueDate ? plainDate(v.newDueDate, 'newDueDate') : null,
          },
          services.clock.now(),
        );
        const { item, verification } = outcome;
        if (!passed)
          await mailUnit(tx, services, {
            unitCode: item.leadUnit.code,
            ccUnits: item.assistingUnits.map((a) => a.unit.code),
            idempotencyKey: `ledger.verification:${item.number}:${v.rectificationRound}`,
            content: ledgerVerificationResult({
              ledgerNumber: item.number,
              unitName: item.leadUnit.name,
              problem: item.problem,
              passed: false,
              round: v.rectificationRound,
              method: verificationMethodNames[verification.method],
              note: verification.note ?? v.verificationNote,
              newDueAt: verification.newDueAt ?? undefined,
            }),
            unitId: item.leadUnitId,
            relatedType: 'ledgerItem',
            relatedId: item.id,
          });
        return { rectificationRound: outcome.round, dueDate: outcome.dueDate };
      });
      return job.complete(result);
    }),
});
