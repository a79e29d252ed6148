// The ledger list the office works from: every item in the caller's unit scope with its unit, colour, round,
// state and last progress note, filtered and sorted by any of those columns, and the item page's record —
// the item, its evidence files and one timeline merged from its notes, reminders, extensions and checks.
import { z } from 'zod';
import type { UnitScope } from '../../../domain/auth/roles';
import type { Db, Prisma } from '../../../domain/db/client';
import { notFound } from '../../../domain/errors';
import { ledgerSources } from '../../../domain/ledger/ledger-items';
import { colorLabels, sourceLabels, statusLabels } from './labels';

export function ledgerScopeWhere(scope: UnitScope): Prisma.LedgerItemWhereInput {
  if (scope.all) return {};
  const unitId = scope.unitId ?? -1;
  return { OR: [{ leadUnitId: unitId }, { assistingUnits: { some: { unitId } } }] };
}

const sortKeys = ['number', 'source', 'unit', 'dueAt', 'color', 'round', 'status', 'updatedAt'] as const;
const statuses = ['open', 'notified', 'acknowledged', 'rectifying', 'verifying', 'closed'] as const;

export const ledgerFilter = z.object({
  q: z.string().trim().max(100).optional(),
  source: z.enum(ledgerSources, { message: '问题来源无效' }).optional(),
  unit: z.string().trim().max(50).optional(),
  color: z.enum(['none', 'blue', 'yellow', 'red'], { message: '预警颜色无效' }).optional(),
  status: z.enum([...statuses, 'active'], { message: '状态无效' }).optional(),
  round: z.coerce.number({ message: '轮次应为正整数' }).int('轮次应为正整数').min(1).max(20).optional(),
  overdue: z.enum(['1']).optional(),
  dueBefore: z
    .string()
    .regex(/^\d{4}-\d{2}-\d{2}$/, '日期格式应为 2026-12-31')
    .optional(),
  sort: z.enum(sortKeys, { message: '排序字段无效' }).default('number'),
  dir: z.enum(['asc', 'desc']).default('desc'),
  limit: z.coerce.number().int().min(1).max(5000).default(200),
  offset: z.coerce.number().int().min(0).default(0),
});
export type LedgerFilter = z.infer<typeof ledgerFilter>;

export function filterWhere(scope: UnitScope, f: LedgerFilter, now: Date): Prisma.LedgerItemWhereInput {
  const and: Prisma.LedgerItemWhereInput[] = [ledgerScopeWhere(scope)];
  if (f.q) and.push({ OR: [{ number: { contains: f.q } }, { problem: { contains: f.q } }] });
  if (f.source) and.push({ source: f.source });
  if (f.unit) and.push({ leadUnit: { code: f.unit } });
  if (f.color) and.push({ color: f.color });
  if (f.status === 'active') and.push({ status: { not: 'closed' } });
  else if (f.status) and.push({ status: f.status });
  if (f.round) and.push({ round: f.round });
  if (f.overdue) and.push({ status: { not: 'closed' }, dueAt: { lt: now } });
  if (f.dueBefore) and.push({ dueAt: { lt: new Date(`${f.dueBefore}T16:00:00Z`) } });
  return { AND: and };
}

function orderBy(f: LedgerFilter): Prisma.LedgerItemOrderByWithRelationInput[] {
  const dir = f.dir;
  const first: Prisma.LedgerItemOrderByWithRelationInput =
    f.sort === 'unit' ? { leadUnit: { sortOrder: dir } } : { [f.sort]: dir };
  return [first, { id: dir }];
}

const listInclude = {
  leadUnit: { select: { code: true, shortName: true, name: true } },
  assistingUnits: { select: { unit: { select: { code: true, shortName: true } } } },
  progressNotes: { orderBy: { id: 'desc' }, take: 1, select: { content: true, createdAt: true } },
} satisfies Prisma.LedgerItemInclude;

export type LedgerRow = Awaited<ReturnType<typeof loadRows>>[number];

async function loadRows(db: Db, where: Prisma.LedgerItemWhereInput, f: LedgerFilter) {
  return db.ledgerItem.findMany({
    where,
    orderBy: orderBy(f),
    take: f.limit,
    skip: f.offset,
    include: listInclude,
  });
}

export function presentRow(item: LedgerRow, now: Date) {
  const last = item.progressNotes[0];
  return {
    id: item.id,
    number: item.number,
    source: item.source,
    sourceLabel: sourceLabels[item.source],
    sourceRef: item.sourceRef,
    problem: item.problem,
    measures: item.measures,
    leadUnit: item.leadUnit,
    assistingUnits: item.assistingUnits.map((a) => a.unit),
    dueAt: item.dueAt,
    overdue: item.status !== 'closed' && item.dueAt < now,
    color: item.color,
    colorLabel: colorLabels[item.color],
    round: item.round,
    status: item.status,
    statusLabel: statusLabels[item.status],
    closedAt: item.closedAt,
    lastProgress: last ? { content: last.content, at: last.createdAt } : null,
    processInstanceKey: item.processInstanceKey,
    updatedAt: item.updatedAt,
  };
}

export async function listLedger(db: Db, scope: UnitScope, raw: unknown, now = new Date()) {
  const f = ledgerFilter.parse(raw);
  const where = filterWhere(scope, f, now);
  const [rows, total] = await Promise.all([loadRows(db, where, f), db.ledgerItem.count({ where })]);
  return { total, rows: rows.map((r) => presentRow(r, now)) };
}

/** Every row matching the filter, for the export (no page limit). */
export async function allLedgerRows(db: Db, scope: UnitScope, raw: unknown, now = new Date()) {
  const f = ledgerFilter.parse({ ...(raw as object), limit: 5000, offset: 0 });
  const rows = await loadRows(db, filterWhere(scope, f, now), { ...f, limit: 100_000 });
  return rows.map((r) => presentRow(r, now));
}

export interface TimelineEntry {
  at: Date;
  kind:
    'created' | 'notice' | 'acknowledged' | 'progress' | 'reminder' | 'extension' | 'verification' | 'closed';
  title: string;
  detail?: string | null;
  round?: number;
}

const reminderTitles = { reminder: '催办', circular: '通报', accountability_talk: '约谈' } as const;
const extensionTitles = { pending: '待审批', approved: '已批准', rejected: '未批准' } as const;
const methodTitles = { documents: '书面核查', on_site: '实地核查', return_visit: '回访核查' } as const;

export async function ledgerItemPage(db: Db, scope: UnitScope, id: number) {
  const item = await db.ledgerItem.findFirst({
    where: { AND: [{ id }, ledgerScopeWhere(scope)] },
    include: {
      ...listInclude,
      progressNotes: { orderBy: { id: 'asc' } },
      reminders: { orderBy: { id: 'asc' } },
      extensions: { orderBy: { id: 'asc' } },
      verifications: { orderBy: { round: 'asc' } },
      attachments: {
        orderBy: { id: 'asc' },
        select: { id: true, fileName: true, mediaType: true, sizeBytes: true, createdAt: true },
      },
    },
  });
  if (!item) throw notFound('整改事项');
  const t: TimelineEntry[] = [{ at: item.createdAt, kind: 'created', title: '立项', detail: item.problem }];
  if (item.noticeIssuedAt)
    t.push({ at: item.noticeIssuedAt, kind: 'notice', title: '下发督办通知书', detail: item.noticeText });
  if (item.acknowledgedAt)
    t.push({
      at: item.acknowledgedAt,
      kind: 'acknowledged',
      title: '责任单位签收',
      detail: item.liaisonName ? `联络人：${item.liaisonName} ${item.liaisonPhone ?? ''}`.trim() : null,
    });
  for (const n of item.progressNotes)
    t.push({ at: n.createdAt, kind: 'progress', title: '整改进展', detail: n.content, round: n.round });
  for (const r of item.reminders)
    t.push({
      at: r.sentAt,
      kind: 'reminder',
      title: `${colorLabels[r.color]}：${reminderTitles[r.kind]}`,
      detail: r.note,
      round: r.round,
    });
  for (const e of item.extensions)
    t.push({
      at: e.decidedAt ?? e.requestedAt,
      kind: 'extension',
      title: `申请延期（${extensionTitles[e.decision]}）`,
      detail: e.decisionNote ? `${e.reason}；审批意见：${e.decisionNote}` : e.reason,
    });
  for (const v of item.verifications)
    t.push({
      at: v.verifiedAt,
      kind: 'verification',
      title: `${methodTitles[v.method]}：${v.passed ? '通过' : '未通过，二次整改'}`,
      detail: v.note,
      round: v.round,
    });
  if (item.closedAt) t.push({ at: item.closedAt, kind: 'closed', title: '销号' });
  t.sort((a, b) => a.at.getTime() - b.at.getTime());
  const { progressNotes, attachments, reminders: _r, extensions, verifications: _v, ...rest } = item;
  return {
    ...presentRow({ ...rest, progressNotes: progressNotes.slice(-1).reverse() }, new Date()),
    category: item.category,
    originalDueAt: item.originalDueAt,
    noticeIssuedAt: item.noticeIssuedAt,
    acknowledgedAt: item.acknowledgedAt,
    liaisonName: item.liaisonName,
    liaisonPhone: item.liaisonPhone,
    createdAt: item.createdAt,
    pendingExtension: extensions.find((e) => e.decision === 'pending') ?? null,
    attachments,
    timeline: t,
  };
}

export const ledgerOptions = { sourceLabels, statusLabels, colorLabels };
