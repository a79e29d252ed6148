// A report submitted before the cut-off but not yet signed off by the unit's lead: the summary takes it as
// 待签批 (its content reaches the office on Friday) and the lead's sign-off goes on after the cut-off in the
// model's SubProcess_LateSignOffs. Each later decision — signed, or returned for changes — regenerates the week's
// summary (the cut-off facts kept, the decision listed) and tells the office, like a 补报.
import type { Actor } from '../audit';
import type { Tx } from '../db/client';
import { conflict } from '../errors';
import type { Mailer } from '../notifications/outbox';
import { weeklyReportLateDecision } from '../notifications/templates';
import type { LateSignOff } from './consolidation';
import { prefillReport, reportOf } from './reports';
import { consolidatedWeek, officeAddresses, refreshSummary } from './summary-refresh';

/** The reports awaiting their lead's sign-off, with the `report` the sign-off and fill forms show. */
export async function unsignedReports(tx: Tx, isoWeek: string) {
  const rows = await tx.weeklyReport.findMany({
    where: { isoWeek, status: 'submitted', makeupAt: null },
    include: { unit: true },
    orderBy: { unit: { sortOrder: 'asc' } },
  });
  const out = [];
  for (const r of rows) {
    const prefill = await prefillReport(tx, isoWeek, r.unit.code);
    out.push({
      unitCode: r.unit.code,
      report: {
        ...prefill,
        author: r.author,
        problems: r.problems,
        coordinationRequests: r.coordinationRequests,
        nextWeekPlan: r.nextWeekPlan,
      },
    });
  }
  return out;
}

/**
 * Records on the week's summary what the lead decided after the cut-off (the report's own status is changed by
 * signOffReport / returnReport in the same transaction) and tells the office.
 */
export async function noteLateDecision(
  tx: Tx,
  actor: Actor,
  ref: { isoWeek: string; unitCode: string },
  decision: { outcome: LateSignOff['outcome']; reason: string | null },
  now: Date,
  mail: Mailer,
) {
  const week = await consolidatedWeek(
    tx,
    ref.isoWeek,
    `${ref.isoWeek} 工作周报尚未汇总，签批按截止前的流程进行`,
  );
  const report = await reportOf(tx, ref.isoWeek, ref.unitCode);
  const expected = decision.outcome === 'signed' ? 'signed_off' : 'returned';
  if (report.status !== expected)
    throw conflict(`${report.unit.shortName}${ref.isoWeek}工作周报的状态（${report.status}）与签批结果不符`);
  const event: LateSignOff = {
    code: report.unit.code,
    name: report.unit.shortName,
    outcome: decision.outcome,
    at: now.toISOString(),
    reason: decision.reason,
  };
  const lateSignOffs = [...(week.stored.lateSignOffs ?? []), event];
  await refreshSummary(
    tx,
    actor,
    week,
    { lateSignOffs },
    {
      action: decision.outcome === 'signed' ? 'weeklySummary.lateSignOff' : 'weeklySummary.lateReturn',
      unitId: report.unitId,
      after: { ...event },
    },
    now,
  );
  const to = await officeAddresses(tx);
  if (to.length)
    await mail.enqueue(tx, {
      idempotencyKey: `weekly-report.late-decision:${ref.isoWeek}:${ref.unitCode}:${lateSignOffs.length}`,
      to,
      content: weeklyReportLateDecision({
        isoWeek: ref.isoWeek,
        unitName: report.unit.name,
        outcome: decision.outcome,
        at: now,
        reason: decision.reason,
        forwardedAt: week.summary.forwardedAt,
      }),
      unitId: report.unitId,
      relatedType: 'weeklyReport',
      relatedId: report.id,
    });
  return event;
}
