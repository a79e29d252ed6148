// The instance page (/instances/<key>): the diagram with the taken path and execution counts, the history
// (audit rows of the domain record merged with the element history), the record, the variables, the parent
// and child instances, and the incidents — found by the engine's instance key or by a business key
// (XT-…, XF-…, ZG-…, 2026-W48). A unit user sees only instances that concern its unit (else 404). A case
// shows its next coordination meeting; the message forms the caller may send now are offered (会议改期, 申请延期).
import type { Principal } from '../../../domain/auth/roles';
import type { Db } from '../../../domain/db/client';
import type { EngineApi } from '../engine/client';
import { meetingFacts, meetingReschedule } from '../cases/meeting-reschedule';
import { messageForms } from '../messages';
import { offeredForms, rootVars } from '../messages/spec';
import { HttpError } from '../http/problem';
import { recordAudit, recordSummary } from '../tasks/record-summary';
import { recordPageFor, recordsByInstance } from '../tasks/records';
import { engineCall, now } from '../tasks/engine-calls';
import { definitionXml, elementInstances, instanceStatistics, variablesOf } from './engine-reads';
import { scopeOf } from './monitor';
import { processNames } from './vocabulary';

export interface InstanceRow {
  processInstanceKey: string;
  processDefinitionKey: string;
  processDefinitionId: string;
  processDefinitionName?: string;
  processDefinitionVersion: number;
  state: string;
  startDate: string;
  endDate?: string;
  hasIncident?: boolean;
  parentProcessInstanceKey?: string;
}

export interface IncidentRow {
  incidentKey: string;
  errorType: string;
  errorMessage: string;
  elementId: string;
  elementInstanceKey: string;
  creationTime: string;
  state: string;
  jobKey?: string;
}

const notFound = '未找到该流程实例';

/** The instance key for a path parameter: the engine's key itself, or the instance of a business key. */
export async function resolveInstanceKey(db: Db, raw: string): Promise<string> {
  if (/^[1-9][0-9]{0,18}$/.test(raw)) return raw;
  const key = raw.trim();
  if (!/^[A-Za-z0-9-]{3,40}$/.test(key)) throw new HttpError(404, '未找到', notFound);
  const where = { number: key };
  const found =
    (await db.enterpriseCase.findUnique({ where, select: { processInstanceKey: true } })) ??
    (await db.petition.findUnique({ where, select: { processInstanceKey: true } })) ??
    (await db.ledgerItem.findUnique({ where, select: { processInstanceKey: true } })) ??
    (await db.weeklySummary.findUnique({ where: { isoWeek: key }, select: { processInstanceKey: true } }));
  if (!found?.processInstanceKey) throw new HttpError(404, '未找到', `没有编号为 ${key} 的流程实例`);
  return found.processInstanceKey;
}

export async function loadInstance(engine: EngineApi, key: string): Promise<InstanceRow> {
  return (await engineCall(
    () => engine.getProcessInstance({ processInstanceKey: key } as never, now as never),
    notFound,
  )) as InstanceRow;
}

const unitVariables = ['unitCode', 'handlingUnitCode', 'leadUnitCode', 'receivingUnitCode'];
const unitListVariables = ['involvedUnitCodes', 'assistingUnitCodes', 'units', 'meetingAttendeeUnits'];

/** True when a unit's code is among the instance's unit variables. */
export function concernsUnit(vars: { name: string; value: unknown }[], unitCode: string | null): boolean {
  if (!unitCode) return false;
  return vars.some(
    (v) =>
      (unitVariables.includes(v.name) && v.value === unitCode) ||
      (unitListVariables.includes(v.name) && Array.isArray(v.value) && v.value.includes(unitCode)),
  );
}

/**
 * The instance, or 404 when it does not exist or the principal's unit may not see it; with the caller's unit
 * (null for the office, leaders and admins, who see every unit).
 */
export async function visibleInstance(db: Db, engine: EngineApi, principal: Principal, raw: string) {
  const key = await resolveInstanceKey(db, raw);
  const instance = await loadInstance(engine, key);
  const vars = await variablesOf(engine, [key]);
  const scope = await scopeOf(db, principal);
  if (!scope.all && !concernsUnit(vars, scope.unitCode)) throw new HttpError(404, '未找到', notFound);
  return { key, instance, vars, unitCode: scope.all ? null : (scope.unitCode ?? null) };
}

export async function instancePage(db: Db, engine: EngineApi, principal: Principal, raw: string) {
  const { key, instance, vars, unitCode } = await visibleInstance(db, engine, principal, raw);
  const [xml, flows, stats, history, incidents, children, parent, records] = await Promise.all([
    definitionXml(engine, instance.processDefinitionKey),
    engineCall(() =>
      engine.getProcessInstanceSequenceFlows({ processInstanceKey: key } as never, now as never),
    ),
    instanceStatistics(engine, key),
    elementInstances(
      engine,
      { processInstanceKey: key },
      { sort: [{ field: 'startDate', order: 'ASC' }], max: 5000 },
    ),
    engineCall(() =>
      engine.searchIncidents(
        { filter: { processInstanceKey: key }, page: { limit: 100 } } as never,
        now as never,
      ),
    ),
    engineCall(() =>
      engine.searchProcessInstances(
        { filter: { parentProcessInstanceKey: key }, page: { limit: 200 } } as never,
        now as never,
      ),
    ),
    instance.parentProcessInstanceKey
      ? loadInstance(engine, instance.parentProcessInstanceKey).catch(() => null)
      : null,
    recordsByInstance(db, [key]),
  ]);
  const record = records.get(key) ?? null;
  const [summary, audit] = record
    ? await Promise.all([recordSummary(db, record), recordAudit(db, record)])
    : [null, []];
  const names = new Map(history.map((e) => [e.elementInstanceKey, e.elementName ?? e.elementId]));
  const counts = stats.map((s) => ({
    elementId: s.elementId,
    active: s.active,
    incidents: s.incidents,
    completed: s.completed,
    canceled: s.canceled,
  }));
  const root = rootVars(key, vars);
  const caseNumber = root.get('caseNumber');
  const meeting =
    instance.processDefinitionId === meetingReschedule.processId &&
    instance.state === 'ACTIVE' &&
    typeof caseNumber === 'string'
      ? await meetingFacts(db, caseNumber)
      : null;
  const actions = offeredForms(
    messageForms,
    { db, principal, unitCode, vars: root, now: new Date() },
    instance,
    counts,
  );
  const brief = (i: InstanceRow) => ({
    processInstanceKey: i.processInstanceKey,
    processName: processNames[i.processDefinitionId] ?? i.processDefinitionName ?? i.processDefinitionId,
    state: i.state,
    startDate: i.startDate,
    endDate: i.endDate ?? null,
    link: `/instances/${i.processInstanceKey}`,
  });
  const timeline = [
    ...audit.map((a) => ({
      at: new Date(a.at).toISOString(),
      kind: 'audit' as const,
      who: a.actor,
      what: a.action,
    })),
    ...history
      // Unnamed gateways and events are plumbing, not steps a person would recognise.
      .filter(
        (e) =>
          e.type !== 'MULTI_INSTANCE_BODY' &&
          e.type !== 'SEQUENCE_FLOW' &&
          (e.type === 'PROCESS' || (!!e.elementName && e.elementName !== e.elementId)),
      )
      .map((e) => ({
        at: e.startDate,
        endAt: e.endDate ?? null,
        kind: 'element' as const,
        who: null,
        what: e.type === 'PROCESS' ? '流程实例' : (e.elementName ?? e.elementId),
        state: e.state,
      })),
  ].sort((a, b) => (a.at < b.at ? -1 : a.at > b.at ? 1 : 0));
  return {
    processInstanceKey: key,
    processId: instance.processDefinitionId,
    processName:
      processNames[instance.processDefinitionId] ??
      instance.processDefinitionName ??
      instance.processDefinitionId,
    version: instance.processDefinitionVersion,
    state: instance.state,
    startDate: instance.startDate,
    endDate: instance.endDate ?? null,
    xml,
    takenFlows: [
      ...new Set(
        ((flows as unknown as { items: { elementId: string }[] }).items ?? []).map((f) => f.elementId),
      ),
    ],
    counts,
    timeline,
    meeting,
    actions,
    record: record ? { ...record, rows: summary!.rows, page: recordPageFor(record, principal.role) } : null,
    variables: vars
      .map((v) => ({
        name: v.name,
        value: v.value,
        scope: v.scopeKey === key ? '流程' : (names.get(v.scopeKey) ?? v.scopeKey),
      }))
      .sort((a, b) => (a.scope === b.scope ? a.name.localeCompare(b.name) : a.scope === '流程' ? -1 : 1)),
    incidents: ((incidents as unknown as { items: IncidentRow[] }).items ?? []).map((i) => ({
      incidentKey: i.incidentKey,
      errorType: i.errorType,
      errorMessage: i.errorMessage,
      elementId: i.elementId,
      elementName: names.get(i.elementInstanceKey) ?? i.elementId,
      creationTime: i.creationTime,
      state: i.state,
      retryable: i.state === 'ACTIVE',
    })),
    parent: parent ? brief(parent) : null,
    children: ((children as unknown as { items: InstanceRow[] }).items ?? []).map(brief),
  };
}
