// Weekly report, on time, on both databases: the schedule's message opens the week for the five reporting units,
// each unit sees only its own prefilled report in its inbox, submits before 15:00 and its lead signs off; the
// consolidation computes every owner's figures against the targets and the process indicators from the process
// data, the office edits the summary, the forwarding mails it to 区营商办 with the .docx attached; no reminder.
import { openLedgerItem } from '../../../domain/ledger/ledger-items';
import { providers } from '../../support/databases';
import { zipEntry } from '../../notifications/support/zip';
import { startPathBench, type PathBench } from './support/bench';
import {
  friday,
  publishWeek,
  reportAndSignOff,
  reportingUnits,
  reportsOfWeek,
  reviewAndForward,
  reviewVariables,
  week,
  weeklyMeeting,
} from './support/weekly';

jest.setTimeout(60_000);

/** Invented process data the consolidation reads: petitions, disputed cases and an overdue ledger item. */
async function processData(b: PathBench): Promise<void> {
  const db = b.database.db;
  const unit = async (code: string) => (await db.unit.findUniqueOrThrow({ where: { code } })).id;
  const court = await unit('court');
  const qinghe = await db.enterprise.create({ data: { name: '青禾精密机械有限公司' } });
  const beichen = await db.enterprise.create({ data: { name: '北辰冷链物流有限公司' } });
  const petition = (
    number: string,
    status: 'replied' | 'handling' | 'not_accepted',
    enterpriseId?: number,
  ) => ({
    number,
    channel: 'line_12368' as const,
    petitionerKind: enterpriseId ? ('enterprise' as const) : ('person' as const),
    petitionerName: enterpriseId ? '联系人甲' : '信访人甲',
    enterpriseId,
    subject: '执行进展',
    content: '反映执行案件进展缓慢',
    receivingUnitId: court,
    handlingUnitId: court,
    status,
  });
  const replied = await db.petition.create({
    data: { ...petition('XF-2027-0001', 'replied', qinghe.id), resolutionOutcome: 'resolved' },
  });
  await db.petitionReply.create({
    data: {
      petitionId: replied.id,
      stance: 'explain',
      content: '已说明执行进展',
      legalBasis: '民事诉讼法',
      reviewRoute: '可申请复查',
      deliveredAt: new Date(friday('08:00')),
    },
  });
  await db.satisfactionRating.create({
    data: { petitionId: replied.id, visitedAt: new Date(friday('08:30')), rating: 'satisfied' },
  });
  await db.petition.create({ data: petition('XF-2027-0002', 'handling', beichen.id) });
  await db.petition.create({ data: petition('XF-2027-0003', 'not_accepted') });
  const enterpriseCase = (number: string, status: 'resolved' | 'following_up' | 'declined') => ({
    number,
    enterpriseId: qinghe.id,
    handlingUnitId: court,
    disputePoint: '查封范围争议',
    meetingReason: 'inter_unit_dispute' as const,
    status,
  });
  await db.enterpriseCase.create({ data: enterpriseCase('XT-2027-101', 'resolved') });
  await db.enterpriseCase.create({ data: enterpriseCase('XT-2027-102', 'following_up') });
  await db.enterpriseCase.create({ data: enterpriseCase('XT-2027-103', 'declined') });
  const item = await openLedgerItem(
    db,
    { userId: null, label: 'test' },
    {
      source: 'supervision',
      problem: '涉企冻结账户超范围问题整改',
      leadUnitCode: 'police',
      dueAt: new Date('2027-11-30T23:59:59+08:00'),
    },
    new Date(friday('08:00')),
  );
  await db.ledgerItem.update({ where: { id: item.id }, data: { color: 'yellow' } });
}

describe.each(providers)('weekly report on time (%s)', (provider) => {
  let b: PathBench;
  beforeAll(async () => {
    b = await startPathBench({ provider, start: friday('09:00') });
    await b.startWorkers();
  });
  afterAll(() => b.close());

  it('opens the week, each unit reports and signs off its own, consolidates, forwards with the document', async () => {
    const instance = await publishWeek(b);
    // Every unit sees exactly its own report task; nobody else's.
    for (const unit of reportingUnits) {
      const [task] = await b.inbox.waitFor(unit, 'Task_FillReport');
      expect(task.candidateGroups).toEqual([unit]);
      expect(await b.inbox.open(unit, 'Task_FillReport')).toHaveLength(1);
    }
    const reports = await reportsOfWeek(b);
    expect(reports.map((r) => [r.unit.code, r.status, r.dueAt?.toISOString()])).toEqual(
      reportingUnits.map((u) => [u, 'pending', '2027-12-03T09:00:00.000Z']),
    );

    await processData(b);
    await b.pin(friday('10:00'));
    for (const unit of reportingUnits) await reportAndSignOff(b, unit);

    const review = await reviewVariables(b);
    expect(review.lateUnitNames).toBe('无');
    const text = review.summaryText;
    expect(text).toContain('加强企业权益保护工作专班 2027-W48（2027年11月29日—12月5日）工作周报汇总');
    expect(text).toContain('应报单位5个，已报送5个，其中按时报送5个；迟报单位：无；未报单位：无。');
    expect(text).toContain('区人民法院 简易程序适用率：91.2%，目标≥89%，达标');
    expect(text).toContain('区人民法院 诉前调解率：40%，目标≥45%，未达标');
    expect(text).toContain('公安分局 案件评查中涉企案件占比：12%，目标≥10%，达标');
    expect(text).toContain(
      '区人民法院 涉企争议案件化解率（协调会）：50%，目标≥100%，未达标（受理协调案件2件，已化解1件）',
    );
    expect(text).toContain(
      '区人民法院 企业投诉解决率（各渠道）：100%，目标≥100%，达标（已答复企业投诉1件，已解决1件）',
    );
    expect(text).toContain('区司法局 企业投诉解决率（各渠道）：无数据，目标≥100%，暂无数据\n');
    expect(text).toContain('信访事项答复率：66.7%（2/3）');
    expect(text).toContain('企业投诉解决率：100%（1/1）');
    expect(text).toContain('企业投诉满意率：100%（1/1）');
    expect(text).toContain('涉企争议案件化解率：50%（1/2）');
    expect(text).toContain('逾期未销号整改事项：1件。其中黄色1件');
    expect(text).toContain('本周周报按时报送率：100%（5/5）');
    expect(text).toContain('区人民法院：青禾精密机械有限公司执行案件财产查控进展缓慢。');
    expect(text).toContain('五、需协调事项\n公安分局：星垣软件信息服务有限公司挂案需检察院协同研究。');

    const edited = `总体情况：本周五个单位均按时报送，诉前调解率未达目标，请区法院关注。\n\n${text}`;
    await b.pin(friday('16:00'));
    await reviewAndForward(b, edited);
    await weeklyMeeting(b);
    await b.inbox.instanceState(instance, 'COMPLETED');

    const mails = await b.deliver();
    expect(mails).toHaveLength(1); // the forwarding only: nobody was reminded
    const { mail, envelope } = mails[0];
    expect(envelope.to).toEqual(['business-env-office@zhuanban.invalid']);
    expect(mail.subject).toBe('【工作周报】加强企业权益保护工作专班 2027-W48（2027年11月29日—12月5日）');
    expect(mail.text).toContain('区营商办：');
    expect(mail.text).toContain('总体情况：本周五个单位均按时报送');
    expect(mail.text).toContain('本周各成员单位均按时报送。');
    const [doc] = mail.attachments;
    expect(doc.filename).toBe('工作周报-2027-W48.docx');
    expect(doc.contentType).toBe('application/vnd.openxmlformats-officedocument.wordprocessingml.document');
    const xml = zipEntry(doc.content, 'word/document.xml') ?? '';
    for (const s of [
      '加强企业权益保护工作专班工作周报',
      '总体情况：本周五个单位均按时报送',
      '诉前调解率',
      '未达标',
      '信访事项答复率',
    ])
      expect(xml).toContain(s);

    const db = b.database.db;
    const done = await reportsOfWeek(b);
    expect(done.map((r) => [r.unit.code, r.status, r.late])).toEqual(
      reportingUnits.map((u) => [u, 'signed_off', false]),
    );
    const summary = await db.weeklySummary.findUniqueOrThrow({ where: { isoWeek: week } });
    expect(summary).toMatchObject({ editedText: edited, processInstanceKey: instance });
    expect(summary.forwardedAt?.toISOString()).toBe('2027-12-03T08:00:00.000Z');
    expect(summary.meetingMinutes).toContain('周例会研究');
    const audit = await db.auditLog.groupBy({
      by: ['action'],
      _count: true,
      where: { actorLabel: { startsWith: 'worker:' } },
    });
    const counts = Object.fromEntries(audit.map((a) => [a.action, a._count]));
    expect(counts).toMatchObject({
      'weeklySummary.create': 1,
      'weeklyReport.create': 5,
      'weeklyReport.submit': 5,
      'weeklyReport.signOff': 5,
      'weeklySummary.consolidate': 1,
      'weeklySummary.forward': 1,
      'weeklySummary.meeting': 1,
    });
  });
});
