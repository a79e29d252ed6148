// Every notification template sent through the outbox to a real SMTP server on loopback and parsed back:
// recipients, Chinese subject and body, the meeting's .ics invitation (METHOD:REQUEST, stable UID, growing
// SEQUENCE, UTC times, folded lines) and the weekly report's .docx attachment.
import { manualClock } from '../../domain/clock';
import { buildWeeklyReportDocx, type WeeklyReportDocument } from '../../domain/documents/weekly-report-docx';
import * as t from '../../domain/notifications/templates';
import type { MailContent } from '../../domain/notifications/types';
import { zipEntry } from './support/zip';
import { startMailBench, type MailBench } from './support/mail-bench';
import { foldLine, icsText } from '../../domain/notifications/ics';

const clock = manualClock('2026-12-01T02:00:00Z');
let bench: MailBench;
beforeAll(async () => {
  bench = await startMailBench();
});
afterAll(() => bench.stop());
const send = (content: MailContent, to?: string[]) => bench.send(content, to);

const meeting = {
  uid: t.meetingUid(7),
  sequence: 0,
  caseNumber: 'XT-2026-001',
  enterpriseName: '青禾精密机械有限公司',
  disputePoint: '货款拖欠，执行进展缓慢；涉及多家单位',
  startsAt: new Date('2026-12-04T01:30:00Z'), // 09:30 Asia/Shanghai
  endsAt: new Date('2026-12-04T03:00:00Z'),
  place: '区委政法委三楼会议室',
  chair: '专班办公室主任',
  organizer: { name: '工作专班办公室', email: 'office@zhuanban.test' },
  attendees: [
    { name: '区法院', email: 'court@zhuanban.test' },
    { name: '公安分局', email: 'police@zhuanban.test' },
  ],
  stamp: clock.now(),
};

describe('notification mails', () => {
  it('invites to a coordination meeting with an .ics calendar invitation', async () => {
    const got = await send(t.meetingInvitation(meeting), ['court@zhuanban.test', 'police@zhuanban.test']);
    expect(got.envelope.to).toEqual(['court@zhuanban.test', 'police@zhuanban.test']);
    expect(got.mail.subject).toBe(
      '【会议通知】涉企案件协调会：青禾精密机械有限公司（XT-2026-001） 2026年12月4日 09:30',
    );
    expect(got.mail.text).toContain('定于2026年12月4日 09:30召开涉企案件协调会');
    expect(got.mail.text).toContain('不替代办案机关作出裁判');
    const ics = got.mail.attachments.find((a) => a.filename === 'invite.ics');
    expect(ics?.contentType).toBe('text/calendar');
    const text = ics!.content.toString('utf8');
    expect(text).toMatch(/^BEGIN:VCALENDAR\r\n/);
    expect(text).toContain('\r\nMETHOD:REQUEST\r\n');
    expect(text).toContain('\r\nUID:coordination-meeting-7@zhuanban\r\n');
    expect(text).toContain('\r\nSEQUENCE:0\r\n');
    expect(text).toContain('\r\nDTSTART:20261204T013000Z\r\n');
    expect(text).toContain('\r\nDTEND:20261204T030000Z\r\n');
    for (const line of text.split('\r\n')) expect(Buffer.byteLength(line)).toBeLessThanOrEqual(75);
    const unfolded = text.replace(/\r\n /g, '');
    expect(unfolded).toContain(
      '\r\nATTENDEE;CN="区法院";ROLE=REQ-PARTICIPANT;PARTSTAT=NEEDS-ACTION;RSVP=TRUE:mailto:court@zhuanban.test\r\n',
    );
    expect(unfolded).toContain(
      '\r\nDESCRIPTION;LANGUAGE=zh-CN:主持人：专班办公室主任。争议焦点：货款拖欠，执行进展缓慢；涉及多家单位。',
    );
    expect(unfolded).not.toContain('\uFFFD');
  });

  it('reschedules the same calendar entry: same UID, next SEQUENCE', async () => {
    const got = await send(
      t.meetingInvitation({
        ...meeting,
        sequence: 1,
        startsAt: new Date('2026-12-08T06:00:00Z'),
        endsAt: new Date('2026-12-08T07:30:00Z'),
      }),
    );
    expect(got.mail.subject).toMatch(/^【会议改期】/);
    const text = got.mail.attachments.find((a) => a.filename === 'invite.ics')!.content.toString('utf8');
    expect(text).toContain('\r\nUID:coordination-meeting-7@zhuanban\r\n');
    expect(text).toContain('\r\nSEQUENCE:1\r\n');
    expect(text).toContain('\r\nDTSTART:20261208T060000Z\r\n');
  });

  it.each([
    ['blue', '【蓝色督办】ZG-2026-017 区司法局', '将于2026年12月10日到期，现予蓝色提醒'],
    ['yellow', '【黄色督办】ZG-2026-017 区司法局', '已超过整改期限（2026年12月10日）仍未完成'],
    ['red', '【红色督办·通报】ZG-2026-017 区司法局', '现予红色督办并在专班范围内通报，并将约谈单位负责人'],
  ] as const)('sends the %s escalation', async (color, subject, phrase) => {
    const got = await send(
      t.escalation({
        color,
        ledgerNumber: 'ZG-2026-017',
        unitName: '区司法局',
        problem: '涉企行政复议案件办理超期',
        dueAt: new Date('2026-12-10T09:00:00Z'),
        round: 2,
        accountabilityTalk: color === 'red',
      }),
    );
    expect(got.mail.subject).toBe(subject);
    expect(got.mail.text).toContain(phrase);
    expect(got.mail.text).toContain('第2轮（二次整改）');
    expect(got.mail.html).toContain('<th style="text-align: left; padding: 2px 12px 2px 0">督办等级</th>');
  });

  it('sends the supervision notice, the task assignment, a petition notice and a public reply invitation', async () => {
    const notice = await send(
      t.supervisionNotice({
        ledgerNumber: 'ZG-2026-018',
        unitName: '公安分局',
        problem: '北辰冷链物流有限公司场地被堵，报警后处置不及时',
        measures: '明确专人跟进，三日内反馈处置结果',
        dueAt: new Date('2026-12-15T09:00:00Z'),
        issuedAt: clock.now(),
        assistingUnits: ['区司法局'],
      }),
    );
    expect(notice.mail.subject).toBe('【督办通知书】ZG-2026-018 请于2026年12月15日前完成整改');
    expect(notice.mail.text).toContain('协办单位：区司法局');
    const task = await send(
      t.taskAssigned({
        recipient: '区检察院',
        taskName: '提交书面意见',
        processName: '涉企案件协调会',
        businessKey: 'XT-2026-002',
      }),
    );
    expect(task.mail.subject).toBe('【待办】提交书面意见（XT-2026-002）');
    const petition = await send(
      t.petitionNotice({
        kind: 'non_acceptance',
        petitionNumber: 'XF-2026-0003',
        petitionerName: '南麓文旅发展有限公司',
        subject: '账户被超范围冻结',
        unitName: '区法院',
        issuedAt: clock.now(),
        body: '该事项属于诉讼程序中的执行异议，请依法向执行法院提出书面异议。',
      }),
    );
    expect(petition.mail.subject).toBe('【不予受理告知书】XF-2026-0003 账户被超范围冻结');
    expect(petition.mail.text).toContain('请依法向执行法院提出书面异议');
    const invitation = await send(
      t.publicReplyInvitation({
        petitionNumber: 'XF-2026-0004',
        subject: '涉企案件久拖未结',
        unitName: '区检察院',
        scheduledAt: new Date('2026-12-20T02:00:00Z'),
        venue: '区检察院听证室',
        isOpen: false,
        inviteeName: '人民监督员',
      }),
    );
    expect(invitation.mail.text).toContain('定于2026年12月20日 10:00在区检察院听证室');
  });

  it('forwards the weekly report with the .docx attached, Chinese text inside', async () => {
    const report: WeeklyReportDocument = {
      isoWeek: '2026-W48',
      period: '2026年11月23日—11月29日',
      generatedAt: clock.now(),
      summary: '本周各成员单位共化解涉企纠纷3件。',
      figures: [
        { indicator: '诉前调解率', unit: '区法院', value: 47.5, target: 45, comparator: '>=' },
        { indicator: '实际执行到位率', unit: '区法院', value: 20, target: 23, comparator: '>=' },
        { indicator: '涉企案件评查占比', unit: '公安分局', value: null, target: 10, comparator: '>=' },
      ],
      processIndicators: [{ name: '信访答复率', value: '100%（12/12）' }],
      units: [
        {
          unit: '区法院',
          submittedAt: new Date('2026-11-27T08:10:00Z'),
          late: false,
          author: '承办人A',
          progress: [{ task: '任务3 执行攻坚', progress: '青禾精密机械有限公司案已执行到位60%' }],
          problems: '执行财产线索不足',
          coordinationRequests: '请公安分局协助查找被执行人下落',
        },
        { unit: '公安分局', submittedAt: null, late: true, progress: [] },
      ],
      lateUnits: ['公安分局'],
    };
    const docx = await buildWeeklyReportDocx(report);
    const got = await send(
      t.weeklyReportForward({
        isoWeek: report.isoWeek,
        period: report.period,
        recipientName: '区营商办',
        summary: report.summary!,
        lateUnits: report.lateUnits,
        document: { filename: '工作周报-2026-W48.docx', content: docx },
      }),
      ['yingshang@zhuanban.test'],
    );
    expect(got.mail.subject).toBe('【工作周报】加强企业权益保护工作专班 2026-W48（2026年11月23日—11月29日）');
    expect(got.mail.text).toContain('本周迟报单位：公安分局。');
    const attachment = got.mail.attachments.find((a) => a.filename === '工作周报-2026-W48.docx');
    expect(attachment?.contentType).toBe(
      'application/vnd.openxmlformats-officedocument.wordprocessingml.document',
    );
    expect(attachment!.content.equals(docx)).toBe(true);
    const xml = zipEntry(attachment!.content, 'word/document.xml')!;
    const words = xml.replace(/<[^>]+>/g, '');
    for (const phrase of [
      '加强企业权益保护工作专班工作周报',
      '诉前调解率',
      '47.5%',
      '≥45%',
      '达标',
      '未达标',
      '未报',
      '青禾精密机械有限公司案已执行到位60%',
      '请公安分局协助查找被执行人下落',
      '迟报单位：公安分局。',
    ])
      expect(words).toContain(phrase);
    expect(xml).toContain('w:eastAsia="SimSun"');
  });
});

describe('iCalendar text', () => {
  it('escapes ASCII separators and folds without splitting a character', async () => {
    expect(icsText('a,b;c\\d\n第二行')).toBe('a\\,b\\;c\\\\d\\n第二行');
    const line = 'SUMMARY:' + '协'.repeat(40);
    const folded = foldLine(line);
    expect(folded.split('\r\n ').join('')).toBe(line);
    for (const piece of folded.split('\r\n')) expect(Buffer.byteLength(piece)).toBeLessThanOrEqual(75);
  });
});
