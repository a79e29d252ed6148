// zhuanban.report.submit — saves the unit's report as the form submitted it (progress per plan task, key figures,
// problems, requests, next week's plan), with submittedAt and `late` when after the cut-off.
import { z } from 'zod';
import { submitReport, submittedReport } from '../../domain/weekly-reports/reports';
import { defineHandler } from '../runtime/handler';
import { domainErrorsAsIncidents } from '../shared/errors';
import { isoWeekSchema } from './open-week';

const type = 'zhuanban.report.submit';

export default defineHandler({
  type,
  actingFor: ['Task_FillReport', 'Task_FillLate'],
  variables: z.object({ isoWeek: isoWeekSchema, unitCode: z.string().min(1), report: submittedReport }),
  fetchVariables: ['isoWeek', 'unitCode', 'report'],
  async handle(job, services) {
    const { isoWeek, unitCode, report } = job.variables;
    return domainErrorsAsIncidents(job, async () => {
      const saved = await job.once(async (tx) => {
        const row = await submitReport(tx, job.actor, { isoWeek, unitCode }, report, services.clock.now());
        return { reportId: row.id, late: row.late };
      });
      job.log.info('weekly report submitted', { isoWeek, unitCode, late: saved.late });
      return job.complete();
    });
  },
});
