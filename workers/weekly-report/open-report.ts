// zhuanban.report.open — the unit's report form prefilled: its plan tasks and its indicators (with targets), and
// what it already saved as a draft. Reads only.
import { z } from 'zod';
import { prefillReport } from '../../domain/weekly-reports/reports';
import { defineHandler } from '../runtime/handler';
import { domainErrorsAsIncidents } from '../shared/errors';
import { isoWeekSchema } from './open-week';

export default defineHandler({
  type: 'zhuanban.report.open',
  variables: z.object({ isoWeek: isoWeekSchema, unitCode: z.string().min(1) }),
  fetchVariables: ['isoWeek', 'unitCode'],
  async handle(job, services) {
    return domainErrorsAsIncidents(job, async () => {
      const report = await prefillReport(services.db, job.variables.isoWeek, job.variables.unitCode);
      return job.complete({ report });
    });
  },
});
