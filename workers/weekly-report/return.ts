// zhuanban.report.return — the unit lead returned the report: status `returned` with the reason, and a mail to
// the unit telling its author what to change. After the cut-off (header stage=after-cutoff) the week's summary,
// which took the report as 待签批, is regenerated with the return and the office is told.
import { z } from 'zod';
import { addresses, unitAddressees } from '../../domain/notifications/recipients';
import { weeklyReportReturned } from '../../domain/notifications/templates';
import { noteLateDecision } from '../../domain/weekly-reports/late-sign-off';
import { returnReport } from '../../domain/weekly-reports/reports';
import { defineHandler } from '../runtime/handler';
import { domainErrorsAsIncidents } from '../shared/errors';
import { isoWeekSchema } from './open-week';
import { stageHeaders } from './sign-off';

const type = 'zhuanban.report.return';

export default defineHandler({
  type,
  actingFor: ['Task_SignOffReport', 'Task_LateSignOff'],
  variables: z.object({
    isoWeek: isoWeekSchema,
    unitCode: z.string().min(1),
    returnReason: z.string().min(1),
  }),
  headers: stageHeaders,
  fetchVariables: ['isoWeek', 'unitCode', 'returnReason'],
  async handle(job, services) {
    const { isoWeek, unitCode, returnReason } = job.variables;
    return domainErrorsAsIncidents(job, async () => {
      await job.once(async (tx) => {
        const { report } = await returnReport(tx, job.actor, { isoWeek, unitCode }, returnReason);
        const to = await unitAddressees(tx, unitCode, ['unit-user']);
        const mail = await services.mail.enqueue(tx, {
          idempotencyKey: `weekly-report.returned:${job.key}`,
          to: addresses(to),
          content: weeklyReportReturned({
            recipient: report.unit.name,
            isoWeek,
            reason: returnReason,
            dueAt: report.dueAt ?? undefined,
          }),
          unitId: report.unitId,
          relatedType: 'weeklyReport',
          relatedId: report.id,
        });
        if (job.headers.stage === 'after-cutoff')
          await noteLateDecision(
            tx,
            job.actor,
            { isoWeek, unitCode },
            { outcome: 'returned', reason: returnReason.trim() },
            services.clock.now(),
            services.mail,
          );
        return { outboxId: mail.id };
      });
      return job.complete();
    });
  },
});
