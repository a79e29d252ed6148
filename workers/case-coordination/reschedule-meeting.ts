// zhuanban.case.rescheduleMeeting — moves the meeting to `newMeetingAt` (message meeting-rescheduled) and counts
// the reschedule; completes with the new `meetingAt` (+08:00), which the meeting timer reads when re-entered.
// The office moves a meeting from the web, which correlates the message with the person (web/server/cases/
// meeting-reschedule.ts): the audit then names that person; a message from elsewhere names the worker.
import { z } from 'zod';
import { rescheduleMeeting } from '../../domain/cases/meetings';
import { defineHandler } from '../runtime/handler';
import { shanghaiIso } from '../shared/dates';
import { domainErrorsAsIncidents } from '../shared/errors';

const type = 'zhuanban.case.rescheduleMeeting';

export default defineHandler({
  type,
  actingFor: ['Event_Rescheduled'],
  variables: z.object({
    caseNumber: z.string().min(1),
    meetingSequence: z.number().int().min(1),
    newMeetingAt: z.string().min(1),
    rescheduleReason: z.string().nullish(),
  }),
  fetchVariables: ['caseNumber', 'meetingSequence', 'newMeetingAt', 'rescheduleReason'],
  async handle(job) {
    const v = job.variables;
    return domainErrorsAsIncidents(job, async () => {
      const out = await job.once(async (tx) => {
        const meeting = await rescheduleMeeting(
          tx,
          job.actor,
          { caseNumber: v.caseNumber, sequence: v.meetingSequence },
          v.newMeetingAt,
          v.rescheduleReason ?? null,
        );
        return { meetingAt: shanghaiIso(meeting.scheduledAt as Date) };
      });
      return job.complete({ meetingAt: String(out.meetingAt) });
    });
  },
});
