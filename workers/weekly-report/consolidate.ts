// zhuanban.report.consolidate — consolidates the week (domain/weekly-reports/consolidation.ts: figures against
// targets, process indicators, problems and requests by unit, late units), stores it on the week's summary and
// completes with the text the office reviews (`summaryText`), `lateUnitNames` (无 when none) and
// `unsignedReports` — the reports submitted but not yet signed off (after the cut-off), whose sign-off goes on in
// SubProcess_LateSignOffs, each as `{unitCode, report}` for the forms. Once per week.
import { z } from 'zod';
import { consolidate } from '../../domain/weekly-reports/consolidation';
import { unsignedReports } from '../../domain/weekly-reports/late-sign-off';
import { storeConsolidation } from '../../domain/weekly-reports/summaries';
import { lateUnitNames, summaryText } from '../../domain/weekly-reports/summary-text';
import type { JsonObject } from '../runtime/handler';
import { defineHandler } from '../runtime/handler';
import { workerActor } from '../shared/actor';
import { domainErrorsAsIncidents } from '../shared/errors';
import { isoWeekSchema } from './open-week';

const type = 'zhuanban.report.consolidate';

export default defineHandler({
  type,
  variables: z.object({ isoWeek: isoWeekSchema }),
  fetchVariables: ['isoWeek'],
  async handle(job, services) {
    const { isoWeek } = job.variables;
    return domainErrorsAsIncidents(job, async () => {
      const out = await job.once(
        async (tx) => {
          const c = await consolidate(tx, isoWeek, services.clock.now());
          const text = summaryText(c);
          await storeConsolidation(tx, workerActor(type), c, text);
          const unsigned = (await unsignedReports(tx, isoWeek)) as unknown as JsonObject[];
          return { summaryText: text, lateUnitNames: lateUnitNames(c), unsignedReports: unsigned };
        },
        { key: isoWeek },
      );
      return job.complete({
        summaryText: String(out.summaryText),
        lateUnitNames: String(out.lateUnitNames),
        // A result stored before this output existed has none: nobody was waiting for a sign-off then.
        unsignedReports: out.unsignedReports ?? [],
      });
    });
  },
});
