// zhuanban.case.scheduleMeeting — records the meeting's time, place, chair and attendees; completes with
// `meetingAt` normalised to +08:00 (the timer of 会议时间到 reads it).
import { z } from 'zod';
import { scheduleInput, scheduleMeeting } from '../../domain/cases/meetings';
import { defineHandler } from '../runtime/handler';
import { shanghaiIso } from '../shared/dates';
import { domainErrorsAsIncidents } from '../shared/errors';

const type = 'zhuanban.case.scheduleMeeting';

export default defineHandler({
  type,
  actingFor: ['Task_ScheduleMeeting'],
  variables: scheduleInput.extend({
    caseNumber: z.string().min(1),
    meetingSequence: z.number().int().min(1),
  }),
  fetchVariables: [...Object.keys(scheduleInput.shape), 'caseNumber', 'meetingSequence'],
  async handle(job) {
    const { caseNumber, meetingSequence, ...schedule } = job.variables;
    return domainErrorsAsIncidents(job, async () => {
      const out = await job.once(async (tx) => {
        const meeting = await scheduleMeeting(
          tx,
          job.actor,
          { caseNumber, sequence: meetingSequence },
          schedule,
        );
        return { meetingAt: shanghaiIso(meeting.scheduledAt as Date) };
      });
      return job.complete({ meetingAt: String(out.meetingAt) });
    });
  },
});
