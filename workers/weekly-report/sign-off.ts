// zhuanban.report.signOff — the unit lead approved the report: status `signed_off`.
import { z } from 'zod';
import { signOffReport } from '../../domain/weekly-reports/reports';
import { defineHandler } from '../runtime/handler';
import { domainErrorsAsIncidents } from '../shared/errors';
import { isoWeekSchema } from './open-week';

const type = 'zhuanban.report.signOff';

export default defineHandler({
  type,
  actingFor: ['Task_SignOffReport'],
  variables: z.object({ isoWeek: isoWeekSchema, unitCode: z.string().min(1) }),
  fetchVariables: ['isoWeek', 'unitCode'],
  async handle(job, services) {
    const { isoWeek, unitCode } = job.variables;
    return domainErrorsAsIncidents(job, async () => {
      await job.once(async (tx) => {
        const { report } = await signOffReport(tx, job.actor, { isoWeek, unitCode }, services.clock.now());
        return { reportId: report.id };
      });
      return job.complete();
    });
  },
});
