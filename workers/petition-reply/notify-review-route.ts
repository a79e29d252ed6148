// zhuanban.petition.notifyReviewRoute — tells an unsatisfied petitioner the review route: 复查 at the next-higher
// organ within 30 days (answered within 30 days), then 复核 likewise, after which the matter is final (periods from
// the deadline rules petition.review-request / petition.review-answer).
import { z } from 'zod';
import { tellReviewRoute } from '../../domain/petitions/replies';
import { petitionNotice } from '../../domain/notifications/templates';
import { defineHandler } from '../runtime/handler';
import { domainErrorsAsIncidents } from '../shared/errors';
import { workerActor } from '../shared/actor';
import { mailUnit } from '../shared/unit-mail';

const type = 'zhuanban.petition.notifyReviewRoute';

const variables = z.object({ petitionNumber: z.string() });

export default defineHandler({
  type,
  variables,
  fetchVariables: Object.keys(variables.shape),
  handle: (job, services) =>
    domainErrorsAsIncidents(job, async () => {
      const now = services.clock.now();
      await job.once(async (tx) => {
        const { petition, text } = await tellReviewRoute(
          tx,
          workerActor(type),
          job.variables.petitionNumber,
          now,
        );
        await mailUnit(tx, services, {
          unitCode: petition.handlingUnit.code,
          idempotencyKey: `petition.notice:${petition.number}:review_route`,
          content: petitionNotice({
            kind: 'review_route',
            petitionNumber: petition.number,
            petitionerName: petition.petitionerName,
            subject: petition.subject,
            unitName: petition.handlingUnit.name,
            issuedAt: now,
            body: text,
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
