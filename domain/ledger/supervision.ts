// Use cases of the office's supervision of a ledger item: graded reminders (三色督办: blue before the deadline,
// yellow when missed, red as a circular 通报 to leadership) that set the item's colour, the leaders' decision on
// an accountability talk (约谈), the verification of each round (核验; failed = 二次整改 with a new deadline and the
// round counted) and the closing (销号). Each runs inside the caller's transaction and writes its audit row.
import { audit, type Actor } from '../audit';
import { endOfDueDay, localDate } from '../calendar/deadline';
import type { Tx } from '../db/client';
import { invalid } from '../errors';
import { zhDateTime } from '../notifications/templates/layout';
import { ledgerItemByNumber } from './rectification';

export type EscalationColor = 'blue' | 'yellow' | 'red';

export interface EscalationInput {
  ledgerNumber: string;
  color: EscalationColor;
  round: number;
  /** One reminder per item, round, colour and due date (a re-entered round after an extension may remind again). */
  idempotencyKey: string;
}

export async function escalate(tx: Tx, actor: Actor, input: EscalationInput, now: Date) {
  const item = await ledgerItemByNumber(tx, input.ledgerNumber);
  const existing = await tx.ledgerReminder.findUnique({ where: { idempotencyKey: input.idempotencyKey } });
  if (existing) return { item, reminder: existing, created: false };
  const reminder = await tx.ledgerReminder.create({
    data: {
      ledgerItemId: item.id,
      idempotencyKey: input.idempotencyKey,
      color: input.color,
      kind: input.color === 'red' ? 'circular' : 'reminder',
      round: input.round,
      sentAt: now,
    },
  });
  const skip = item.status === 'closed';
  if (!skip) await tx.ledgerItem.update({ where: { id: item.id }, data: { color: input.color } });
  await audit(tx, actor, {
    action: `ledgerItem.escalate`,
    entity: 'ledgerItem',
    entityId: item.id,
    unitId: item.leadUnitId,
    before: { color: item.color },
    after: { color: skip ? item.color : input.color, reminder },
  });
  return { item, reminder, created: true };
}

/** The reminder row learns which outbox message carried it. */
export async function noteReminderMail(tx: Tx, reminderId: number, outboxMessageId: number) {
  await tx.ledgerReminder.update({ where: { id: reminderId }, data: { outboxMessageId } });
}

export interface AccountabilityInput {
  ledgerNumber: string;
  decision: 'talk' | 'no_talk';
  talkAt: Date | null;
  note: string;
  round: number;
}

export async function recordAccountability(tx: Tx, actor: Actor, input: AccountabilityInput, now: Date) {
  const item = await ledgerItemByNumber(tx, input.ledgerNumber);
  if (input.decision === 'talk' && !input.talkAt) throw invalid('请填写约谈时间', 'talkAt');
  const reminder =
    input.decision === 'talk'
      ? await tx.ledgerReminder.upsert({
          where: { idempotencyKey: `${item.number}:${input.round}:talk` },
          create: {
            ledgerItemId: item.id,
            idempotencyKey: `${item.number}:${input.round}:talk`,
            color: 'red',
            kind: 'accountability_talk',
            round: input.round,
            sentAt: now,
            note: `约谈时间：${zhDateTime(input.talkAt as Date)}；${input.note}`,
          },
          update: {},
        })
      : null;
  await audit(tx, actor, {
    action: input.decision === 'talk' ? 'ledgerItem.accountabilityTalk' : 'ledgerItem.noAccountabilityTalk',
    entity: 'ledgerItem',
    entityId: item.id,
    unitId: item.leadUnitId,
    after: { decision: input.decision, talkAt: input.talkAt, note: input.note, reminder },
  });
  return { item, reminder };
}

export const verificationMethodNames = {
  documents: '书面核查',
  on_site: '实地核查',
  return_visit: '回访核实',
} as const;

export interface VerificationInput {
  ledgerNumber: string;
  round: number;
  method: keyof typeof verificationMethodNames;
  passed: boolean;
  note: string;
  /** YYYY-MM-DD, required when failed: the deadline of the next round. */
  newDueDate: string | null;
}

/** Records the round's verification; a failure opens the next round (二次整改) with its own deadline. */
export async function recordVerification(tx: Tx, actor: Actor, input: VerificationInput, now: Date) {
  const item = await ledgerItemByNumber(tx, input.ledgerNumber);
  if (item.status === 'closed') throw invalid(`台账事项 ${item.number} 已销号`);
  if (!input.passed && !input.newDueDate) throw invalid('核验未通过时请填写二次整改期限', 'newDueDate');
  const newDueAt = input.passed ? null : endOfDueDay(input.newDueDate as string);
  if (newDueAt && newDueAt.getTime() <= now.getTime()) throw invalid('二次整改期限须晚于今天', 'newDueDate');
  const verification = await tx.ledgerVerification.upsert({
    where: { ledgerItemId_round: { ledgerItemId: item.id, round: input.round } },
    create: {
      ledgerItemId: item.id,
      round: input.round,
      method: input.method,
      passed: input.passed,
      note: input.note,
      newDueAt,
      verifiedById: actor.userId,
      verifiedAt: now,
    },
    update: {},
  });
  const data = input.passed
    ? { status: 'verifying' as const }
    : {
        status: 'rectifying' as const,
        round: input.round + 1,
        dueAt: newDueAt as Date,
        color: 'none' as const,
      };
  await tx.ledgerItem.update({ where: { id: item.id }, data });
  await audit(tx, actor, {
    action: input.passed ? 'ledgerItem.verified' : 'ledgerItem.verificationFailed',
    entity: 'ledgerItem',
    entityId: item.id,
    unitId: item.leadUnitId,
    before: { status: item.status, round: item.round, dueAt: item.dueAt, color: item.color },
    after: { ...data, verification },
  });
  return {
    item,
    verification,
    round: input.passed ? input.round : input.round + 1,
    dueDate: newDueAt ? localDate(newDueAt) : localDate(item.dueAt),
  };
}

/** 销号: the item is closed with the date. */
export async function closeLedgerItem(tx: Tx, actor: Actor, ledgerNumber: string, now: Date) {
  const item = await ledgerItemByNumber(tx, ledgerNumber);
  if (item.status === 'closed' && item.closedAt) return { item, closedAt: item.closedAt };
  const passed = await tx.ledgerVerification.findFirst({ where: { ledgerItemId: item.id, passed: true } });
  if (!passed) throw invalid(`台账事项 ${item.number} 尚未核验通过，不能销号`);
  await tx.ledgerItem.update({ where: { id: item.id }, data: { status: 'closed', closedAt: now } });
  await audit(tx, actor, {
    action: 'ledgerItem.close',
    entity: 'ledgerItem',
    entityId: item.id,
    unitId: item.leadUnitId,
    before: { status: item.status, closedAt: null },
    after: { status: 'closed', closedAt: now },
  });
  return { item, closedAt: now };
}
