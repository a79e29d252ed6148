// zhuanban.ledger.close — closes the verified item (销号) with the date and tells the lead unit (assisting units in
// copy) that it passed verification and was closed. Completes with closedAt (+08:00).
import { z } from 'zod';
import { closeLedgerItem, verificationMethodNames } from '../../domain/ledger/supervision';
import { ledgerVerificationResult } from '../../domain/notifications/templates/decisions';
import { defineHandler } from '../runtime/handler';
import { domainErrorsAsIncidents } from '../shared/errors';
import { workerActor } from '../shared/actor';
import { shanghaiIso } from '../shared/dates';
import { mailUnit } from '../shared/unit-mail';

const type = 'zhuanban.ledger.close';

const variables = z.object({ ledgerNumber: z.string() });

export default defineHandler({
  type,
  variables,
  fetchVariables: Object.keys(variables.shape),
  handle: (job, services) =>
    domainErrorsAsIncidents(job, async () => {
      const result = await job.once(async (tx) => {
        const { item, closedAt } = await closeLedgerItem(
          tx,
          workerActor(type),
          job.variables.ledgerNumber,
          services.clock.now(),
        );
        const verification = await tx.ledgerVerification.findFirstOrThrow({
          where: { ledgerItemId: item.id, passed: true },
          orderBy: { round: 'desc' },
        });
        await mailUnit(tx, services, {
          unitCode: item.leadUnit.code,
          ccUnits: item.assistingUnits.map((a) => a.unit.code),
          idempotencyKey: `ledger.closed:${item.number}`,
          content: ledgerVerificationResult({
            ledgerNumber: item.number,
            unitName: item.leadUnit.name,
            problem: item.problem,
            passed: true,
            round: verification.round,
            method: verificationMethodNames[verification.method],
            note: verification.note ?? '整改到位',
            closedAt,
          }),
          unitId: item.leadUnitId,
          relatedType: 'ledgerItem',
          relatedId: item.id,
        });
        return { closedAt: shanghaiIso(closedAt) };
      });
      return job.complete(result);
    }),
});
