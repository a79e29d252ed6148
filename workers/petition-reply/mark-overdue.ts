// zhuanban.petition.markOverdue — the handling period ran out before the reply was delivered: the petition is
// marked overdue and the handling unit is told; the model then opens a ledger item for it (rectification).
import { z } from 'zod';
import { markOverdue, petitionByNumber } from '../../domain/petitions/petitions';
import { reminder } from '../../domain/notifications/templates';
import { defineHandler } from '../runtime/handler';
import { domainErrorsAsIncidents } from '../shared/errors';
import { workerActor } from '../shared/actor';
import { instant } from '../shared/dates';
import { mailUnit } from '../shared/unit-mail';

const type = 'zhuanban.petition.markOverdue';

const variables = z.object({ petitionNumber: z.string(), handlingDueAt: z.string().nullish() });

export default defineHandler({
  type,
  variables,
  fetchVariables: Object.keys(variables.shape),
  handle: (job, services) =>
    domainErrorsAsIncidents(job, async () => {
      const v = job.variables;
      const now = services.clock.now();
      const dueAt = v.handlingDueAt ? instant(v.handlingDueAt, 'handlingDueAt') : null;
      await job.once(async (tx) => {
        await markOverdue(tx, workerActor(type), v.petitionNumber, dueAt, now);
        const petition = await petitionByNumber(tx, v.petitionNumber);
        await mailUnit(tx, services, {
          unitCode: petition.handlingUnit.code,
          ccRoles: ['coordinator'],
          idempotencyKey: `petition.overdue:${petition.number}`,
          content: reminder({
            recipient: petition.handlingUnit.name,
            taskName: '信访事项办结答复',
            businessKey: petition.number,
            dueAt: dueAt ?? now,
            overdue: true,
            note: `信访事项“${petition.subject}”已逾期，将转入整改台账由专班办公室督办。`,
          }),
          unitId: petition.handlingUnitId,
          relatedType: 'petition',
          relatedId: petition.id,
        });
        return {};
      });
      return job.complete();
    }),
});
