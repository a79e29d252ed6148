// 我的待办 over the API on the whole system (engine, workers, web): a case registered through its start form
// reaches the office's inbox only; the court and police each get their own opinion task and nothing of the
// other's (404 by key, like a key that does not exist); claim, give back and hand to a colleague; server-side
// validation with field names; completion; a second completion answers 409; a unit-lead task refuses a unit
// user; the history and diagram of a task.
import { ApiClient } from '../support/api-client';
import { adminPassword, bootSystem, demoPassword, type BootedSystem } from '../browser/support/system';

let booted: BootedSystem;
const clients = new Map<string, ApiClient>();

async function as(username: string): Promise<ApiClient> {
  let c = clients.get(username);
  if (!c) {
    c = new ApiClient(booted.url);
    const res = await c.login(username, demoPassword);
    if (res.status !== 200) throw new Error(`login ${username}: ${res.status}`);
    clients.set(username, c);
  }
  return c;
}

interface Task {
  userTaskKey: string;
  name: string;
  elementId: string;
  assignee: string | null;
  processInstanceKey: string;
  record: { number: string; kind: string } | null;
}
interface Inbox {
  items: Task[];
  total: number;
  counts: Record<string, number>;
}

async function waitForTask(user: string, elementId: string, key?: string, timeoutMs = 15_000): Promise<Task> {
  const c = await as(user);
  const until = Date.now() + timeoutMs;
  for (;;) {
    const res = await c.send<Inbox>('GET', `/api/tasks?pageSize=100${key ? `&key=${key}` : ''}`);
    expect(res.status).toBe(200);
    const found = res.body.items.find((t) => t.elementId === elementId);
    if (found) {
      // The shown tab's count is its list's own total, never a cached count from before the task appeared.
      expect(res.body.counts.all).toBe(res.body.total);
      return found;
    }
    if (Date.now() > until)
      throw new Error(
        `${user} has no ${elementId} task: ${JSON.stringify(res.body.items.map((t) => t.elementId))}`,
      );
    await new Promise((r) => setTimeout(r, 200));
  }
}

const caseForm = {
  enterpriseName: '测试精工机械有限公司',
  externalCaseNumber: '（2026）某0101民初777号',
  handlingUnitCode: 'court',
  disputePoint: '合同款项结算争议',
  meetingReason: 'inter_unit_dispute',
  reasonDetail: '法院与公安对案件性质认识不一致',
  involvedUnitCodes: ['court', 'police'],
  urgency: 'normal',
};
const opinion = {
  opinion: { content: '建议民事途径解决', contactName: '承办人', contactPhone: '13800000000' },
};

let caseNumber: string;

beforeAll(async () => {
  booted = await bootSystem();
}, 120_000);
afterAll(async () => {
  await booted?.stop();
});

it('starts a case from its start form once, even when the same submission arrives twice', async () => {
  const coordinator = await as('coordinator');
  const form = await coordinator.send<{ form: { components: unknown[] } }>(
    'GET',
    '/api/start-forms/case-coordination',
  );
  expect(form.status).toBe(200);
  expect(form.body.form.components.length).toBeGreaterThan(5);
  const body = { idempotencyKey: 'case-start-0001', variables: caseForm };
  const [a, b] = await Promise.all([
    coordinator.send<{ processInstanceKey: string; record: { number: string }; link: string }>(
      'POST',
      '/api/start-forms/case-coordination',
      body,
    ),
    coordinator.send<{ processInstanceKey: string }>('POST', '/api/start-forms/case-coordination', body),
  ]);
  expect(a.status).toBe(201);
  expect(b.body.processInstanceKey).toBe(a.body.processInstanceKey);
  expect(a.body.record.number).toMatch(/^XT-\d{4}-\d+$/);
  // The case's own page (its meetings, 会议改期, the link on to the diagram), as a ledger item's.
  const started = await booted.system.database.db.enterpriseCase.findFirstOrThrow({
    where: { processInstanceKey: a.body.processInstanceKey },
  });
  expect(a.body.link).toBe(`/cases/${started.id}`);
  caseNumber = a.body.record.number;
  const cases = await booted.system.database.db.enterpriseCase.count({
    where: { enterprise: { name: caseForm.enterpriseName } },
  });
  expect(cases).toBe(1);
});

it('refuses an invalid start form with the fields named, and starts nothing', async () => {
  const coordinator = await as('coordinator');
  const before = await booted.system.database.db.enterpriseCase.count();
  const res = await coordinator.send<{ errors: { field: string; message: string }[] }>(
    'POST',
    '/api/start-forms/case-coordination',
    {
      idempotencyKey: 'case-start-bad-1',
      variables: {
        ...caseForm,
        enterpriseName: '',
        externalCaseNumber: '123',
        handlingUnitCode: 'nowhere',
        caseNumber: 'XT-2099-1',
      },
    },
  );
  expect(res.status).toBe(400);
  const fields = Object.fromEntries(res.body.errors.map((e) => [e.field, e.message]));
  expect(fields).toMatchObject({ enterpriseName: '请填写此项', handlingUnitCode: '请从列表中选择' });
  expect(fields.externalCaseNumber).toContain('案号格式');
  expect(await booted.system.database.db.enterpriseCase.count()).toBe(before);
  // A unit user may not start a case.
  const court = await as('court.user');
  expect(
    (
      await court.send('POST', '/api/start-forms/case-coordination', {
        idempotencyKey: 'x-court-0001',
        variables: caseForm,
      })
    ).status,
  ).toBe(403);
});

it('shows the screening task to the office only; another unit gets 404 for it', async () => {
  const screening = await waitForTask('coordinator', 'Task_Screening', caseNumber);
  expect(screening.record).toMatchObject({ kind: 'case', number: caseNumber });
  const court = await as('court.user');
  const inbox = await court.send<Inbox>('GET', `/api/tasks?key=${caseNumber}`);
  expect(inbox.body.items).toEqual([]);
  const direct = await court.send('GET', `/api/tasks/${screening.userTaskKey}`);
  const missing = await court.send('GET', '/api/tasks/2251799999999999');
  expect(direct.status).toBe(404);
  expect({ ...(direct.body as object), instance: null }).toEqual({
    ...(missing.body as object),
    instance: null,
  });
  expect(
    (
      await court.send('POST', `/api/tasks/${screening.userTaskKey}/complete`, {
        variables: { screeningDecision: 'accept' },
      })
    ).status,
  ).toBe(404);
  const coordinator = await as('coordinator');
  const detail = await coordinator.send<{
    form: { id: string };
    variables: Record<string, unknown>;
    mayComplete: boolean;
  }>('GET', `/api/tasks/${screening.userTaskKey}`);
  expect(detail.body.form.id).toBe('case-screening');
  expect(detail.body.variables.caseNumber).toBe(caseNumber);
  expect(detail.body.mayComplete).toBe(true);
  // The hidden decline reason is required only when declining.
  const bad = await coordinator.send<{ errors: { field: string }[] }>(
    'POST',
    `/api/tasks/${screening.userTaskKey}/complete`,
    {
      variables: { screeningDecision: 'decline' },
    },
  );
  expect(bad.status).toBe(400);
  expect(bad.body.errors.map((e) => e.field)).toEqual(['declineReason']);
  const ok = await coordinator.send('POST', `/api/tasks/${screening.userTaskKey}/complete`, {
    variables: { screeningDecision: 'accept' },
  });
  expect(ok.status).toBe(200);
  const again = await coordinator.send<{ title: string; detail: string }>(
    'POST',
    `/api/tasks/${screening.userTaskKey}/complete`,
    {
      variables: { screeningDecision: 'accept' },
    },
  );
  expect(again.status).toBe(409);
  expect(again.body.detail).toContain('已由他人办理完成');
}, 30_000);

it('gives court and police each their own opinion task, with claim, hand-over and validation', async () => {
  const courtTask = await waitForTask('court.user', 'Task_SubmitOpinion', caseNumber);
  const policeTask = await waitForTask('police.user', 'Task_SubmitOpinion', caseNumber);
  expect(courtTask.userTaskKey).not.toBe(policeTask.userTaskKey);
  const court = await as('court.user');
  const lead = await as('court.lead');
  expect((await court.send('GET', `/api/tasks/${policeTask.userTaskKey}`)).status).toBe(404);
  expect((await court.send('POST', `/api/tasks/${policeTask.userTaskKey}/claim`)).status).toBe(404);

  expect((await court.send('POST', `/api/tasks/${courtTask.userTaskKey}/claim`)).status).toBe(204);
  const leadView = await lead.send<Inbox>('GET', `/api/tasks?view=colleagues&key=${caseNumber}`);
  expect(leadView.body.items.map((t) => t.assignee)).toEqual(['court.user']);
  expect(leadView.body.counts).toMatchObject({ all: 1, colleagues: 1, mine: 0, unassigned: 0 });
  // Someone else's claimed task cannot be claimed or completed over them.
  const taken = await lead.send<{ detail: string }>('POST', `/api/tasks/${courtTask.userTaskKey}/claim`);
  expect(taken.status).toBe(409);
  expect(taken.body.detail).toContain('认领');
  // Handing over only inside the unit.
  const outside = await court.send<{ errors: { field: string }[] }>(
    'POST',
    `/api/tasks/${courtTask.userTaskKey}/assign`,
    { username: 'police.user' },
  );
  expect(outside.status).toBe(400);
  expect(outside.body.errors[0]!.field).toBe('username');
  const handed = await court.send('POST', `/api/tasks/${courtTask.userTaskKey}/assign`, {
    username: 'court.lead',
  });
  expect(handed.status).toBe(200);
  expect((await lead.send<Inbox>('GET', `/api/tasks?view=mine&key=${caseNumber}`)).body.items).toHaveLength(
    1,
  );
  expect((await lead.send('POST', `/api/tasks/${courtTask.userTaskKey}/unclaim`)).status).toBe(204);
  expect(
    (await court.send<Inbox>('GET', `/api/tasks?view=unassigned&key=${caseNumber}`)).body.items,
  ).toHaveLength(1);

  const invalid = await court.send<{ errors: { field: string; message: string }[] }>(
    'POST',
    `/api/tasks/${courtTask.userTaskKey}/complete`,
    {
      variables: { opinion: { content: '', contactName: '承办人', contactPhone: '12345' } },
    },
  );
  expect(invalid.status).toBe(400);
  expect(invalid.body.errors.map((e) => e.field).sort()).toEqual(['opinion.contactPhone', 'opinion.content']);
  const done = await court.send('POST', `/api/tasks/${courtTask.userTaskKey}/complete`, {
    variables: opinion,
  });
  expect(done.status).toBe(200);
  // The worker saves the opinion asynchronously.
  const opinionOf = () =>
    booted.system.database.db.caseOpinion.findFirst({
      where: { case: { number: caseNumber }, unit: { code: 'court' } },
    });
  for (let i = 0; i < 50 && !(await opinionOf()); i++) await new Promise((r) => setTimeout(r, 100));
  expect((await opinionOf())?.content).toContain('建议民事途径解决');
  expect(
    (await lead.send('POST', `/api/tasks/${courtTask.userTaskKey}/complete`, { variables: opinion })).status,
  ).toBe(409);
}, 40_000);

it('lets only the unit lead sign off a weekly report; bulk-claims; shows history and diagram', async () => {
  const coordinator = await as('coordinator');
  const started = await coordinator.send('POST', '/api/start-forms/weekly-report', {
    idempotencyKey: 'week-start-w50',
    variables: { isoWeek: '2026-W50', startReason: '测试' },
  });
  expect(started.status).toBe(201);
  const fill = await waitForTask('court.user', 'Task_FillReport', '2026-W50');
  const court = await as('court.user');
  const detail = await court.send<{ variables: { report: Record<string, unknown> } }>(
    'GET',
    `/api/tasks/${fill.userTaskKey}`,
  );
  const report = detail.body.variables.report as { taskProgress: object[]; figures: object[] };
  const bulk = await court.send<{ claimed: number }>('POST', '/api/tasks/claim', {
    keys: [fill.userTaskKey],
  });
  expect(bulk.body.claimed).toBe(1);
  const submitted = await court.send('POST', `/api/tasks/${fill.userTaskKey}/complete`, {
    variables: {
      report: {
        ...report,
        author: '承办人',
        taskProgress: report.taskProgress.map((t) => ({ ...t, progress: '按计划推进' })),
        figures: report.figures.map((f) => ({ ...f, value: 100 })),
        problems: '无',
        coordinationRequests: '无',
        nextWeekPlan: '继续推进',
      },
    },
  });
  expect(submitted.status).toBe(200);
  const completions = (key: string) =>
    booted.system.database.db.auditLog.findMany({
      where: { action: 'userTask.complete', entity: 'userTask', entityId: key },
    });
  const [row, ...more] = await completions(fill.userTaskKey);
  expect(more).toEqual([]);
  expect(row).toMatchObject({ actorLabel: 'court.user', actorId: expect.any(Number) });
  expect(row.after).toEqual({
    userTaskKey: fill.userTaskKey,
    elementId: 'Task_FillReport',
    taskName: '填写本单位周报',
    processInstanceKey: fill.processInstanceKey,
    processDefinitionId: 'weekly-report',
    requestId: submitted.headers.get('x-request-id'),
    via: 'web',
  });
  // The admin's 操作日志 names the row by its step, and keeps the element id out of the readable changes.
  // The admin's forced first password change is the sign-in test's; here it is done.
  await booted.system.database.db.user.update({
    where: { username: 'admin' },
    data: { mustChangePassword: false },
  });
  const admin = new ApiClient(booted.url);
  expect((await admin.login('admin', adminPassword)).status).toBe(200);
  const logged = await admin.send<{
    rows: { record: { label: string; href?: string } | null; changes: { field: string }[] }[];
  }>('GET', `/api/admin/audit/search?action=userTask.complete&entityId=${fill.userTaskKey}`);
  expect(logged.status).toBe(200);
  expect(logged.body.rows).toHaveLength(1);
  expect(logged.body.rows[0].record).toEqual({
    label: '工作周报·填写本单位周报',
    href: `/instances/${fill.processInstanceKey}`,
  });
  expect(JSON.stringify(logged.body.rows[0].changes)).not.toContain('Task_');
  expect(logged.body.rows[0].changes.map((c) => c.field)).toContain('环节');
  const signOff = await waitForTask('court.user', 'Task_SignOffReport', '2026-W50');
  const refused = await court.send<{ detail: string }>('POST', `/api/tasks/${signOff.userTaskKey}/complete`, {
    variables: { signOffDecision: 'approve' },
  });
  expect(refused.status).toBe(403);
  expect(refused.body.detail).toContain('本单位负责人');
  expect(await completions(signOff.userTaskKey)).toEqual([]);
  const lead = await as('court.lead');
  const history = await lead.send<{ elements: { elementId: string }[] }>(
    'GET',
    `/api/tasks/${signOff.userTaskKey}/history`,
  );
  expect(history.body.elements.map((e) => e.elementId)).toContain('Task_FillReport');
  const diagram = await lead.send<{ xml: string; current: string[] }>(
    'GET',
    `/api/tasks/${signOff.userTaskKey}/diagram`,
  );
  expect(diagram.body.xml).toContain('<bpmn:definitions');
  expect(diagram.body.current).toEqual(['Task_SignOffReport']);
  expect(
    (
      await lead.send('POST', `/api/tasks/${signOff.userTaskKey}/complete`, {
        variables: { signOffDecision: 'approve' },
      })
    ).status,
  ).toBe(200);
  expect((await completions(signOff.userTaskKey)).map((r) => r.actorLabel)).toEqual(['court.lead']);
  const count = await lead.send<{ open: number }>('GET', '/api/tasks/count');
  expect(count.status).toBe(200);
  expect(typeof count.body.open).toBe('number');
}, 40_000);

it('starts a weekly round by hand through the weekly-report-due message, and only once', async () => {
  const coordinator = await as('coordinator');
  const first = await coordinator.send<{ message: string; duplicate?: boolean }>(
    'POST',
    '/api/start-forms/weekly-report',
    {
      idempotencyKey: 'week-start-0001',
      variables: { isoWeek: '2026-W51', startReason: '测试补发' },
    },
  );
  expect(first.status).toBe(201);
  expect(first.body.duplicate).toBeUndefined();
  await waitForTask('police.user', 'Task_FillReport', '2026-W51');
  const second = await coordinator.send<{ duplicate?: boolean }>('POST', '/api/start-forms/weekly-report', {
    idempotencyKey: 'week-start-0002',
    variables: { isoWeek: '2026-W51', startReason: '再次补发' },
  });
  expect(second.body.duplicate).toBe(true);
  expect(await booted.system.database.db.weeklySummary.count({ where: { isoWeek: '2026-W51' } })).toBe(1);
}, 30_000);
