// Steps of the weekly report as people take them: the schedule publishes weekly-report-due, each unit user
// fills the prefilled form (unit = candidate group), the unit lead signs off or returns it, the office reviews
// the summary and records the weekly meeting. Dates are in 2027 (the holiday calendar covers it).
import type { PathBench } from './bench';
import type { Variables } from './inbox';

export const week = '2027-W48'; // Monday 2027-11-29 … Sunday 2027-12-05
export const friday = (hhmm: string) => `2027-12-03T${hhmm}:00+08:00`;
export const reportingUnits = ['plc-office', 'court', 'procuratorate', 'police', 'justice'];

/** What each unit writes; the court reports its figures (one of them under the target). */
export const figureValues: Record<string, number> = {
  'summary-procedure-rate': 91.2,
  'pre-litigation-mediation-rate': 40,
  'pre-litigation-mediation-success-rate': 52,
  'enforcement-within-legal-period': 98.5,
  'actual-enforcement-rate': 25,
  'case-review-enterprise-share': 12,
};

export async function publishWeek(b: PathBench): Promise<string> {
  await b.rest.publishMessage({
    name: 'weekly-report-due',
    correlationKey: week,
    messageId: week,
    timeToLive: 7 * 24 * 3600_000,
    variables: { isoWeek: week },
  });
  const [instance] = await b.inbox.until('the weekly-report instance', async () => {
    const list = await b.inbox.instancesOf('weekly-report', 'ACTIVE');
    return list.length ? list : undefined;
  });
  return instance.processInstanceKey;
}

interface Prefill {
  unitName: string;
  taskProgress: { planTaskNumber: number; title: string; progress: string | null }[];
  figures: {
    indicatorCode: string;
    name: string;
    target: number;
    value: number | null;
    note: string | null;
  }[];
}

/** The unit user opens the task, reads the prefilled report and submits it. Returns the prefill it saw. */
export async function fillReport(
  b: PathBench,
  unit: string,
  extra: Partial<Variables> = {},
): Promise<Prefill> {
  const [task] = await b.inbox.waitFor(unit, 'Task_FillReport');
  const { report } = (await b.inbox.variables(task)) as { report: Prefill };
  await b.inbox.complete(unit, 'Task_FillReport', `${unit}.user`, {
    report: {
      author: `${report.unitName}承办人B`,
      authorPhone: '000-0000-0001',
      taskProgress: report.taskProgress.map((t) => ({ ...t, progress: `${t.title}：本周按计划推进。` })),
      figures: report.figures.map((f) => ({ ...f, value: figureValues[f.indicatorCode] ?? 50, note: '' })),
      problems: unit === 'court' ? '青禾精密机械有限公司执行案件财产查控进展缓慢。' : '无',
      coordinationRequests: unit === 'police' ? '星垣软件信息服务有限公司挂案需检察院协同研究。' : '无',
      nextWeekPlan: '继续推进各项任务。',
      ...extra,
    },
  });
  return report;
}

export async function signOff(b: PathBench, unit: string, decision: 'approve' | 'return', reason?: string) {
  await b.inbox.complete(unit, 'Task_SignOffReport', `${unit}.lead`, {
    signOffDecision: decision,
    ...(reason ? { returnReason: reason } : {}),
  });
}

export async function reportAndSignOff(b: PathBench, unit: string): Promise<void> {
  await fillReport(b, unit);
  await signOff(b, unit, 'approve');
}

/** The office's review task with the consolidated variables it shows. */
export async function reviewVariables(b: PathBench): Promise<{ summaryText: string; lateUnitNames: string }> {
  const [task] = await b.inbox.waitFor('coordinators', 'Task_ReviewSummary');
  return (await b.inbox.variables(task)) as { summaryText: string; lateUnitNames: string };
}

export async function reviewAndForward(b: PathBench, summaryText: string): Promise<void> {
  await b.inbox.complete('coordinators', 'Task_ReviewSummary', 'coordinator', {
    summaryText,
    summaryConfirmed: true,
  });
}

export async function weeklyMeeting(b: PathBench, ledgerItems: Variables[] = []): Promise<void> {
  await b.inbox.complete('coordinators', 'Task_WeeklyMeeting', 'coordinator', {
    meetingDate: '2027-12-03',
    meetingMinutes: '周例会研究各单位周报反映的问题，明确责任单位和整改期限。',
    ledgerItems,
  });
}

export async function reportsOfWeek(b: PathBench) {
  return b.database.db.weeklyReport.findMany({
    where: { isoWeek: week },
    include: { unit: true },
    orderBy: { unit: { sortOrder: 'asc' } },
  });
}

/** Waits until the outbox holds `count` mails of the template, then delivers and returns those received. */
export async function mailsOf(b: PathBench, template: string, count: number) {
  await b.inbox.until(`${count} outbox mails ${template}`, async () => {
    const n = await b.database.db.outboxMessage.count({ where: { template, channel: 'mail' } });
    return n >= count ? n : undefined;
  });
  // A pass delivers a batch of the oldest due mails: pass again until these are among those received.
  return b.inbox.until(`${count} mails ${template} delivered`, async () => {
    const received = (await b.deliver()).filter(
      (r) => r.mail.headers.get('x-zhuanban-template') === template,
    );
    return received.length >= count ? received : undefined;
  });
}
