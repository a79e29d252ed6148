// 流程监控 over the API on the whole system (engine, workers, web): the overview's counts, the items at an
// element with their business keys, units, waiting time and what they wait for — scoped per unit — the heat
// view, the overdue rule against the engine's (pinned) clock, and one poller per process for any number of
// viewers, counted at the engine client.
import { createEngineApi, type EngineApi } from '../../web/server/engine/client';
import { LiveHub } from '../../web/server/live/hub';
import { definitions } from '../../web/server/monitor/engine-reads';
import { bootSystem, type BootedSystem } from '../browser/support/system';
import { caseInOpinionRound, clientsFor, until } from './monitor-support';

let booted: BootedSystem;
const as = clientsFor(() => booted);
let theCase: { number: string; processInstanceKey: string };

interface Overview {
  processes: {
    processId: string;
    name: string;
    running: number;
    incidents: number;
    overdue: number;
    finishedToday: number | null;
  }[];
}
interface Item {
  processInstanceKey: string;
  businessKey: string;
  units: string[];
  waitedMs: number;
  overdue: boolean;
  deadline: { label: string; at: string } | null;
  waitsFor: { kind: string; label: string; detail: string }[];
  link: string;
}
const itemsAt = async (user: string, elementId: string, query = '') =>
  (await as(user)).send<{ items: Item[]; name: string }>(
    'GET',
    `/api/monitor/case-coordination/elements/${elementId}${query}`,
  );
const mine = (items: Item[]) => items.filter((i) => i.processInstanceKey === theCase.processInstanceKey);

beforeAll(async () => {
  booted = await bootSystem();
  theCase = await caseInOpinionRound(as, '监控测试甲有限公司');
}, 120_000);
afterAll(async () => {
  await booted?.stop();
});

it('counts the four processes for the office; a unit sees only what concerns it', async () => {
  const office = await until('the opinion round in the overview', async () => {
    const res = await (await as('coordinator')).send<Overview>('GET', '/api/monitor');
    expect(res.status).toBe(200);
    const c = res.body.processes.find((p) => p.processId === 'case-coordination')!;
    return c.running >= 1 ? res.body : undefined;
  });
  expect(office.processes.map((p) => p.processId).sort()).toEqual([
    'case-coordination',
    'petition-reply',
    'rectification',
    'weekly-report',
  ]);
  const cc = office.processes.find((p) => p.processId === 'case-coordination')!;
  expect(cc).toMatchObject({
    name: '涉企案件协调会',
    running: 1,
    incidents: 0,
    overdue: 0,
    finishedToday: 0,
  });
  const court = (await (await as('court.user')).send<Overview>('GET', '/api/monitor')).body;
  expect(court.processes.find((p) => p.processId === 'case-coordination')).toMatchObject({
    running: 1,
    finishedToday: null,
  });
  const justice = (await (await as('justice.user')).send<Overview>('GET', '/api/monitor')).body;
  expect(justice.processes.find((p) => p.processId === 'case-coordination')).toMatchObject({
    running: 0,
    overdue: 0,
  });
}, 30_000);

it('lists the items at an element with business keys, units and what they wait for — per unit', async () => {
  const office = await until('two opinion items', async () => {
    const res = await itemsAt('coordinator', 'Task_SubmitOpinion');
    return mine(res.body.items).length === 2 ? res.body : undefined;
  });
  expect(office.name).toBe('提交书面意见');
  const items = mine(office.items);
  expect(items.map((i) => i.units[0]).sort()).toEqual(['公安分局', '区法院'].sort());
  for (const i of items) {
    expect(i.businessKey).toBe(theCase.number);
    expect(i.link).toBe(`/instances/${theCase.processInstanceKey}`);
    expect(i.waitedMs).toBeGreaterThanOrEqual(0);
    expect(i.deadline?.label).toBe('意见提交期限');
    expect(i.overdue).toBe(false);
    expect(i.waitsFor[0]).toMatchObject({ kind: 'user-task', label: '待办理' });
    expect(i.waitsFor[0]!.detail).toMatch(/候选组：(区法院|公安分局)；办理人：未认领/);
  }
  const court = mine((await itemsAt('court.user', 'Task_SubmitOpinion')).body.items);
  expect(court.map((i) => i.units)).toEqual([['区法院']]);
  const police = mine((await itemsAt('police.user', 'Task_SubmitOpinion')).body.items);
  expect(police.map((i) => i.units)).toEqual([['公安分局']]);
  expect((await itemsAt('justice.user', 'Task_SubmitOpinion')).body.items).toEqual([]);
  // The opinion round waits for its two boundary timers, each evaluated over the instance's variables.
  const round = mine((await itemsAt('coordinator', 'SubProcess_Opinions')).body.items);
  expect(round).toHaveLength(2);
  const timers = round[0]!.waitsFor.filter((w) => w.kind === 'timer');
  expect(timers.map((t) => t.label)).toEqual(['定时：到期前提醒', '定时：意见期限届满']);
  for (const t of timers) expect(t.detail).toMatch(/^到期时间 \d{4}年/);
  const sorted = (await itemsAt('coordinator', 'Task_SubmitOpinion', '?sort=unit&order=asc')).body.items;
  expect(sorted.map((i) => i.units.join())).toEqual([...sorted.map((i) => i.units.join())].sort());
}, 30_000);

it('refuses unknown processes, elements, versions and sort keys in Chinese', async () => {
  const c = await as('coordinator');
  expect((await c.send('GET', '/api/monitor/no-such-process')).status).toBe(404);
  const el = await c.send<{ detail: string }>('GET', '/api/monitor/case-coordination/elements/Nope');
  expect(el.status).toBe(404);
  expect(el.body.detail).toBe('该流程图中没有这个环节');
  const v = await c.send<{ detail: string }>('GET', '/api/monitor/case-coordination?version=99');
  expect(v.status).toBe(404);
  expect(v.body.detail).toBe('该流程没有第 99 版');
  expect((await c.send('GET', '/api/monitor/case-coordination?version=x')).status).toBe(400);
  expect((await itemsAt('coordinator', 'Task_SubmitOpinion', '?sort=colour')).status).toBe(400);
  const heat = await c.send<{ detail: string }>(
    'GET',
    '/api/monitor/case-coordination/heat?from=2026-13-01x',
  );
  expect(heat.status).toBe(400);
  expect(heat.body.detail).toContain('应为日期');
}, 30_000);

it('serves the deployed version with its XML and versions', async () => {
  const res = await (
    await as('leader')
  ).send<{ xml: string; version: number; versions: number[]; name: string }>(
    'GET',
    '/api/monitor/case-coordination',
  );
  expect(res.status).toBe(200);
  expect(res.body.xml).toContain('Task_SubmitOpinion');
  expect(res.body.versions).toContain(res.body.version);
  expect(res.body.name).toBe('涉企案件协调会');
});

it('colours by time spent: the screening step has its average and p90 from the element history', async () => {
  const res = await (
    await as('leader')
  ).send<{ elements: Record<string, { count: number; averageMs: number; p90Ms: number }> }>(
    'GET',
    '/api/monitor/case-coordination/heat',
  );
  expect(res.status).toBe(200);
  const s = res.body.elements.Task_Screening!;
  expect(s.count).toBeGreaterThanOrEqual(1);
  expect(s.p90Ms).toBeGreaterThanOrEqual(s.averageMs > 0 ? 0 : 0);
  expect(s.averageMs).toBeGreaterThan(0);
  expect(res.body.elements.Task_SubmitOpinion).toBeUndefined(); // nothing finished there yet
});

function counting(engine: EngineApi) {
  const calls: string[] = [];
  const proxy = new Proxy(engine, {
    get(target, prop, receiver) {
      const v = Reflect.get(target, prop, receiver) as unknown;
      if (typeof v !== 'function') return v;
      return (...args: unknown[]) => {
        calls.push(String(prop));
        return (v as (...a: unknown[]) => unknown).apply(target, args);
      };
    },
  });
  return { proxy, calls };
}

it('polls once per process for all viewers: 50 viewers cost the engine no more queries than 1', async () => {
  const engine = createEngineApi({
    restAddress: booted.system.engine!.restAddress,
    credentials: booted.system.engineCredentials,
  })!;
  const def = (await definitions(engine, 'case-coordination'))[0]!;
  const db = booted.system.database.db;
  async function watch(viewers: number) {
    const { proxy, calls } = counting(engine);
    const hub = new LiveHub(db, proxy);
    const poller = hub.poller(def);
    const got: number[] = new Array(viewers).fill(0);
    const stops = await Promise.all(
      Array.from({ length: viewers }, (_, i) =>
        poller.subscribe(
          i % 3 === 0 ? { all: true } : { all: false, unitCode: i % 3 === 1 ? 'court' : 'police' },
          () => got[i]!++,
        ),
      ),
    );
    const start = poller.polls;
    const before = calls.length;
    await until('20 polls', async () => (poller.polls - start >= 20 ? true : undefined));
    const perPoll = (calls.length - before) / (poller.polls - start);
    for (const s of stops) s();
    hub.stop();
    return { perPoll, got, calls };
  }
  const one = await watch(1);
  const fifty = await watch(50);
  expect(one.got).toEqual([1]); // the initial state
  expect(fifty.got.every((n) => n === 1)).toBe(true);
  expect(fifty.perPoll).toBeLessThanOrEqual(one.perPoll + 0.5);
  expect(fifty.perPoll).toBeLessThan(3); // statistics each poll, a full snapshot only now and then
  expect(new Set(fifty.calls)).toEqual(
    new Set([
      'getProcessDefinitionStatistics',
      'searchElementInstances',
      'searchUserTasks',
      'searchVariables',
    ]),
  );
}, 60_000);

it('marks the opinion items overdue once the pinned engine clock passes the opinion deadline', async () => {
  const c = await as('coordinator');
  const [first] = mine((await itemsAt('coordinator', 'Task_SubmitOpinion')).body.items);
  const due = Date.parse(first!.deadline!.at);
  const rest = booted.system.engine!.restAddress!;
  const authorization = booted.system.engineAuthorization!;
  const pin = await fetch(`${rest}/v2/clock`, {
    method: 'PUT',
    headers: { 'content-type': 'application/json', authorization },
    body: JSON.stringify({ timestamp: due + 3_600_000 }),
  });
  expect(pin.status).toBe(204);
  try {
    const overdue = await until('overdue opinion items', async () => {
      const items = mine((await itemsAt('coordinator', 'Task_SubmitOpinion')).body.items);
      return items.length === 2 && items.every((i) => i.overdue) ? items : undefined;
    });
    expect(overdue).toHaveLength(2);
    const o = (await c.send<Overview>('GET', '/api/monitor')).body.processes.find(
      (p) => p.processId === 'case-coordination',
    )!;
    // Two units late with their opinions: each once, not again for the per-unit round around its task.
    expect(o.overdue).toBe(2);
    const court = (await (await as('court.user')).send<Overview>('GET', '/api/monitor')).body;
    expect(court.processes.find((p) => p.processId === 'case-coordination')!.overdue).toBe(1);
  } finally {
    await fetch(`${rest}/v2/clock/reset`, { method: 'POST', headers: { authorization } });
  }
}, 60_000);
