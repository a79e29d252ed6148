// The mails zhuanban.mail.send can send, by the task header `template`: each entry reads the job's variables,
// looks up the domain record and returns the mails to put in the outbox, the business key of this sending (the
// job's idempotency key) and the record change that notes it was sent. Add an entry here for a new template.
import type { Actor } from '../../domain/audit';
import type { Db, Tx } from '../../domain/db/client';
import type { MailSettings } from '../../domain/notifications/compose';
import type { OutgoingMail } from '../../domain/notifications/types';
import { meetingMail } from './meeting-mail';

export interface MailTemplateContext {
  db: Db;
  now: Date;
  settings: MailSettings;
}

export interface MailBatch {
  /** One logical sending, e.g. 'meeting.invitation:XT-2026-001:1:0': the job runs once per key. */
  key: string;
  mails: OutgoingMail[];
  /** The record change that says it was sent, with its audit row (same transaction as the outbox rows). */
  record?: (tx: Tx, actor: Actor) => Promise<void>;
}

/** Reads the job's variables (throws a ZodError when they do not fit) and prepares the sending. */
export type MailTemplate = (variables: unknown, ctx: MailTemplateContext) => Promise<MailBatch>;

export const mailTemplates: Record<string, MailTemplate> = {
  'meeting.invitation': meetingMail('meeting.invitation'),
  'meeting.rescheduled': meetingMail('meeting.rescheduled'),
};
