// A demo past week reviewed by the office and forwarded to 区营商办 on its Friday evening, as the round's
// zhuanban.report.forward does it: the Word document built from the stored consolidation, the mail put in the
// outbox through enqueueMail, the forwarding recorded on the summary by recordForwarded. The mail is then stored
// as sent at that time: it belongs to a week long past, and the outbox must not deliver it today.
import type { Actor } from '../audit';
import type { Tx } from '../db/client';
import { buildWeeklyReportDocx } from '../documents/weekly-report-docx';
import { mailSettingsFromEnv } from '../notifications/compose';
import { enqueueMail } from '../notifications/outbox';
import { addresses, unitAddressees } from '../notifications/recipients';
import { weeklyReportForward } from '../notifications/templates';
import { recordForwarded, storedConsolidation, summaryOf } from '../weekly-reports/summaries';
import { reportDocument } from '../weekly-reports/summary-text';

/** The unit the weekly summary goes to (workers/weekly-report/forward.ts). */
const recipientUnit = 'business-env-office';

/** Forwards the week's stored summary at `at`; a district without 区营商办's address forwards nothing. */
export async function forwardPastWeek(tx: Tx, actor: Actor, isoWeek: string, at: Date): Promise<boolean> {
  const summary = await summaryOf(tx, isoWeek);
  const consolidation = storedConsolidation(summary);
  const recipient = await tx.unit.findUnique({ where: { code: recipientUnit } });
  const to = addresses(await unitAddressees(tx, recipientUnit));
  if (!consolidation || !recipient || to.length === 0) return false;
  const text = String((summary.content as { summaryText?: string }).summaryText);
  const document = await buildWeeklyReportDocx(reportDocument(consolidation, text, at));
  const mail = await enqueueMail(
    tx,
    {
      idempotencyKey: `weekly-report.forward:${isoWeek}`,
      to,
      content: weeklyReportForward({
        isoWeek,
        period: consolidation.period,
        recipientName: recipient.shortName,
        summary: text,
        lateUnits: consolidation.lateUnits,
        document: { filename: `工作周报-${isoWeek}.docx`, content: document },
      }),
      unitId: recipient.id,
      relatedType: 'weeklySummary',
    },
    mailSettingsFromEnv(),
    at,
  );
  await tx.outboxMessage.update({
    where: { id: mail.id },
    data: { status: 'sent', sentAt: at, attempts: 1, createdAt: at, nextAttemptAt: at },
  });
  await recordForwarded(tx, actor, isoWeek, text, mail.id, at);
  return true;
}
