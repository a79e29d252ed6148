// 补报: a unit's report that arrives after the cut-off ended the week's wait (the model went on to consolidate
// with the unit marked 未报). It is saved like any report, flagged `makeupAt`, the week's consolidation is
// regenerated with it (the units marked 未报 at the cut-off stay named, the 补报 listed beside them) and the office
// is told through the outbox. One transaction: the report, the summary and the mail land together or not at all.
import type { Actor } from '../audit';
import type { Db, Tx } from '../db/client';
import { conflict } from '../errors';
import type { Mailer } from '../notifications/outbox';
import { weeklyReportMakeup } from '../notifications/templates';
import { prefillReport, reportOf, submitReport, type SubmittedReport } from './reports';
import { consolidatedWeek, officeAddresses, refreshSummary } from './summary-refresh';

/** The week must be consolidated (the cut-off ended its wait) and the unit's report not yet sent. */
async function makeupOpen(tx: Tx | Db, ref: { isoWeek: string; unitCode: string }) {
  const week = await consolidatedWeek(tx, ref.isoWeek, `${ref.isoWeek} 尚未截止汇总，请在待办中填报本周周报`);
  const before = await reportOf(tx, ref.isoWeek, ref.unitCode);
  if (before.submittedAt) throw conflict(`${before.unit.shortName}${ref.isoWeek}工作周报已报送，无需补报`);
  return { week, before };
}

/** What the 补报 form starts with: the same prefill as the week's own report task, refused as a 补报 would be. */
export async function makeupPrefill(db: Db, ref: { isoWeek: string; unitCode: string }) {
  await makeupOpen(db, ref);
  return prefillReport(db, ref.isoWeek, ref.unitCode);
}

export async function submitMakeupReport(
  tx: Tx,
  actor: Actor,
  ref: { isoWeek: string; unitCode: string },
  raw: SubmittedReport,
  now: Date,
  mail: Mailer,
) {
  const { week, before } = await makeupOpen(tx, ref);
  await submitReport(tx, actor, ref, raw, now);
  const report = await tx.weeklyReport.update({ where: { id: before.id }, data: { makeupAt: now } });

  const makeupUnits = [
    ...(week.stored.makeupUnits ?? []),
    { code: before.unit.code, name: before.unit.shortName, submittedAt: now.toISOString() },
  ];
  // 未报 is what the units were at the cut-off: a 补报 does not rewrite that, it is listed beside it.
  await refreshSummary(
    tx,
    actor,
    week,
    { makeupUnits },
    { action: 'weeklySummary.makeup', unitId: before.unitId, after: { unit: before.unit.code, makeupUnits } },
    now,
  );

  const to = await officeAddresses(tx);
  if (to.length)
    await mail.enqueue(tx, {
      idempotencyKey: `weekly-report.makeup:${ref.isoWeek}:${ref.unitCode}`,
      to,
      content: weeklyReportMakeup({
        isoWeek: ref.isoWeek,
        unitName: before.unit.name,
        submittedAt: now,
        forwardedAt: week.summary.forwardedAt,
      }),
      unitId: before.unitId,
      relatedType: 'weeklyReport',
      relatedId: before.id,
    });
  return report;
}
