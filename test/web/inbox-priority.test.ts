// Enterprise complaints first (plan task 9: 优先、快速) on the whole system: three petitions registered through
// the start form reach the court's inbox; the enterprise's tasks carry the model's priority 80 (persons' 50) as
// the engine serves it, and the default order is priority first, then the nearest deadline — even when a
// person's petition is due sooner. Sorting by due date alone still puts that one first. The enterprise row and
// the dashboard's petition list carry the 企业投诉·优先 marker and list it first.
import { ApiClient } from '../support/api-client';
import { bootSystem, demoPassword, type BootedSystem } from '../browser/support/system';

jest.setTimeout(120_000);

let booted: BootedSystem;
let court: ApiClient;

beforeAll(async () => {
  booted = await bootSystem();
  court = new ApiClient(booted.url);
  expect((await court.login('court.user', demoPassword)).status).toBe(200);
}, 120_000);
afterAll(async () => {
  await booted?.stop();
});

interface Task {
  userTaskKey: string;
  elementId: string;
  processInstanceKey: string;
  priority: number;
  dueDate: string | null;
  record: { number: string; flag: string | null } | null;
}

const registration = (petitionerKind: string, subject: string) => ({
  channel: 'court_report_phone',
  petitionerKind,
  petitionerName: petitionerKind === 'enterprise' ? '联系人乙' : '张某',
  ...(petitionerKind === 'enterprise' ? { enterpriseName: '东岸新材料有限公司' } : {}),
  subject,
  contact: '010-00000002',
  content: `${subject}，请求依法处理。`,
  receivingUnitCode: 'court',
});

async function start(idempotencyKey: string, variables: Record<string, unknown>): Promise<string> {
  const res = await court.send<{ processInstanceKey: string }>('POST', '/api/start-forms/petition-reply', {
    idempotencyKey,
    variables,
  });
  if (res.status !== 201) throw new Error(`start: ${res.status} ${JSON.stringify(res.body)}`);
  return res.body.processInstanceKey;
}

async function classifyTasks(keys: string[], sort = ''): Promise<Task[]> {
  const until = Date.now() + 30_000;
  for (;;) {
    const res = await court.send<{ items: Task[] }>(
      'GET',
      `/api/tasks?process=petition-reply&pageSize=100${sort ? `&sort=${sort}` : ''}`,
    );
    expect(res.status).toBe(200);
    const ours = res.body.items.filter(
      (t) => keys.includes(t.processInstanceKey) && t.elementId === 'Task_Classify' && t.record,
    );
    if (ours.length === keys.length) return ours;
    if (Date.now() > until) throw new Error(`only ${ours.length} of ${keys.length} classification tasks`);
    await new Promise((r) => setTimeout(r, 250));
  }
}

it('lists enterprise complaints first, then by the nearest deadline, with the 企业投诉·优先 marker', async () => {
  const personLater = await start('inbox-priority-1', registration('person', '工程款结算争议'));
  const enterprise = await start('inbox-priority-2', registration('enterprise', '查封财产超标的'));
  const personSooner = await start('inbox-priority-3', registration('person', '执行案款发放迟延'));
  const keys = [personLater, enterprise, personSooner];
  const first = await classifyTasks(keys);
  const byInstance = new Map(first.map((t) => [t.processInstanceKey, t]));
  expect(byInstance.get(enterprise)!.priority).toBe(80);
  expect(byInstance.get(personLater)!.priority).toBe(50);
  expect(byInstance.get(enterprise)!.record!.flag).toBe('企业投诉·优先');
  expect(byInstance.get(personLater)!.record!.flag).toBeNull();

  const page = await court.send<{ record: { rows: [string, string][] } }>(
    'GET',
    `/api/tasks/${byInstance.get(enterprise)!.userTaskKey}`,
  );
  expect(page.status).toBe(200);
  expect(page.body.record.rows).toContainEqual(['类别', '企业投诉·优先']);
  // Before acceptance only the written notice has a deadline; the handling period is not yet set.
  const row = (label: string) => page.body.record.rows.find(([k]) => k === label)?.[1];
  expect(row('受理告知期限')).toBeDefined();
  expect(row('办理期限')).toBe('受理后确定');

  // The person's petition becomes due before the enterprise's (3 working days): priority still wins.
  const enterpriseDue = Date.parse(byInstance.get(enterprise)!.dueDate!);
  const sooner = new Date(enterpriseDue - 2 * 86_400_000).toISOString();
  const patched = await fetch(
    `${booted.system.engine!.restAddress!}/v2/user-tasks/${byInstance.get(personSooner)!.userTaskKey}`,
    {
      method: 'PATCH',
      headers: { 'content-type': 'application/json', authorization: booted.system.engineAuthorization! },
      body: JSON.stringify({ changeset: { dueDate: sooner } }),
    },
  );
  expect(patched.status).toBe(204);
  const order = async (sort = '') => {
    for (let i = 0; ; i++) {
      const tasks = await classifyTasks(keys, sort);
      const moved = tasks.find((t) => t.processInstanceKey === personSooner)!.dueDate;
      if (moved && Date.parse(moved) === Date.parse(sooner)) return tasks.map((t) => t.processInstanceKey);
      if (i > 40) throw new Error('the new due date never showed');
      await new Promise((r) => setTimeout(r, 250));
    }
  };
  expect(await order()).toEqual([enterprise, personSooner, personLater]);
  expect(await order('due')).toEqual([personSooner, enterprise, personLater]);

  const numbers = first.map((t) => t.record!.number);
  const office = new ApiClient(booted.url);
  expect((await office.login('coordinator', demoPassword)).status).toBe(200);
  const list = await office.send<{ rows: { number: string; flag: string | null }[] }>(
    'GET',
    '/api/dashboard/petitions?filter=all',
  );
  expect(list.status).toBe(200);
  const ours = list.body.rows.filter((r) => numbers.includes(r.number));
  expect(ours).toHaveLength(3);
  expect(ours[0]).toEqual(
    expect.objectContaining({ number: byInstance.get(enterprise)!.record!.number, flag: '企业投诉·优先' }),
  );
  const firstPerson = list.body.rows.findIndex((r) => r.flag === null);
  expect(list.body.rows.slice(0, firstPerson).every((r) => r.flag === '企业投诉·优先')).toBe(true);
  expect(list.body.rows.slice(firstPerson).some((r) => r.flag !== null)).toBe(false);
});
