// 我的待办: the user's tasks from the engine's user-task search (REST v2), filtered to the user's candidate
// groups, with the filters of the inbox (process, open/done, assignment, due and follow-up ranges, overdue or
// due today, business key), a sort, a page, the count behind each assignment filter, and each task's record.
import { DateTime } from 'luxon';
import { z } from 'zod';
import type { Db } from '../../../domain/db/client';
import type { EngineApi } from '../engine/client';
import type { Viewer } from './access';
import { engineCall, now } from './engine-calls';
import { cachedRecordsByInstance, type RecordRef } from './records';

const zone = 'Asia/Shanghai';
export const processIds = ['case-coordination', 'petition-reply', 'rectification', 'weekly-report'] as const;
const day = z.iso.date('日期格式应为 YYYY-MM-DD');

export const inboxQuery = z.object({
  view: z
    .enum(['all', 'mine', 'unassigned', 'colleagues'], {
      message: '筛选应为 all、mine、unassigned 或 colleagues',
    })
    .default('all'),
  state: z.enum(['open', 'done'], { message: '状态应为 open 或 done' }).default('open'),
  process: z.enum(processIds, { message: '未知的流程' }).optional(),
  due: z.enum(['overdue', 'today', 'week'], { message: '期限筛选应为 overdue、today 或 week' }).optional(),
  dueFrom: day.optional(),
  dueTo: day.optional(),
  followUpFrom: day.optional(),
  followUpTo: day.optional(),
  key: z.string().trim().max(60, '编号过长').optional(),
  sort: z
    .enum(['due', 'priority', 'created'], { message: '排序应为 due、priority 或 created' })
    .default('priority'),
  order: z.enum(['asc', 'desc']).optional(),
  page: z.coerce.number().int().min(1).max(1000).default(1),
  pageSize: z.coerce.number().int().min(1).max(100).default(25),
});
export type InboxQuery = z.infer<typeof inboxQuery>;

const startOf = (d: string) => DateTime.fromISO(d, { zone }).startOf('day').toUTC().toISO()!;
const endOf = (d: string) => DateTime.fromISO(d, { zone }).plus({ days: 1 }).startOf('day').toUTC().toISO()!;

/** Which variable a business key is (XT-… case, XF-… petition, ZG-… ledger, 2026-W48 week). */
export function businessKeyVariable(key: string): { name: string; value: string } | undefined {
  const k = key.trim().toUpperCase();
  if (/^XT-\d{4}-\d+$/.test(k)) return { name: 'caseNumber', value: k };
  if (/^XF-\d{4}-\d+$/.test(k)) return { name: 'petitionNumber', value: k };
  if (/^ZG-\d{4}-\d+$/.test(k)) return { name: 'ledgerNumber', value: k };
  if (/^\d{4}-W\d{2}$/.test(k)) return { name: 'isoWeek', value: k };
  return undefined;
}

type Filter = Record<string, unknown>;

function baseFilter(q: InboxQuery, viewer: Viewer): Filter {
  const f: Filter = {
    state: q.state === 'open' ? 'CREATED' : 'COMPLETED',
    candidateGroup: { $in: viewer.groups.length ? viewer.groups : ['(none)'] },
  };
  if (q.process) f.processDefinitionId = q.process;
  const due: Record<string, string> = {};
  if (q.dueFrom) due.$gte = startOf(q.dueFrom);
  if (q.dueTo) due.$lt = endOf(q.dueTo);
  const today = DateTime.now().setZone(zone).toISODate()!;
  if (q.due === 'overdue') due.$lt = new Date().toISOString();
  if (q.due === 'today') Object.assign(due, { $gte: startOf(today), $lt: endOf(today) });
  if (q.due === 'week')
    Object.assign(due, { $lt: endOf(DateTime.fromISO(today).plus({ days: 7 }).toISODate()!) });
  if (Object.keys(due).length) f.dueDate = due;
  const follow: Record<string, string> = {};
  if (q.followUpFrom) follow.$gte = startOf(q.followUpFrom);
  if (q.followUpTo) follow.$lt = endOf(q.followUpTo);
  if (Object.keys(follow).length) f.followUpDate = follow;
  if (q.key) {
    const v = businessKeyVariable(q.key);
    // An unknown key shape matches nothing rather than everything.
    f.processInstanceVariables = [
      v ? { name: v.name, value: JSON.stringify(v.value) } : { name: '(none)', value: '""' },
    ];
  }
  return f;
}

function viewFilter(view: InboxQuery['view'], viewer: Viewer): Filter {
  const me = viewer.principal.username;
  if (view === 'mine') return { assignee: me };
  if (view === 'unassigned') return { assignee: { $exists: false } };
  if (view === 'colleagues') return { assignee: { $exists: true, $neq: me } };
  return {};
}

export interface InboxTask {
  userTaskKey: string;
  name: string;
  processName: string;
  processDefinitionId: string;
  processInstanceKey: string;
  elementId: string;
  state: string;
  assignee: string | null;
  assigneeName: string | null;
  creationDate: string;
  completionDate: string | null;
  dueDate: string | null;
  followUpDate: string | null;
  priority: number;
  role: string | null;
  record: RecordRef | null;
}

export interface EngineTask {
  userTaskKey: string;
  name?: string;
  processName?: string;
  processDefinitionId: string;
  processInstanceKey: string;
  elementId: string;
  state: string;
  assignee?: string;
  creationDate: string;
  completionDate?: string;
  dueDate?: string;
  followUpDate?: string;
  priority?: number;
  candidateGroups?: string[];
  customHeaders?: Record<string, string>;
  formKey?: string;
  processDefinitionKey: string;
  elementInstanceKey: string;
}

async function search(
  engine: EngineApi,
  filter: Filter,
  sort: unknown[],
  page: { from: number; limit: number },
) {
  const res = await engineCall(() => engine.searchUserTasks({ filter, sort, page } as never, now as never));
  return res as unknown as { items: EngineTask[]; page: { totalItems: number } };
}

export async function displayNames(
  db: Db,
  usernames: (string | undefined | null)[],
): Promise<Map<string, string>> {
  const names = [...new Set(usernames.filter((u): u is string => !!u))];
  if (!names.length) return new Map();
  const users = await db.user.findMany({
    where: { username: { in: names } },
    select: { username: true, displayName: true },
  });
  return new Map(users.map((u) => [u.username, u.displayName]));
}

export function toInboxTask(t: EngineTask, record: RecordRef | null, names: Map<string, string>): InboxTask {
  return {
    userTaskKey: t.userTaskKey,
    name: t.name ?? t.elementId,
    processName: t.processName ?? t.processDefinitionId,
    processDefinitionId: t.processDefinitionId,
    processInstanceKey: t.processInstanceKey,
    elementId: t.elementId,
    state: t.state,
    assignee: t.assignee ?? null,
    assigneeName: t.assignee ? (names.get(t.assignee) ?? t.assignee) : null,
    creationDate: t.creationDate,
    completionDate: t.completionDate ?? null,
    dueDate: t.dueDate ?? null,
    followUpDate: t.followUpDate ?? null,
    priority: t.priority ?? 50,
    role: t.customHeaders?.role ?? null,
    record,
  };
}

// Counts behind the tabs, kept a few seconds: every session of a unit asks the same question, and the inbox
// polls. A change made through this server (claim, hand-over, completion) clears them, and the pages, at once;
// a change made elsewhere (a worker opening a task) shows within those seconds.
const countTtlMs = 3_000;
const countCache = new Map<string, { at: number; value: Promise<number> }>();

export function forgetCounts(): void {
  countCache.clear();
  pageCache.clear();
}

// The same page asked by many sessions of one unit within a second is answered once.
const pageTtlMs = 1_000;
const pageCache = new Map<string, { at: number; value: ReturnType<typeof search> }>();

function searchPage(
  engine: EngineApi,
  filter: Filter,
  sort: unknown[],
  page: { from: number; limit: number },
) {
  const key = JSON.stringify([filter, sort, page]);
  const now = Date.now();
  const hit = pageCache.get(key);
  if (hit && now - hit.at < pageTtlMs) return hit.value;
  if (pageCache.size > 2_000) pageCache.clear();
  const value = search(engine, filter, sort, page);
  value.catch(() => pageCache.delete(key));
  pageCache.set(key, { at: now, value });
  return value;
}

function count(engine: EngineApi, filter: Filter): Promise<number> {
  const key = JSON.stringify(filter);
  const now = Date.now();
  const hit = countCache.get(key);
  if (hit && now - hit.at < countTtlMs) return hit.value;
  if (countCache.size > 5_000) countCache.clear();
  const value = search(engine, filter, [], { from: 0, limit: 1 }).then((r) => r.page.totalItems);
  value.catch(() => countCache.delete(key));
  countCache.set(key, { at: now, value });
  return value;
}

/**
 * The count behind each tab. The shown tab's count is the fresh total of its list, so the tab never reads 0 over a
 * list of tasks while the other (cached, up to a few seconds old) counts catch up. When the whole unfiltered list is
 * in hand, every count comes from it: a count derived from cached ones could name tasks that just arrived as a
 * colleague's.
 */
export function tabCounts(
  view: InboxQuery['view'],
  list: { items: { assignee?: string | null }[]; total: number },
  me: string,
  cached: { all: number; mine: number; unassigned: number; colleagues: number },
) {
  if (view === 'all' && list.items.length === list.total) {
    const mine = list.items.filter((t) => t.assignee === me).length;
    const unassigned = list.items.filter((t) => !t.assignee).length;
    return { all: list.total, mine, unassigned, colleagues: list.total - mine - unassigned };
  }
  const c = { ...cached, [view]: list.total };
  c.all = Math.max(c.all, c.mine + c.unassigned + c.colleagues);
  return c;
}

export async function inbox(db: Db, engine: EngineApi, viewer: Viewer, q: InboxQuery) {
  const base = baseFilter(q, viewer);
  const field = { due: 'dueDate', priority: 'priority', created: 'creationDate' }[q.sort];
  const order = (q.order ?? (q.sort === 'due' ? 'asc' : 'desc')).toUpperCase();
  // By priority means urgent work first (an enterprise complaint, a critical case), the nearest deadline among equals.
  const then = { priority: ['dueDate', 'creationDate'], due: ['creationDate'], created: [] }[q.sort];
  const sort = [{ field, order }, ...then.map((f) => ({ field: f, order: 'ASC' }))];
  const [list, all, mine, unassigned, colleagues] = await Promise.all([
    searchPage(engine, { ...base, ...viewFilter(q.view, viewer) }, sort, {
      from: (q.page - 1) * q.pageSize,
      limit: q.pageSize,
    }),
    count(engine, base),
    count(engine, { ...base, ...viewFilter('mine', viewer) }),
    count(engine, { ...base, ...viewFilter('unassigned', viewer) }),
    count(engine, { ...base, ...viewFilter('colleagues', viewer) }),
  ]);
  const [records, names] = await Promise.all([
    cachedRecordsByInstance(
      db,
      list.items.map((t) => t.processInstanceKey),
    ),
    displayNames(
      db,
      list.items.map((t) => t.assignee),
    ),
  ]);
  return {
    items: list.items.map((t) => toInboxTask(t, records.get(t.processInstanceKey) ?? null, names)),
    total: list.page.totalItems,
    page: q.page,
    pageSize: q.pageSize,
    counts: tabCounts(q.view, { items: list.items, total: list.page.totalItems }, viewer.principal.username, {
      all,
      mine,
      unassigned,
      colleagues,
    }),
  };
}

/** The number on the 我的待办 badge: open tasks of the user's groups that are unassigned or the user's. */
export async function openCount(engine: EngineApi, viewer: Viewer): Promise<number> {
  if (!viewer.groups.length) return 0;
  const base = { state: 'CREATED', candidateGroup: { $in: viewer.groups } };
  const [mine, unassigned] = await Promise.all([
    count(engine, { ...base, assignee: viewer.principal.username }),
    count(engine, { ...base, assignee: { $exists: false } }),
  ]);
  return mine + unassigned;
}
