// The 组长 decides 重大事项 (plan §三(二)), enforced by the web on the whole system (engine, workers, web): a
// matter flagged through its start form waits for the decision; another leader sees the task but gets a Chinese
// 403 and nothing changes; the holder of position `head` completes it and the decision is recorded. With the
// 组长 position vacant a 副组长 decides instead, and a leader holding no position is still refused.
import { hashPassword } from '../../domain/auth/password';
import { ApiClient } from '../support/api-client';
import { bootSystem, demoPassword, type BootedSystem } from '../browser/support/system';

let booted: BootedSystem;
const db = () => booted.system.database.db;

async function as(username: string): Promise<ApiClient> {
  const c = new ApiClient(booted.url);
  const res = await c.login(username, demoPassword);
  if (res.status !== 200) throw new Error(`login ${username}: ${res.status}`);
  return c;
}

interface Task {
  userTaskKey: string;
  elementId: string;
  processInstanceKey: string;
}

async function decisionTask(c: ApiClient, processInstanceKey: string): Promise<Task> {
  const until = Date.now() + 20_000;
  for (;;) {
    const res = await c.send<{ items: Task[] }>('GET', '/api/tasks?pageSize=100');
    const t = res.body.items.find(
      (x) => x.elementId === 'Task_DecideMeeting' && x.processInstanceKey === processInstanceKey,
    );
    if (t) return t;
    if (Date.now() > until) throw new Error('no Task_DecideMeeting in the leaders’ inbox');
    await new Promise((r) => setTimeout(r, 200));
  }
}

async function flagMatter(title: string): Promise<string> {
  const coordinator = await as('coordinator');
  const res = await coordinator.send<{ processInstanceKey: string }>(
    'POST',
    '/api/start-forms/major-matter',
    {
      idempotencyKey: `major-${Date.now()}`,
      variables: { matterTitle: title, matterDescription: '企业反映执行案件久拖不决，需专班研究协调。' },
    },
  );
  expect(res.status).toBe(201);
  return res.body.processInstanceKey;
}

const decision = {
  variables: { meetingDecision: 'no_meeting', decisionNote: '由法院牵头协调，暂不召开会议。' },
};

async function holds(code: string, username: string | null) {
  const user = username ? await db().user.findUniqueOrThrow({ where: { username } }) : null;
  await db().position.update({ where: { code }, data: { holderId: user?.id ?? null } });
}

beforeAll(async () => {
  booted = await bootSystem();
  await db().user.create({
    data: {
      username: 'leader.deputy',
      displayName: '专班领导乙',
      role: 'leader',
      passwordHash: await hashPassword(demoPassword),
    },
  });
}, 120_000);
afterAll(async () => {
  await booted?.stop();
});

it('lets only the holder of 组长 decide; another leader sees the task and is refused, nothing changes', async () => {
  await holds('head', 'leader');
  await holds('deputy-head-court', 'leader.deputy');
  const instance = await flagMatter('青禾精密机械有限公司拟迁出本区');
  const deputy = await as('leader.deputy');
  const task = await decisionTask(deputy, instance);

  const shown = await deputy.send<{ mayComplete: boolean; refusal: string }>(
    'GET',
    `/api/tasks/${task.userTaskKey}`,
  );
  expect(shown.body).toMatchObject({
    mayComplete: false,
    refusal: '该任务须由组长本人办理，您可以查看但不能提交',
  });
  const refused = await deputy.send<{ title: string; detail: string }>(
    'POST',
    `/api/tasks/${task.userTaskKey}/complete`,
    decision,
  );
  expect(refused.status).toBe(403);
  expect(refused.body).toMatchObject({
    title: '无权办理',
    detail: '该任务须由组长本人办理，您可以查看但不能提交',
  });
  const matter = await db().majorMatter.findFirstOrThrow({ where: { processInstanceKey: instance } });
  expect(matter.decidedAt).toBeNull();

  const head = await as('leader');
  const still = await decisionTask(head, instance);
  expect(still.userTaskKey).toBe(task.userTaskKey);
  const done = await head.send('POST', `/api/tasks/${task.userTaskKey}/complete`, decision);
  expect(done.status).toBe(200);
  const until = Date.now() + 20_000;
  let decided = await db().majorMatter.findUniqueOrThrow({ where: { id: matter.id } });
  while (!decided.decidedAt && Date.now() < until) {
    await new Promise((r) => setTimeout(r, 200));
    decided = await db().majorMatter.findUniqueOrThrow({ where: { id: matter.id } });
  }
  expect(decided).toMatchObject({ decision: 'no_meeting', decisionNote: '由法院牵头协调，暂不召开会议。' });
});

it('passes the decision to a 副组长 while 组长 is vacant; a leader without a position is refused', async () => {
  await holds('head', null);
  await holds('deputy-head-court', 'leader.deputy');
  const instance = await flagMatter('澄川新材料科技有限公司用地纠纷');
  const plain = await as('leader');
  const task = await decisionTask(plain, instance);
  const refused = await plain.send<{ detail: string }>(
    'POST',
    `/api/tasks/${task.userTaskKey}/complete`,
    decision,
  );
  expect(refused.status).toBe(403);
  expect(refused.body.detail).toBe('组长职务空缺，该任务须由副组长办理，您可以查看但不能提交');

  const deputy = await as('leader.deputy');
  expect((await deputy.send('POST', `/api/tasks/${task.userTaskKey}/complete`, decision)).status).toBe(200);
});

it('refuses everyone, naming what to fix, when neither 组长 nor any 副组长 is held', async () => {
  await holds('head', null);
  await db().position.updateMany({
    where: { code: { startsWith: 'deputy-head' } },
    data: { holderId: null },
  });
  const instance = await flagMatter('北辰冷链物流有限公司执行款迟延');
  const c = await as('leader');
  const task = await decisionTask(c, instance);
  const refused = await c.send<{ detail: string }>(
    'POST',
    `/api/tasks/${task.userTaskKey}/complete`,
    decision,
  );
  expect(refused.status).toBe(403);
  expect(refused.body.detail).toBe(
    '组长、副组长职务均无在任人员，请管理员先在“管理 · 单位与职务”中指定任职人员',
  );
  expect(
    (await c.send<{ mayComplete: boolean }>('GET', `/api/tasks/${task.userTaskKey}`)).body.mayComplete,
  ).toBe(false);
});
