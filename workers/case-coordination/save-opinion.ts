// zhuanban.case.saveOpinion — stores an involved unit's written opinion for the meeting.
import { z } from 'zod';
import { opinionInput, saveOpinion } from '../../domain/cases/meetings';
import { defineHandler } from '../runtime/handler';
import { domainErrorsAsIncidents } from '../shared/errors';

const type = 'zhuanban.case.saveOpinion';

export default defineHandler({
  type,
  actingFor: ['Task_SubmitOpinion'],
  variables: z.object({
    caseNumber: z.string().min(1),
    meetingSequence: z.number().int().min(1),
    unitCode: z.string().min(1),
    opinion: opinionInput,
  }),
  fetchVariables: ['caseNumber', 'meetingSequence', 'unitCode', 'opinion'],
  async handle(job, services) {
    const v = job.variables;
    return domainErrorsAsIncidents(job, async () => {
      await job.once(async (tx) => {
        const row = await saveOpinion(
          tx,
          job.actor,
          { caseNumber: v.caseNumber, sequence: v.meetingSequence, unitCode: v.unitCode },
          v.opinion,
          services.clock.now(),
        );
        return { opinionId: row.id };
      });
      return job.complete();
    });
  },
});
