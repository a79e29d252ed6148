// zhuanban.petition.recordConsent — records whether the petitioner consents to a public reply (公开答复), on which
// day, with the signed consent; with consent the petition goes on to a public-reply session.
import { z } from 'zod';
import { recordConsent } from '../../domain/petitions/public-reply';
import { defineHandler } from '../runtime/handler';
import { domainErrorsAsIncidents } from '../shared/errors';
import { workerActor } from '../shared/actor';
import { plainDate } from '../shared/dates';

const type = 'zhuanban.petition.recordConsent';

const variables = z.object({
  petitionNumber: z.string(),
  consent: z.enum(['given', 'refused']),
  consentRecordedOn: z.string(),
  consentDocument: z.unknown().optional(),
  consentNote: z.string().nullish(),
});

export default defineHandler({
  type,
  variables,
  fetchVariables: Object.keys(variables.shape),
  handle: (job) =>
    domainErrorsAsIncidents(job, async () => {
      const v = job.variables;
      await job.once(async (tx) => {
        await recordConsent(tx, workerActor(type), {
          petitionNumber: v.petitionNumber,
          consent: v.consent,
          consentRecordedOn: plainDate(v.consentRecordedOn, 'consentRecordedOn'),
          consentNote: v.consentNote ?? null,
          consentDocument: v.consentDocument ?? null,
        });
        return {};
      });
      return job.complete();
    }),
});
