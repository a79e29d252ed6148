// zhuanban.petition.classify — records the receiving unit's decision (accept / not accept / forward / divert to
// the legal procedure) and issues the written notice with the reason and the route (受理告知书, 不予受理告知书,
// 转送告知书; the procuratorate's 程序性回复), mailed to the unit that delivers it. A forward to a member unit
// hands the petition to that unit, which classifies it again.
import { z } from 'zod';
import { classifyPetition } from '../../domain/petitions/classification';
import { petitionNotice } from '../../domain/notifications/templates';
import { defineHandler } from '../runtime/handler';
import { domainErrorsAsIncidents } from '../shared/errors';
import { instant } from '../shared/dates';
import { mailUnit } from '../shared/unit-mail';

const type = 'zhuanban.petition.classify';

const variables = z.object({
  petitionNumber: z.string(),
  handlingUnitCode: z.string(),
  classification: z.enum(['accept', 'not_accept', 'forward', 'litigation']),
  classificationReason: z.string(),
  routeAdvice: z.string().nullish(),
  forwardToUnitCode: z.string().nullish(),
  forwardToOrgan: z.string().nullish(),
  complexity: z.enum(['simple', 'complex']).nullish(),
  classificationDueAt: z.string().nullish(),
});

export default defineHandler({
  type,
  actingFor: ['Task_Classify'],
  variables,
  fetchVariables: Object.keys(variables.shape),
  handle: (job, services) =>
    domainErrorsAsIncidents(job, async () => {
      const v = job.variables;
      const now = services.clock.now();
      const result = await job.once(async (tx) => {
        const outcome = await classifyPetition(
          tx,
          job.actor,
          {
            ...v,
            noticeDueAt: v.classificationDueAt ? instant(v.classificationDueAt, 'classificationDueAt') : null,
          },
          now,
        );
        const { petition } = outcome;
        await mailUnit(tx, services, {
          unitCode: outcome.issuerCode,
          ccUnits: outcome.forwardedTo ? [outcome.forwardedTo.code] : [],
          idempotencyKey: `petition.notice:${petition.number}:${outcome.noticeKind}:${job.key}`,
          content: petitionNotice({
            kind: outcome.noticeKind,
            petitionNumber: petition.number,
            petitionerName: petition.petitionerName,
            subject: petition.subject,
            unitName: outcome.issuerName,
            issuedAt: now,
            body: outcome.noticeText,
          }),
          unitId: petition.handlingUnitId,
          relatedType: 'petition',
          relatedId: petition.id,
        });
        return {
          handlingUnitCode: outcome.handlingUnitCode,
          forwardedInternally: outcome.forwardedTo !== null,
        };
      });
      return job.complete(result);
    }),
});
