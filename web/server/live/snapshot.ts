// One poll's picture of a deployed process version: every element instance sitting in it, with its units,
// business keys and deadline, read from the engine in a handful of searches (element instances, open user
// tasks, the watched variables of the running instances) — the same few calls however many people watch.
import type { EngineApi } from '../engine/client';
import { elementInstances, openUserTasks, variablesOf, type ElementStat } from '../monitor/engine-reads';
import { businessKeyNames, elementDeadlines, unitNames, watchedNames } from '../monitor/vocabulary';

export interface LiveItem {
  key: string;
  elementId: string;
  type: string;
  processInstanceKey: string;
  startDate: string;
  incident: boolean;
  incidentKey?: string;
  units: string[];
  deadline?: { name: string; at: string };
  overdue: boolean;
  businessKeys: Record<string, string>;
  candidateGroups?: string[];
  assignee?: string;
}

export interface Snapshot {
  definitionKey: string;
  processId: string;
  takenAt: number;
  engineNow: number;
  items: LiveItem[];
  stats: ElementStat[];
}

const skipTypes = new Set(['PROCESS', 'MULTI_INSTANCE_BODY']);

export async function takeSnapshot(
  engine: EngineApi,
  def: { processDefinitionKey: string; processDefinitionId: string },
  stats: ElementStat[],
  unitCodes: ReadonlySet<string>,
  now: number,
): Promise<Snapshot> {
  const [active, tasks] = await Promise.all([
    elementInstances(engine, { processDefinitionKey: def.processDefinitionKey, state: 'ACTIVE' }),
    openUserTasks(engine, { processDefinitionKey: def.processDefinitionKey }),
  ]);
  const instanceKeys = [...new Set(active.map((e) => e.processInstanceKey))];
  const vars = await variablesOf(engine, instanceKeys, watchedNames);
  const byScope = new Map<string, Record<string, unknown>>();
  for (const v of vars) {
    let scope = byScope.get(v.scopeKey);
    if (!scope) byScope.set(v.scopeKey, (scope = {}));
    scope[v.name] = v.value;
  }
  const taskOf = new Map(tasks.map((t) => [t.elementInstanceKey, t]));
  const deadlines = elementDeadlines[def.processDefinitionId] ?? {};
  const items: LiveItem[] = [];
  for (const e of active) {
    if (skipTypes.has(e.type)) continue;
    const local = byScope.get(e.elementInstanceKey) ?? {};
    const root = byScope.get(e.processInstanceKey) ?? {};
    const task = taskOf.get(e.elementInstanceKey);
    // The item's own unit (its candidate group, or a per-unit local) decides; the process's unit only when
    // the item has none of its own — so one unit's opinion task is not counted for the handling unit too.
    const own = new Set<string>();
    for (const g of task?.candidateGroups ?? []) if (unitCodes.has(g)) own.add(g);
    for (const n of unitNames) if (typeof local[n] === 'string') own.add(local[n] as string);
    if (own.size === 0)
      for (const n of unitNames) if (typeof root[n] === 'string') own.add(root[n] as string);
    const deadlineName = deadlines[e.elementId];
    const deadlineValue = deadlineName ? (local[deadlineName] ?? root[deadlineName]) : undefined;
    const dueMs = typeof deadlineValue === 'string' ? Date.parse(deadlineValue) : NaN;
    const businessKeys: Record<string, string> = {};
    for (const n of businessKeyNames) {
      const v = local[n] ?? root[n];
      if (typeof v === 'string' && v) businessKeys[n] = v;
    }
    if (typeof root.enterpriseName === 'string') businessKeys.enterpriseName = root.enterpriseName;
    items.push({
      key: e.elementInstanceKey,
      elementId: e.elementId,
      type: e.type,
      processInstanceKey: e.processInstanceKey,
      startDate: e.startDate,
      incident: !!e.hasIncident,
      incidentKey: e.incidentKey,
      units: [...own],
      deadline: Number.isFinite(dueMs)
        ? { name: deadlineName!, at: new Date(dueMs).toISOString() }
        : undefined,
      overdue: Number.isFinite(dueMs) && dueMs < now,
      businessKeys,
      candidateGroups: task?.candidateGroups,
      assignee: task?.assignee,
    });
  }
  return {
    definitionKey: def.processDefinitionKey,
    processId: def.processDefinitionId,
    takenAt: Date.now(),
    engineNow: now,
    items,
    stats,
  };
}

export interface ElementCounts {
  active: number;
  incidents: number;
  overdue: number;
  completed?: number;
}

export type ScopeFilter = { all: true } | { all: false; unitCode: string | null };

export const inScope = (item: LiveItem, scope: ScopeFilter) =>
  scope.all || (scope.unitCode !== null && item.units.includes(scope.unitCode));

/** Badges per element as a scope sees them; completed counts (history) only for those who see everything. */
export function countsFor(snapshot: Snapshot, scope: ScopeFilter): Record<string, ElementCounts> {
  const out: Record<string, ElementCounts> = {};
  const get = (id: string) => (out[id] ??= { active: 0, incidents: 0, overdue: 0 });
  for (const item of snapshot.items) {
    if (!inScope(item, scope)) continue;
    const c = get(item.elementId);
    if (item.incident) c.incidents++;
    else c.active++;
    if (item.overdue) c.overdue++;
  }
  if (scope.all)
    for (const s of snapshot.stats) if (s.completed > 0) get(s.elementId).completed = s.completed;
  return out;
}

export const scopeKeyOf = (scope: ScopeFilter) => (scope.all ? 'all' : `unit:${scope.unitCode ?? '-'}`);
