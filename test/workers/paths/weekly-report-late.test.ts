// Weekly report, late and returned: a unit without a submitted report gets the 15:00 reminder; the 17:00 cut-off
// ends its wait (flagged, told, named 未报 in the summary, which goes out on Friday) and its later report lands as
// 补报 in that week's summary with the office told; a report the unit lead returns goes back to the unit (with a mail saying why) and is signed off after
// the change; the weekly meeting's problem runs as a ledger item of the rectification process.
import { submitMakeupReport } from '../../../domain/weekly-reports/makeup';
import { reportCell } from '../../../web/server/reports/punctuality';
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

it('a silent unit does not stall the week: at 17:00 it is 未报, the summary goes out on Friday, its late report lands as 补报 and the office is told', async () => {
  const instance = await publishWeek(b);
  await b.pin(friday('10:00'));
  for (const unit of ['plc-office', 'procuratorate', 'police', 'justice']) await reportAndSignOff(b, unit);

  await b.pin(friday('15:00'));
  const reminders = await mailsOf(b, 'reminder.due', 1);
  expect(reminders.map((r) => r.envelope.to)).toEqual([['court@zhuanban.invalid']]);
  expect(reminders[0].mail.subject).toBe(
    '【催办提醒】填报2027-W48工作周报（2027-W48）将于2027年12月3日 17:00到期',
  );
  expect(await lateOf()).toMatchObject({ court: ['pending', false, 1] });

  // The cut-off ends the court's wait: its task is gone, it is flagged and told, the consolidation goes on.
  await b.pin(friday('17:00'));
  const late = await mailsOf(b, 'reminder.overdue', 1);
  expect(late[0].mail.subject).toBe('【逾期提醒】填报2027-W48工作周报（2027-W48）已超过办理期限');
  expect(late[0].mail.text).toContain('本周汇总已将本单位记为未报');
  const review = await reviewVariables(b);
  expect(await b.inbox.open('court', 'Task_FillReport')).toEqual([]);
  expect(await lateOf()).toMatchObject({ court: ['pending', true, 2], police: ['signed_off', false, 0] });
  expect(review.lateUnitNames).toBe('区法院');
  expect(review.summaryText).toContain(
    '应报单位5个，已报送4个，其中按时报送4个；迟报单位：区法院；未报单位：区法院。',
  );
  expect(review.summaryText).toContain('区人民法院：未报送');

  // Reviewed and forwarded the same Friday evening.
  await b.pin(friday('17:30'));
  await reviewAndForward(b, review.summaryText);
  const [forward] = await mailsOf(b, 'weekly-report.forward', 1);
  expect(forward.envelope.to).toEqual(['business-env-office@zhuanban.invalid']);
  const summary = await b.database.db.weeklySummary.findUniqueOrThrow({ where: { isoWeek: week } });
  expect(summary.forwardedAt?.toISOString()).toBe('2027-12-03T09:30:00.000Z');
  await weeklyMeeting(b);
  await b.inbox.instanceState(instance, 'COMPLETED');
  expect(await b.database.db.weeklyReport.findFirst({ where: { unit: { code: 'court' } } })).toMatchObject({
    status: 'pending',
    makeupAt: null,
  });

  // Saturday: the court's report arrives as 补报 — added to the week's summary, the office told by mail.
  await b.pin('2027-12-04T09:20:00+08:00');
  const db = b.database.db;
  await db.$transaction((tx) =>
    submitMakeupReport(
      tx,
      { userId: null, label: 'court.user' },
      { isoWeek: week, unitCode: 'court' },
      {
        author: '区人民法院承办人B',
        problems: '执行案件财产查控进展缓慢，已补报。',
        taskProgress: [],
        figures: [],
      },
      b.clock.now(),
      b.services.mail,
    ),
  );
  const court = await db.weeklyReport.findFirstOrThrow({ where: { isoWeek: week, unit: { code: 'court' } } });
  expect(court).toMatchObject({ status: 'submitted', late: true, author: '区人民法院承办人B' });
  expect(court.makeupAt?.toISOString()).toBe('2027-12-04T01:20:00.000Z');
  expect(reportCell({ ...court }, b.clock.now())).toBe('makeup');
  const after = await db.weeklySummary.findUniqueOrThrow({ where: { isoWeek: week } });
  const content = after.content as { summaryText: string; missingUnits: string[]; makeupUnits: unknown[] };
  expect(content.missingUnits).toEqual(['区法院']);
  expect(content.makeupUnits).toEqual([
    { code: 'court', name: '区法院', submittedAt: '2027-12-04T01:20:00.000Z' },
  ]);
  expect(content.summaryText).toContain('区人民法院：补报（2027-12-04 09:20，截止时未报）');
  expect(content.summaryText).toContain('补报单位：区法院（2027-12-04 09:20）。');
  expect(content.summaryText).toContain('区人民法院：执行案件财产查控进展缓慢，已补报。');
  const [told] = await mailsOf(b, 'weekly-report.makeup', 1);
  expect(told.mail.subject).toBe('【周报补报】区人民法院 2027-W48 工作周报已补报');
  expect(told.mail.text).toContain('已作为补报加入该周汇总');
  expect(told.mail.text).toContain('该周汇总已于2027年12月3日 17:30报送区营商办');
  expect(told.envelope.to).toContain('plc-office@zhuanban.invalid');

  // A second 补报 of the same report is refused and changes nothing.
  await expect(
    db.$transaction((tx) =>
      submitMakeupReport(
        tx,
        { userId: null, label: 'court.user' },
        { isoWeek: week, unitCode: 'court' },
        { author: '又一次' },
        b.clock.now(),
        b.services.mail,
      ),
    ),
  ).rejects.toThrow('区法院2027-W48工作周报已报送，无需补报');
  expect(await db.outboxMessage.count({ where: { template: 'weekly-report.makeup' } })).toBe(1);
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
  await b.inbox.complete('court', 'Task_LeadReview', 'court.lead', { leadReviewDecision: 'sign' });
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
