// Paths of the supervise → rectify → close model (rectification.bpmn) with the real workers on the real engine:
// closed the first time; the unit lead's review (签字 or 退回) and its reminder on the review's due day; a failed verification and a second round; an extension before the deadline; the graded
// escalation blue → yellow → red with the circular to the leaders. Users act through the REST API v2, the clock is
// pinned, mails arrive at a real SMTP server and are read back.
import {
  acknowledgement,
  bySubject,
  failed,
  leadReturned,
  leadSigned,
  ledgerOpening,
  passed,
  progress,
  recipients,
  submit,
} from './support/answers';
import { DAY, dateOf, isoOf, startBench, type Bench } from './support/bench';
import type { Role } from '../../domain/auth/roles';
import { completionRefusal, isVisible, viewerOf, type TaskLike } from '../../web/server/tasks/access';

jest.setTimeout(60_000);

let b: Bench;
beforeEach(async () => {
  b = await startBench('sqlite');
});
afterEach(async () => {
  await b?.close();
});

const year = () => dateOf(b.now()).slice(0, 4);

async function item(number: string) {
  return b.db.ledgerItem.findUniqueOrThrow({
    where: { number },
    include: { progressNotes: true, verifications: true, reminders: true, extensions: true },
  });
}

async function opened(processInstanceKey: string): Promise<string> {
  return b.until(
    'the ledger item',
    async () => (await b.db.ledgerItem.findUnique({ where: { processInstanceKey } }))?.number,
  );
}

describe('a ledger item', () => {
  it('is closed the first time: notice, acknowledgement, progress, submission, verification, 销号', async () => {
    const t0 = b.now();
    const pi = await b.start('rectification', ledgerOpening({ dueDate: dateOf(t0 + 20 * DAY) }));
    const number = await opened(pi);
    expect(number).toBe(`ZG-${year()}-001`);

    const ack = await b.task('police', 'Task_Acknowledge', pi);
    expect(ack.candidateGroups).toEqual(['police']);
    expect(await b.inbox('court', pi)).toEqual([]); // another unit sees nothing of it
    await b.complete('police', 'Task_Acknowledge', pi, acknowledgement);
    await b.complete('police', 'Task_Rectify', pi, progress());
    await b.complete('police', 'Task_Rectify', pi, submit);
    await b.complete('police', 'Task_LeadReview', pi, leadSigned, 'police.lead');
    expect(await b.inbox('police', pi)).toEqual([]);
    await b.complete('coordinators', 'Task_Verify', pi, passed);
    await b.ended(pi);

    const row = await item(number);
    expect(row).toMatchObject({
      status: 'closed',
      round: 1,
      color: 'none',
      liaisonName: '联系人乙',
      liaisonPhone: '010-00000002',
    });
    expect(row.closedAt?.getTime()).toBe(t0);
    expect(row.progressNotes.map((n) => n.round)).toEqual([1, 1, 1]);
    expect(row.verifications).toMatchObject([{ round: 1, passed: true, method: 'on_site' }]);
    const audit = await b.db.auditLog.findMany({
      where: { entity: 'ledgerItem', entityId: String(row.id) },
      orderBy: { id: 'asc' },
    });
    expect(audit.map((a) => a.action)).toEqual([
      'ledgerItem.create',
      'ledgerItem.notice',
      'ledgerItem.acknowledge',
      'ledgerItem.progressNote',
      'ledgerItem.progressNote',
      'ledgerItem.leadSigned',
      'ledgerItem.verified',
      'ledgerItem.close',
    ]);
    expect(new Set(audit.map((a) => a.actorLabel))).toContain('worker:zhuanban.ledger.close');

    const mails = await b.mails();
    expect(mails.map((m) => m.mail.subject)).toEqual([
      `【督办通知书】${number} 请于${zh(t0 + 20 * DAY)}前完成整改`,
      `【核验通过·销号】${number} 公安分局`,
    ]);
    const notice = mails[0];
    expect(recipients(notice).to).toEqual(
      expect.arrayContaining([
        'police@zhuanban.invalid',
        'police.user@zhuanban.test',
        'police.lead@zhuanban.test',
      ]),
    );
    expect(recipients(notice).cc).toEqual(expect.arrayContaining(['justice@zhuanban.invalid']));
    expect(notice.mail.text).toContain('北辰冷链物流有限公司厂区出入口被堵');
    expect(notice.mail.text).toContain('协办单位：区司法局');
    expect(mails[1].mail.text).toContain('核验通过');
  });

  it("is signed by the unit's 主要领导 before verification, or sent back to the unit with a reason", async () => {
    const t0 = b.now();
    const pi = await b.start('rectification', ledgerOpening({ dueDate: dateOf(t0 + 20 * DAY) }));
    const number = await opened(pi);
    await b.complete('police', 'Task_Acknowledge', pi, acknowledgement);
    await b.complete('police', 'Task_Rectify', pi, submit);

    // the review reaches the unit's inbox only, and only its lead may complete it
    const review = await b.task('police', 'Task_LeadReview', pi);
    expect(review.candidateGroups).toEqual(['police']);
    expect(await b.inbox('court', pi)).toEqual([]);
    expect(await b.inbox('coordinators', pi)).toEqual([]);
    const engineTask = (await b.rest.getUserTask(review.userTaskKey as never)) as unknown as TaskLike;
    expect(engineTask.customHeaders).toEqual({ role: 'unit-lead' });
    const as = async (username: string) => {
      const u = await b.db.user.findUniqueOrThrow({ where: { username } });
      return viewerOf(b.db, { userId: u.id, username, role: u.role as Role, unitId: u.unitId });
    };
    const courtLead = await as('court.lead');
    expect(isVisible(engineTask, courtLead)).toBe(false);
    expect(completionRefusal(engineTask, await as('police.user'))).toContain('本单位负责人');
    expect(completionRefusal(engineTask, await as('coordinator'))).toContain('本单位负责人');
    expect(completionRefusal(engineTask, await as('police.lead'))).toBeUndefined();
    expect((await item(number)).status).toBe('verifying');

    // sent back: the unit rectifies again in the same round, told by mail; the office sees nothing yet
    await b.complete('police', 'Task_LeadReview', pi, leadReturned('佐证材料缺少处置决定书'), 'police.lead');
    await b.task('police', 'Task_Rectify', pi);
    expect(await b.inbox('coordinators', pi)).toEqual([]);
    const back = await item(number);
    expect(back).toMatchObject({ status: 'rectifying', round: 1 });
    expect(back.progressNotes.at(-1)?.content).toBe('主要领导退回继续整改：佐证材料缺少处置决定书');

    // resubmitted and signed: on to the office's verification and the close
    await b.complete('police', 'Task_Rectify', pi, submit);
    await b.complete('police', 'Task_LeadReview', pi, leadSigned, 'police.lead');
    await b.task('coordinators', 'Task_Verify', pi);
    expect((await item(number)).progressNotes.at(-1)?.content).toBe(
      '主要领导审核签字同意，报专班办公室核验：已审阅，同意报核验',
    );
    await b.complete('coordinators', 'Task_Verify', pi, passed);
    await b.ended(pi);

    const row = await item(number);
    expect(row).toMatchObject({ status: 'closed', round: 1 });
    const audit = await b.db.auditLog.findMany({
      where: { entity: 'ledgerItem', entityId: String(row.id), action: { startsWith: 'ledgerItem.lead' } },
      orderBy: { id: 'asc' },
    });
    expect(audit.map((a) => [a.action, a.actorLabel])).toEqual([
      ['ledgerItem.leadReturned', 'worker:zhuanban.ledger.recordLeadReview'],
      ['ledgerItem.leadSigned', 'worker:zhuanban.ledger.recordLeadReview'],
    ]);
    const returned = bySubject(await b.mails(), `【主要领导退回】${number}`);
    expect(returned).toHaveLength(1);
    expect(recipients(returned[0]).to).toEqual(
      expect.arrayContaining(['police@zhuanban.invalid', 'police.user@zhuanban.test']),
    );
    expect(returned[0].mail.text).toContain('退回理由：佐证材料缺少处置决定书');
  });

  it("reminds the unit when its 主要领导 has not signed by the review's due day, and only then", async () => {
    const t0 = b.now();
    const pi = await b.start('rectification', ledgerOpening({ dueDate: dateOf(t0 + 40 * DAY) }));
    const number = await opened(pi);
    await b.complete('police', 'Task_Acknowledge', pi, acknowledgement);
    await b.complete('police', 'Task_Rectify', pi, submit);
    const review = await b.task('police', 'Task_LeadReview', pi);
    // three working days from the submission, to the end of that day (rule ledger.lead-review)
    const due = Date.parse(String(review.dueDate));
    expect(due - t0).toBeGreaterThanOrEqual(3 * DAY);
    expect(isoOf(due)).toMatch(/T23:59:59(\.000)?\+08:00$/);
    expect(bySubject(await b.mails(), '【审核提醒】')).toEqual([]);

    await b.pin(due - 15 * 3600_000 + 60_000); // 09:01 on the due day
    const reminders = await b.until('the review reminder', async () => {
      const found = bySubject(await b.mails(), '【审核提醒】');
      return found.length ? found : undefined;
    });
    expect(reminders).toHaveLength(1);
    expect(reminders[0].mail.subject).toBe(`【审核提醒】${number} 公安分局 整改情况待主要领导审核签字`);
    expect(recipients(reminders[0]).to).toContain('police@zhuanban.invalid');
    expect(reminders[0].mail.text).toContain('尚待单位主要领导审核签字');
    // the reminder does not end the review: the lead still signs, and no second reminder follows
    await b.complete('police', 'Task_LeadReview', pi, leadSigned, 'police.lead');
    await b.complete('coordinators', 'Task_Verify', pi, passed);
    await b.ended(pi);
    expect(bySubject(await b.mails(), '【审核提醒】')).toEqual([]);
  });

  it('goes to a second round after a failed verification, counts the round and closes in round two', async () => {
    const t0 = b.now();
    const pi = await b.start(
      'rectification',
      ledgerOpening({ dueDate: dateOf(t0 + 20 * DAY), leadUnitCode: 'court', assistingUnitCodes: [] }),
    );
    const number = await opened(pi);
    await b.complete('court', 'Task_Acknowledge', pi, acknowledgement);
    await b.complete('court', 'Task_Rectify', pi, submit);
    await b.complete('court', 'Task_LeadReview', pi, leadSigned, 'court.lead');
    await b.pin(t0 + 5 * DAY);
    const second = dateOf(t0 + 40 * DAY);
    await b.complete('coordinators', 'Task_Verify', pi, failed(second));
    // round two: a new notice with the new deadline, acknowledged again
    await b.complete('court', 'Task_Acknowledge', pi, acknowledgement);
    const during = await b.until('round two acknowledged', async () => {
      const row = await item(number);
      return row.round === 2 && row.status === 'acknowledged' && row;
    });
    expect(dateOf(during.dueAt.getTime())).toBe(second);
    await b.complete('court', 'Task_Rectify', pi, submit);
    await b.complete('court', 'Task_LeadReview', pi, leadSigned, 'court.lead');
    await b.complete('coordinators', 'Task_Verify', pi, passed);
    await b.ended(pi);

    const row = await item(number);
    expect(row).toMatchObject({ status: 'closed', round: 2 });
    expect(row.verifications.map((v) => [v.round, v.passed])).toEqual([
      [1, false],
      [2, true],
    ]);
    const vars = await b.rest.searchVariables({
      filter: { processInstanceKey: pi, name: 'rectificationRound' },
    } as never);
    expect(vars.items.map((v) => v.value)).toEqual(['2']);

    const subjects = (await b.mails()).map((m) => m.mail.subject);
    expect(subjects).toEqual([
      `【督办通知书】${number} 请于${zh(t0 + 20 * DAY)}前完成整改`,
      `【核验未通过·二次整改】${number} 请于${zh(t0 + 40 * DAY)}前完成整改`,
      `【督办通知书】${number} 请于${zh(t0 + 40 * DAY)}前完成整改`,
      `【核验通过·销号】${number} 区人民法院`,
    ]);
  });

  it('is extended before the deadline: the office approves, a new notice and new reminders follow the new deadline', async () => {
    const t0 = b.now();
    const due = t0 + 20 * DAY;
    const extended = t0 + 35 * DAY;
    const pi = await b.start('rectification', ledgerOpening({ dueDate: dateOf(due) }));
    const number = await opened(pi);
    await b.complete('police', 'Task_Acknowledge', pi, acknowledgement);
    await b.complete('police', 'Task_Rectify', pi, {
      progressNote: '需协调区司法局出具意见',
      rectificationAction: 'extension',
      extensionReason: '需协调区司法局出具法律意见',
      requestedDueDate: dateOf(extended),
    });
    await b.complete('coordinators', 'Task_ApproveExtension', pi, {
      extensionDecision: 'approve',
      approvedDueDate: dateOf(extended),
      extensionDecisionNote: '同意延期，请按期完成',
    });
    // the round is re-entered with the new deadline: notice again, acknowledged again
    await b.complete('police', 'Task_Acknowledge', pi, acknowledgement);
    await b.task('police', 'Task_Rectify', pi);
    const during = await item(number);
    expect(dateOf(during.dueAt.getTime())).toBe(dateOf(extended));
    expect(during.extensions).toMatchObject([{ decision: 'approved', reason: '需协调区司法局出具法律意见' }]);
    // the old deadline passes without a yellow reminder: the timers follow the new deadline
    await b.pin(due + DAY);
    await b.complete('police', 'Task_Rectify', pi, submit);
    await b.complete('police', 'Task_LeadReview', pi, leadSigned, 'police.lead');
    await b.complete('coordinators', 'Task_Verify', pi, passed);
    await b.ended(pi);
    const row = await item(number);
    expect(row.status).toBe('closed');
    expect(row.reminders.map((r) => r.color)).toEqual([]);

    const subjects = (await b.mails()).map((m) => m.mail.subject);
    expect(subjects).toEqual([
      `【督办通知书】${number} 请于${zh(due)}前完成整改`,
      `【延期申请审批】${number} 同意延期`,
      `【督办通知书】${number} 请于${zh(extended)}前完成整改`,
      `【核验通过·销号】${number} 公安分局`,
    ]);
  });

  it('refuses an extension asked for after the deadline without asking the office', async () => {
    const t0 = b.now();
    const due = t0 + 10 * DAY;
    const pi = await b.start('rectification', ledgerOpening({ dueDate: dateOf(due) }));
    const number = await opened(pi);
    await b.complete('police', 'Task_Acknowledge', pi, acknowledgement);
    await b.task('police', 'Task_Rectify', pi);
    await b.pin(due + DAY);
    await b.until('yellow', async () => (await item(number)).color === 'yellow');
    await b.complete('police', 'Task_Rectify', pi, {
      progressNote: '逾期后申请延期',
      rectificationAction: 'extension',
      extensionReason: '工作量大',
      requestedDueDate: dateOf(due + 20 * DAY),
    });
    const rejected = await b.until('the refusal', async () => {
      const row = await item(number);
      return row.extensions[0]?.decision === 'rejected' && row;
    });
    expect(rejected.extensions[0].decisionNote).toContain('届满后提出');
    expect(dateOf(rejected.dueAt.getTime())).toBe(dateOf(due));
    await b.task('police', 'Task_Rectify', pi);
    expect(await b.inbox('coordinators', pi)).toEqual([]);
    await b.complete('police', 'Task_Rectify', pi, submit);
    await b.complete('police', 'Task_LeadReview', pi, leadSigned, 'police.lead');
    await b.complete('coordinators', 'Task_Verify', pi, passed);
    await b.ended(pi);
    const refusal = bySubject(await b.mails(), `【延期申请审批】${number} 不予延期`)[0];
    expect(refusal.mail.text).toContain('因在整改期限届满后提出');
  });

  it('is escalated blue → yellow → red: colour and history at each step, the red circular to the leaders', async () => {
    const t0 = b.now();
    const due = t0 + 10 * DAY;
    const pi = await b.start('rectification', ledgerOpening({ dueDate: dateOf(due) }));
    const number = await opened(pi);
    await b.complete('police', 'Task_Acknowledge', pi, acknowledgement);
    await b.task('police', 'Task_Rectify', pi);
    const colour = async (c: string) => b.until(`colour ${c}`, async () => (await item(number)).color === c);

    await b.pin(due - 2 * DAY); // past the blue point (3 working days before)
    await colour('blue');
    await b.pin(due + DAY); // the due day is over
    await colour('yellow');
    await b.pin(due + 8 * DAY); // past the red point (7 days after)
    await colour('red');
    await b.complete('leaders', 'Task_AccountabilityDecision', pi, {
      accountabilityDecision: 'talk',
      talkAt: isoOf(due + 9 * DAY),
      accountabilityNote: '约谈公安分局分管负责人',
    });
    await b.complete('police', 'Task_Rectify', pi, submit);
    await b.complete('police', 'Task_LeadReview', pi, leadSigned, 'police.lead');
    await b.complete('coordinators', 'Task_Verify', pi, passed);
    await b.ended(pi);

    const row = await item(number);
    expect(row.reminders.map((r) => [r.color, r.kind, r.round])).toEqual([
      ['blue', 'reminder', 1],
      ['yellow', 'reminder', 1],
      ['red', 'circular', 1],
      ['red', 'accountability_talk', 1],
    ]);
    expect(row.reminders.slice(0, 3).every((r) => r.outboxMessageId !== null)).toBe(true);
    const history = await b.db.auditLog.findMany({
      where: { entity: 'ledgerItem', entityId: String(row.id), action: 'ledgerItem.escalate' },
      orderBy: { id: 'asc' },
    });
    expect(history.map((h) => (h.after as { color: string }).color)).toEqual(['blue', 'yellow', 'red']);

    const mails = await b.mails();
    const blue = bySubject(mails, '【蓝色督办】')[0];
    const yellow = bySubject(mails, '【黄色督办】')[0];
    const red = bySubject(mails, '【红色督办·通报】')[0];
    expect(recipients(blue).to).toContain('police@zhuanban.invalid');
    expect(recipients(blue).to).not.toContain('leader@zhuanban.test');
    expect(yellow.mail.text).toContain('已超过整改期限');
    expect(recipients(red).to).toEqual(
      expect.arrayContaining(['police@zhuanban.invalid', 'leader@zhuanban.test']),
    );
    expect(recipients(red).cc).toEqual(expect.arrayContaining(['coordinator@zhuanban.test']));
    expect(red.mail.text).toContain('通报');
    const talk = bySubject(mails, '【约谈通知】')[0];
    expect(talk.mail.text).toContain('约谈你单位负责人');
    expect(recipients(talk).cc).toContain('leader@zhuanban.test');
  });
});

function zh(ms: number): string {
  const d = new Date(ms + 8 * 3600_000);
  return `${d.getUTCFullYear()}年${d.getUTCMonth() + 1}月${d.getUTCDate()}日`;
}
