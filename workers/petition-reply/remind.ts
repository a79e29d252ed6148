// zhuanban.petition.remind — mails the handling unit that the acceptance notice (stage=classification) or the
// handling of a petition (stage=handling) falls due soon. Once per petition, stage and due date: a watch that is
// re-entered with the same deadline does not remind twice, a new deadline (an extension) reminds again.
import { z } from 'zod';
import { noteHandlingDue, petitionByNumber } from '../../domain/petitions/petitions';
import { reminder } from '../../domain/notifications/templates';
import { defineHandler } from '../runtime/handler';
import { domainErrorsAsIncidents } from '../shared/errors';
import { workerActor } from '../shared/actor';
import { instant } from '../shared/dates';
import { mailUnit } from '../shared/unit-mail';

const type = 'zhuanban.petition.remind';

const variables = z.object({
  petitionNumber: z.string(),
  handlingUnitCode: z.string(),
  classificationDueAt: z.string().nullish(),
  handlingDueAt: z.string().nullish(),
});

const taskNames = { classification: '信访事项受理告知', handling: '信访事项办结答复' } as const;

export default defineHandler({
  type,
  variables,
  headers: z.object({ stage: z.enum(['classification', 'handling']) }),
  fetchVariables: Object.keys(variables.shape),
  handle: (job, services) =>
    domainErrorsAsIncidents(job, async () => {
      const { stage } = job.headers;
      const { petitionNumber } = job.variables;
      const dueText =
        stage === 'classification' ? job.variables.classificationDueAt : job.variables.handlingDueAt;
      if (!dueText) return job.fail(`variable '${stage}DueAt' is missing`, { retries: 0 });
      const dueAt = instant(dueText, `${stage}DueAt`);
      const result = await job.once(
        async (tx) => {
          const petition = await petitionByNumber(tx, petitionNumber);
          if (stage === 'handling') await noteHandlingDue(tx, workerActor(type), petition, dueAt);
          const outboxId = await mailUnit(tx, services, {
            unitCode: petition.handlingUnit.code,
            idempotencyKey: `petition.remind:${petitionNumber}:${stage}:${dueText}`,
            content: reminder({
              recipient: petition.handlingUnit.name,
              taskName: taskNames[stage],
              businessKey: petitionNumber,
              dueAt,
              overdue: false,
              note: `信访事项：${petition.subject}（信访人：${petition.petitionerName}）`,
            }),
            unitId: petition.handlingUnitId,
            relatedType: 'petition',
            relatedId: petition.id,
          });
          return { outboxId };
        },
        { key: `${petitionNumber}:${stage}:${dueText}` },
      );
      job.log.debug('petition reminded', result);
      return job.complete();
    }),
});
