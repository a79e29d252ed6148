// The group-chat copy of a notice: when a reminder, an escalation or a new task goes to a unit by mail and the
// unit has an enabled group robot, the same outbox gets a second row for the chat channel, in the same
// transaction, keyed `<mail key>#<platform>` — so each message goes once per channel, whoever enqueues it again.
import type { Db, Tx } from '../../db/client';
import { recordPageLink } from '../templates/links';
import type { OutgoingMail } from '../types';
import { platformNames, type ChatMessage, type ChatPlatform } from './platforms';

/** The notices that also go to a unit's group: reminders, escalations and new tasks. */
export function goesToChat(template: string): boolean {
  return (
    /^(reminder\.|escalation\.)/.test(template) ||
    ['task.assigned', 'ledger.supervision-notice'].includes(template)
  );
}

const maxText = 1500; // WeCom markdown takes ≤ 4096 bytes; a group notice is a pointer, not the letter

export function chatMessageOf(mail: OutgoingMail): ChatMessage {
  const lines = mail.content.text.split('\n').filter((l) => !l.startsWith('—— '));
  const text = lines.join('\n').trim();
  return {
    title: mail.content.subject,
    text: text.length > maxText ? `${text.slice(0, maxText)}…` : text,
    link: mail.content.link ?? recordPageLink(mail.relatedType, mail.relatedId),
  };
}

export async function enqueueChat(tx: Tx | Db, mail: OutgoingMail, now: Date): Promise<number | null> {
  if (!mail.unitId || !goesToChat(mail.content.template)) return null;
  const robot = await tx.unitChatRobot.findUnique({
    where: { unitId: mail.unitId },
    select: { platform: true, enabled: true, unit: { select: { shortName: true } } },
  });
  if (!robot?.enabled) return null;
  const platform = robot.platform as ChatPlatform;
  const idempotencyKey = `${mail.idempotencyKey}#${platform}`;
  const existing = await tx.outboxMessage.findUnique({ where: { idempotencyKey }, select: { id: true } });
  if (existing) return existing.id;
  const row = await tx.outboxMessage.create({
    data: {
      idempotencyKey,
      channel: platform,
      template: mail.content.template,
      recipients: { to: [`${platformNames[platform]}群（${robot.unit.shortName}）`], cc: [] },
      subject: mail.content.subject,
      mime: JSON.stringify(chatMessageOf(mail)),
      unitId: mail.unitId,
      relatedType: mail.relatedType ?? null,
      relatedId: mail.relatedId ?? null,
      nextAttemptAt: now,
    },
    select: { id: true },
  });
  return row.id;
}
