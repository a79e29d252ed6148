// The handling period of a petition (60 days from acceptance) on the real engine with the real workers: an
// extension asked for before the deadline, approved by the unit head and cut to the 30-day limit, notified to the
// petitioner, with the watch and its reminder following the new deadline; and an overdue petition that becomes a
// ledger item (rectification) while the reply goes on, where an extension asked for after the deadline is no
// longer possible. The overdue path runs on PostgreSQL.
import { DateTime } from 'luxon';
import { acknowledgement, bySubject, leadSigned, passed, recipients, submit } from './support/answers';
import { DAY, dateOf, startBench, zone, type Bench } from './support/bench';
import { accepted, petition, register, replyAndSign, variable, visit } from './support/petitions';
import { providers } from '../support/databases';

jest.setTimeout(90_000);

let b: Bench | undefined;
afterEach(async () => {
  await b?.close();
  b = undefined;
});

// A person's petition: the ordinary 60-day period (an enterprise complaint's shorter one is in deadline-sets.test).
const ordinary = { petitionerKind: 'person' };

const dueOf = async (bench: Bench, pi: string) =>
  Date.parse(String(await variable(bench, pi, 'handlingDueAt')));
const plusDays = (date: string, days: number) =>
  DateTime.fromISO(date, { zone }).plus({ days }).toISODate() as string;

it('is extended before the deadline: approved up to the 30-day limit, the petitioner told, the watch follows the new deadline', async () => {
  const bench = (b = await startBench('sqlite'));
  const t0 = bench.now();
  const { pi, number } = await register(bench, ordinary);
  await accepted(bench, 'court', pi);
  await bench.task('court', 'Task_DraftReply', pi);
  const originalDue = await bench.until('the handling deadline', async () =>
    (await variable(bench, pi, 'handlingDueAt')) ? dueOf(bench, pi) : undefined,
  );
  expect(originalDue - t0).toBeGreaterThan(59 * DAY);
  // The record knows its handling deadline from acceptance on, not only once a reminder or the reply tells it.
  expect((await petition(bench, number)).handlingDue?.getTime()).toBe(originalDue);

  await bench.pin(t0 + 30 * DAY);
  await bench.until('the extension boundary', async () => {
    await bench.publish('petition-extension-requested', number, {
      extensionReason: '需调取外地被执行人财产线索',
      requestedDueDate: plusDays(dateOf(originalDue), 45),
    });
    return (await bench.inbox('court', pi)).some((t) => t.elementId === 'Task_ApproveExtension');
  });
  await bench.complete(
    'court',
    'Task_ApproveExtension',
    pi,
    {
      extensionDecision: 'approve',
      approvedDueDate: plusDays(dateOf(originalDue), 45),
      extensionDecisionNote: '同意延期',
    },
    'court.lead',
  );
  const row = await bench.until('the extension recorded', async () => {
    const r = await petition(bench, number);
    return r.extendedDue && r;
  });
  const limit = dateOf(row.extendedDue!.getTime());
  expect(limit >= plusDays(dateOf(originalDue), 30) && limit <= plusDays(dateOf(originalDue), 33)).toBe(true); // 30 days, rolled past a holiday
  expect(dateOf(row.handlingDue!.getTime())).toBe(dateOf(originalDue));
  expect(row.notices.map((n) => n.kind)).toEqual(['acceptance', 'extension']);
  const newDue = await bench.until('the new deadline', async () => {
    const due = await dueOf(bench, pi);
    return due > originalDue ? due : undefined;
  });
  expect(dateOf(newDue)).toBe(limit);

  await bench.pin(originalDue + DAY); // the original deadline passes: nothing happens
  await bench.pin(newDue - 2 * DAY); // the reminder of the new deadline (3 working days before)
  await bench.until(
    'the handling reminder',
    async () => (await bench.db.outboxMessage.count({ where: { template: 'reminder.due' } })) === 1,
  );
  expect((await petition(bench, number)).overdueAt).toBeNull();
  await replyAndSign(bench, 'court', pi);
  await visit(bench, 'court', pi, 'satisfied');
  await bench.ended(pi);

  const mails = await bench.mails();
  expect(mails.map((m) => m.mail.subject)).toEqual([
    `【受理告知书】${number} 胜诉后货款迟迟未执行到位`,
    `【延期办理告知书】${number} 胜诉后货款迟迟未执行到位`,
    expect.stringMatching(new RegExp(`^【催办提醒】信访事项办结答复（${number}）将于`)),
    `【答复意见书】${number} 胜诉后货款迟迟未执行到位`,
  ]);
  expect(mails[1].mail.text).toContain(`办理期限延长至${limit}`);
  expect(mails[1].mail.text).toContain('需调取外地被执行人财产线索');
});

const onPostgres = providers.includes('postgresql') ? 'postgresql' : 'sqlite';

it(`becomes a ledger item when overdue, while the reply goes on; no extension after the deadline (${onPostgres})`, async () => {
  const bench = (b = await startBench(onPostgres));
  const t0 = bench.now();
  const { pi, number } = await register(bench, ordinary);
  await accepted(bench, 'court', pi);
  await bench.task('court', 'Task_DraftReply', pi);
  const due = await bench.until('the handling deadline', async () =>
    (await variable(bench, pi, 'handlingDueAt')) ? dueOf(bench, pi) : undefined,
  );
  await bench.pin(due - 2 * DAY);
  await bench.until(
    'the handling reminder',
    async () => (await bench.db.outboxMessage.count({ where: { template: 'reminder.due' } })) === 1,
  );
  await bench.pin(due + 60_000);
  const ack = await bench.task(
    'court',
    'Task_Acknowledge',
    String(
      await bench.until('the ledger instance', async () => {
        const r = await bench.rest.searchProcessInstances({
          filter: { processDefinitionId: 'rectification' },
        } as never);
        return r.items[0]?.processInstanceKey;
      }),
    ),
  );
  const row = await petition(bench, number);
  expect(row.overdueAt?.getTime()).toBe(due + 60_000);
  expect(row.ledgerItem).toMatchObject({
    source: 'overdue_petition',
    sourceRef: number,
    originKey: `petition-overdue:${number}`,
    problem: `信访事项 ${number} 逾期未办结：胜诉后货款迟迟未执行到位`,
  });
  const ledgerNumber = row.ledgerItem!.number;

  // an extension can only be asked for while the period runs: the message finds no subscription now
  await bench.publish('petition-extension-requested', number, {
    extensionReason: '逾期后申请',
    requestedDueDate: dateOf(due + 20 * DAY),
  });
  await new Promise((r) => setTimeout(r, 300));
  expect((await bench.inbox('court', pi)).map((t) => t.elementId)).toEqual(['Task_DraftReply']);

  await replyAndSign(bench, 'court', pi);
  await visit(bench, 'court', pi, 'satisfied');
  await bench.complete('court', 'Task_Acknowledge', ack.processInstanceKey, acknowledgement);
  await bench.complete('court', 'Task_Rectify', ack.processInstanceKey, submit);
  await bench.complete('court', 'Task_LeadReview', ack.processInstanceKey, leadSigned, 'court.lead');
  await bench.complete('coordinators', 'Task_Verify', ack.processInstanceKey, passed);
  await bench.ended(ack.processInstanceKey);
  await bench.ended(pi);
  expect(await variable(bench, pi, 'overdueLedgerNumber')).toBe(ledgerNumber);
  expect(await bench.db.ledgerItem.count()).toBe(1);
  expect((await bench.db.ledgerItem.findUniqueOrThrow({ where: { number: ledgerNumber } })).status).toBe(
    'closed',
  );

  const mails = await bench.mails();
  const overdue = bySubject(mails, `【逾期提醒】信访事项办结答复（${number}）`)[0];
  expect(recipients(overdue).to).toContain('court@zhuanban.invalid');
  expect(recipients(overdue).cc).toContain('coordinator@zhuanban.test');
  expect(overdue.mail.text).toContain('将转入整改台账');
  const notice = bySubject(mails, `【督办通知书】${ledgerNumber}`)[0];
  expect(notice.mail.text).toContain(`信访事项 ${number} 逾期未办结`);
  expect(bySubject(mails, `【核验通过·销号】${ledgerNumber}`)).toHaveLength(1);
  expect(t0).toBeLessThan(due);
});

it('is refused an extension: the unit is told, the watch resumes with the same deadline and does not remind twice', async () => {
  const bench = (b = await startBench('sqlite'));
  const { pi, number } = await register(bench, ordinary);
  await accepted(bench, 'court', pi);
  await bench.task('court', 'Task_DraftReply', pi);
  const due = await bench.until('the handling deadline', async () =>
    (await variable(bench, pi, 'handlingDueAt')) ? dueOf(bench, pi) : undefined,
  );
  await bench.pin(due - 2 * DAY); // the reminder fires
  const reminders = () => bench.db.outboxMessage.count({ where: { template: 'reminder.due' } });
  await bench.until('the handling reminder', async () => (await reminders()) === 1);
  await bench.until('the extension boundary', async () => {
    await bench.publish('petition-extension-requested', number, {
      extensionReason: '需补充调查',
      requestedDueDate: dateOf(due + 10 * DAY),
    });
    return (await bench.inbox('court', pi)).some((t) => t.elementId === 'Task_ApproveExtension');
  });
  await bench.complete(
    'court',
    'Task_ApproveExtension',
    pi,
    { extensionDecision: 'reject', extensionDecisionNote: '理由不充分，请按期办结' },
    'court.lead',
  );
  // the watch is entered again with the same deadline; its reminder (already due) fires again, mails nothing new
  await bench.until(
    'the reminder job again',
    async () =>
      (await bench.db.processedJob.count({ where: { jobType: 'zhuanban.petition.remind' } })) === 1 &&
      (
        await bench.rest.searchElementInstances({
          filter: { processInstanceKey: pi, elementId: 'Task_RemindHandling' },
        } as never)
      ).items.length === 2,
  );
  await replyAndSign(bench, 'court', pi);
  await visit(bench, 'court', pi, 'satisfied');
  await bench.ended(pi);
  expect(await reminders()).toBe(1);
  const row = await petition(bench, number);
  expect(row).toMatchObject({ extendedDue: null, overdueAt: null });
  const mails = await bench.mails();
  expect(bySubject(mails, `【延期申请未获批准】${number}`)[0].mail.text).toContain('理由不充分，请按期办结');
  expect(bySubject(mails, '【催办提醒】')).toHaveLength(1);
  expect(row.notices.map((n) => n.kind)).toEqual(['acceptance']);
});
