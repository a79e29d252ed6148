// The domain record a process instance works on — a disputed case, a petition, a ledger item or a week's
// reports — found by the instance key the workers stored on it: a short reference for lists (number, title,
// link) and a summary for the task page (label/value rows in Chinese). Links point at the pages that show the
// record: /ledger/<id> for ledger items (the item page is addressed by id, as every other ledger link),
// /instances/<key> for the rest.
import type { Db } from '../../../domain/db/client';

export type RecordKind = 'case' | 'petition' | 'ledger' | 'week';

export interface RecordRef {
  kind: RecordKind;
  kindLabel: string;
  id: number;
  number: string;
  title: string;
  status: string;
  processInstanceKey: string | null;
  link: string;
  /** A marker shown beside the number: an enterprise complaint is handled first (plan task 9: 优先、快速). */
  flag: string | null;
}

export const kindLabels: Record<RecordKind, string> = {
  case: '涉企案件',
  petition: '信访事项',
  ledger: '整改事项',
  week: '工作周报',
};

export const statusLabels: Record<string, string> = {
  registered: '已登记',
  screening: '受理审查',
  declined: '不予受理',
  opinions: '征求意见',
  meeting_scheduled: '已安排协调会',
  following_up: '跟踪落实',
  resolved: '已化解',
  not_accepted: '不予受理',
  forwarded: '已转交',
  diverted_to_litigation: '导入诉讼',
  accepted: '已受理',
  handling: '办理中',
  public_reply_preparing: '准备公开答复',
  replied: '已答复',
  closed: '已办结',
  open: '待下发',
  notified: '已下发督办通知',
  acknowledged: '已签收',
  rectifying: '整改中',
  verifying: '待核查',
  pending: '待填报',
  draft: '草稿',
  submitted: '已提交',
  returned: '已退回',
  signed_off: '已审核',
};

export const enterpriseFlag = '企业投诉·优先';

const clip = (s: string, n = 40) => (s.length > n ? `${s.slice(0, n)}…` : s);

export function linkFor(
  kind: RecordKind,
  record: { id: number; number: string },
  processInstanceKey: string | null,
): string {
  if (kind === 'ledger') return `/ledger/${record.id}`;
  // A case's page holds its meetings and 会议改期, and leads on to the diagram.
  if (kind === 'case') return `/cases/${record.id}`;
  return processInstanceKey
    ? `/instances/${processInstanceKey}`
    : `/search?q=${encodeURIComponent(record.number)}`;
}

/**
 * The record's own page other than its instance page, for the instance page's subtitle: a ledger item's page,
 * a case's page, a week's summary (for those who may open it). Petitions have no page but their instance
 * page, so none (the instance page shows their record card).
 */
export function recordPageFor(ref: RecordRef, role: string): string | null {
  if (ref.kind === 'ledger') return `/ledger/${ref.id}`;
  if (ref.kind === 'case') return `/cases/${ref.id}`;
  if (ref.kind === 'week')
    return role === 'coordinator' || role === 'leader' ? `/reports/summary/${ref.number}` : '/reports';
  return null;
}

type CaseRow = {
  id: number;
  number: string;
  status: string;
  processInstanceKey: string | null;
  enterprise: { name: string };
};
type PetitionRow = {
  id: number;
  number: string;
  status: string;
  processInstanceKey: string | null;
  subject: string;
  petitionerKind: string;
};
type LedgerRow = {
  id: number;
  number: string;
  status: string;
  processInstanceKey: string | null;
  problem: string;
};
type WeekRow = { id: number; isoWeek: string; processInstanceKey: string | null; forwardedAt: Date | null };

export const refOf = {
  case: (r: CaseRow): RecordRef => ({
    kind: 'case',
    kindLabel: kindLabels.case,
    id: r.id,
    number: r.number,
    title: r.enterprise.name,
    status: statusLabels[r.status] ?? r.status,
    processInstanceKey: r.processInstanceKey,
    link: linkFor('case', r, r.processInstanceKey),
    flag: null,
  }),
  petition: (r: PetitionRow): RecordRef => ({
    kind: 'petition',
    kindLabel: kindLabels.petition,
    id: r.id,
    number: r.number,
    title: clip(r.subject),
    status: statusLabels[r.status] ?? r.status,
    processInstanceKey: r.processInstanceKey,
    link: linkFor('petition', r, r.processInstanceKey),
    flag: r.petitionerKind === 'enterprise' ? enterpriseFlag : null,
  }),
  ledger: (r: LedgerRow): RecordRef => ({
    kind: 'ledger',
    kindLabel: kindLabels.ledger,
    id: r.id,
    number: r.number,
    title: clip(r.problem),
    status: statusLabels[r.status] ?? r.status,
    processInstanceKey: r.processInstanceKey,
    link: linkFor('ledger', r, r.processInstanceKey),
    flag: null,
  }),
  week: (r: WeekRow): RecordRef => ({
    kind: 'week',
    kindLabel: kindLabels.week,
    id: r.id,
    number: r.isoWeek,
    title: `${r.isoWeek} 工作周报`,
    status: r.forwardedAt ? '已报送' : '进行中',
    processInstanceKey: r.processInstanceKey,
    link: linkFor('week', { id: r.id, number: r.isoWeek }, r.processInstanceKey),
    flag: null,
  }),
};

export const selects = {
  case: {
    id: true,
    number: true,
    status: true,
    processInstanceKey: true,
    enterprise: { select: { name: true } },
  },
  petition: {
    id: true,
    number: true,
    status: true,
    processInstanceKey: true,
    subject: true,
    petitionerKind: true,
  },
  ledger: { id: true, number: true, status: true, processInstanceKey: true, problem: true },
  week: { id: true, isoWeek: true, processInstanceKey: true, forwardedAt: true },
} as const;

/** The record of each process instance key that has one (one query per kind). */
export async function recordsByInstance(db: Db, keys: readonly string[]): Promise<Map<string, RecordRef>> {
  const out = new Map<string, RecordRef>();
  const unique = [...new Set(keys)];
  if (unique.length === 0) return out;
  const where = { processInstanceKey: { in: unique } };
  const [cases, petitions, ledger, weeks] = await Promise.all([
    db.enterpriseCase.findMany({ where, select: selects.case }),
    db.petition.findMany({ where, select: selects.petition }),
    db.ledgerItem.findMany({ where, select: selects.ledger }),
    db.weeklySummary.findMany({ where, select: selects.week }),
  ]);
  for (const r of cases) out.set(r.processInstanceKey!, refOf.case(r));
  for (const r of petitions) out.set(r.processInstanceKey!, refOf.petition(r));
  for (const r of ledger) out.set(r.processInstanceKey!, refOf.ledger(r));
  for (const r of weeks) out.set(r.processInstanceKey!, refOf.week(r));
  return out;
}

// The inbox asks for the same instances' records on every poll; a record's number and title do not change and
// its status may lag a few seconds. Instances without a record (yet) are remembered too, more briefly.
const refTtlMs = 10_000;
const missTtlMs = 2_000;
const refCache = new Map<string, { at: number; ref: RecordRef | null }>();

export async function cachedRecordsByInstance(
  db: Db,
  keys: readonly string[],
): Promise<Map<string, RecordRef>> {
  const now = Date.now();
  const out = new Map<string, RecordRef>();
  const missing: string[] = [];
  for (const k of new Set(keys)) {
    const hit = refCache.get(k);
    if (hit && now - hit.at < (hit.ref ? refTtlMs : missTtlMs)) {
      if (hit.ref) out.set(k, hit.ref);
    } else missing.push(k);
  }
  if (missing.length) {
    if (refCache.size > 20_000) refCache.clear();
    const found = await recordsByInstance(db, missing);
    for (const k of missing) {
      const ref = found.get(k) ?? null;
      refCache.set(k, { at: now, ref });
      if (ref) out.set(k, ref);
    }
  }
  return out;
}
