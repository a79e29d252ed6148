// zhuanban.ledger.decideExtension — decides the pending extension request (LedgerExtension): approved sets the new
// deadline (the model then issues a new notice for it), rejected keeps it; a request made after the deadline comes
// with extensionDecision = null and is refused without the office. The lead unit is told either way.
import { z } from 'zod';
import { decideLedgerExtension } from '../../domain/ledger/rectification';
import { ledgerExtensionDecision } from '../../domain/notifications/templates/decisions';
import { defineHandler, type JsonObject } from '../runtime/handler';
import { domainErrorsAsIncidents } from '../shared/errors';
import { plainDate } from '../shared/dates';
import { mailUnit } from '../shared/unit-mail';

const type = 'zhuanban.ledger.decideExtension';

const variables = z.object({
  ledgerNumber: z.string(),
  extensionDecision: z.enum(['approve', 'reject']).nullable().optional(),
  approvedDueDate: z.string().nullish(),
  extensionDecisionNote: z.string().nullish(),
});

export default defineHandler({
  type,
  actingFor: ['Task_ApproveExtension'],
  variables,
  fetchVariables: Object.keys(variables.shape),
  handle: (job, services) =>
    domainErrorsAsIncidents(job, async () => {
      const v = job.variables;
      const now = services.clock.now();
      const result = await job.once(async (tx): Promise<JsonObject> => {
        const outcome = await decideLedgerExtension(
          tx,
          job.actor,
          {
            ledgerNumber: v.ledgerNumber,
            decision: v.extensionDecision ?? null,
            approvedDueDate: v.approvedDueDate ? plainDate(v.approvedDueDate, 'approvedDueDate') : null,
            note: v.extensionDecisionNote ?? null,
          },
          now,
        );
        const { item, extension } = outcome;
        await mailUnit(tx, services, {
          unitCode: item.leadUnit.code,
          idempotencyKey: `ledger.extension:${item.number}:${extension.id}`,
          content: ledgerExtensionDecision({
            ledgerNumber: item.number,
            unitName: item.leadUnit.name,
            approved: outcome.approved,
            late: outcome.late,
            reason: extension.reason,
            requestedDueAt: extension.requestedDueAt,
            dueAt: outcome.dueAt,
            note: extension.decisionNote,
          }),
          unitId: item.leadUnitId,
          relatedType: 'ledgerItem',
          relatedId: item.id,
        });
        return outcome.approved
          ? { extensionApproved: true, dueDate: outcome.dueDate }
          : { extensionApproved: false };
      });
      return job.complete(result);
    }),
});
