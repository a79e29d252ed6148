// The record an audit row is about, named as the office names it — 台账编号, 案件编号, 信访编号, a person's
// name, a unit's, a week — and linked to the page an admin can open (the process instance, the admin pages,
// the outbox — not the pages an admin may not open); the database id only when the record is gone. One query per record type on the page.
import { parsePeriod } from '../../../domain/assessment/period';
import { dimensionNames, type DimensionCode } from '../../../domain/assessment/rules';
import { sanctionKindLabels, type SanctionKind } from '../../../domain/assessment/sanctions';
import type { Db } from '../../../domain/db/client';
import { processNames } from '../monitor/vocabulary';
import type { AuditRowData } from './audit-lookups';

export interface RecordName {
  label: string;
  href?: string;
}

type Named = Map<string, RecordName>;
type Resolver = (db: Db, ids: number[], keys: string[]) => Promise<Named>;

const week = (w: string) => {
  const m = /^(\d{4})-W(\d{2})$/.exec(w);
  return m ? `${m[1]}年第${Number(m[2])}周` : w;
};
const periodLabel = (p: string) => {
  try {
    return parsePeriod(p).label;
  } catch {
    return p;
  }
};
const instance = (key: string | null) => (key ? `/instances/${key}` : undefined);
const byId = <T extends { id: number }>(rows: T[], name: (r: T) => RecordName): Named =>
  new Map(rows.map((r) => [String(r.id), name(r)]));
const numbered = { id: true, number: true, processInstanceKey: true } as const;
const where = (ids: number[]) => ({ where: { id: { in: ids } } });

const resolvers: Record<string, Resolver> = {
  ledgerItem: async (db, ids) =>
    byId(await db.ledgerItem.findMany({ ...where(ids), select: numbered }), (r) => ({
      label: r.number,
      href: instance(r.processInstanceKey),
    })),
  enterpriseCase: async (db, ids) =>
    byId(await db.enterpriseCase.findMany({ ...where(ids), select: numbered }), (r) => ({
      label: r.number,
      href: instance(r.processInstanceKey),
    })),
  petition: async (db, ids) =>
    byId(await db.petition.findMany({ ...where(ids), select: numbered }), (r) => ({
      label: r.number,
      href: instance(r.processInstanceKey),
    })),
  majorMatter: async (db, ids) =>
    byId(await db.majorMatter.findMany({ ...where(ids), select: { ...numbered, title: true } }), (r) => ({
      label: `${r.number} ${r.title}`,
      href: instance(r.processInstanceKey),
    })),
  user: async (db, ids) =>
    byId(
      await db.user.findMany({ ...where(ids), select: { id: true, displayName: true, username: true } }),
      (r) => ({ label: `${r.displayName}（${r.username}）`, href: '/admin' }),
    ),
  // A sign-in names the person when the name was theirs, else the name as it was typed.
  login: async (db, _ids, keys) => {
    const users = await db.user.findMany({
      where: { username: { in: keys } },
      select: { displayName: true, username: true },
    });
    const named = new Map(users.map((u) => [u.username, u.displayName]));
    return new Map(
      keys.map((k): [string, RecordName] => {
        const name = named.get(k);
        return [k, name ? { label: `${name}（${k}）`, href: '/admin' } : { label: k }];
      }),
    );
  },
  unit: async (db, ids) =>
    byId(await db.unit.findMany({ ...where(ids), select: { id: true, name: true } }), (r) => ({
      label: r.name,
      href: '/admin/units',
    })),
  unitChatRobot: async (db, ids) =>
    byId(await db.unit.findMany({ ...where(ids), select: { id: true, name: true } }), (r) => ({
      label: `${r.name}的群机器人`,
      href: '/admin/units',
    })),
  position: async (db, ids) =>
    byId(
      await db.position.findMany({
        ...where(ids),
        select: { id: true, title: true, unit: { select: { name: true } } },
      }),
      (r) => ({ label: r.unit ? `${r.title}（${r.unit.name}）` : r.title, href: '/admin/units' }),
    ),
  planTask: async (db, ids) =>
    byId(
      await db.planTask.findMany({ ...where(ids), select: { id: true, number: true, title: true } }),
      (r) => ({ label: `任务${r.number}：${r.title}`, href: '/admin/plan' }),
    ),
  indicator: async (db, ids) =>
    byId(await db.indicator.findMany({ ...where(ids), select: { id: true, name: true } }), (r) => ({
      label: r.name,
      href: '/admin/plan',
    })),
  indicatorPeriodFigure: async (db, ids) =>
    byId(
      await db.indicatorPeriodFigure.findMany({
        ...where(ids),
        select: { id: true, period: true, indicator: { select: { name: true } } },
      }),
      (r) => ({ label: `${r.indicator.name}（${r.period}）` }),
    ),
  deadlineRule: async (db, ids) =>
    byId(await db.deadlineRule.findMany({ ...where(ids), select: { id: true, name: true } }), (r) => ({
      label: r.name,
      href: '/admin/calendars',
    })),
  calendarYear: async (_db, _ids, keys) =>
    new Map(keys.map((y) => [y, { label: `${y}年节假日安排`, href: '/admin/calendars' }])),
  assessmentRules: async (_db, _ids, keys) =>
    new Map(keys.map((k) => [k, { label: '考核规则', href: '/admin/assessment' }])),
  weeklyReport: async (db, ids) =>
    byId(
      await db.weeklyReport.findMany({
        ...where(ids),
        select: { id: true, isoWeek: true, processInstanceKey: true, unit: { select: { name: true } } },
      }),
      (r) => ({ label: `${r.unit.name} ${week(r.isoWeek)}周报`, href: instance(r.processInstanceKey) }),
    ),
  weeklySummary: async (db, ids) =>
    byId(
      await db.weeklySummary.findMany({
        ...where(ids),
        select: { id: true, isoWeek: true, processInstanceKey: true },
      }),
      (r) => ({ label: `${week(r.isoWeek)}周报汇总`, href: instance(r.processInstanceKey) }),
    ),
  progressMeeting: async (db, ids) =>
    byId(
      await db.progressMeeting.findMany({ ...where(ids), select: { id: true, title: true, heldOn: true } }),
      (r) => ({ label: `${r.title}（${r.heldOn}）` }),
    ),
  coordinationMeeting: async (db, ids) =>
    byId(
      await db.coordinationMeeting.findMany({
        ...where(ids),
        select: { id: true, sequence: true, case: { select: { number: true, processInstanceKey: true } } },
      }),
      (r) => ({
        label: `${r.case.number} 第${r.sequence}次协调会`,
        href: instance(r.case.processInstanceKey),
      }),
    ),
  caseOpinion: async (db, ids) =>
    byId(
      await db.caseOpinion.findMany({
        ...where(ids),
        select: {
          id: true,
          unit: { select: { name: true } },
          case: { select: { number: true, processInstanceKey: true } },
        },
      }),
      (r) => ({
        label: `${r.case.number} ${r.unit.name}书面意见`,
        href: instance(r.case.processInstanceKey),
      }),
    ),
  petitionNotice: async (db, ids) =>
    petitionPart(await db.petitionNotice.findMany(petitionOf(ids)), '告知书'),
  petitionReply: async (db, ids) =>
    petitionPart(await db.petitionReply.findMany(petitionOf(ids)), '答复意见'),
  publicReplySession: async (db, ids) =>
    petitionPart(await db.publicReplySession.findMany(petitionOf(ids)), '公开答复'),
  supervisionCircular: async (db, ids) =>
    byId(
      await db.supervisionCircular.findMany({ ...where(ids), select: { id: true, title: true } }),
      (r) => ({
        label: r.title,
      }),
    ),
  outboxMessage: async (db, ids) =>
    byId(await db.outboxMessage.findMany({ ...where(ids), select: { id: true, subject: true } }), (r) => ({
      label: r.subject,
      href: `/outbox/${r.id}`,
    })),
  enterprise: async (db, ids) =>
    byId(await db.enterprise.findMany({ ...where(ids), select: { id: true, name: true } }), (r) => ({
      label: r.name,
    })),
  longPendingCase: async (db, ids) =>
    byId(
      await db.longPendingCase.findMany({ ...where(ids), select: { id: true, caseNumber: true } }),
      (r) => ({
        label: r.caseNumber,
      }),
    ),
  caseReviewBatch: async (db, ids) =>
    byId(await db.caseReviewBatch.findMany({ ...where(ids), select: { id: true, title: true } }), (r) => ({
      label: r.title,
    })),
  caseReviewSample: async (db, ids) =>
    byId(
      await db.caseReviewSample.findMany({ ...where(ids), select: { id: true, caseNumber: true } }),
      (r) => ({
        label: r.caseNumber,
      }),
    ),
  publicityItem: async (db, ids) =>
    byId(await db.publicityItem.findMany({ ...where(ids), select: { id: true, title: true } }), (r) => ({
      label: r.title,
    })),
  assessmentSanction: async (db, ids) =>
    byId(
      await db.assessmentSanction.findMany({
        ...where(ids),
        select: { id: true, period: true, kind: true, unit: { select: { name: true } } },
      }),
      (r) => ({
        label: `${r.unit.name} ${periodLabel(r.period)}${sanctionKindLabels[r.kind as SanctionKind] ?? ''}`,
      }),
    ),
  // A score is kept per unit, period and dimension (`3:2026-Q4:daily-work`).
  assessmentEntry: async (db, _ids, keys) => {
    const parts = keys.map((k) => k.split(':'));
    const units = await db.unit.findMany({
      where: { id: { in: parts.map(([u]) => Number(u)).filter(Number.isInteger) } },
      select: { id: true, name: true },
    });
    const unit = new Map(units.map((u) => [String(u.id), u.name]));
    const dimension = (code: string) => dimensionNames[code as DimensionCode] ?? code;
    return new Map(
      keys.map((k, i) => {
        const [u = '', period = '', dim = ''] = parts[i]!;
        return [k, { label: `${unit.get(u) ?? ''} ${periodLabel(period)} ${dimension(dim)}`.trim() }];
      }),
    );
  },
  processInstance: async (_db, _ids, keys) =>
    new Map(
      keys.map((k) => [k, { label: '流程实例', href: /^\d+$/.test(k) ? `/instances/${k}` : undefined }]),
    ),
};

function petitionOf(ids: number[]) {
  return {
    ...where(ids),
    select: { id: true, petition: { select: { number: true, processInstanceKey: true } } },
  } as const;
}
function petitionPart(
  rows: { id: number; petition: { number: string; processInstanceKey: string | null } }[],
  what: string,
) {
  return byId(rows, (r) => ({
    label: `${r.petition.number} ${what}`,
    href: instance(r.petition.processInstanceKey),
  }));
}

/** Each row's record name, keyed `entity:entityId`; rows whose record is gone are absent. */
export async function recordNames(db: Db, rows: AuditRowData[]): Promise<Map<string, RecordName>> {
  const keysByEntity = new Map<string, Set<string>>();
  for (const r of rows) {
    if (!keysByEntity.has(r.entity)) keysByEntity.set(r.entity, new Set());
    keysByEntity.get(r.entity)!.add(r.entityId);
  }
  const out = new Map<string, RecordName>();
  await Promise.all(
    [...keysByEntity].map(async ([entity, keys]) => {
      const resolve = resolvers[entity];
      if (!resolve) return;
      const all = [...keys];
      const ids = all.map(Number).filter((n) => Number.isInteger(n));
      for (const [k, name] of await resolve(db, ids, all)) out.set(`${entity}:${k}`, name);
    }),
  );
  return out;
}

/** A started process or a completed task: the process's name with the business number it started with, or
 * with the task's step. */
export function processRecord(
  entity: string,
  after: unknown,
  found: RecordName | undefined,
  steps: Map<string, string>,
) {
  if (entity !== 'processInstance' && entity !== 'userTask') return found;
  const a = (after ?? {}) as {
    processDefinitionId?: string;
    processInstanceKey?: string;
    record?: string;
    elementId?: string;
    taskName?: string;
  };
  const process = a.processDefinitionId
    ? (processNames[a.processDefinitionId] ?? steps.get(a.processDefinitionId))
    : undefined;
  if (!process) return found;
  const step = a.taskName ?? steps.get(`${a.processDefinitionId}:${a.elementId}`) ?? '待办任务';
  const what = entity === 'userTask' ? `${process}·${step}` : a.record ? `${process} ${a.record}` : process;
  return { label: what, href: a.processInstanceKey ? `/instances/${a.processInstanceKey}` : found?.href };
}
