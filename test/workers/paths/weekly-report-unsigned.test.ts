// Weekly report submitted but not signed off by the unit's lead at the 17:00 cut-off, through the real engine and
// workers: the summary takes it as 待签批 (its content included, not late, the unit not 未报) and goes out on
// Friday; the lead's sign-off task is not lost but goes on after the cut-off. Signed on Saturday, the week's summary
// is regenerated with the sign-off and the office is told; returned instead, the summary says so, the office is
// told, the unit changes it in its task and the lead signs it — late now, as its final version came after the cut-off.
// A lead who never signs is reminded on the next working day and the office (and the unit's 科级牵头领导) told on
// the one after, by mail and group robot, once each; the report stays 待签批 until the lead signs.
import { setChatRobot } from '../../../domain/admin/chat-robots';
import { updatePosition } from '../../../web/server/admin/plan-admin';
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
  week,
  weeklyMeeting,
} from './support/weekly';

jest.setTimeout(90_000);

let b: PathBench;
beforeEach(async () => {
  b = await startPathBench({ start: friday('09:00') });
  await b.startWorkers();
});
afterEach(() => b.close());

const statusOf = async () =>
  Object.fromEntries((await reportsOfWeek(b)).map((r) => [r.unit.code, [r.status, r.late]]));
const storedSummary = async () =>
  (await b.database.db.weeklySummary.findUniqueOrThrow({ where: { isoWeek: week } })).content as {
    summaryText: string;
    lateSignOffs?: { code: string; outcome: string; reason: string | null }[];
    missingUnits: string[];
  };

it('a report the lead has not signed at 17:00 is summarised as 待签批 and signed afterwards; a late return is fixed and signed', async () => {
  const instance = await publishWeek(b);
  await b.pin(friday('10:00'));
  for (const unit of ['plc-office', 'procuratorate', 'police']) await reportAndSignOff(b, unit);
  // The court and the justice bureau submit; their leads do not sign before the cut-off.
  await fillReport(b, 'court');
  await fillReport(b, 'justice', { problems: '公共法律服务中心企业咨询量统计口径待统一。' });
  await b.inbox.waitFor('court', 'Task_SignOffReport');
  await b.inbox.waitFor('justice', 'Task_SignOffReport');

  await b.pin(friday('17:00'));
  const review = await reviewVariables(b);
  // The sign-off is not lost: the cut-off ended the old task, the same lead gets one that goes on.
  expect(await b.inbox.open('court', 'Task_SignOffReport')).toEqual([]);
  const [courtTask] = await b.inbox.waitFor('court', 'Task_LateSignOff');
  await b.inbox.waitFor('justice', 'Task_LateSignOff');
  const shown = (await b.inbox.variables(courtTask)) as { report: { author: string; problems: string } };
  expect(shown.report).toMatchObject({
    author: '区人民法院承办人B',
    problems: '青禾精密机械有限公司执行案件财产查控进展缓慢。',
  });
  expect(await statusOf()).toMatchObject({ court: ['submitted', false], justice: ['submitted', false] });
  expect(review.lateUnitNames).toBe('无');
  expect(review.summaryText).toContain(
    '应报单位5个，已报送5个，其中按时报送5个；迟报单位：无；未报单位：无。',
  );
  expect(review.summaryText).toContain('区人民法院：已报送，待签批（截止时负责人尚未签批，签批后更新）');
  expect(review.summaryText).toContain('截止时待负责人签批：区法院、区司法局（内容已计入本汇总）。');
  expect(review.summaryText).toContain('区人民法院：青禾精密机械有限公司执行案件财产查控进展缓慢。');
  // Nobody who submitted is told they are 未报.
  expect(await b.database.db.outboxMessage.count({ where: { template: 'reminder.overdue' } })).toBe(0);

  // The summary is not held for the signatures: reviewed and forwarded on Friday evening.
  await b.pin(friday('17:30'));
  await reviewAndForward(b, review.summaryText);
  await mailsOf(b, 'weekly-report.forward', 1);
  await weeklyMeeting(b);

  // Saturday 09:00 the court's lead signs: the summary is regenerated, the office told.
  await b.pin('2027-12-04T09:00:00+08:00');
  await b.inbox.complete('court', 'Task_LateSignOff', 'court.lead', { signOffDecision: 'approve' });
  const [signed] = await mailsOf(b, 'weekly-report.late-decision', 1);
  expect(signed.mail.subject).toBe('【周报补签批】区人民法院 2027-W48 工作周报负责人已签批');
  expect(signed.mail.text).toContain('负责人已于2027年12月4日 09:00签批，汇总报告已重新生成');
  expect(signed.mail.text).toContain('该周汇总已于2027年12月3日 17:30报送区营商办，报送时该单位周报为待签批');
  expect(signed.envelope.to).toContain('plc-office@zhuanban.invalid');
  expect((await statusOf()).court).toEqual(['signed_off', false]);
  let summary = await storedSummary();
  expect(summary.summaryText).toContain('区人民法院：已报送，截止时待签批，负责人已于2027-12-04 09:00签批');
  expect(summary.summaryText).toContain('截止后补签批：区法院（2027-12-04 09:00）。');
  // What the units were at the cut-off stays as it was.
  expect(summary.summaryText).toContain('截止时待负责人签批：区法院、区司法局（内容已计入本汇总）。');
  expect(summary.missingUnits).toEqual([]);

  // Saturday 10:00 the justice bureau's lead returns its report: the unit and the office are told.
  await b.pin('2027-12-04T10:00:00+08:00');
  await b.inbox.complete('justice', 'Task_LateSignOff', 'justice.lead', {
    signOffDecision: 'return',
    returnReason: '请补充企业咨询量的统计口径说明。',
  });
  const returned = await mailsOf(b, 'weekly-report.late-decision', 2);
  expect(returned.at(-1)!.mail.subject).toBe('【周报退回】区司法局 2027-W48 工作周报截止后被负责人退回');
  expect(returned.at(-1)!.mail.text).toContain('退回理由：请补充企业咨询量的统计口径说明。');
  const [toUnit] = await mailsOf(b, 'weekly-report.returned', 1);
  expect(toUnit.envelope.to).toEqual(['justice@zhuanban.invalid']);
  summary = await storedSummary();
  expect(summary.summaryText).toContain(
    '区司法局：截止时待签批，负责人于2027-12-04 10:00退回修改（请补充企业咨询量的统计口径说明。），待重新报送',
  );

  // The unit changes it in its task; the lead signs the new version, which came after the cut-off: late.
  await b.pin('2027-12-04T11:00:00+08:00');
  const [fill] = await b.inbox.waitFor('justice', 'Task_FillLate');
  const { report } = (await b.inbox.variables(fill)) as { report: Record<string, unknown> };
  expect(report.problems).toBe('公共法律服务中心企业咨询量统计口径待统一。');
  await b.inbox.complete('justice', 'Task_FillLate', 'justice.user', {
    report: { ...report, problems: '企业咨询量按来访、来电、网络三类口径统计，本周共42件。' },
  });
  await b.pin('2027-12-04T11:30:00+08:00');
  await b.inbox.complete('justice', 'Task_LateSignOff', 'justice.lead', { signOffDecision: 'approve' });
  await mailsOf(b, 'weekly-report.late-decision', 3);
  await b.inbox.instanceState(instance, 'COMPLETED');
  expect((await statusOf()).justice).toEqual(['signed_off', true]);
  summary = await storedSummary();
  expect(summary.summaryText).toContain(
    '区司法局：已报送，截止时待签批，负责人已于2027-12-04 11:30签批（修改后迟报）',
  );
  expect(summary.summaryText).toContain('区司法局：企业咨询量按来访、来电、网络三类口径统计，本周共42件。');
  expect(summary.lateSignOffs?.map((d) => [d.code, d.outcome])).toEqual([
    ['court', 'signed'],
    ['justice', 'returned'],
    ['justice', 'signed'],
  ]);
  const trail = await b.database.db.auditLog.findMany({
    where: { entity: 'weeklySummary', action: { startsWith: 'weeklySummary.late' } },
    orderBy: { id: 'asc' },
  });
  expect(trail.map((t) => t.action)).toEqual([
    'weeklySummary.lateSignOff',
    'weeklySummary.lateReturn',
    'weeklySummary.lateSignOff',
  ]);
  await b.inbox.assertNoIncident();
});

it('a week whose reports are all signed before the cut-off has no sign-off left over', async () => {
  const instance = await publishWeek(b);
  await b.pin(friday('10:00'));
  for (const unit of ['plc-office', 'court', 'procuratorate', 'police', 'justice'])
    await reportAndSignOff(b, unit);
  const review = await reviewVariables(b);
  expect(review.summaryText).not.toContain('待签批');
  await reviewAndForward(b, review.summaryText);
  await weeklyMeeting(b);
  await b.inbox.instanceState(instance, 'COMPLETED');
  expect(await b.inbox.open('court', 'Task_LateSignOff')).toEqual([]);
  expect(
    await b.database.db.outboxMessage.count({ where: { template: 'weekly-report.late-decision' } }),
  ).toBe(0);
});

it('a lead who never signs is reminded on Monday and the office and the 科级牵头领导 told on Tuesday, once, by mail and group robot', async () => {
  const db = b.database.db;
  const admin = { userId: null, label: 'test' };
  // The roster names the court's 科级牵头领导; the court and the office have group robots.
  const sectionLead = await db.user.create({
    data: {
      username: 'court.section',
      displayName: '区法院科级牵头领导丙',
      role: 'unit-user',
      email: 'court.section@zhuanban.test',
      unitId: (await db.unit.findUniqueOrThrow({ where: { code: 'court' } })).id,
      passwordHash: 'not-used',
    },
  });
  const position = await db.position.findUniqueOrThrow({ where: { code: 'section-lead-court' } });
  await updatePosition(db, admin, position.id, { holderUsername: sectionLead.username });
  for (const code of ['court', 'plc-office']) {
    const unit = await db.unit.findUniqueOrThrow({ where: { code } });
    await setChatRobot(db, admin, unit.id, {
      platform: 'wecom',
      webhookUrl: `https://qyapi.weixin.qq.com/cgi-bin/webhook/send?key=${code}-robot`,
    });
  }

  await publishWeek(b);
  await b.pin(friday('10:00'));
  for (const unit of ['plc-office', 'procuratorate', 'police', 'justice']) await reportAndSignOff(b, unit);
  await fillReport(b, 'court');
  await b.pin(friday('17:00'));
  const review = await reviewVariables(b);
  const [late] = await b.inbox.waitFor('court', 'Task_LateSignOff');
  // The lead's task is due when the escalation goes out: 09:00 on the second working day after the cut-off.
  expect(new Date(late.dueDate!).toISOString()).toBe(new Date('2027-12-07T09:00:00+08:00').toISOString());
  await reviewAndForward(b, review.summaryText);
  await weeklyMeeting(b);

  // The weekend passes without a notice; Monday 09:00 the lead is reminded.
  await b.pin('2027-12-05T20:00:00+08:00');
  const outbox = (template: string) =>
    db.outboxMessage.findMany({ where: { template }, orderBy: { id: 'asc' } });
  expect(await outbox('reminder.weekly-report-sign-off')).toEqual([]);
  await b.pin('2027-12-06T09:00:00+08:00');
  const [reminder] = await mailsOf(b, 'reminder.weekly-report-sign-off', 1);
  expect(reminder.mail.subject).toBe('【签批提醒】区人民法院 2027-W48 工作周报截止后仍待负责人签批');
  expect(reminder.mail.text).toContain('请于2027年12月7日 09:00前在“我的待办”中签批或退回修改');
  expect(reminder.envelope.to).toEqual(['court@zhuanban.invalid']);
  expect((await outbox('reminder.weekly-report-sign-off')).map((m) => m.channel).sort()).toEqual([
    'mail',
    'wecom',
  ]);
  expect(await outbox('escalation.weekly-report-sign-off')).toEqual([]);

  // Tuesday 09:00, still unsigned: the office, with the court's lead and 科级牵头领导 in copy.
  await b.pin('2027-12-07T09:00:00+08:00');
  const [escalation] = await mailsOf(b, 'escalation.weekly-report-sign-off', 1);
  expect(escalation.mail.subject).toBe('【签批逾期】区人民法院 2027-W48 工作周报负责人逾期未签批');
  expect(escalation.mail.text).toContain('负责人至2027年12月7日 09:00仍未签批');
  expect(escalation.envelope.to).toEqual(
    expect.arrayContaining([
      'plc-office@zhuanban.invalid',
      'court@zhuanban.invalid',
      'court.section@zhuanban.test',
    ]),
  );
  const escalated = await outbox('escalation.weekly-report-sign-off');
  expect(escalated.map((m) => [m.channel, (m.recipients as { to: string[] }).to])).toEqual(
    expect.arrayContaining([
      ['mail', ['plc-office@zhuanban.invalid']],
      ['wecom', ['企业微信群（专班办公室）']],
    ]),
  );
  expect(escalated).toHaveLength(2);
  expect(
    (
      await db.auditLog.findMany({
        where: { action: { in: ['weeklyReport.signOffReminded', 'weeklyReport.signOffEscalated'] } },
      })
    ).map((a) => a.action),
  ).toEqual(['weeklyReport.signOffReminded', 'weeklyReport.signOffEscalated']);

  // Neither notice changes the report: 待签批 in the summary, the lead's task still open.
  expect((await statusOf()).court).toEqual(['submitted', false]);
  expect((await storedSummary()).summaryText).toContain(
    '区人民法院：已报送，待签批（截止时负责人尚未签批，签批后更新）',
  );
  await b.inbox.waitFor('court', 'Task_LateSignOff');

  // A week later nothing more has gone out; the lead signs at last and the summary is updated.
  await b.pin('2027-12-14T09:00:00+08:00');
  await b.inbox.complete('court', 'Task_LateSignOff', 'court.lead', { signOffDecision: 'approve' });
  await mailsOf(b, 'weekly-report.late-decision', 1);
  expect(await outbox('reminder.weekly-report-sign-off')).toHaveLength(2);
  expect(await outbox('escalation.weekly-report-sign-off')).toHaveLength(2);
  expect((await storedSummary()).summaryText).toContain(
    '区人民法院：已报送，截止时待签批，负责人已于2027-12-14 09:00签批',
  );
  await b.inbox.assertNoIncident();
});
