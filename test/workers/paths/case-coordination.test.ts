// Disputed-case coordination meeting, every path through the real workers: declined at screening (the reason
// mailed back); held — each involved unit's opinion from its own inbox, reminded before and urged after the
// opinion deadline, invitations with an .ics per attendee unit, minutes whose agreed items run as rectification
// items, resolved (on SQLite and PostgreSQL); rescheduled by message (the .ics moves: same UID, SEQUENCE 1, the
// old time no longer opens the minutes); resolved only after a second meeting.
import { providers } from '../../support/databases';
import { startPathBench, type PathBench } from './support/bench';
import {
  agreedItem,
  attendeeUnits,
  caseNumberOf,
  closeLedgerItems,
  confirm,
  icsOf,
  recordMinutes,
  registerCase,
  registration,
  scheduleMeeting,
  screen,
  submitOpinion,
} from './support/cases';
import { mailsOf } from './support/weekly';

jest.setTimeout(60_000);

const monday = (hhmm: string) => `2027-12-06T${hhmm}:00+08:00`;

async function caseRow(b: PathBench, number: string) {
  return b.database.db.enterpriseCase.findUniqueOrThrow({
    where: { number },
    include: { meetings: { orderBy: { sequence: 'asc' }, include: { agreedItems: true, opinions: true } } },
  });
}

describe('declined at screening', () => {
  let b: PathBench;
  beforeAll(async () => {
    b = await startPathBench({ start: monday('09:00') });
    await b.startWorkers();
  });
  afterAll(() => b.close());

  it('registers the case, the office declines it and the reason goes back to the units', async () => {
    const instance = await registerCase(b);
    const caseNumber = await caseNumberOf(b, instance);
    expect(caseNumber).toBe('XT-2027-001');
    await screen(b, 'decline', '该案件已进入再审程序，不宜提请协调会。');
    await b.inbox.instanceState(instance, 'COMPLETED');

    const mails = await mailsOf(b, 'case.declined', 3);
    expect(mails.map((m) => m.envelope.to[0]).sort()).toEqual([
      'court@zhuanban.invalid',
      'police@zhuanban.invalid',
      'procuratorate@zhuanban.invalid',
    ]);
    expect(mails[0].mail.subject).toBe(`【不予受理】涉企案件协调申请 ${caseNumber}（南麓文旅发展有限公司）`);
    expect(mails[0].mail.text).toContain('不予受理理由：该案件已进入再审程序，不宜提请协调会。');
    const row = await caseRow(b, caseNumber);
    expect(row).toMatchObject({
      status: 'declined',
      declineReason: '该案件已进入再审程序，不宜提请协调会。',
    });
    expect(row.meetings).toHaveLength(0);
    const enterprise = await b.database.db.enterprise.findUniqueOrThrow({ where: { id: row.enterpriseId } });
    expect(enterprise).toMatchObject({
      name: registration.enterpriseName,
      creditCode: registration.enterpriseCreditCode,
    });
  });
});

describe.each(providers)('held and resolved (%s)', (provider) => {
  let b: PathBench;
  beforeAll(async () => {
    b = await startPathBench({ provider, start: monday('09:00') });
    await b.startWorkers();
  });
  afterAll(() => b.close());

  it('gathers every opinion (reminded, then urged), invites with .ics, records minutes, follows the items, resolves', async () => {
    const instance = await registerCase(b);
    const caseNumber = await caseNumberOf(b, instance);
    await screen(b, 'accept');
    for (const unit of registration.involvedUnitCodes) {
      const [task] = await b.inbox.waitFor(unit, 'Task_SubmitOpinion');
      expect(task.candidateGroups).toEqual([unit]);
      expect(task.dueDate).toBe('2027-12-09T15:59:59.000Z'); // 3 working days: Thursday 23:59:59 +08:00
    }
    expect(await b.inbox.open('justice', 'Task_SubmitOpinion')).toHaveLength(0);
    await submitOpinion(b, 'court');
    await submitOpinion(b, 'procuratorate');

    await b.pin('2027-12-08T09:00:00+08:00'); // one working day before the deadline
    const [reminded] = await mailsOf(b, 'reminder.due', 1);
    expect(reminded.envelope.to).toEqual(['police@zhuanban.invalid']);
    expect(reminded.mail.subject).toBe(
      `【催办提醒】提交南麓文旅发展有限公司涉企案件书面意见（${caseNumber}）将于2027年12月9日 23:59到期`,
    );
    await b.pin('2027-12-10T08:00:00+08:00'); // past the deadline
    const [urged] = await mailsOf(b, 'reminder.overdue', 1);
    expect(urged.envelope.to).toEqual(['police@zhuanban.invalid']);
    await submitOpinion(b, 'police');

    await scheduleMeeting(b, '2027-12-13T09:30:00+08:00');
    const invitations = await mailsOf(b, 'meeting.invitation', 4);
    expect(invitations.map((m) => m.envelope.to[0]).sort()).toEqual(
      attendeeUnits.map((u) => `${u}@zhuanban.invalid`).sort(),
    );
    const invitation = invitations[0].mail;
    expect(invitation.subject).toBe(
      `【会议通知】涉企案件协调会：南麓文旅发展有限公司（${caseNumber}） 2027年12月13日 09:30`,
    );
    expect(invitation.text).toContain('协调会只协调、督促，不对证据、事实作出认定');
    const ics = icsOf(invitation);
    expect(ics).toContain('METHOD:REQUEST');
    expect(ics).toMatch(/UID:coordination-meeting-\d+@zhuanban\.test/);
    expect(ics).toContain('SEQUENCE:0');
    expect(ics).toContain('DTSTART:20271213T013000Z');
    expect(ics).toContain('DTEND:20271213T033000Z');
    expect(ics).toContain('LOCATION;LANGUAGE=zh-CN:区委政法委三楼会议室');
    expect(ics).toContain('mailto:police@zhuanban.invalid');
    expect(await b.inbox.open('coordinators', 'Task_RecordMinutes')).toHaveLength(0);

    await b.pin('2027-12-13T09:30:00+08:00'); // the meeting time has come
    await recordMinutes(b, [
      agreedItem('court', '区法院核查冻结账户资金用途，对超出执行标的部分依法处理'),
      agreedItem('police', '公安分局说明涉案账户冻结依据并反馈企业'),
    ]);
    const ledger = await b.inbox.until('two ledger items', async () => {
      const items = await b.database.db.ledgerItem.findMany({
        where: { sourceRef: caseNumber },
        orderBy: { id: 'asc' },
      });
      return items.length === 2 ? items : undefined;
    });
    await closeLedgerItems(b, ['court', 'police']);
    await confirm(b, 'resolved', '企业账户已部分解冻，企业表示认可。');
    await b.inbox.instanceState(instance, 'COMPLETED');

    const row = await caseRow(b, caseNumber);
    expect(row.status).toBe('resolved');
    expect(row.resolvedAt?.toISOString()).toBe('2027-12-13T01:30:00.000Z');
    const [meeting] = row.meetings;
    expect(meeting).toMatchObject({
      sequence: 1,
      status: 'held',
      place: '区委政法委三楼会议室',
      rescheduleCount: 0,
    });
    expect(meeting.minutes).toContain('实到人员：区法院、区检察院、公安分局承办人及专班办公室');
    expect(meeting.opinions.every((o) => o.submittedAt && o.content?.includes('依据：'))).toBe(true);
    expect(meeting.opinions.filter((o) => o.remindedAt)).toHaveLength(1);
    expect(meeting.agreedItems.map((a) => a.description)).toHaveLength(2);
    expect(ledger.map((l) => l.originKey).sort()).toEqual(
      meeting.agreedItems.map((a) => `agreed-item:${a.id}`).sort(),
    );
    expect(ledger.every((l) => l.source === 'coordination_meeting')).toBe(true);
  });
});

describe('rescheduled and a second meeting', () => {
  let b: PathBench;
  beforeEach(async () => {
    b = await startPathBench({ start: monday('09:00') });
    await b.startWorkers();
  });
  afterEach(() => b.close());

  async function toMeeting(): Promise<{ instance: string; caseNumber: string }> {
    const instance = await registerCase(b);
    const caseNumber = await caseNumberOf(b, instance);
    await screen(b, 'accept');
    for (const unit of registration.involvedUnitCodes) await submitOpinion(b, unit);
    await scheduleMeeting(b, '2027-12-08T09:30:00+08:00');
    return { instance, caseNumber };
  }

  it('moves the meeting by message: new invitations update the calendar entry, the old time opens nothing', async () => {
    const { instance, caseNumber } = await toMeeting();
    const [first] = await mailsOf(b, 'meeting.invitation', 4);
    await b.rest.publishMessage({
      name: 'meeting-rescheduled',
      correlationKey: caseNumber,
      timeToLive: 60_000,
      variables: { newMeetingAt: '2027-12-09T06:30:00Z', rescheduleReason: '主持人另有公务' },
    });
    const moved = await mailsOf(b, 'meeting.rescheduled', 4);
    const mail = moved[0].mail;
    expect(mail.subject).toBe(
      `【会议改期】涉企案件协调会：南麓文旅发展有限公司（${caseNumber}） 2027年12月9日 14:30`,
    );
    const before = icsOf(first.mail);
    const after = icsOf(mail);
    const uid = /UID:(\S+)/.exec(before)?.[1];
    expect(after).toContain(`UID:${uid}`);
    expect(after).toContain('SEQUENCE:1');
    expect(after).toContain('DTSTART:20271209T063000Z');

    await b.pin('2027-12-08T09:30:00+08:00'); // the old time: nothing happens
    await new Promise((r) => setTimeout(r, 500));
    expect(await b.inbox.open('coordinators', 'Task_RecordMinutes')).toHaveLength(0);
    await b.pin('2027-12-09T14:30:00+08:00');
    await recordMinutes(b, []);
    await confirm(b, 'resolved', '会上各方达成一致。');
    await b.inbox.instanceState(instance, 'COMPLETED');
    const row = await caseRow(b, caseNumber);
    expect(row.meetings[0]).toMatchObject({ rescheduleCount: 1, status: 'held' });
    expect(row.meetings[0].scheduledAt?.toISOString()).toBe('2027-12-09T06:30:00.000Z');
    expect(row.status).toBe('resolved');
  });

  it('calls another meeting when the first did not resolve the case, and resolves after the second', async () => {
    const { instance, caseNumber } = await toMeeting();
    await b.pin('2027-12-08T09:30:00+08:00');
    await recordMinutes(b, [agreedItem('court', '区法院限期核查冻结账户')]);
    await closeLedgerItems(b, ['court']);
    await confirm(b, 'another_meeting', '企业仍有异议，需再次协调。');

    // Second meeting: new opinions from every involved unit, new invitations for meeting 2.
    for (const unit of registration.involvedUnitCodes) await submitOpinion(b, unit);
    await scheduleMeeting(b, '2027-12-15T09:30:00+08:00');
    const invitations = await mailsOf(b, 'meeting.invitation', 8);
    const uids = new Set(invitations.map((m) => /UID:(\S+)/.exec(icsOf(m.mail))?.[1]));
    expect(uids.size).toBe(2);
    await b.pin('2027-12-15T09:30:00+08:00');
    await recordMinutes(b, [agreedItem('police', '公安分局出具冻结依据说明')]);
    await closeLedgerItems(b, ['police']);
    await confirm(b, 'resolved', '第二次协调会后企业账户解冻，争议化解。');
    await b.inbox.instanceState(instance, 'COMPLETED');

    const row = await caseRow(b, caseNumber);
    expect(row.status).toBe('resolved');
    expect(row.meetings.map((m) => [m.sequence, m.status, m.opinions.length, m.agreedItems.length])).toEqual([
      [1, 'held', 3, 1],
      [2, 'held', 3, 1],
    ]);
  });
});
