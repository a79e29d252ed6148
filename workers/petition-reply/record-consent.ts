// zhuanban.petition.recordConsent — records whether every party (当事人: 信访人, 对方当事人, 第三人) consents to a
// public reply (公开答复), each with the day, the way it was recorded, a note, its own signed consent scan (required
// for a written answer) and, for a refusal, its reason. Only when all consent does the petition go on to a
// public-reply session (`allPartiesConsented`); otherwise it is answered the ordinary way and
// `publicReplyDeclinedReason` says who refused and why.
import { z } from 'zod';
import { recordConsent, type ConsentInput } from '../../domain/petitions/public-reply';
import { defineHandler } from '../runtime/handler';
import { domainErrorsAsIncidents } from '../shared/errors';

const type = 'zhuanban.petition.recordConsent';

const variables = z.object({
  petitionNumber: z.string(),
  parties: z.array(z.record(z.string(), z.unknown())).nullish(),
  // An instance of the earlier model asked the petitioner alone (one answer for the whole petition).
  consent: z.enum(['given', 'refused']).nullish(),
  consentRecordedOn: z.string().nullish(),
  petitionerName: z.string().nullish(),
  consentDocument: z.unknown().optional(),
  consentNote: z.string().nullish(),
});

type Variables = z.infer<typeof variables>;

function parties(v: Variables): unknown[] {
  if (v.parties) return v.parties;
  if (!v.consent) return [];
  return [
    {
      partyName: v.petitionerName ?? '信访人',
      partyRole: 'petitioner',
      partyConsent: v.consent,
      partyConsentedOn: v.consentRecordedOn,
      partyMethod: 'written',
    },
  ];
}

export default defineHandler({
  type,
  actingFor: ['Task_AskConsent'],
  variables,
  fetchVariables: Object.keys(variables.shape),
  handle: (job, services) =>
    domainErrorsAsIncidents(job, async () => {
      const v = job.variables;
      const result = await job.once(async (tx) => {
        const { allPartiesConsented, declinedReason } = await recordConsent(
          tx,
          job.actor,
          {
            petitionNumber: v.petitionNumber,
            parties: parties(v) as ConsentInput['parties'],
            consentNote: v.consentNote ?? null,
            consentDocument: v.consentDocument ?? null,
          },
          services.clock.now(),
        );
        return { allPartiesConsented, publicReplyDeclinedReason: declinedReason };
      });
      return job.complete(result);
    }),
});
