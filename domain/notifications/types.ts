// The shapes notifications pass around: what a template produces (MailContent), what is put in the outbox
// (OutgoingMail: content + recipients + idempotency key + what it concerns).

export interface MailAttachment {
  filename: string;
  contentType: string;
  content: Buffer | string;
}

/** A rendered mail without recipients: the result of a template function. */
export interface MailContent {
  /** Template name stored with the outbox row: reminder, escalation.red, meeting.invitation, … */
  template: string;
  subject: string;
  text: string;
  html: string;
  attachments?: MailAttachment[];
  /** An iCalendar invitation, sent as text/calendar alternative and as an .ics attachment. */
  calendar?: { method: 'REQUEST' | 'CANCEL'; content: string; filename: string };
  /** The page the notice is about (its 办理入口), for the group-chat copy. */
  link?: string;
}

export interface Recipients {
  to: string[];
  cc?: string[];
}

export interface OutgoingMail extends Recipients {
  /** One logical notification = one key: a second enqueue with the same key changes nothing. */
  idempotencyKey: string;
  content: MailContent;
  /** The unit the mail concerns (scoping in the UI). */
  unitId?: number | null;
  relatedType?: 'ledgerItem' | 'petition' | 'enterpriseCase' | 'weeklyReport' | 'weeklySummary' | string;
  relatedId?: number | null;
}
