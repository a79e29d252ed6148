// The outbox page's reads and the admin's resend: every mail with its state (pending, sent, failed with the
// reason), recipients and attachments (read from the stored MIME; a group-chat copy shows its message), within
// the caller's unit scope — a unit user sees the mails that concern its unit. Resending puts a failed mail back in the queue from attempt 0;
// the dispatcher sends the same stored bytes (same Message-ID), so a receiver can still tell it is one mail.
import { simpleParser } from 'mailparser';
import { z } from 'zod';
import { audit, audited, type Actor } from '../../../domain/audit';
import type { UnitScope } from '../../../domain/auth/roles';
import type { Db, Prisma } from '../../../domain/db/client';
import { conflict, notFound } from '../../../domain/errors';
import { recordPath } from '../../../domain/notifications/templates/links';
import { platformNames, type ChatMessage } from '../../../domain/notifications/chat/platforms';

const channelLabels: Record<string, string> = { mail: '邮件', ...platformNames };

export const statusLabels = { pending: '待发送', sent: '已发送', failed: '发送失败' } as const;

const templateNames: Record<string, string> = {
  'case.declined': '涉企案件不予协调通知',
  'ledger.supervision-notice': '督办通知书',
  'ledger.extension-approved': '延期申请批准通知',
  'ledger.extension-rejected': '延期申请未批准通知',
  'ledger.closed': '销号通知',
  'ledger.verification-failed': '核查未通过通知',
  'ledger.lead-returned': '主要领导退回通知',
  'ledger.lead-review-reminder': '主要领导审核提醒',
  'supervision.circular': '督导通报',
  'ledger.accountability-talk': '约谈通知',
  'escalation.blue': '蓝色预警催办',
  'escalation.yellow': '黄色预警通报',
  'escalation.red': '红色预警约谈提醒',
  'meeting.invitation': '协调会通知',
  'meeting.rescheduled': '协调会改期通知',
  'petition.extension-rejected': '信访延期未批准通知',
  'petition.public-notice': '公开答复公告',
  'petition.public-reply-invitation': '公开答复邀请',
  'task.assigned': '新任务提醒',
  'reminder.due': '到期提醒',
  'reminder.overdue': '超期提醒',
  'weekly-report.forward': '周报汇总报送',
  'weekly-report.returned': '周报退回通知',
  'weekly-report.makeup': '周报补报通知',
  'weekly-report.late-decision': '截止后签批结果通知',
  'reminder.weekly-report-sign-off': '周报签批提醒',
  'escalation.weekly-report-sign-off': '周报逾期未签批通报',
};

export function templateName(template: string): string {
  if (templateNames[template]) return templateNames[template];
  if (template.startsWith('petition.')) return '信访告知书';
  return '系统通知';
}

function scopeWhere(scope: UnitScope): Prisma.OutboxMessageWhereInput {
  return scope.all ? {} : { unitId: scope.unitId ?? -1 };
}

export const outboxQuery = z.object({
  status: z.enum(['pending', 'sent', 'failed'], { message: '状态无效' }).optional(),
  q: z.string().trim().max(100).optional(),
  limit: z.coerce.number().int().min(1).max(500).default(100),
  offset: z.coerce.number().int().min(0).default(0),
});

const listSelect = {
  id: true,
  template: true,
  subject: true,
  recipients: true,
  status: true,
  attempts: true,
  lastError: true,
  createdAt: true,
  sentAt: true,
  nextAttemptAt: true,
  relatedType: true,
  relatedId: true,
  unitId: true,
  channel: true,
} satisfies Prisma.OutboxMessageSelect;

type Row = Prisma.OutboxMessageGetPayload<{ select: typeof listSelect }>;

function present(r: Row, units: Map<number, string>) {
  const recipients = (r.recipients ?? {}) as { to?: string[]; cc?: string[] };
  return {
    ...r,
    recipients: { to: recipients.to ?? [], cc: recipients.cc ?? [] },
    kind: templateName(r.template),
    channelLabel: channelLabels[r.channel] ?? r.channel,
    statusLabel: statusLabels[r.status],
    unit: r.unitId ? (units.get(r.unitId) ?? null) : null,
    relatedHref: recordPath(r.relatedType, r.relatedId),
  };
}

async function unitNames(db: Db) {
  return new Map(
    (await db.unit.findMany({ select: { id: true, shortName: true } })).map((u) => [u.id, u.shortName]),
  );
}

export async function listOutbox(db: Db, scope: UnitScope, raw: unknown) {
  const q = outboxQuery.parse(raw);
  const where: Prisma.OutboxMessageWhereInput = {
    AND: [
      scopeWhere(scope),
      q.status ? { status: q.status } : {},
      q.q ? { OR: [{ subject: { contains: q.q } }, { template: { contains: q.q } }] } : {},
    ],
  };
  const [rows, total, counts, units] = await Promise.all([
    db.outboxMessage.findMany({
      where,
      orderBy: { id: 'desc' },
      take: q.limit,
      skip: q.offset,
      select: listSelect,
    }),
    db.outboxMessage.count({ where }),
    db.outboxMessage.groupBy({ by: ['status'], where: scopeWhere(scope), _count: { _all: true } }),
    unitNames(db),
  ]);
  return {
    total,
    counts: Object.fromEntries(
      (['pending', 'sent', 'failed'] as const).map((s) => [
        s,
        counts.find((c) => c.status === s)?._count._all ?? 0,
      ]),
    ),
    rows: rows.map((r) => present(r, units)),
  };
}

export async function outboxMessage(db: Db, scope: UnitScope, id: number) {
  const row = await db.outboxMessage.findFirst({
    where: { AND: [{ id }, scopeWhere(scope)] },
    select: { ...listSelect, mime: true, messageId: true },
  });
  if (!row) throw notFound('邮件');
  const { mime: _mime, ...rest } = row;
  if (row.channel !== 'mail') {
    const message = JSON.parse(row.mime) as ChatMessage;
    return {
      ...present(rest, await unitNames(db)),
      messageId: null,
      text: [message.text, ...(message.link ? ['', `链接：${message.link}`] : [])].join('\n'),
      attachments: [],
    };
  }
  const parsed = await simpleParser(row.mime);
  return {
    ...present(rest, await unitNames(db)),
    messageId: row.messageId,
    text: parsed.text ?? '',
    attachments: parsed.attachments.map((a) => ({
      fileName: a.filename ?? '（未命名附件）',
      contentType: a.contentType,
      sizeBytes: a.size,
    })),
  };
}

export async function resendOutboxMessage(db: Db, actor: Actor, id: number, now = new Date()) {
  return audited(db, async (tx) => {
    const before = await tx.outboxMessage.findUnique({ where: { id }, select: listSelect });
    if (!before) throw notFound('邮件');
    if (before.status === 'sent') throw conflict('该邮件已发送成功，无需重发');
    const after = await tx.outboxMessage.update({
      where: { id },
      data: { status: 'pending', attempts: 0, nextAttemptAt: now, lastError: null },
      select: listSelect,
    });
    await audit(tx, actor, {
      action: 'outboxMessage.resend',
      entity: 'outboxMessage',
      entityId: id,
      unitId: before.unitId,
      before: { status: before.status, attempts: before.attempts, lastError: before.lastError },
      after: { status: after.status, attempts: 0 },
    });
    return present(after, await unitNames(db));
  });
}
