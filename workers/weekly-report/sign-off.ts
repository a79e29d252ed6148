// zhuanban.report.signOff — the unit lead approved the report: status `signed_off`. After the cut-off (header
// stage=after-cutoff, SubProcess_LateSignOffs) the week's summary, which took the report as 待签批, is regenerated
// with the sign-off and the office is told (domain/weekly-reports/late-sign-off.ts).
import { z } from 'zod';
import { noteLateDecision } from '../../domain/weekly-reports/late-sign-off';
import { signOffReport } from '../../domain/weekly-reports/reports';
import { defineHandler } from '../runtime/handler';
import { domainErrorsAsIncidents } from '../shared/errors';
import { isoWeekSchema } from './open-week';

const type = 'zhuanban.report.signOff';

export const stageHeaders = z.object({ stage: z.enum(['after-cutoff']).optional() });

export default defineHandler({
  type,
  actingFor: ['Task_SignOffReport', 'Task_LateSignOff'],
  variables: z.object({ isoWeek: isoWeekSchema, unitCode: z.string().min(1) }),
  headers: stageHeaders,
  fetchVariables: ['isoWeek', 'unitCode'],
  async handle(job, services) {
    const { isoWeek, unitCode } = job.variables;
    return domainErrorsAsIncidents(job, async () => {
      await job.once(async (tx) => {
        const now = services.clock.now();
        const { report } = await signOffReport(tx, job.actor, { isoWeek, unitCode }, now);
        if (job.headers.stage === 'after-cutoff')
          await noteLateDecision(
            tx,
            job.actor,
            { isoWeek, unitCode },
            { outcome: 'signed', reason: null },
            now,
            services.mail,
          );
        return { reportId: report.id };
      });
      return job.complete();
    });
  },
});
