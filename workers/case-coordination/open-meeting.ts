// zhuanban.case.openMeeting — opens the case's next coordination meeting (1, 2, …) with a pending opinion per
// involved unit, due by rule case.opinion; completes with `meetingSequence`.
import { z } from 'zod';
import { openMeeting } from '../../domain/cases/meetings';
import { defineHandler } from '../runtime/handler';
import { opinionDeadline } from '../shared/deadline-sets';
import { domainErrorsAsIncidents } from '../shared/errors';

const type = 'zhuanban.case.openMeeting';

export default defineHandler({
  type,
  actingFor: ['Task_Screening', 'Task_ConfirmResolution'],
  variables: z.object({ caseNumber: z.string().min(1) }),
  fetchVariables: ['caseNumber'],
  async handle(job, services) {
    return domainErrorsAsIncidents(job, async () => {
      const now = services.clock.now();
      const { due } = await opinionDeadline({ db: services.db, now });
      const out = await job.once(async (tx) => {
        const meeting = await openMeeting(tx, job.actor, job.variables.caseNumber, new Date(due), now);
        return { meetingSequence: meeting.sequence };
      });
      return job.complete({ meetingSequence: Number(out.meetingSequence) });
    });
  },
});
