// zhuanban.petition.saveReply — saves the draft reply opinion (答复意见书: stance, content, legal basis, review
// route, the redacted text to publish if asked); a draft returned by the unit lead is replaced by the next one.
import { z } from 'zod';
import { saveReplyDraft } from '../../domain/petitions/replies';
import { defineHandler } from '../runtime/handler';
import { domainErrorsAsIncidents } from '../shared/errors';

const type = 'zhuanban.petition.saveReply';

const variables = z.object({
  petitionNumber: z.string(),
  stance: z.enum(['support', 'explain', 'not_support']),
  replyContent: z.string(),
  legalBasis: z.string(),
  reviewRoute: z.string(),
  publishReply: z.boolean().nullish(),
  publishedText: z.string().nullish(),
});

export default defineHandler({
  type,
  actingFor: ['Task_DraftReply'],
  variables,
  fetchVariables: Object.keys(variables.shape),
  handle: (job) =>
    domainErrorsAsIncidents(job, async () => {
      const v = job.variables;
      await job.once(async (tx) => {
        await saveReplyDraft(tx, job.actor, {
          ...v,
          publishReply: v.publishReply === true,
          publishedText: v.publishedText ?? null,
        });
        return {};
      });
      return job.complete();
    }),
});
