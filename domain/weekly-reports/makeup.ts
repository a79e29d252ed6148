// 补报: a unit's report that arrives after the cut-off ended the week's wait (the model went on to consolidate
// with the unit marked 未报). It is saved like any report, flagged `makeupAt`, the week's consolidation is
// regenerated with it (the units marked 未报 at the cut-off stay named, the 补报 listed beside them) and the office
// is told through the outbox. One transaction: the report, the summary and the mail land together or not at all.
import { audit, type Actor } from '../audit';
import type { Db, Prisma, Tx } from '../db/client';
import { conflict } from '../errors';
import { addresses, roleAddressees, unitAddressees } from '../notifications/recipients';
import type { Mailer } from '../notifications/outbox';
import { weeklyReportMakeup } from '../notifications/templates';
import { consolidate } from './consolidation';
import { prefillReport, reportOf, submitReport, type SubmittedReport } from './reports';
import { storedConsolidation, summaryOf } from './summaries';
import { summaryText } from './summary-text';

/** The unit that hosts the task force's office (专班办公室, plan §三(一)). */
const officeUnit = 'plc-office';

/** The week must be consolidated (the cut-off ended its wait) and the unit's report not yet sent. */
async function makeupOpen(tx: Tx | Db, ref: { isoWeek: string; unitCode: string }) {
  const summary = await summaryOf(tx, ref.isoWeek);
  const stored = storedConsolidation(summary);
  if (!stored) throw conflict(`${ref.isoWeek} 尚未截止汇总，请在待办中填报本周周报`);
  const before = await reportOf(tx, ref.isoWeek, ref.unitCode);
  if (before.submittedAt) throw conflict(`${before.unit.shortName}${ref.isoWeek}工作周报已报送，无需补报`);
  return { summary, stored, before };
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
  const { summary, stored, before } = await makeupOpen(tx, ref);
  await submitReport(tx, actor, ref, raw, now);
  const report = await tx.weeklyReport.update({ where: { id: before.id }, data: { makeupAt: now } });

  const fresh = await consolidate(tx, ref.isoWeek, now);
  const makeupUnits = [
    ...(stored.makeupUnits ?? []),
    { code: before.unit.code, name: before.unit.shortName, submittedAt: now.toISOString() },
  ];
  // 未报 is what the units were at the cut-off: a 补报 does not rewrite that, it is listed beside it.
  const c = { ...fresh, lateUnits: stored.lateUnits, missingUnits: stored.missingUnits, makeupUnits };
  const content = {
    ...(summary.content as Prisma.JsonObject),
    ...c,
    summaryText: summaryText(c),
  } as unknown as Prisma.InputJsonObject;
  await tx.weeklySummary.update({ where: { id: summary.id }, data: { content } });
  await audit(tx, actor, {
    action: 'weeklySummary.makeup',
    entity: 'weeklySummary',
    entityId: summary.id,
    unitId: before.unitId,
    after: { unit: before.unit.code, makeupUnits },
  });

  // The office: its mailbox and its staff, whoever has an address.
  const to = [
    ...new Set(
      addresses([...(await unitAddressees(tx, officeUnit)), ...(await roleAddressees(tx, ['coordinator']))]),
    ),
  ];
  if (to.length)
    await mail.enqueue(tx, {
      idempotencyKey: `weekly-report.makeup:${ref.isoWeek}:${ref.unitCode}`,
      to,
      content: weeklyReportMakeup({
        isoWeek: ref.isoWeek,
        unitName: before.unit.name,
        submittedAt: now,
        forwardedAt: summary.forwardedAt,
      }),
      unitId: before.unitId,
      relatedType: 'weeklyReport',
      relatedId: before.id,
    });
  return report;
}
