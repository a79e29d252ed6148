// Use cases of the disputed enterprise case (涉企案件) itself: register it (numbered XT-<year>-<seq>, the
// enterprise created when new), decline it at screening, confirm it resolved. Each runs inside the caller's
// transaction (a worker's job.once) and writes its audit row there.
import { z } from 'zod';
import { audit, type Actor } from '../audit';
import type { Tx } from '../db/client';
import { invalid, notFound } from '../errors';
import { inSequence } from '../db/in-sequence';
import { findOrCreateEnterprise } from '../enterprises';
import { optionalText } from '../input';
import { nextYearlyNumber } from '../numbering';
import { unitByCode } from '../units';

export const meetingReasons = [
  'public_reaction',
  'inter_unit_dispute',
  'escalated_complaint',
  'other',
] as const;
export const urgencies = ['normal', 'urgent', 'critical'] as const;

/** The case-registration form's variables. */
export const registerCaseInput = z.object({
  enterpriseName: z.string().trim().min(1, '请填写企业名称').max(100),
  enterpriseCreditCode: optionalText(18),
  contactName: optionalText(50),
  contactPhone: optionalText(30),
  externalCaseNumber: optionalText(100),
  handlingUnitCode: z.string().trim().min(1, '请选择承办单位'),
  disputePoint: z.string().trim().min(1, '请填写争议焦点').max(2000),
  meetingReason: z.enum(meetingReasons),
  reasonDetail: optionalText(2000),
  involvedUnitCodes: z.array(z.string().trim().min(1)).min(1, '请选择相关单位'),
  urgency: z.enum(urgencies).default('normal'),
});
export type RegisterCaseInput = z.input<typeof registerCaseInput>;

/** Registers the case of a process instance; the instance key makes a second registration return the first. */
export async function registerCase(
  tx: Tx,
  actor: Actor,
  raw: RegisterCaseInput,
  processInstanceKey: string,
  now: Date,
) {
  const existing = await tx.enterpriseCase.findUnique({ where: { processInstanceKey } });
  if (existing) return existing;
  const input = registerCaseInput.parse(raw);
  const handlingUnit = await unitByCode(tx, input.handlingUnitCode, 'handlingUnitCode');
  const involved = await inSequence([...new Set(input.involvedUnitCodes)], (c) =>
    unitByCode(tx, c, 'involvedUnitCodes'),
  );
  const enterprise = await findOrCreateEnterprise(tx, actor, {
    name: input.enterpriseName,
    creditCode: input.enterpriseCreditCode,
    contactName: input.contactName,
    contactPhone: input.contactPhone,
  });
  const row = await tx.enterpriseCase.create({
    data: {
      number: await nextYearlyNumber(tx.enterpriseCase, 'XT', 3, now),
      enterpriseId: enterprise.id,
      externalCaseNumber: input.externalCaseNumber,
      handlingUnitId: handlingUnit.id,
      disputePoint: input.disputePoint,
      meetingReason: input.meetingReason,
      reasonDetail: input.reasonDetail,
      urgency: input.urgency,
      status: 'screening',
      processInstanceKey,
      createdById: actor.userId,
      createdAt: now,
      involvedUnits: { create: involved.map((u) => ({ unitId: u.id })) },
    },
  });
  await audit(tx, actor, {
    action: 'enterpriseCase.create',
    entity: 'enterpriseCase',
    entityId: row.id,
    unitId: handlingUnit.id,
    after: { ...row, involvedUnitCodes: involved.map((u) => u.code) },
  });
  return row;
}

export async function caseByNumber(tx: Tx, number: string) {
  const row = await tx.enterpriseCase.findUnique({
    where: { number },
    include: { enterprise: true, handlingUnit: true, involvedUnits: { include: { unit: true } } },
  });
  if (!row) throw notFound(`案件 ${number} `);
  return row;
}

async function setStatus(
  tx: Tx,
  actor: Actor,
  number: string,
  action: string,
  data: { status: 'declined' | 'resolved' | 'opinions' | 'meeting_scheduled' | 'following_up' } & Record<
    string,
    unknown
  >,
  note?: Record<string, unknown>,
) {
  const before = await caseByNumber(tx, number);
  const after = await tx.enterpriseCase.update({ where: { id: before.id }, data });
  await audit(tx, actor, {
    action,
    entity: 'enterpriseCase',
    entityId: before.id,
    unitId: before.handlingUnitId,
    before: { status: before.status },
    after: { ...data, ...note },
  });
  return { before, after };
}

export async function declineCase(tx: Tx, actor: Actor, number: string, reason: string) {
  if (!reason.trim()) throw invalid('请填写不予受理理由', 'declineReason');
  return setStatus(tx, actor, number, 'enterpriseCase.decline', {
    status: 'declined',
    declineReason: reason.trim(),
  });
}

export async function resolveCase(tx: Tx, actor: Actor, number: string, note: string | null, now: Date) {
  return setStatus(
    tx,
    actor,
    number,
    'enterpriseCase.resolve',
    { status: 'resolved', resolvedAt: now },
    { resolutionNote: note },
  );
}

export async function setCaseStatus(
  tx: Tx,
  actor: Actor,
  number: string,
  status: 'opinions' | 'meeting_scheduled' | 'following_up',
) {
  return setStatus(tx, actor, number, 'enterpriseCase.status', { status });
}
