// zhuanban.petition.recordSession — keeps the record of the public-reply session: facts and reply given point by
// point, the invitees' comments, the petitioner's final statement, and when it was held.
import { z } from 'zod';
import { recordSession } from '../../domain/petitions/public-reply';
import { defineHandler } from '../runtime/handler';
import { domainErrorsAsIncidents } from '../shared/errors';
import { instant } from '../shared/dates';

const type = 'zhuanban.petition.recordSession';

const variables = z.object({
  petitionNumber: z.string(),
  sessionHeldAt: z.string(),
  factsAndReply: z.string(),
  inviteeComments: z.string(),
  petitionerStatement: z.string(),
  sessionFiles: z.unknown().optional(),
});

export default defineHandler({
  type,
  actingFor: ['Task_SessionRecord'],
  variables,
  fetchVariables: Object.keys(variables.shape),
  handle: (job) =>
    domainErrorsAsIncidents(job, async () => {
      const v = job.variables;
      await job.once(async (tx) => {
        await recordSession(tx, job.actor, {
          petitionNumber: v.petitionNumber,
          heldAt: instant(v.sessionHeldAt, 'sessionHeldAt'),
          factsAndReply: v.factsAndReply,
          inviteeComments: v.inviteeComments,
          petitionerStatement: v.petitionerStatement,
          sessionFiles: v.sessionFiles ?? null,
        });
        return {};
      });
      return job.complete();
    }),
});
