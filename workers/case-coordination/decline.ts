// zhuanban.case.decline — the office declined the case at screening: status `declined` with the reason, mailed
// back to the handling unit and the units involved.
import { z } from 'zod';
import { caseByNumber, declineCase } from '../../domain/cases/cases';
import { addresses, unitAddressees } from '../../domain/notifications/recipients';
import { caseDeclined } from '../../domain/notifications/templates';
import { defineHandler } from '../runtime/handler';
import { domainErrorsAsIncidents } from '../shared/errors';

const type = 'zhuanban.case.decline';

export default defineHandler({
  type,
  actingFor: ['Task_Screening'],
  variables: z.object({ caseNumber: z.string().min(1), declineReason: z.string().min(1) }),
  fetchVariables: ['caseNumber', 'declineReason'],
  async handle(job, services) {
    const { caseNumber, declineReason } = job.variables;
    return domainErrorsAsIncidents(job, async () => {
      await job.once(
        async (tx) => {
          await declineCase(tx, job.actor, caseNumber, declineReason);
          const c = await caseByNumber(tx, caseNumber);
          const units = [c.handlingUnit, ...c.involvedUnits.map((u) => u.unit)].filter(
            (u, i, all) => all.findIndex((x) => x.id === u.id) === i,
          );
          const ids: number[] = [];
          for (const unit of units) {
            const to = await unitAddressees(tx, unit.code);
            if (to.length === 0) continue;
            const mail = await services.mail.enqueue(tx, {
              idempotencyKey: `case.declined:${caseNumber}:${unit.code}`,
              to: addresses(to),
              content: caseDeclined({
                recipient: unit.name,
                caseNumber,
                enterpriseName: c.enterprise.name,
                externalCaseNumber: c.externalCaseNumber ?? undefined,
                disputePoint: c.disputePoint,
                reason: declineReason,
              }),
              unitId: unit.id,
              relatedType: 'enterpriseCase',
              relatedId: c.id,
            });
            ids.push(mail.id);
          }
          return { outboxIds: ids };
        },
        { key: caseNumber },
      );
      return job.complete();
    });
  },
});
