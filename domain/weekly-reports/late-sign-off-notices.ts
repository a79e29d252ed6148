// A lead who does not sign a report 待签批 at the cut-off (SubProcess_LateSignOffs' timers; deadline rules
// weekly-report.late-sign-off-reminder and weekly-report.late-sign-off): first the lead is reminded — the unit's
// leads and mailbox, and the unit's group robot — and when the time runs out the office is told, with the
// unit's leads and its 科级牵头领导 (the roster's section-lead position, once an admin linked its holder) in copy,
// and the office's group robot. The report itself does not change: it stays 待签批 in the summary until signed.
import { audit, type Actor } from '../audit';
import type { Tx } from '../db/client';
import { conflict } from '../errors';
import type { Mailer } from '../notifications/outbox';
import { addresses, unitAddressees } from '../notifications/recipients';
import { weeklyReportSignOffOverdue } from '../notifications/templates';
import { reportOf } from './reports';
import { officeAddresses, officeUnit } from './summary-refresh';

export type SignOffNoticeStage = 'reminder' | 'escalation';

/** The roster's 科级牵头领导 of a unit, when the position has a linked, active user with an address. */
async function sectionLeadAddress(tx: Tx, unitCode: string): Promise<string[]> {
  const position = await tx.position.findUnique({
    where: { code: `section-lead-${unitCode}` },
    select: { holder: { select: { email: true, active: true } } },
  });
  const holder = position?.holder;
  return holder?.active && holder.email ? [holder.email] : [];
}

/** Puts the reminder or the escalation in the outbox once per unit, stage and sign-off deadline. */
export async function noticeUnsignedReport(
  tx: Tx,
  actor: Actor,
  ref: { isoWeek: string; unitCode: string },
  stage: SignOffNoticeStage,
  dueAt: Date,
  mail: Mailer,
): Promise<{ outboxId: number | null }> {
  const report = await reportOf(tx, ref.isoWeek, ref.unitCode);
  if (report.status !== 'submitted')
    throw conflict(`${report.unit.shortName}${ref.isoWeek}工作周报已不是待签批状态（${report.status}）`);
  const leads = addresses(await unitAddressees(tx, ref.unitCode, ['unit-lead']));
  const escalation = stage === 'escalation';
  const to = escalation ? await officeAddresses(tx) : leads;
  const cc = escalation
    ? [...new Set([...leads, ...(await sectionLeadAddress(tx, ref.unitCode))])].filter((a) => !to.includes(a))
    : [];
  // Mail to the office goes to the office's group; the reminder to the unit's own.
  const groupUnit = escalation ? await tx.unit.findUnique({ where: { code: officeUnit } }) : report.unit;
  await audit(tx, actor, {
    action: escalation ? 'weeklyReport.signOffEscalated' : 'weeklyReport.signOffReminded',
    entity: 'weeklyReport',
    entityId: report.id,
    unitId: report.unitId,
    after: { dueAt: dueAt.toISOString(), to, cc },
  });
  if (to.length === 0) return { outboxId: null };
  const { id } = await mail.enqueue(tx, {
    idempotencyKey: `weekly-report.sign-off-${stage}:${ref.isoWeek}:${ref.unitCode}:${dueAt.toISOString()}`,
    to,
    cc,
    content: weeklyReportSignOffOverdue({
      stage,
      isoWeek: ref.isoWeek,
      unitName: report.unit.name,
      submittedAt: report.submittedAt,
      dueAt,
    }),
    unitId: groupUnit?.id ?? report.unitId,
    relatedType: 'weeklyReport',
    relatedId: report.id,
  });
  return { outboxId: id };
}
