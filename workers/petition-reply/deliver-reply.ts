// zhuanban.petition.deliverReply — the reply opinion signed by the unit lead is delivered: recorded as signed and
// delivered, its redacted text kept for publication when asked, and the 答复意见书 mailed to the handling unit that
// serves it on the petitioner. Completes with replyDelivered = true (the model then ends the deadline watch).
import { z } from 'zod';
import { deliverReply, stanceNames } from '../../domain/petitions/replies';
import { petitionNotice } from '../../domain/notifications/templates';
import { defineHandler } from '../runtime/handler';
import { domainErrorsAsIncidents } from '../shared/errors';
import { mailUnit } from '../shared/unit-mail';

const type = 'zhuanban.petition.deliverReply';

const variables = z.object({ petitionNumber: z.string() });

export default defineHandler({
  type,
  actingFor: ['Task_SignReply'],
  variables,
  fetchVariables: Object.keys(variables.shape),
  handle: (job, services) =>
    domainErrorsAsIncidents(job, async () => {
      const now = services.clock.now();
      await job.once(async (tx) => {
        const { petition, reply } = await deliverReply(tx, job.actor, job.variables.petitionNumber, now);
        await mailUnit(tx, services, {
          unitCode: petition.handlingUnit.code,
          idempotencyKey: `petition.reply:${petition.number}:${job.key}`,
          content: petitionNotice({
            kind: 'reply_delivered',
            petitionNumber: petition.number,
            petitionerName: petition.petitionerName,
            subject: petition.subject,
            unitName: petition.handlingUnit.name,
            issuedAt: now,
            body: [
              `答复意见（${stanceNames[reply.stance]}）：${reply.content}`,
              `法律政策依据：${reply.legalBasis}`,
              `救济途径：${reply.reviewRoute}`,
            ].join('\n'),
          }),
          unitId: petition.handlingUnitId,
          relatedType: 'petition',
          relatedId: petition.id,
        });
        return {};
      });
      return job.complete({ replyDelivered: true });
    }),
});
