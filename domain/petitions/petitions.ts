// Use cases of a petition (信访事项) itself: register it (numbered XF-<year>-<seq>, the enterprise created when new),
// find it, issue a written notice (one per kind), remember its handling deadline, mark it overdue and link the
// ledger item it became. Each runs inside the caller's transaction (a worker's job.once) with its audit row.
import { z } from 'zod';
import { audit, type Actor } from '../audit';
import type { Tx } from '../db/client';
import { findOrCreateEnterprise } from '../enterprises';
import { invalid, notFound } from '../errors';
import { optionalText } from '../input';
import { nextYearlyNumber } from '../numbering';

export const petitionChannels = [
  'line_12309',
  'line_110',
  'line_12368',
  'line_12348',
  'letter',
  'visit',
  'online',
  // The plan's task 9 channels besides the hotlines above.
  'court_report_phone',
  'court_report_mail',
  'line_5096900',
  'public_legal_service',
] as const;
export type NoticeKind =
  'acceptance' | 'non_acceptance' | 'forward' | 'procedural_reply' | 'extension' | 'review_route';

/** The petition-registration form's variables. */
export const registerPetitionInput = z.object({
  channel: z.enum(petitionChannels),
  petitionerKind: z.enum(['enterprise', 'person']),
  petitionerName: z.string().trim().min(1, '请填写信访人').max(50),
  enterpriseName: optionalText(100),
  contact: optionalText(50),
  subject: z.string().trim().min(1, '请填写信访事项').max(100),
  content: z.string().trim().min(1, '请填写主要内容').max(5000),
  relatedCase: optionalText(100),
  receivingUnitCode: z.string().trim().min(1, '请选择接收单位'),
});
export type RegisterPetitionInput = z.input<typeof registerPetitionInput>;

export async function memberUnit(tx: Tx, code: string, field: string) {
  const unit = await tx.unit.findUnique({ where: { code } });
  if (!unit || unit.kind === 'external' || !unit.active)
    throw invalid(`单位代码“${code}”不是专班成员单位`, field);
  return unit;
}

/** Registers the petition of a process instance; the instance key makes a second registration return the first. */
export async function registerPetition(
  tx: Tx,
  actor: Actor,
  raw: RegisterPetitionInput,
  processInstanceKey: string,
  now: Date,
) {
  const existing = await tx.petition.findUnique({ where: { processInstanceKey } });
  if (existing) return existing;
  const input = registerPetitionInput.parse(raw);
  const unit = await memberUnit(tx, input.receivingUnitCode, 'receivingUnitCode');
  const enterprise =
    input.petitionerKind === 'enterprise'
      ? await findOrCreateEnterprise(tx, actor, {
          name: input.enterpriseName ?? input.petitionerName,
          contactPhone: input.contact,
        })
      : null;
  const row = await tx.petition.create({
    data: {
      number: await nextYearlyNumber(tx.petition, 'XF', 4, now),
      channel: input.channel,
      petitionerKind: input.petitionerKind,
      petitionerName: input.petitionerName,
      enterpriseId: enterprise?.id ?? null,
      contact: input.contact,
      subject: input.subject,
      content: input.content,
      relatedCase: input.relatedCase,
      receivingUnitId: unit.id,
      handlingUnitId: unit.id,
      registeredAt: now,
      processInstanceKey,
      createdById: actor.userId,
      createdAt: now,
    },
  });
  await audit(tx, actor, {
    action: 'petition.create',
    entity: 'petition',
    entityId: row.id,
    unitId: unit.id,
    after: row,
  });
  return row;
}

export async function petitionByNumber(tx: Tx, number: string) {
  const row = await tx.petition.findUnique({
    where: { number },
    include: { handlingUnit: true, receivingUnit: true, reply: true, session: true, satisfaction: true },
  });
  if (!row) throw notFound(`信访事项 ${number} `);
  return row;
}
export type PetitionRecord = Awaited<ReturnType<typeof petitionByNumber>>;

/** Issues (or, for a second forward, re-issues) the written notice of a kind: one per petition and kind. */
export async function issueNotice(
  tx: Tx,
  actor: Actor,
  petitionId: number,
  kind: NoticeKind,
  content: string,
  now: Date,
) {
  const before = await tx.petitionNotice.findUnique({ where: { petitionId_kind: { petitionId, kind } } });
  const notice = before
    ? await tx.petitionNotice.update({ where: { id: before.id }, data: { content, issuedAt: now } })
    : await tx.petitionNotice.create({
        data: { petitionId, kind, content, issuedAt: now, issuedById: actor.userId },
      });
  await audit(tx, actor, {
    action: before ? 'petitionNotice.reissue' : 'petitionNotice.issue',
    entity: 'petitionNotice',
    entityId: notice.id,
    before: before ?? undefined,
    after: notice,
  });
  return notice;
}

/** Remembers the original handling deadline the first time a step learns it (the model computes it). */
export async function noteHandlingDue(
  tx: Tx,
  actor: Actor,
  petition: { id: number; handlingDue: Date | null; handlingUnitId: number },
  due: Date | null,
) {
  if (petition.handlingDue || !due) return;
  await tx.petition.update({ where: { id: petition.id }, data: { handlingDue: due } });
  await audit(tx, actor, {
    action: 'petition.handlingDue',
    entity: 'petition',
    entityId: petition.id,
    unitId: petition.handlingUnitId,
    before: { handlingDue: null },
    after: { handlingDue: due },
  });
}

export async function markOverdue(
  tx: Tx,
  actor: Actor,
  number: string,
  handlingDueAt: Date | null,
  now: Date,
) {
  const before = await petitionByNumber(tx, number);
  await noteHandlingDue(tx, actor, before, handlingDueAt);
  if (before.overdueAt) return before;
  const after = await tx.petition.update({ where: { id: before.id }, data: { overdueAt: now } });
  await audit(tx, actor, {
    action: 'petition.overdue',
    entity: 'petition',
    entityId: before.id,
    unitId: before.handlingUnitId,
    before: { overdueAt: null },
    after: { overdueAt: now, handlingDueAt },
  });
  return after;
}

/** An overdue petition became a ledger item: the petition points to it. */
export async function linkLedgerItem(tx: Tx, actor: Actor, number: string, ledgerItemId: number) {
  const before = await tx.petition.findUnique({ where: { number } });
  if (!before || before.ledgerItemId === ledgerItemId) return;
  await tx.petition.update({ where: { id: before.id }, data: { ledgerItemId } });
  await audit(tx, actor, {
    action: 'petition.ledgerItem',
    entity: 'petition',
    entityId: before.id,
    unitId: before.handlingUnitId,
    before: { ledgerItemId: before.ledgerItemId },
    after: { ledgerItemId },
  });
}
