// zhuanban.report.forward — builds the weekly report document (.docx) from the stored consolidation with the
// office's reviewed text, mails it to the business-environment office through the outbox and records the
// forwarding on the week's summary; completes with `forwardedAt`. Once per week.
import { z } from 'zod';
import { buildWeeklyReportDocx } from '../../domain/documents/weekly-report-docx';
import { conflict } from '../../domain/errors';
import { addresses, unitAddressees } from '../../domain/notifications/recipients';
import { weeklyReportForward } from '../../domain/notifications/templates';
import { recordForwarded, storedConsolidation, summaryOf } from '../../domain/weekly-reports/summaries';
import { reportDocument } from '../../domain/weekly-reports/summary-text';
import { defineHandler } from '../runtime/handler';
import { shanghaiIso } from '../shared/dates';
import { domainErrorsAsIncidents } from '../shared/errors';
import { isoWeekSchema } from './open-week';

const type = 'zhuanban.report.forward';
export const forwardRecipientUnit = 'business-env-office';

export default defineHandler({
  type,
  actingFor: ['Task_ReviewSummary'],
  variables: z.object({ isoWeek: isoWeekSchema, summaryText: z.string().min(1) }),
  fetchVariables: ['isoWeek', 'summaryText'],
  async handle(job, services) {
    const { isoWeek, summaryText } = job.variables;
    return domainErrorsAsIncidents(job, async () => {
      const out = await job.once(
        async (tx) => {
          const now = services.clock.now();
          const consolidation = storedConsolidation(await summaryOf(tx, isoWeek));
          if (!consolidation) throw conflict(`${isoWeek} 尚未汇总，不能报送`);
          const recipient = await tx.unit.findUnique({ where: { code: forwardRecipientUnit } });
          const to = await unitAddressees(tx, forwardRecipientUnit);
          if (!recipient || to.length === 0) throw conflict('区营商办没有邮箱地址，无法报送');
          const document = await buildWeeklyReportDocx(reportDocument(consolidation, summaryText, now));
          const mail = await services.mail.enqueue(tx, {
            idempotencyKey: `weekly-report.forward:${isoWeek}`,
            to: addresses(to),
            content: weeklyReportForward({
              isoWeek,
              period: consolidation.period,
              recipientName: recipient.shortName,
              summary: summaryText,
              lateUnits: consolidation.lateUnits,
              document: { filename: `工作周报-${isoWeek}.docx`, content: document },
            }),
            unitId: recipient.id,
            relatedType: 'weeklySummary',
          });
          await recordForwarded(tx, job.actor, isoWeek, summaryText, mail.id, now);
          return { forwardedAt: shanghaiIso(now) };
        },
        { key: isoWeek },
      );
      return job.complete({ forwardedAt: String(out.forwardedAt) });
    });
  },
});
