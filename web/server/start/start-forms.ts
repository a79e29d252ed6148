// 发起: the processes a person starts by hand, each with the process's own start form from the engine, and
// who may start it. A submission is validated against that form, then becomes a process instance (the
// workers create the domain record inside it, so nothing is left half made) — or, for a weekly round, the
// `weekly-report-due` message with messageId = the ISO week, so a week is never started twice.
import { DateTime } from 'luxon';
import type { Principal, Role } from '../../../domain/auth/roles';
import type { Db } from '../../../domain/db/client';
import type { EngineApi } from '../engine/client';
import { HttpError } from '../http/problem';
import { readFormSchema, type FormSchema } from '../forms/form-schema';
import { engineCall, now, sdkStatus } from '../tasks/engine-calls';
import { recordsByInstance, type RecordRef } from '../tasks/records';

export interface Startable {
  processId: string;
  title: string;
  description: string;
  roles: readonly Role[];
  /**
   * The start event the instance starts at, whose worker registers the record for the person starting it
   * (absent for the weekly round, which starts by message like the schedule's).
   */
  startEventId?: string;
}

export const startables: Startable[] = [
  {
    processId: 'case-coordination',
    startEventId: 'StartEvent_CaseRegistered',
    title: '登记涉企案件',
    description: '提请专班协调会研究的涉企案件，登记后进入受理审查',
    roles: ['coordinator'],
  },
  {
    processId: 'petition-reply',
    startEventId: 'StartEvent_PetitionRegistered',
    title: '登记信访事项',
    description: '企业或个人的信访、投诉，登记后由接收单位分类处理',
    roles: ['coordinator', 'unit-user', 'unit-lead'],
  },
  {
    processId: 'rectification',
    startEventId: 'StartEvent_LedgerOpened',
    title: '建立整改事项',
    description: '专班办公室督办的问题，建立台账后下发督办通知书',
    roles: ['coordinator'],
  },
  {
    processId: 'weekly-report',
    title: '发起本周周报',
    description: '补发某一周的周报填报（每周五 09:00 自动发起，同一周不会重复）',
    roles: ['coordinator'],
  },
  {
    processId: 'major-matter',
    startEventId: 'StartEvent_MatterFlagged',
    title: '报告重大事项',
    description: '重大事项及时报工作专班组长，由组长决定是否召开会议研究',
    roles: ['coordinator'],
  },
];

export function startableFor(principal: Principal, processId: string): Startable {
  const s = startables.find((x) => x.processId === processId);
  if (!s) throw new HttpError(404, '未找到', '没有这个可发起的流程');
  if (!s.roles.includes(principal.role)) throw new HttpError(403, '无权发起', `当前角色不能${s.title}`);
  return s;
}

export async function latestDefinition(engine: EngineApi, processId: string) {
  const res = (await engineCall(() =>
    engine.searchProcessDefinitions(
      { filter: { processDefinitionId: processId, isLatestVersion: true }, page: { limit: 1 } } as never,
      now as never,
    ),
  )) as unknown as { items: { processDefinitionKey: string; name?: string; version: number }[] };
  const def = res.items[0];
  if (!def) throw new HttpError(503, '流程未部署', '该流程尚未部署到流程引擎，请联系系统管理员');
  return def;
}

export async function startForm(engine: EngineApi, processId: string): Promise<FormSchema> {
  const def = await latestDefinition(engine, processId);
  const form = (await engineCall(
    () =>
      engine.getStartProcessForm({ processDefinitionKey: def.processDefinitionKey } as never, now as never),
    '该流程没有发起表单',
  )) as unknown as { schema?: unknown } | undefined;
  const schema = form?.schema ? readFormSchema(form.schema) : undefined;
  if (!schema) throw new HttpError(503, '表单缺失', '该流程没有发起表单，请联系系统管理员');
  return schema;
}

export interface StartResult {
  processId: string;
  processInstanceKey: string | null;
  record: RecordRef | null;
  /** Where the user finds what they started. */
  link: string;
  message: string;
  duplicate?: boolean;
}

/** Waits briefly for the worker to create the record of a new instance, so the user can be sent to it. */
async function awaitRecord(db: Db, key: string, ms = 6000): Promise<RecordRef | null> {
  const until = Date.now() + ms;
  for (;;) {
    const found = (await recordsByInstance(db, [key])).get(key);
    if (found || Date.now() > until) return found ?? null;
    await new Promise((r) => setTimeout(r, 150));
  }
}

export async function startInstance(
  db: Db,
  engine: EngineApi,
  processId: string,
  variables: Record<string, unknown>,
  started: (processInstanceKey: string) => Promise<void> = async () => undefined,
): Promise<StartResult> {
  if (processId === 'weekly-report') return startWeek(db, engine, String(variables.isoWeek), variables);
  const created = (await engineCall(() =>
    engine.createProcessInstance({ processDefinitionId: processId, variables } as never),
  )) as unknown as { processInstanceKey: string };
  const key = String(created.processInstanceKey);
  await started(key);
  return startedInstance(db, processId, key);
}

/** The answer for an instance already started: its record (once the worker made it) and where to find it. */
export async function startedInstance(db: Db, processId: string, key: string): Promise<StartResult> {
  const record = await awaitRecord(db, key);
  return {
    processId,
    processInstanceKey: key,
    record,
    link: record?.link ?? `/instances/${key}`,
    message: record ? `已登记，编号 ${record.number}` : '已提交，正在生成编号，请稍后在待办或查找中查看',
  };
}

async function startWeek(db: Db, engine: EngineApi, isoWeek: string, variables: Record<string, unknown>) {
  const existing = await db.weeklySummary.findUnique({ where: { isoWeek } });
  if (existing)
    return {
      processId: 'weekly-report',
      processInstanceKey: existing.processInstanceKey,
      record: null,
      link: `/search?q=${isoWeek}`,
      message: `${isoWeek} 的周报已经发起过，不会重复发起`,
      duplicate: true,
    } satisfies StartResult;
  try {
    await engine.publishMessage({
      name: 'weekly-report-due',
      correlationKey: isoWeek,
      messageId: isoWeek,
      timeToLive: 7 * 24 * 3600_000,
      variables: { isoWeek, startReason: variables.startReason ?? null },
    } as never);
  } catch (e) {
    // The schedule (or an earlier click) already published this week's message.
    if (sdkStatus(e) !== 409) await engineCall(() => Promise.reject(e));
  }
  const until = Date.now() + 6000;
  let summary = await db.weeklySummary.findUnique({ where: { isoWeek } });
  while (!summary && Date.now() < until) {
    await new Promise((r) => setTimeout(r, 150));
    summary = await db.weeklySummary.findUnique({ where: { isoWeek } });
  }
  return {
    processId: 'weekly-report',
    processInstanceKey: summary?.processInstanceKey ?? null,
    record: null,
    link: `/search?q=${isoWeek}`,
    message: summary
      ? `已发起 ${isoWeek} 的周报，各成员单位的待办中已有填报任务`
      : `已发起 ${isoWeek} 的周报，正在分发到各单位`,
  } satisfies StartResult;
}

/** The current ISO week in Asia/Shanghai, the start form's default. */
export function currentIsoWeek(): string {
  return DateTime.now().setZone('Asia/Shanghai').toFormat("kkkk-'W'WW");
}
