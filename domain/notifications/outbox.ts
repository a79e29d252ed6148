// Putting a mail in the outbox: inside the caller's transaction (with the record change and its audit row), at
// most once per idempotency key, with its group-chat copy when the unit has a robot (chat/enqueue.ts). Nothing
// is sent here; the dispatchers deliver stored rows afterwards.
import type { Db, Tx } from '../db/client';
import { composeMail, type MailSettings } from './compose';
import type { OutgoingMail } from './types';
import { enqueueChat } from './chat/enqueue';

export interface Enqueued {
  id: number;
  /** False when a message with this idempotency key was already there (nothing was added). */
  created: boolean;
}

export async function enqueueMail(
  tx: Tx | Db,
  mail: OutgoingMail,
  settings: MailSettings,
  now: Date,
): Promise<Enqueued> {
  // Look first: on PostgreSQL a unique violation would abort the caller's whole transaction.
  const existing = await tx.outboxMessage.findUnique({
    where: { idempotencyKey: mail.idempotencyKey },
    select: { id: true },
  });
  await enqueueChat(tx, mail, now);
  if (existing) return { id: existing.id, created: false };
  const { mime } = await composeMail(mail, settings, now);
  const row = await tx.outboxMessage.create({
    data: {
      idempotencyKey: mail.idempotencyKey,
      template: mail.content.template,
      recipients: { to: mail.to, cc: mail.cc ?? [] },
      subject: mail.content.subject,
      mime,
      unitId: mail.unitId ?? null,
      relatedType: mail.relatedType ?? null,
      relatedId: mail.relatedId ?? null,
      nextAttemptAt: now,
    },
    select: { id: true },
  });
  return { id: row.id, created: true };
}

/** What handlers get: enqueue bound to the mail settings and the clock. */
export interface Mailer {
  enqueue(tx: Tx | Db, mail: OutgoingMail): Promise<Enqueued>;
}

export function createMailer(settings: MailSettings, now: () => Date): Mailer {
  return { enqueue: (tx, mail) => enqueueMail(tx, mail, settings, now()) };
}
