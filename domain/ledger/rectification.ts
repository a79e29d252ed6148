// Use cases of a ledger item's rectification round: the supervision notice (督办通知书) with the deadline in force,
// the unit's acknowledgement (签收) with its liaison, progress notes and evidence, an extension request and the
// office's decision on it (a request after the deadline is refused without asking the office). Each runs inside
// the caller's transaction (a worker's job.once) and writes its audit row there.
import { audit, type Actor } from '../audit';
import { endOfDueDay, localDate } from '../calendar/deadline';
import type { Tx } from '../db/client';
import { invalid, notFound } from '../errors';

export async function ledgerItemByNumber(tx: Tx, number: string) {
  const item = await tx.ledgerItem.findUnique({
    where: { number },
    include: { leadUnit: true, assistingUnits: { include: { unit: true } } },
  });
  if (!item) throw notFound(`台账事项 ${number} `);
  return item;
}
export type LedgerItemRecord = Awaited<ReturnType<typeof ledgerItemByNumber>>;

function openItem(item: LedgerItemRecord): void {
  if (item.status === 'closed') throw invalid(`台账事项 ${item.number} 已销号`);
}

export interface NoticeInput {
  ledgerNumber: string;
  dueDate: string;
  round: number;
}

/** Issues the round's notice: the deadline in force, the round, colour back to none (a new period starts). */
export async function issueSupervisionNotice(tx: Tx, actor: Actor, input: NoticeInput, now: Date) {
  const before = await ledgerItemByNumber(tx, input.ledgerNumber);
  openItem(before);
  const dueAt = endOfDueDay(input.dueDate);
  const kind =
    input.round > 1
      ? `第${input.round}轮整改（二次整改）`
      : before.noticeIssuedAt
        ? '延期后继续整改'
        : '整改';
  const noticeText = `请${before.leadUnit.name}按照整改要求于${localDate(dueAt)}前完成${kind}，并在系统中报送整改进展和佐证材料。`;
  const data = {
    status: 'notified' as const,
    color: 'none' as const,
    round: input.round,
    dueAt,
    noticeIssuedAt: now,
    noticeText,
  };
  const item = await tx.ledgerItem.update({ where: { id: before.id }, data });
  await audit(tx, actor, {
    action: 'ledgerItem.notice',
    entity: 'ledgerItem',
    entityId: before.id,
    unitId: before.leadUnitId,
    before: { status: before.status, color: before.color, round: before.round, dueAt: before.dueAt },
    after: data,
  });
  return { item: { ...before, ...item }, noticeText };
}

export interface AcknowledgeInput {
  ledgerNumber: string;
  acknowledged: boolean;
  liaisonName: string | null;
  liaisonPhone: string | null;
}

export async function acknowledgeNotice(tx: Tx, actor: Actor, input: AcknowledgeInput, now: Date) {
  const before = await ledgerItemByNumber(tx, input.ledgerNumber);
  openItem(before);
  if (!input.acknowledged) throw invalid('请确认签收督办通知书', 'noticeAcknowledged');
  const data = {
    status: 'acknowledged' as const,
    acknowledgedAt: now,
    acknowledgedById: actor.userId,
    liaisonName: input.liaisonName,
    liaisonPhone: input.liaisonPhone,
  };
  await tx.ledgerItem.update({ where: { id: before.id }, data });
  await audit(tx, actor, {
    action: 'ledgerItem.acknowledge',
    entity: 'ledgerItem',
    entityId: before.id,
    unitId: before.leadUnitId,
    before: { status: before.status, acknowledgedAt: before.acknowledgedAt },
    after: data,
  });
}

export interface ProgressInput {
  ledgerNumber: string;
  round: number;
  note: string;
  evidence: unknown;
  action: 'progress' | 'submit' | 'extension';
  extensionReason: string | null;
  requestedDueDate: string | null;
}

/** A progress note for the round; `submit` hands the item to verification, `extension` files a pending request. */
export async function recordProgress(tx: Tx, actor: Actor, input: ProgressInput, now: Date) {
  const before = await ledgerItemByNumber(tx, input.ledgerNumber);
  openItem(before);
  const evidenceCount = Array.isArray(input.evidence) ? input.evidence.length : input.evidence ? 1 : 0;
  const note = await tx.ledgerProgressNote.create({
    data: {
      ledgerItemId: before.id,
      round: input.round,
      content: evidenceCount ? `${input.note}（佐证材料 ${evidenceCount} 份）` : input.note,
      authorId: actor.userId,
      createdAt: now,
    },
  });
  const status = input.action === 'submit' ? ('verifying' as const) : ('rectifying' as const);
  await tx.ledgerItem.update({ where: { id: before.id }, data: { status } });
  let extension = null;
  if (input.action === 'extension') {
    if (!input.extensionReason) throw invalid('请填写延期理由', 'extensionReason');
    if (!input.requestedDueDate) throw invalid('请填写申请延期至的日期', 'requestedDueDate');
    extension = await tx.ledgerExtension.create({
      data: {
        ledgerItemId: before.id,
        reason: input.extensionReason,
        requestedDueAt: endOfDueDay(input.requestedDueDate),
        requestedById: actor.userId,
        requestedAt: now,
      },
    });
  }
  await audit(tx, actor, {
    action: input.action === 'extension' ? 'ledgerItem.extensionRequest' : 'ledgerItem.progressNote',
    entity: 'ledgerItem',
    entityId: before.id,
    unitId: before.leadUnitId,
    before: { status: before.status },
    after: { status, note, extension, evidence: input.evidence ?? null },
  });
  return { note, extension };
}

export interface ExtensionDecisionInput {
  ledgerNumber: string;
  /** null: asked for after the deadline — refused without the office (the model skips the approval). */
  decision: 'approve' | 'reject' | null;
  approvedDueDate: string | null;
  note: string | null;
}

export async function decideLedgerExtension(tx: Tx, actor: Actor, input: ExtensionDecisionInput, now: Date) {
  const item = await ledgerItemByNumber(tx, input.ledgerNumber);
  openItem(item);
  const pending = await tx.ledgerExtension.findFirst({
    where: { ledgerItemId: item.id, decision: 'pending' },
    orderBy: { id: 'desc' },
  });
  if (!pending) throw invalid(`台账事项 ${item.number} 没有待审批的延期申请`);
  const late = input.decision === null;
  const approved = input.decision === 'approve';
  if (approved && !input.approvedDueDate) throw invalid('请填写批准延期至的日期', 'approvedDueDate');
  const newDueAt = approved ? endOfDueDay(input.approvedDueDate as string) : null;
  if (newDueAt && newDueAt <= item.dueAt)
    throw invalid(`批准的期限须晚于现整改期限（${localDate(item.dueAt)}）`, 'approvedDueDate');
  const decisionNote = late
    ? `延期申请于整改期限（${localDate(item.dueAt)}）届满后提出，依规不予延期。`
    : (input.note ?? null);
  const extension = await tx.ledgerExtension.update({
    where: { id: pending.id },
    data: {
      decision: approved ? 'approved' : 'rejected',
      decidedById: actor.userId,
      decidedAt: now,
      decisionNote,
    },
  });
  if (newDueAt) await tx.ledgerItem.update({ where: { id: item.id }, data: { dueAt: newDueAt } });
  await audit(tx, actor, {
    action: approved ? 'ledgerItem.extensionApproved' : 'ledgerItem.extensionRejected',
    entity: 'ledgerItem',
    entityId: item.id,
    unitId: item.leadUnitId,
    before: { dueAt: item.dueAt, extension: pending },
    after: { dueAt: newDueAt ?? item.dueAt, extension, late },
  });
  return {
    item,
    extension,
    approved,
    late,
    dueAt: newDueAt ?? item.dueAt,
    dueDate: newDueAt ? localDate(newDueAt) : null,
  };
}

export interface LeadReviewInput {
  ledgerNumber: string;
  round: number;
  decision: 'sign' | 'return';
  note: string | null;
  returnReason: string | null;
}

/**
 * 主要领导亲自督办: the unit's 主要领导 signs the round's rectification before the office verifies it, or sends it
 * back to the unit with a reason (the unit rectifies again within the same round and deadline). The note names the
 * roster's holder of the unit's 主要领导 position when an admin has entered one.
 */
export async function recordLeadReview(tx: Tx, actor: Actor, input: LeadReviewInput, now: Date) {
  const before = await ledgerItemByNumber(tx, input.ledgerNumber);
  openItem(before);
  const signed = input.decision === 'sign';
  if (!signed && !input.returnReason?.trim()) throw invalid('请填写退回理由', 'leadReturnReason');
  const position = await tx.position.findFirst({
    where: { unitId: before.leadUnitId, title: '主要领导' },
    select: { holderName: true, post: true },
  });
  const who = position?.holderName ? `（${position.post ?? '主要领导'}${position.holderName}）` : '';
  const remark = signed ? input.note?.trim() : input.returnReason!.trim();
  const content = signed
    ? `主要领导${who}审核签字同意，报专班办公室核验${remark ? `：${remark}` : '。'}`
    : `主要领导${who}退回继续整改：${remark}`;
  const note = await tx.ledgerProgressNote.create({
    data: { ledgerItemId: before.id, round: input.round, content, authorId: actor.userId, createdAt: now },
  });
  const status = signed ? ('verifying' as const) : ('rectifying' as const);
  await tx.ledgerItem.update({ where: { id: before.id }, data: { status } });
  await audit(tx, actor, {
    action: signed ? 'ledgerItem.leadSigned' : 'ledgerItem.leadReturned',
    entity: 'ledgerItem',
    entityId: before.id,
    unitId: before.leadUnitId,
    before: { status: before.status },
    after: { status, round: input.round, note },
  });
  return { item: before, note, signed };
}
