// zhuanban.report.recordMinutes — stores the weekly meeting's minutes and the problems it handed out (each then
// runs as a ledger item through the call activity) on the week's summary.
import { z } from 'zod';
import { recordWeeklyMeeting } from '../../domain/weekly-reports/summaries';
import { defineHandler } from '../runtime/handler';
import { domainErrorsAsIncidents } from '../shared/errors';
import { isoWeekSchema } from './open-week';

const type = 'zhuanban.report.recordMinutes';

const ledgerItem = z.object({
  problem: z.string().nullish(),
  leadUnitCode: z.string().nullish(),
  dueDate: z.string().nullish(),
});

export default defineHandler({
  type,
  actingFor: ['Task_WeeklyMeeting'],
  variables: z.object({
    isoWeek: isoWeekSchema,
    meetingDate: z.string().min(1),
    meetingMinutes: z.string().min(1),
    ledgerItems: z.array(ledgerItem).nullish(),
  }),
  fetchVariables: ['isoWeek', 'meetingDate', 'meetingMinutes', 'ledgerItems'],
  async handle(job) {
    const v = job.variables;
    return domainErrorsAsIncidents(job, async () => {
      await job.once(async (tx) => {
        const summary = await recordWeeklyMeeting(tx, job.actor, v.isoWeek, {
          meetingDate: v.meetingDate.slice(0, 10),
          minutes: v.meetingMinutes,
          ledgerItems: v.ledgerItems ?? [],
        });
        return { summaryId: summary.id };
      });
      return job.complete();
    });
  },
});
