// The message forms of the instance page, on the whole system (engine, workers, web, SMTP on loopback).
// 会议改期: a case is taken through its opinion round to a scheduled meeting by the office and the units in their
// inboxes; the page shows the meeting and offers the move to the office only; bad times and a missing reason
// are refused naming the field and change nothing; the move is correlated to the waiting process, the worker
// records it naming the coordinator (not itself), every attendee unit gets a new invitation whose calendar entry
// moves (SEQUENCE 1), and the page shows the new time. A case not waiting for a meeting gets a 409, a unit 403.
// 申请延期: a petition in handling offers it to its handling unit only; a date not after the period in force or
// beyond the 30-day limit is refused; the request reaches the unit lead's approval task, audited in the person's
// name; while the lead decides, the form is no longer offered and a second request gets a 409. The unit's reply
// task offers the same form while the instance page does.
import { bootSystem, type BootedSystem } from '../browser/support/system';
import {
  caseAwaitingMeeting,
  caseInOpinionRound,
  clientsFor,
  daysAhead,
  taskOf,
  until,
} from './monitor-support';

jest.setTimeout(90_000);

let booted: BootedSystem;
const as = clientsFor(() => booted);
const db = () => booted.system.database.db;
let theCase: { number: string; processInstanceKey: string };

interface Meeting {
  caseNumber: string;
  sequence: number;
  scheduledAt: string;
  rescheduleCount: number;
}
interface Page {
  meeting: Meeting | null;
  actions: { formId: string; label: string }[];
}
interface Problem {
  detail: string;
  errors?: { field: string; message: string }[];
}

/** A day some weeks ahead, in Beijing time, so neither time lies in the past while the test runs. */
const ahead = (days: number, hhmm: string) => `${daysAhead(days)}T${hhmm}`;
/** As the form's datetime field sends it (timeSerializingFormat utc_offset). */
const at = (local: string) => `${local}+08:00`;
const firstTime = ahead(21, '09:30');
const newTime = ahead(23, '14:00');

const pageOf = async (user: string) =>
  (await as(user)).send<Page>('GET', `/api/instances/${theCase.processInstanceKey}`);
const send = async (user: string, formId: string, key: string, variables: unknown) =>
  (await as(user)).send<Problem & { message: string }>('POST', `/api/instances/${key}/${formId}`, {
    variables,
  });
const move = (user: string, variables: unknown, key = theCase.processInstanceKey) =>
  send(user, 'meeting-reschedule', key, variables);
const offered = (page: Page) => page.actions.map((a) => a.label);
/** The calendar invitations of this case's meeting with the given SEQUENCE, one per attendee unit. */
const invitations = (sequence: number) =>
  booted.smtp.received.filter((m) => {
    const ics = m.mail.attachments.find((a) => a.filename?.endsWith('.ics'));
    const text = ics?.content.toString('utf8') ?? '';
    return m.mail.subject?.includes(theCase.number) && text.includes(`SEQUENCE:${sequence}\r\n`);
  });
const meetingRow = () =>
  db().coordinationMeeting.findFirstOrThrow({ where: { case: { number: theCase.number } } });

beforeAll(async () => {
  booted = await bootSystem();
  theCase = await caseAwaitingMeeting(as, '改期测试有限公司', ['court', 'police'], `${firstTime}:00+08:00`);
  await until('the two invitations', async () => (invitations(0).length === 2 ? true : undefined), 20_000);
}, 120_000);
afterAll(async () => {
  await booted?.stop();
});

it('shows the scheduled meeting; only the office may move it', async () => {
  const office = await until('the case waiting for its meeting', async () => {
    const res = await pageOf('coordinator');
    return offered(res.body).includes('会议改期') ? res.body.meeting! : undefined;
  });
  expect(office).toMatchObject({ caseNumber: theCase.number, sequence: 1, rescheduleCount: 0 });
  expect(new Date(office.scheduledAt).toISOString()).toBe(new Date(`${firstTime}:00+08:00`).toISOString());
  const court = await pageOf('court.user');
  expect(court.body.meeting).toMatchObject({ caseNumber: theCase.number });
  expect(court.body.actions).toEqual([]);
  const denied = await move('court.user', { newMeetingAt: at(newTime), rescheduleReason: '法院承办人出差' });
  expect(denied.status).toBe(403);
  const form = await (
    await as('coordinator')
  ).send<{ form: { id: string }; data: { caseNumber: string } }>(
    'GET',
    `/api/instances/${theCase.processInstanceKey}/meeting-reschedule`,
  );
  expect(form.body).toMatchObject({
    form: { id: 'meeting-reschedule' },
    data: { caseNumber: theCase.number },
  });
});

it('refuses a past time, the same time, a malformed time and a missing reason, naming the field', async () => {
  const cases: [unknown, string, string][] = [
    [{ newMeetingAt: at(ahead(-1, '09:00')), rescheduleReason: '改期' }, 'newMeetingAt', '不能早于今天'],
    // Earlier today: the form's own rule lets it through, the server's does not.
    [
      { newMeetingAt: at(ahead(0, '00:00')), rescheduleReason: '改期' },
      'newMeetingAt',
      '新的会议时间应晚于当前时间',
    ],
    [{ newMeetingAt: at(firstTime), rescheduleReason: '改期' }, 'newMeetingAt', '新的会议时间与原定时间相同'],
    [{ newMeetingAt: '下周三上午', rescheduleReason: '改期' }, 'newMeetingAt', '日期时间格式不正确'],
    [{ newMeetingAt: at(newTime) }, 'rescheduleReason', '请填写此项'],
  ];
  for (const [body, field, message] of cases) {
    const res = await move('coordinator', body);
    expect({ body, status: res.status, errors: res.body.errors }).toEqual({
      body,
      status: 400,
      errors: [{ field, message }],
    });
  }
  expect(await meetingRow()).toMatchObject({ rescheduleCount: 0 });
});

it('moves the meeting: recorded in the coordinator’s name, new invitations whose calendar entry moves', async () => {
  const res = await move('coordinator', {
    newMeetingAt: at(newTime),
    rescheduleReason: '法院承办人出庭，时间冲突',
  });
  expect(res.status).toBe(200);
  expect(res.body.message).toMatch(
    /^已改期至 \d{4}年\d{1,2}月\d{1,2}日 14:00，各参会单位将收到新的会议通知$/,
  );

  const row = await until('the move recorded', async () => {
    const m = await meetingRow();
    return m.rescheduleCount === 1 ? m : undefined;
  });
  expect(row.scheduledAt!.toISOString()).toBe(new Date(`${newTime}:00+08:00`).toISOString());
  const [audit, ...more] = await db().auditLog.findMany({
    where: { action: 'coordinationMeeting.reschedule', entityId: String(row.id) },
  });
  expect(more).toHaveLength(0);
  const coordinator = await db().user.findUniqueOrThrow({ where: { username: 'coordinator' } });
  expect(audit).toMatchObject({ actorId: coordinator.id, actorLabel: 'coordinator' });
  expect(audit.after).toMatchObject({ rescheduleReason: '法院承办人出庭，时间冲突', rescheduleCount: 1 });

  const mails = await until('the new invitations', async () =>
    invitations(1).length === 2 ? invitations(1) : undefined,
  );
  expect(mails.map((m) => m.envelope.to[0]).sort()).toEqual([
    'court@zhuanban.invalid',
    'police@zhuanban.invalid',
  ]);

  const sent = await db().auditLog.findMany({
    where: { action: 'processInstance.rescheduleMeeting', entityId: theCase.processInstanceKey },
  });
  expect(sent).toHaveLength(1);
  expect(sent[0]).toMatchObject({ actorId: coordinator.id, actorLabel: 'coordinator' });

  const page = await until('the page showing the new time, movable again', async () => {
    const p = await pageOf('coordinator');
    return p.body.meeting?.rescheduleCount === 1 && offered(p.body).includes('会议改期')
      ? p.body.meeting
      : undefined;
  });
  expect(new Date(page.scheduledAt).toISOString()).toBe(row.scheduledAt!.toISOString());
});

it('answers 409 for a case that is not waiting for a meeting, and changes nothing', async () => {
  const other = await caseInOpinionRound(as, '尚在征求意见有限公司', ['court']);
  const res = await move(
    'coordinator',
    { newMeetingAt: at(newTime), rescheduleReason: '改期' },
    other.processInstanceKey,
  );
  expect(res.status).toBe(409);
  expect(res.body.detail).toContain('没有等待召开的协调会');
  const page = await (
    await as('coordinator')
  ).send<Page>('GET', `/api/instances/${other.processInstanceKey}`);
  expect(page.body.meeting).toBeNull();
  expect(page.body.actions).toEqual([]);
});

describe('申请延期', () => {
  let petition: { number: string; processInstanceKey: string };
  const shanghaiDate = (ms: number) =>
    new Date(ms).toLocaleDateString('sv-SE', { timeZone: 'Asia/Shanghai' });
  const plusDays = (date: string, n: number) =>
    shanghaiDate(Date.parse(`${date}T12:00:00+08:00`) + n * 86_400_000);
  const ask = (user: string, variables: unknown) =>
    send(user, 'petition-extension-request', petition.processInstanceKey, variables);

  beforeAll(async () => {
    const court = await as('court.user');
    const started = await court.send<{ processInstanceKey: string; record: { number: string } }>(
      'POST',
      '/api/start-forms/petition-reply',
      {
        idempotencyKey: 'message-forms-extension',
        variables: {
          channel: 'court_report_phone',
          petitionerKind: 'enterprise',
          petitionerName: '联系人丙',
          enterpriseName: '延期测试有限公司',
          subject: '执行款发放迟延',
          contact: '010-00000003',
          content: '执行款发放迟延，请求依法处理。',
          receivingUnitCode: 'court',
        },
      },
    );
    if (started.status !== 201) throw new Error(`start: ${started.status} ${JSON.stringify(started.body)}`);
    petition = { number: started.body.record.number, processInstanceKey: started.body.processInstanceKey };
    const classify = await taskOf(court, 'Task_Classify', petition.number);
    const done = await court.send('POST', `/api/tasks/${classify.userTaskKey}/complete`, {
      variables: {
        classification: 'accept',
        classificationReason: '属于本单位职责范围',
        complexity: 'simple',
      },
    });
    if (done.status !== 200) throw new Error(`classify: ${done.status} ${JSON.stringify(done.body)}`);
  }, 60_000);

  it('is offered to the handling unit only, checks the date against the period and its limit, reaches the lead', async () => {
    const page = await until('the handling period running', async () => {
      const res = await (
        await as('court.user')
      ).send<Page & { variables: { name: string; value: unknown }[] }>(
        'GET',
        `/api/instances/${petition.processInstanceKey}`,
      );
      // The statistics and the variables are two reads of an eventually consistent store: wait for both.
      const period = res.body.variables.some((v) => v.name === 'handlingDueAt');
      return offered(res.body).includes('申请延期') && period ? res.body : undefined;
    });
    const due = shanghaiDate(
      Date.parse(String(page.variables.find((v) => v.name === 'handlingDueAt')!.value)),
    );
    const office = await (
      await as('coordinator')
    ).send<Page>('GET', `/api/instances/${petition.processInstanceKey}`);
    expect(office.body.actions).toEqual([]);
    // The unit's reply task offers the same action, from the same specs.
    const draft = await taskOf(await as('court.user'), 'Task_DraftReply', petition.number);
    const taskPage = () =>
      as('court.user').then((c) => c.send<Page>('GET', `/api/tasks/${draft.userTaskKey}`));
    expect((await taskPage()).body.actions).toEqual([
      { formId: 'petition-extension-request', label: '申请延期' },
    ]);
    expect(
      (await ask('coordinator', { extensionReason: '案情复杂', requestedDueDate: plusDays(due, 10) })).status,
    ).toBe(403);
    expect(
      (await ask('police.user', { extensionReason: '案情复杂', requestedDueDate: plusDays(due, 10) })).status,
    ).toBe(404);

    const refused: [unknown, string, RegExp][] = [
      [
        { extensionReason: '案情复杂', requestedDueDate: due },
        'requestedDueDate',
        /^申请延长至的日期须晚于现办理期限/,
      ],
      [
        { extensionReason: '案情复杂', requestedDueDate: plusDays(due, 40) },
        'requestedDueDate',
        /^延长期限最长不超过30日/,
      ],
      [{ requestedDueDate: plusDays(due, 10) }, 'extensionReason', /^请填写此项$/],
    ];
    for (const [variables, field, message] of refused) {
      const res = await ask('court.user', variables);
      expect({ status: res.status, field: res.body.errors?.[0]?.field }).toEqual({ status: 400, field });
      expect(res.body.errors?.[0]?.message).toMatch(message);
    }

    const res = await ask('court.user', {
      extensionReason: '需调取外地执行材料',
      requestedDueDate: plusDays(due, 20),
    });
    expect(res.status).toBe(200);
    expect(res.body.message).toBe(`已提交延期申请（申请延长至 ${plusDays(due, 20)}），待本单位负责人审批`);
    const approval = await taskOf(await as('court.lead'), 'Task_ApproveExtension', petition.number);
    expect(approval.processInstanceKey).toBe(petition.processInstanceKey);
    const courtUser = await db().user.findUniqueOrThrow({ where: { username: 'court.user' } });
    const rows = await db().auditLog.findMany({
      where: { action: 'processInstance.requestExtension', entityId: petition.processInstanceKey },
    });
    expect(rows).toHaveLength(1);
    expect(rows[0]).toMatchObject({ actorId: courtUser.id, actorLabel: 'court.user' });
    expect(rows[0].after).toMatchObject({
      requestedDueDate: plusDays(due, 20),
      extensionReason: '需调取外地执行材料',
    });

    // While the lead decides, the period's watch is interrupted: no second request.
    const again = await ask('court.user', {
      extensionReason: '再次申请',
      requestedDueDate: plusDays(due, 25),
    });
    expect(again.status).toBe(409);
    const after = await (
      await as('court.user')
    ).send<Page>('GET', `/api/instances/${petition.processInstanceKey}`);
    expect(offered(after.body)).not.toContain('申请延期');
    expect((await taskPage()).body.actions).toEqual([]);
  });
});
