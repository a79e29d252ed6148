// Weekly report, late and returned: units without a submitted report get the 15:00 reminder and, after the
// 17:00 cut-off, are flagged late and reminded again — their reports are still accepted and consolidated as
// late; a report the unit lead returns goes back to the unit (with a mail saying why) and is signed off after
// the change; the weekly meeting's problem runs as a ledger item of the rectification process.
import { startPathBench, type PathBench } from './support/bench';
import {
  fillReport,
  friday,
  mailsOf,
  publishWeek,
  reportAndSignOff,
  reportsOfWeek,
  reviewAndForward,
  reviewVariables,
  signOff,
  week,
  weeklyMeeting,
} from './support/weekly';

jest.setTimeout(60_000);

let b: PathBench;
beforeEach(async () => {
  b = await startPathBench({ start: friday('09:00') });
  await b.startWorkers();
});
afterEach(() => b.close());

const lateOf = async () =>
  Object.fromEntries((await reportsOfWeek(b)).map((r) => [r.unit.code, [r.status, r.late, r.reminderCount]]));

it('reminds at 15:00, flags late at 17:00, still accepts the late reports and consolidates them as late', async () => {
  const instance = await publishWeek(b);
  await b.pin(friday('10:00'));
  for (const unit of ['plc-office', 'procuratorate', 'justice']) await reportAndSignOff(b, unit);

  await b.pin(friday('15:00'));
  const reminders = await mailsOf(b, 'reminder.due', 2);
  expect(reminders.map((r) => r.envelope.to).sort()).toEqual([
    ['court@zhuanban.invalid'],
    ['police@zhuanban.invalid'],
  ]);
  const court = reminders.find((r) => r.envelope.to[0].startsWith('court'))!.mail;
  expect(court.subject).toBe('【催办提醒】填报2027-W48工作周报（2027-W48）将于2027年12月3日 17:00到期');
  expect(court.text).toContain('区人民法院：');
  expect(court.text).toContain('目前尚未办结，请抓紧办理');
  expect(await lateOf()).toMatchObject({ court: ['pending', false, 1], police: ['pending', false, 1] });

  await b.pin(friday('17:00'));
  const late = await mailsOf(b, 'reminder.overdue', 2);
  expect(late.map((r) => r.mail.subject)).toEqual([
    '【逾期提醒】填报2027-W48工作周报（2027-W48）已超过办理期限',
    '【逾期提醒】填报2027-W48工作周报（2027-W48）已超过办理期限',
  ]);
  expect(late[0].mail.text).toContain('已过报送截止时间，本单位周报记为迟报。逾期提交的周报仍会被接收');
  await b.inbox.until('late flags', async () => {
    const r = await lateOf();
    return r.court[1] && r.police[1] ? r : undefined;
  });
  expect(await lateOf()).toMatchObject({
    court: ['pending', true, 2],
    police: ['pending', true, 2],
    procuratorate: ['signed_off', false, 0],
  });

  // The process keeps waiting: the late reports are still taken.
  await b.pin(friday('17:40'));
  await reportAndSignOff(b, 'court');
  await b.pin(friday('18:10'));
  await reportAndSignOff(b, 'police');

  const review = await reviewVariables(b);
  expect(review.lateUnitNames).toBe('区法院、公安分局');
  expect(review.summaryText).toContain('其中按时报送3个；迟报单位：区法院、公安分局；未报单位：无。');
  expect(review.summaryText).toContain('区人民法院：已签发（迟报）');
  expect(review.summaryText).toContain('本周周报按时报送率：60%（3/5）');
  await reviewAndForward(b, review.summaryText);
  const [forward] = await mailsOf(b, 'weekly-report.forward', 1);
  expect(forward.mail.text).toContain('本周迟报单位：区法院、公安分局。');
  await weeklyMeeting(b);
  await b.inbox.instanceState(instance, 'COMPLETED');

  const reports = await reportsOfWeek(b);
  const police = reports.find((r) => r.unit.code === 'police')!;
  expect(police).toMatchObject({ status: 'signed_off', late: true });
  expect(police.submittedAt?.toISOString()).toBe('2027-12-03T10:10:00.000Z');
  // Once per stage: two reminders and two late notices, no more.
  expect(await b.database.db.outboxMessage.count({ where: { template: { startsWith: 'reminder.' } } })).toBe(
    4,
  );
});

it('a report returned by the unit lead goes back to the unit, is changed and signed off; the meeting opens a ledger item', async () => {
  const instance = await publishWeek(b);
  await b.pin(friday('10:00'));
  for (const unit of ['plc-office', 'procuratorate', 'police', 'justice']) await reportAndSignOff(b, unit);
  await fillReport(b, 'court');
  await signOff(b, 'court', 'return', '诉前调解率未达标，请补充原因分析和下周措施。');

  const [returned] = await mailsOf(b, 'weekly-report.returned', 1);
  expect(returned.envelope.to).toEqual(['court@zhuanban.invalid']);
  expect(returned.mail.subject).toBe('【周报退回】2027-W48 工作周报已退回修改');
  expect(returned.mail.text).toContain('退回理由：诉前调解率未达标，请补充原因分析和下周措施。');
  await b.inbox.until('the returned report', async () => {
    const r = await lateOf();
    return r.court[0] === 'returned' ? r : undefined;
  });

  await b.pin(friday('11:00'));
  await fillReport(b, 'court', {
    problems: '诉前调解率40%，未达45%目标：调解员力量不足，下周增派特邀调解员。',
  });
  await signOff(b, 'court', 'approve');

  const review = await reviewVariables(b);
  expect(review.lateUnitNames).toBe('无');
  expect(review.summaryText).toContain(
    '区人民法院：诉前调解率40%，未达45%目标：调解员力量不足，下周增派特邀调解员。',
  );
  await reviewAndForward(b, review.summaryText);
  await weeklyMeeting(b, [
    {
      problem: '诉前调解率未达标',
      category: '指标未达标',
      leadUnitCode: 'court',
      assistingUnitCodes: ['justice'],
      measures: '增派特邀调解员，12月底前诉前调解率达到45%',
      dueDate: '2027-12-31',
    },
  ]);

  // The handed-out problem runs as a rectification item: the court acknowledges and rectifies, the office verifies.
  await b.inbox.complete('court', 'Task_Acknowledge', 'court.user', {
    noticeAcknowledged: true,
    liaisonName: '联系人甲',
    liaisonPhone: '000-0000-0001',
  });
  await b.inbox.complete('court', 'Task_Rectify', 'court.user', {
    progressNote: '已增派特邀调解员两名',
    evidence: [],
    rectificationAction: 'submit',
  });
  await b.inbox.complete('coordinators', 'Task_Verify', 'coordinator', {
    verificationMethod: 'documents',
    verificationResult: 'passed',
    verificationNote: '整改到位',
  });
  await b.inbox.instanceState(instance, 'COMPLETED');

  const db = b.database.db;
  const court = (await reportsOfWeek(b)).find((r) => r.unit.code === 'court')!;
  expect(court).toMatchObject({ status: 'signed_off', late: false, returnReason: null });
  const actions = await db.auditLog.findMany({
    where: { entity: 'weeklyReport', entityId: String(court.id) },
    orderBy: { id: 'asc' },
    select: { action: true },
  });
  expect(actions.map((a) => a.action)).toEqual([
    'weeklyReport.create',
    'weeklyReport.submit',
    'weeklyReport.return',
    'weeklyReport.submit',
    'weeklyReport.signOff',
  ]);
  const item = await db.ledgerItem.findUniqueOrThrow({ where: { originKey: `weekly-meeting:${week}:1` } });
  expect(item).toMatchObject({ source: 'weekly_meeting', sourceRef: week, problem: '诉前调解率未达标' });
});

it('a second start of the same week by hand ends at 不重复发起 and opens nothing twice', async () => {
  const first = await publishWeek(b);
  await b.inbox.waitFor('court', 'Task_FillReport');
  const second = await b.rest.createProcessInstance({
    processDefinitionId: 'weekly-report',
    variables: { isoWeek: week, startReason: '补发起（误操作）' },
  });
  await b.inbox.instanceState(second.processInstanceKey, 'COMPLETED');
  const guard = b.logs.find((l) => l.message === 'job raised BPMN error');
  expect(guard?.fields).toMatchObject({
    errorCode: 'week-already-started',
    jobType: 'zhuanban.report.openWeek',
  });
  expect(await b.inbox.open('court', 'Task_FillReport')).toHaveLength(1);
  const reports = await reportsOfWeek(b);
  expect(reports).toHaveLength(5);
  expect(new Set(reports.map((r) => r.processInstanceKey))).toEqual(new Set([first]));
  const summary = await b.database.db.weeklySummary.findUniqueOrThrow({ where: { isoWeek: week } });
  expect(summary.processInstanceKey).toBe(first);
});
