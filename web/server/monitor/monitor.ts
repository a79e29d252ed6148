// The 流程监控 answers: the four processes with their counts, one process version's diagram, the items
// sitting at an element (business keys, waiting time, what the element waits for) — all from the live
// poller's snapshot, so opening pages adds no engine queries beyond the poller's own — and the heat view.
import { z } from 'zod';
import type { Principal } from '../../../domain/auth/roles';
import type { Db } from '../../../domain/db/client';
import type { EngineApi } from '../engine/client';
import { HttpError } from '../http/problem';
import type { LiveHub } from '../live/hub';
import { inScope, type ScopeFilter } from '../live/snapshot';
import { viewerOf } from '../tasks/access';
import { recordsByInstance } from '../tasks/records';
import { bpmnFacts, evaluateSimple } from './bpmn-facts';
import { countInstances, definitions, definitionXml, variablesOf, type DefinitionRef } from './engine-reads';
import { businessKeyLabels, deadlineLabels, processIds, processNames } from './vocabulary';

export async function scopeOf(db: Db, principal: Principal): Promise<ScopeFilter> {
  if (principal.role !== 'unit-user' && principal.role !== 'unit-lead') return { all: true };
  return { all: false, unitCode: (await viewerOf(db, principal)).unitCode ?? null };
}

export function knownProcess(processId: string): string {
  if (!processIds.includes(processId)) throw new HttpError(404, '未找到', '没有这个流程');
  return processId;
}

const versionParam = z.coerce.number().int().min(1).max(1_000_000).optional();

/** The chosen version's definition (the latest when none is asked for), and all versions for the selector. */
export async function chooseDefinition(engine: EngineApi, processId: string, version: unknown) {
  const parsed = versionParam.safeParse(version === '' ? undefined : version);
  if (!parsed.success)
    throw new HttpError(400, '输入有误', 'version：应为正整数', {
      errors: [{ field: 'version', message: '应为正整数' }],
    });
  const all = await definitions(engine, knownProcess(processId));
  if (!all.length) throw new HttpError(503, '流程未部署', '该流程尚未部署到流程引擎，请联系系统管理员');
  const def = parsed.data === undefined ? all[0]! : all.find((d) => d.version === parsed.data);
  if (!def) throw new HttpError(404, '未找到', `该流程没有第 ${parsed.data} 版`);
  return { def, all };
}

const startOfToday = (now: number) => {
  const day = new Intl.DateTimeFormat('en-CA', { timeZone: 'Asia/Shanghai' }).format(new Date(now));
  return new Date(`${day}T00:00:00+08:00`).toISOString();
};

export async function overview(hub: LiveHub, scope: ScopeFilter) {
  const engine = hub.engine;
  const processes = await Promise.all(
    processIds.map(async (processId) => {
      const all = await definitions(engine, processId);
      const latest = all[0];
      if (!latest) return { processId, name: processNames[processId], deployed: false };
      const snapshot = await hub.poller(latest).current();
      const items = snapshot.items.filter((i) => inScope(i, scope));
      // A matter is late once per unit, however many of its nested steps share the deadline (a unit's round
      // and the task inside it): the card agrees with the overdue tasks in the units' inboxes.
      const overdue = new Set(
        items.filter((i) => i.overdue).map((i) => `${i.processInstanceKey}|${[...i.units].sort().join(',')}`),
      ).size;
      if (!scope.all) {
        return {
          processId,
          name: processNames[processId],
          deployed: true,
          version: latest.version,
          running: new Set(items.map((i) => i.processInstanceKey)).size,
          incidents: new Set(items.filter((i) => i.incident).map((i) => i.processInstanceKey)).size,
          overdue,
          finishedToday: null,
        };
      }
      const base = { processDefinitionId: processId };
      const [running, incidents, finishedToday] = await Promise.all([
        countInstances(engine, { ...base, state: 'ACTIVE' }),
        countInstances(engine, { ...base, state: 'ACTIVE', hasIncident: true }),
        countInstances(engine, {
          ...base,
          state: 'COMPLETED',
          endDate: { $gte: startOfToday(snapshot.engineNow) },
        }),
      ]);
      return {
        processId,
        name: processNames[processId],
        deployed: true,
        version: latest.version,
        running,
        incidents,
        overdue,
        finishedToday,
      };
    }),
  );
  return { processes };
}

export async function diagram(engine: EngineApi, processId: string, version: unknown) {
  const { def, all } = await chooseDefinition(engine, processId, version);
  return {
    processId,
    name: processNames[processId],
    version: def.version,
    processDefinitionKey: def.processDefinitionKey,
    versions: all.map((d) => d.version),
    xml: await definitionXml(engine, def.processDefinitionKey),
  };
}

const sortKeys = ['waited', 'businessKey', 'unit'] as const;
/** Rows the element list shows at most (the badge gives the full count). */
const LIST_LIMIT = 500;
const itemQuery = z.object({
  version: z.unknown().optional(),
  sort: z.enum(sortKeys).default('waited'),
  order: z.enum(['asc', 'desc']).default('desc'),
});

/** The items sitting at one element, as the viewer's scope allows, with what the element waits for. */
export async function elementItems(
  db: Db,
  hub: LiveHub,
  scope: ScopeFilter,
  processId: string,
  elementId: string,
  query: unknown,
) {
  const q = itemQuery.safeParse(query);
  if (!q.success)
    throw new HttpError(400, '输入有误', '排序参数无效', {
      errors: q.error.issues.map((i) => ({ field: String(i.path[0] ?? ''), message: '取值无效' })),
    });
  const { def } = await chooseDefinition(hub.engine, processId, q.data.version);
  const facts = bpmnFacts(
    def.processDefinitionKey,
    await definitionXml(hub.engine, def.processDefinitionKey),
  );
  const element = facts.get(elementId);
  if (!element) throw new HttpError(404, '未找到', '该流程图中没有这个环节');
  const snapshot = await hub.poller(def).current();
  const all = snapshot.items.filter((i) => i.elementId === elementId && inScope(i, scope));
  const unitNames = await db.unit.findMany({ select: { code: true, shortName: true } });
  const nameOf = new Map(unitNames.map((u) => [u.code, u.shortName]));
  // Sorted on what the snapshot holds, then only the first page is joined with records and variables.
  const dir = q.data.order === 'asc' ? 1 : -1;
  const keyOf = (i: (typeof all)[number]): string | number =>
    q.data.sort === 'waited'
      ? -Date.parse(i.startDate)
      : q.data.sort === 'unit'
        ? i.units.map((u) => nameOf.get(u) ?? u).join('、')
        : (Object.values(i.businessKeys)[0] ?? '');
  all.sort((a, b) => (keyOf(a) < keyOf(b) ? -dir : keyOf(a) > keyOf(b) ? dir : 0));
  const here = all.slice(0, LIST_LIMIT);
  // Only the variables the waits are written in (e.g. opinionDueAt, caseNumber).
  const names = [...element.waits.map((w) => w.expression), element.candidateGroups]
    .flatMap((e) => (e?.startsWith('=') ? (e.match(/[A-Za-z_]\w*/g) ?? []) : []))
    .filter((n, i, a) => a.indexOf(n) === i);
  const [records, vars] = await Promise.all([
    recordsByInstance(
      db,
      here.map((i) => i.processInstanceKey),
    ),
    names.length && here.length
      ? variablesOf(hub.engine, [...new Set(here.map((i) => i.processInstanceKey))], names)
      : [],
  ]);
  const unitName = nameOf;
  const scopeVars = new Map<string, Record<string, unknown>>();
  for (const v of vars)
    (scopeVars.get(v.scopeKey) ?? scopeVars.set(v.scopeKey, {}).get(v.scopeKey)!)[v.name] = v.value;
  const now = snapshot.engineNow;
  const items = here.map((i) => {
    const visible = { ...(scopeVars.get(i.processInstanceKey) ?? {}), ...(scopeVars.get(i.key) ?? {}) };
    const record = records.get(i.processInstanceKey) ?? null;
    const keys = Object.entries(i.businessKeys)
      .filter(([k]) => k in businessKeyLabels)
      .map(([k, v]) => ({ label: businessKeyLabels[k]!, value: v }));
    return {
      elementInstanceKey: i.key,
      processInstanceKey: i.processInstanceKey,
      link: `/instances/${i.processInstanceKey}`,
      businessKey: keys[0]?.value ?? record?.number ?? null,
      businessKeys: keys,
      enterprise: i.businessKeys.enterpriseName ?? (record?.kind === 'case' ? record.title : null),
      title: record?.title ?? null,
      units: i.units.map((u) => unitName.get(u) ?? u),
      since: i.startDate,
      waitedMs: Math.max(0, now - Date.parse(i.startDate)),
      incident: i.incident,
      overdue: i.overdue,
      deadline: i.deadline
        ? { label: deadlineLabels[i.deadline.name] ?? i.deadline.name, at: i.deadline.at }
        : null,
      waitsFor: waitsFor(element, i, visible, unitName),
    };
  });
  return {
    elementId,
    name: element.name ?? elementId,
    type: element.type,
    engineNow: new Date(now).toISOString(),
    total: all.length,
    items,
  };
}

type Facts = ReturnType<typeof bpmnFacts> extends Map<string, infer F> ? F : never;

function waitsFor(
  element: Facts,
  item: { candidateGroups?: string[]; assignee?: string },
  vars: Record<string, unknown>,
  unitName: Map<string, string>,
): { kind: string; label: string; detail: string }[] {
  const out: { kind: string; label: string; detail: string }[] = [];
  const groupName = (g: string) =>
    g === 'coordinators' ? '专班办公室' : g === 'leaders' ? '专班领导' : (unitName.get(g) ?? g);
  if (element.type === 'userTask') {
    const groups =
      item.candidateGroups ?? (evaluateSimple(element.candidateGroups, vars) as string[] | undefined);
    out.push({
      kind: 'user-task',
      label: '待办理',
      detail: `候选组：${(groups ?? []).map(groupName).join('、') || '—'}；办理人：${item.assignee ?? '未认领'}`,
    });
  }
  for (const w of element.waits) {
    const value = evaluateSimple(w.expression, vars);
    if (w.kind === 'timer') {
      const when = typeof value === 'string' ? value : undefined;
      out.push({
        kind: 'timer',
        label: w.eventName ? `定时：${w.eventName}` : '定时',
        detail: when ? `到期时间 ${formatShanghai(when)}` : `表达式 ${w.expression ?? '—'}（尚无取值）`,
      });
    } else {
      out.push({
        kind: 'message',
        label: w.eventName ? `等待消息：${w.eventName}` : '等待消息',
        detail: `消息名称 ${w.messageName ?? '—'}；关联键 ${value === undefined ? (w.expression ?? '—') : String(value)}`,
      });
    }
  }
  return out;
}

export function formatShanghai(iso: string): string {
  const d = new Date(iso);
  if (Number.isNaN(d.getTime())) return iso;
  return new Intl.DateTimeFormat('zh-CN', {
    timeZone: 'Asia/Shanghai',
    dateStyle: 'medium',
    timeStyle: 'short',
  }).format(d);
}

export type { DefinitionRef };
