// zhuanban.report.remindLateSignOff — a report 待签批 at the cut-off still waits for its lead (the timers on
// Task_LateSignOff): header stage=reminder reminds the lead, stage=escalation tells the office and the unit's
// 科级牵头领导 when the sign-off time has run out (domain/weekly-reports/late-sign-off-notices.ts). Once per
// unit, stage and sign-off deadline, so a redelivered job sends nothing more.
import { z } from 'zod';
import { noticeUnsignedReport } from '../../domain/weekly-reports/late-sign-off-notices';
import { defineHandler } from '../runtime/handler';
import { workerActor } from '../shared/actor';
import { domainErrorsAsIncidents } from '../shared/errors';
import { isoWeekSchema } from './open-week';

const type = 'zhuanban.report.remindLateSignOff';

const variables = z.object({
  isoWeek: isoWeekSchema,
  unitCode: z.string().min(1),
  lateSignOffDueAt: z.string().datetime({ offset: true }),
});

export default defineHandler({
  type,
  variables,
  headers: z.object({ stage: z.enum(['reminder', 'escalation']) }),
  fetchVariables: Object.keys(variables.shape),
  handle: (job, services) =>
    domainErrorsAsIncidents(job, async () => {
      const { isoWeek, unitCode, lateSignOffDueAt } = job.variables;
      const { stage } = job.headers;
      await job.once(
        (tx) =>
          noticeUnsignedReport(
            tx,
            workerActor(type),
            { isoWeek, unitCode },
            stage,
            new Date(lateSignOffDueAt),
            services.mail,
          ),
        { key: `${isoWeek}:${unitCode}:${stage}:${lateSignOffDueAt}` },
      );
      return job.complete();
    }),
});
