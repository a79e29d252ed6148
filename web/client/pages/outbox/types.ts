// What the outbox API answers, as the pages read it.
export interface OutboxRow {
  id: number;
  template: string;
  kind: string;
  /** 邮件, 钉钉, 企业微信, 飞书 */
  channelLabel: string;
  subject: string;
  recipients: { to: string[]; cc: string[] };
  status: 'pending' | 'sent' | 'failed';
  statusLabel: string;
  attempts: number;
  lastError: string | null;
  createdAt: string;
  sentAt: string | null;
  nextAttemptAt: string;
  unit: string | null;
  relatedHref: string | null;
}

export interface OutboxList {
  total: number;
  counts: Record<string, number>;
  rows: OutboxRow[];
}

export interface OutboxMessage extends OutboxRow {
  messageId: string | null;
  text: string;
  attachments: { fileName: string; contentType: string; sizeBytes: number }[];
}

export const statusClass: Record<string, string> = {
  pending: 'tag-yellow',
  sent: 'tag-green',
  failed: 'tag-red',
};
