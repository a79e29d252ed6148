// zhuanban.petition.recordSatisfaction — records the return visit (回访): the outcome (解决情况, what 解决率 counts)
// and, beside it, the petitioner's satisfaction rating; the petition is closed. An unsatisfied petitioner is told the review route next (notifyReviewRoute).
import { z } from 'zod';
import { recordSatisfaction } from '../../domain/petitions/replies';
import { defineHandler } from '../runtime/handler';
import { domainErrorsAsIncidents } from '../shared/errors';
import { plainDate } from '../shared/dates';

const type = 'zhuanban.petition.recordSatisfaction';

const variables = z.object({
  petitionNumber: z.string(),
  visitedOn: z.string(),
  visitMethod: z.enum(['phone', 'visit', 'letter']),
  satisfaction: z.enum(['satisfied', 'basically_satisfied', 'unsatisfied']),
  satisfactionComment: z.string().nullish(),
  resolutionOutcome: z.enum(['resolved', 'partially_resolved', 'unresolved']),
  resolutionNote: z.string().nullish(),
});

export default defineHandler({
  type,
  actingFor: ['Task_FollowUp'],
  variables,
  fetchVariables: Object.keys(variables.shape),
  handle: (job, services) =>
    domainErrorsAsIncidents(job, async () => {
      const v = job.variables;
      await job.once(async (tx) => {
        await recordSatisfaction(
          tx,
          job.actor,
          {
            petitionNumber: v.petitionNumber,
            visitedOn: plainDate(v.visitedOn, 'visitedOn'),
            visitMethod: v.visitMethod,
            satisfaction: v.satisfaction,
            comment: v.satisfactionComment ?? null,
            resolutionOutcome: v.resolutionOutcome,
            resolutionNote: v.resolutionNote ?? null,
          },
          services.clock.now(),
        );
        return {};
      });
      return job.complete();
    }),
});
