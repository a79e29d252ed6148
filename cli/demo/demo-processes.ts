// The demo's processes: the demo's ledger items get their rectification instances, two cases, two petitions and
// this week's round are started, and some are moved along by completing their tasks through the REST API v2 as
// the units would (the weeks before this one are history, written by domain/seed/demo-weeks.ts) — so the inbox, the ledger, the live diagrams and the instance pages show work at different
// steps. Needs the running system (engine and workers); every name is invented (DOMAIN.md sample data). Runs
// once: cases and petitions are started only while the database holds none with a process.
import { DateTime } from 'luxon';
import type { Db } from '../../domain/db/client';
import { actingPersonVariable, type ActingPerson } from '../../domain/acting-person';
import { startPendingLedgerProcesses } from '../../domain/ledger/ledger-process';
import { reportContent } from '../../domain/seed/demo-weeks';
import type { EngineApi } from '../../web/server/engine/client';
import { engineStarter } from '../../web/server/start/engine-starter';

type Log = (line: string) => void;
const fresh = { consistency: { waitUpToMs: 0 } } as const;

const caseForm = (enterpriseName: string, units: string[]) => ({
  enterpriseName,
  externalCaseNumber: '（2026）某0101民初888号',
  handlingUnitCode: 'court',
  disputePoint: '合同款项结算争议，企业认为查封范围超出标的',
  meetingReason: 'inter_unit_dispute',
  reasonDetail: '法院与公安对案件性质认识不一致（演示数据）',
  involvedUnitCodes: units,
  urgency: 'normal',
});

const petitionForm = (enterpriseName: string, subject: string, receivingUnitCode: string) => ({
  channel: 'line_12368',
  petitionerKind: 'enterprise',
  petitionerName: '联系人甲',
  enterpriseName,
  contact: '000-0000-0001',
  subject,
  content: `${subject}，请求督促办理（演示数据）。`,
  relatedCase: '（2026）某01执123号',
  receivingUnitCode,
});

async function start(engine: EngineApi, processId: string, variables: Record<string, unknown>) {
  const r = (await engine.createProcessInstance({
    processDefinitionId: processId,
    variables,
  } as never)) as unknown as {
    processInstanceKey: string;
  };
  return String(r.processInstanceKey);
}

/**
 * Waits for the instance's open task at elementId (of the candidate group `as.group`, when given) and completes
 * it with the form's variables — claimed first by `as.person`, when given, and carrying that person as the web
 * does for its own completions (domain/acting-person.ts), so the records and the audit name the demo user.
 */
export async function completeTask(
  engine: EngineApi,
  processInstanceKey: string,
  elementId: string,
  variables: Record<string, unknown>,
  timeoutMs = 30_000,
  as: { group?: string; person?: { userId: number; username: string } } = {},
): Promise<void> {
  const until = Date.now() + timeoutMs;
  const candidateGroup = as.group ? { candidateGroup: as.group } : {};
  for (;;) {
    const res = (await engine.searchUserTasks(
      {
        filter: { processInstanceKey, elementId, state: 'CREATED', ...candidateGroup },
        page: { limit: 1 },
      } as never,
      fresh as never,
    )) as unknown as { items: { userTaskKey: string }[] };
    const task = res.items[0];
    if (task) {
      const userTaskKey = String(task.userTaskKey);
      const acting = as.person && {
        [actingPersonVariable]: { ...as.person, userTaskKey, elementId } satisfies ActingPerson,
      };
      if (as.person)
        await engine.assignUserTask({
          userTaskKey,
          assignee: as.person.username,
          allowOverride: false,
        } as never);
      await engine.completeUserTask({ userTaskKey, variables: { ...variables, ...acting } } as never);
      return;
    }
    if (Date.now() > until) throw new Error(`演示流程：实例 ${processInstanceKey} 没有等到任务 ${elementId}`);
    await new Promise((r) => setTimeout(r, 200));
  }
}

export interface DemoProcessReport {
  ledgerStarted: number;
  casesStarted: number;
  petitionsStarted: number;
  week: string | null;
  /** Units whose report of the week the demo filled (short names). */
  weekReports: string[];
}

export async function startDemoProcesses(
  db: Db,
  engine: EngineApi,
  log: Log = console.log,
): Promise<DemoProcessReport> {
  const report: DemoProcessReport = {
    ledgerStarted: 0,
    casesStarted: 0,
    petitionsStarted: 0,
    week: null,
    weekReports: [],
  };
  const ledger = (await startPendingLedgerProcesses(db, engineStarter(engine), { graceMs: 0 })).filter(
    (r) => r.processInstanceKey,
  );
  const failed = ledger.find((r) => r.error);
  if (failed) throw new Error(`演示流程：整改事项 ${failed.number} 未能发起：${failed.error}`);
  report.ledgerStarted = ledger.filter((r) => r.started).length;
  const [first, second] = ledger.filter((r) => r.started);
  const ack = { noticeAcknowledged: true, liaisonName: '联系人乙', liaisonPhone: '000-0000-0002' };
  if (first) await completeTask(engine, first.processInstanceKey!, 'Task_Acknowledge', ack);
  if (second) {
    await completeTask(engine, second.processInstanceKey!, 'Task_Acknowledge', ack);
    await completeTask(engine, second.processInstanceKey!, 'Task_Rectify', {
      progressNote: '已完成整改，上传处置记录（演示数据）',
      evidence: [],
      rectificationAction: 'submit',
    });
  }
  log(`演示流程：整改事项发起 ${report.ledgerStarted} 个`);

  if (!(await db.enterpriseCase.count({ where: { processInstanceKey: { not: null } } }))) {
    const screened = await start(
      engine,
      'case-coordination',
      caseForm('青禾精密机械有限公司', ['court', 'police']),
    );
    await start(engine, 'case-coordination', caseForm('澄川新材料科技有限公司', ['procuratorate', 'court']));
    await completeTask(engine, screened, 'Task_Screening', { screeningDecision: 'accept' });
    report.casesStarted = 2;
  }
  if (!(await db.petition.count({ where: { processInstanceKey: { not: null } } }))) {
    const classified = await start(
      engine,
      'petition-reply',
      petitionForm('北辰冷链物流有限公司', '胜诉后货款迟迟未执行到位', 'court'),
    );
    await start(
      engine,
      'petition-reply',
      petitionForm('星垣软件信息服务有限公司', '涉企警情久未回复', 'police'),
    );
    await completeTask(engine, classified, 'Task_Classify', {
      classification: 'accept',
      classificationReason: '属于本单位职责范围，符合受理条件',
      complexity: 'simple',
    });
    report.petitionsStarted = 2;
  }
  log(`演示流程：涉企案件 ${report.casesStarted} 件、信访事项 ${report.petitionsStarted} 件`);

  const week = DateTime.now().setZone('Asia/Shanghai').toFormat("kkkk-'W'WW");
  try {
    await engine.publishMessage({
      name: 'weekly-report-due',
      correlationKey: week,
      messageId: week,
      timeToLive: 7 * 24 * 3600_000,
      variables: { isoWeek: week, startReason: '演示' },
    } as never);
  } catch (e) {
    // The schedule or an earlier demo already published this week.
    if ((e as { status?: number }).status !== 409) throw e;
  }
  report.week = week;
  report.weekReports = await reportThisWeek(db, engine, week);
  log(`演示流程：已发起 ${week} 的周报，${report.weekReports.join('、') || '无'}单位已填报`);
  return report;
}

/** The week's process instance, once its openWeek has run. */
async function weekInstance(db: Db, isoWeek: string, timeoutMs = 30_000): Promise<string> {
  const until = Date.now() + timeoutMs;
  for (;;) {
    const summary = await db.weeklySummary.findUnique({ where: { isoWeek } });
    if (summary?.processInstanceKey) return summary.processInstanceKey;
    if (Date.now() > until) throw new Error(`演示流程：${isoWeek} 周报流程没有在时限内开启本周`);
    await new Promise((r) => setTimeout(r, 200));
  }
}

/**
 * This week's round at several steps, through the engine as the units would: the court's report filled and
 * signed, the justice bureau's filled and waiting for its lead, the police's returned by its lead for changes;
 * the others still to fill. Only reports still pending are touched, so a second run changes nothing.
 */
async function reportThisWeek(db: Db, engine: EngineApi, isoWeek: string): Promise<string[]> {
  const key = await weekInstance(db, isoWeek);
  const steps: Record<string, { signOffDecision: string; returnReason?: string } | null> = {
    court: { signOffDecision: 'approve' },
    justice: null,
    police: { signOffDecision: 'return', returnReason: '本周评查案件数与台账不一致，请核对后重新提交' },
  };
  const filled: string[] = [];
  for (const [unit, signOff] of Object.entries(steps)) {
    const pending = await db.weeklyReport.findFirst({
      where: { isoWeek, unit: { code: unit }, status: 'pending', processInstanceKey: key },
      include: { unit: true },
    });
    if (!pending) continue;
    const report = await reportContent(db, isoWeek, unit, 0);
    const person = async (username: string) => ({
      group: unit,
      person: { userId: (await db.user.findUniqueOrThrow({ where: { username } })).id, username },
    });
    await completeTask(engine, key, 'Task_FillReport', { report }, 30_000, await person(`${unit}.user`));
    if (signOff)
      await completeTask(engine, key, 'Task_SignOffReport', signOff, 30_000, await person(`${unit}.lead`));
    filled.push(pending.unit.shortName);
  }
  return filled;
}
