// Who the domain audit names when a worker carries out what a person did through the web (issue 13 item 1): the
// whole system (engine, workers, web) runs; the coordinator starts a weekly round through its start form, two
// units' users submit and their leads sign off at the same moment, and each weekly-report row names its own
// person (with the worker step kept as `via`); the 15:00 reminder, reached by a timer, still names the worker;
// a completion that tries to set the reserved `zhuanbanActor` itself is refused and changes nothing.
import { handlers } from '../../workers';
import { createServices } from '../../workers/runtime/services';
import { startWorkers } from '../../workers/runtime/runner';
import { createZeebeClient } from '../../workers/runtime/zeebe-client';
import { createLogger } from '../../domain/log';
import { ApiClient } from '../support/api-client';
import { bootSystem, demoPassword, type BootedSystem } from '../browser/support/system';

jest.setTimeout(60_000);

const isoWeek = '2026-W52'; // Friday 2026-12-25: its reminder and cut-off lie ahead of the real clock
let booted: BootedSystem;
/** The workers that take over from the system's own after the parallel sign-off test held those back. */
let replacement: { stop(): Promise<void> } | undefined;
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
  elementId: string;
  processInstanceKey: string;
}

async function until<T>(what: string, probe: () => Promise<T | undefined | false>, ms = 20_000): Promise<T> {
  const end = Date.now() + ms;
  for (;;) {
    const found = await probe();
    if (found) return found;
    if (Date.now() > end) throw new Error(`timed out waiting for ${what}`);
    await new Promise((r) => setTimeout(r, 200));
  }
}

const taskOf = (user: string, elementId: string) =>
  until(`${user}: ${elementId}`, async () => {
    const res = await (
      await as(user)
    ).send<{ items: Task[] }>('GET', `/api/tasks?pageSize=100&key=${isoWeek}`);
    return res.body.items.find((t) => t.elementId === elementId);
  });

async function filledReport(user: string, task: Task) {
  const detail = await (
    await as(user)
  ).send<{ variables: { report: Record<string, unknown> } }>('GET', `/api/tasks/${task.userTaskKey}`);
  const report = detail.body.variables.report as { taskProgress: object[]; figures: object[] };
  return {
    report: {
      ...report,
      author: '承办人',
      taskProgress: report.taskProgress.map((t) => ({ ...t, progress: '按计划推进' })),
      figures: report.figures.map((f) => ({ ...f, value: 100 })),
      problems: '无',
      coordinationRequests: '无',
      nextWeekPlan: '继续推进',
    },
  };
}

const db = () => booted.system.database.db;
const userId = async (username: string) => (await db().user.findUniqueOrThrow({ where: { username } })).id;
const reportRows = (unitCode: string, action: string) =>
  db()
    .auditLog.findMany({
      where: { action, entity: 'weeklyReport' },
      orderBy: { id: 'asc' },
    })
    .then(async (rows) => {
      const report = await db().weeklyReport.findFirstOrThrow({
        where: { isoWeek, unit: { code: unitCode } },
      });
      return rows.filter((r) => r.entityId === String(report.id));
    });

beforeAll(async () => {
  booted = await bootSystem();
}, 120_000);
afterAll(async () => {
  await replacement?.stop();
  await booted?.stop();
});

it('names the coordinator who started the weekly round through its start form', async () => {
  const res = await (
    await as('coordinator')
  ).send('POST', '/api/start-forms/weekly-report', {
    idempotencyKey: 'acting-week-w52',
    variables: { isoWeek, startReason: '测试办理人留痕' },
  });
  expect(res.status).toBe(201);
  const [row, ...more] = await db().auditLog.findMany({ where: { action: 'process.start' } });
  expect(more).toEqual([]);
  expect(row).toMatchObject({
    actorLabel: 'coordinator',
    actorId: await userId('coordinator'),
    entity: 'processInstance',
  });
  expect(row.after).toMatchObject({ processDefinitionId: 'weekly-report', via: 'web' });
});

it('names the unit user who registered a petition through its start form on the record the worker made', async () => {
  const res = await (
    await as('court.user')
  ).send<{ processInstanceKey: string }>('POST', '/api/start-forms/petition-reply', {
    idempotencyKey: 'acting-petition-1',
    variables: {
      channel: 'court_report_phone',
      petitionerKind: 'person',
      petitionerName: '张某',
      subject: '工程款结算争议',
      contact: '010-00000002',
      content: '工程款结算争议，请求依法处理。',
      receivingUnitCode: 'court',
    },
  });
  expect(res.status).toBe(201);
  const petition = await until('the registered petition', () =>
    db()
      .petition.findFirst({ where: { processInstanceKey: res.body.processInstanceKey } })
      .then((p) => p ?? undefined),
  );
  const courtUser = await userId('court.user');
  expect(petition.createdById).toBe(courtUser);
  const [created] = await db().auditLog.findMany({
    where: { action: 'petition.create', entityId: String(petition.id) },
  });
  expect(created).toMatchObject({ actorLabel: 'court.user', actorId: courtUser });
  expect(created.after).toMatchObject({ via: 'worker:zhuanban.petition.register' });
  const started = await db().auditLog.findMany({
    where: { action: 'process.start', entityId: res.body.processInstanceKey },
  });
  expect(started.map((r) => r.actorLabel)).toEqual(['court.user']);
});

it('refuses a completion that sets zhuanbanActor itself, and changes nothing', async () => {
  const fill = await taskOf('court.user', 'Task_FillReport');
  const forged = {
    ...(await filledReport('court.user', fill)),
    zhuanbanActor: {
      userId: await userId('court.lead'),
      username: 'court.lead',
      userTaskKey: fill.userTaskKey,
      elementId: 'Task_SignOffReport',
    },
  };
  const res = await (
    await as('court.user')
  ).send<{ detail: string; errors: { field: string; message: string }[] }>(
    'POST',
    `/api/tasks/${fill.userTaskKey}/complete`,
    { variables: forged },
  );
  expect(res.status).toBe(400);
  expect(res.body.errors).toEqual([
    { field: 'zhuanbanActor', message: '办理人由系统按当前登录用户记录，不能在表单中填写' },
  ]);
  expect(await db().auditLog.count({ where: { action: 'userTask.complete' } })).toBe(0);
  expect(await reportRows('court', 'weeklyReport.submit')).toEqual([]);
  expect((await taskOf('court.user', 'Task_FillReport')).userTaskKey).toBe(fill.userTaskKey);
});

it('names each unit lead on its own sign-off when two leads sign off at the same moment', async () => {
  const units = ['court', 'police'] as const;
  await Promise.all(
    units.map(async (unit) => {
      const fill = await taskOf(`${unit}.user`, 'Task_FillReport');
      const body = { variables: await filledReport(`${unit}.user`, fill) };
      const res = await (
        await as(`${unit}.user`)
      ).send('POST', `/api/tasks/${fill.userTaskKey}/complete`, body);
      expect(res.status).toBe(200);
    }),
  );
  const signOffs = await Promise.all(units.map((u) => taskOf(`${u}.lead`, 'Task_SignOffReport')));
  // Both completions land before any worker looks: the workers are held back until both leads have signed, so
  // each sign-off job finds whatever the two completions left — its own person only if the scopes kept them apart.
  await booted.system.workers.runtime.stop();
  const answers = await Promise.all(
    units.map(async (u, i) =>
      (await as(`${u}.lead`)).send('POST', `/api/tasks/${signOffs[i].userTaskKey}/complete`, {
        variables: { signOffDecision: 'approve' },
      }),
    ),
  );
  expect(answers.map((a) => a.status)).toEqual([200, 200]);
  const zeebe = createZeebeClient({
    embeddedAddress: booted.system.zeebeAddress,
    embeddedCredentials: booted.system.engineCredentials,
  });
  const log = createLogger('workers', { sink: () => undefined });
  const workers = await startWorkers({ zeebe, handlers, services: createServices({ db: db(), log }), log });
  replacement = {
    async stop() {
      await workers.stop();
      await zeebe.close();
    },
  };
  for (const unit of units) {
    const [signed] = await until(`${unit} signed off`, async () => {
      const rows = await reportRows(unit, 'weeklyReport.signOff');
      return rows.length > 0 && rows;
    });
    expect(signed).toMatchObject({ actorLabel: `${unit}.lead`, actorId: await userId(`${unit}.lead`) });
    expect(signed.after).toMatchObject({ status: 'signed_off', via: 'worker:zhuanban.report.signOff' });
    const [submitted, ...again] = await reportRows(unit, 'weeklyReport.submit');
    expect(again).toEqual([]);
    expect(submitted).toMatchObject({ actorLabel: `${unit}.user`, actorId: await userId(`${unit}.user`) });
    expect(submitted.after).toMatchObject({ via: 'worker:zhuanban.report.submit' });
    const report = await db().weeklyReport.findFirstOrThrow({ where: { isoWeek, unit: { code: unit } } });
    expect(report.status).toBe('signed_off');
  }
});

it('still names the worker for the 15:00 reminder, which a timer reaches', async () => {
  const rest = booted.system.engine!.restAddress!;
  const authorization = booted.system.engineAuthorization!;
  const pin = await fetch(`${rest}/v2/clock`, {
    method: 'PUT',
    headers: { 'content-type': 'application/json', authorization },
    body: JSON.stringify({ timestamp: Date.parse('2026-12-25T15:00:30+08:00') }),
  });
  expect(pin.status).toBe(204);
  try {
    const reminded = await until('reminder rows', async () => {
      const rows = await db().auditLog.findMany({ where: { action: 'weeklyReport.remind' } });
      return rows.length > 0 && rows;
    });
    // The three units that have not submitted; the two signed-off ones are left alone.
    expect(reminded).toHaveLength(3);
    for (const row of reminded)
      expect(row).toMatchObject({ actorLabel: 'worker:zhuanban.report.remind', actorId: null });
    for (const row of reminded) expect(row.after).not.toHaveProperty('via');
  } finally {
    await fetch(`${rest}/v2/clock/reset`, { method: 'POST', headers: { authorization } });
  }
});
