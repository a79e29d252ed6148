// Builds the complete RFC 5322 message of an outgoing mail with nodemailer's MailComposer, once, before it is
// stored: the outbox keeps the exact bytes that will be sent, with a Message-ID derived from the idempotency
// key, so every delivery attempt sends the same message and receivers can recognise a repeat.
import { createHash } from 'node:crypto';
import MailComposer from 'nodemailer/lib/mail-composer';
import type Mail from 'nodemailer/lib/mailer';
import type { OutgoingMail } from './types';

export interface MailSettings {
  /** From header, e.g. '"工作专班办公室" <zhuanban@localhost>' (MAIL_FROM). */
  from: string;
  /** Host part of generated Message-IDs. */
  messageIdDomain: string;
}

export function mailSettingsFromEnv(env: NodeJS.ProcessEnv = process.env): MailSettings {
  const from = env.MAIL_FROM?.trim() || '"工作专班办公室" <zhuanban@localhost>';
  const domain = /@([^>\s]+)>?\s*$/.exec(from)?.[1] ?? 'localhost';
  return { from, messageIdDomain: domain };
}

export function messageIdFor(idempotencyKey: string, settings: MailSettings): string {
  const hash = createHash('sha256').update(idempotencyKey).digest('hex').slice(0, 32);
  return `<${hash}@${settings.messageIdDomain}>`;
}

export interface ComposedMail {
  mime: string;
  messageId: string;
}

export async function composeMail(
  mail: OutgoingMail,
  settings: MailSettings,
  date: Date,
): Promise<ComposedMail> {
  if (mail.to.length === 0) throw new Error(`mail ${mail.idempotencyKey} has no recipient`);
  const messageId = messageIdFor(mail.idempotencyKey, settings);
  const { content } = mail;
  const attachments: Mail.Attachment[] = (content.attachments ?? []).map((a) => ({
    filename: a.filename,
    contentType: a.contentType,
    content: a.content,
  }));
  if (content.calendar) {
    attachments.push({
      filename: content.calendar.filename,
      contentType: `text/calendar; charset=UTF-8; method=${content.calendar.method}`,
      content: content.calendar.content,
    });
  }
  const options: Mail.Options = {
    from: settings.from,
    to: mail.to,
    cc: mail.cc?.length ? mail.cc : undefined,
    subject: content.subject,
    text: content.text,
    html: content.html,
    attachments,
    messageId,
    date,
    headers: { 'Content-Language': 'zh-CN', 'X-Zhuanban-Template': content.template },
    icalEvent: content.calendar
      ? { method: content.calendar.method, content: content.calendar.content }
      : undefined,
  };
  const buffer = await new MailComposer(options).compile().build();
  return { mime: buffer.toString('utf8'), messageId };
}
