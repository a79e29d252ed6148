// Projections: rebuilt from the journal when their file is deleted, caught up when an older copy
// is behind, and the result matches what the live projections answered; retention removes
// finished history only.
import { copyFileSync, existsSync, mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { definitions, element, flow, process, serviceTask, userTask } from '../support/bpmn';
import { eventually, startRestEngine, type RestTestEngine } from './support/rest-harness';

jest.setTimeout(30_000);

const xml = definitions(
  process(
    'case',
    [
      '<bpmn:startEvent id="start" />',
      userTask('register', '<zeebe:assignmentDefinition candidateGroups="office" />'),
      element('exclusiveGateway', 'route', { attrs: { default: 'normal' } }),
      serviceTask('urgent', 'urgent'),
      '<bpmn:endEvent id="end" />',
      '<bpmn:endEvent id="endUrgent" />',
      flow('f0', 'start', 'register'),
      flow('f1', 'register', 'route'),
      flow('hot', 'route', 'urgent', '=level > threshold'),
      flow('normal', 'route', 'end'),
      flow('f2', 'urgent', 'endUrgent'),
    ].join('\n'),
  ),
);

let dir: string;
let t: RestTestEngine | undefined;
beforeEach(() => {
  dir = mkdtempSync(join(tmpdir(), 'zb-projections-'));
});
afterEach(async () => {
  await t?.close();
  t = undefined;
  rmSync(dir, { recursive: true, force: true });
});

async function open(): Promise<RestTestEngine> {
  t = await startRestEngine({ dataDir: dir });
  return t;
}

async function close(): Promise<void> {
  await t!.close();
  t = undefined;
}

/** Starts instances and moves them: completed, canceled, with an incident, waiting. */
async function work(e: RestTestEngine, n: number): Promise<void> {
  const keys: string[] = [];
  for (let i = 0; i < n; i++)
    keys.push(
      (
        await e.rest.createProcessInstance({
          processDefinitionId: 'case',
          variables: { level: i, threshold: 1 },
        })
      ).processInstanceKey,
    );
  await e.rest.cancelProcessInstance({ processInstanceKey: keys[0] });
  const tasks = await eventually(
    () => e.rest.searchUserTasks({ filter: { candidateGroup: 'office', state: 'CREATED' } }),
    (r) => r.items.length >= n - 1,
  );
  // one ends normally, one waits at the urgent task, one runs into an incident (null threshold)
  const outcomes: Record<string, unknown>[] = [{ threshold: 100 }, {}, { threshold: null }];
  for (const [i, task] of tasks.items.slice(0, 3).entries()) {
    await e.rest.assignUserTask({ userTaskKey: task.userTaskKey, assignee: 'li' });
    await e.rest.completeUserTask({ userTaskKey: task.userTaskKey, variables: outcomes[i] });
  }
  await e.caughtUp();
}

/** Everything the searches answer, through HTTP. */
async function snapshot(e: RestTestEngine): Promise<unknown> {
  await e.caughtUp();
  const all = { page: { limit: 1_000 } };
  const post = async (path: string, body: object = all) => (await e.http('POST', path, body)).json;
  const instances = (await post('/v2/process-instances/search')) as {
    items: { processInstanceKey: string; processDefinitionKey: string }[];
  };
  const definitionKey = instances.items[0].processDefinitionKey;
  return {
    definitions: await post('/v2/process-definitions/search'),
    instances,
    elements: await post('/v2/element-instances/search'),
    tasks: await post('/v2/user-tasks/search'),
    incidents: await post('/v2/incidents/search'),
    variables: await post('/v2/variables/search'),
    statistics: await post(`/v2/process-definitions/${definitionKey}/statistics/element-instances`, {}),
    flows: await Promise.all(
      instances.items.map(
        async (i) =>
          (await e.http('GET', `/v2/process-instances/${i.processInstanceKey}/sequence-flows`)).json,
      ),
    ),
  };
}

function removeProjections(): void {
  for (const suffix of ['', '-wal', '-shm']) rmSync(join(dir, `projections.db${suffix}`), { force: true });
}

describe('projections and the journal', () => {
  it('are rebuilt from the journal after their file is deleted, matching the live ones', async () => {
    const e = await open();
    await e.deploy({ name: 'case.bpmn', content: xml });
    await work(e, 6);
    const live = (await snapshot(e)) as {
      incidents: { items: unknown[] };
      tasks: { items: { state: string }[] };
    };
    expect(live.incidents.items.length).toBeGreaterThan(0);
    expect(live.tasks.items.map((i) => i.state).sort()).toEqual([
      'CANCELED',
      'COMPLETED',
      'COMPLETED',
      'COMPLETED',
      'CREATED',
      'CREATED',
    ]);
    await close();

    removeProjections();
    expect(existsSync(join(dir, 'projections.db'))).toBe(false);
    const rebuilt = await open();
    expect(await snapshot(rebuilt)).toEqual(live);
    expect(existsSync(join(dir, 'projections.db'))).toBe(true);
  });

  it('catch up from the journal when they are behind it', async () => {
    const e = await open();
    await e.deploy({ name: 'case.bpmn', content: xml });
    await work(e, 3);
    await close();
    const old = join(dir, 'projections.old');
    copyFileSync(join(dir, 'projections.db'), old);

    const again = await open();
    await work(again, 4);
    const live = await snapshot(again);
    await close();

    removeProjections();
    copyFileSync(old, join(dir, 'projections.db'));
    const caughtUp = await open();
    expect(await snapshot(caughtUp)).toEqual(live);
  });
});

describe('retention', () => {
  it('removes finished instances older than the retention period, keeps running ones, and recounts statistics', async () => {
    const e = (t = await startRestEngine({ retentionMillis: 60_000 }));
    const start = Date.now();
    await e.api.pinClock({ timestamp: start });
    const d = await e.deploy({ name: 'case.bpmn', content: xml });
    const processDefinitionKey = d.processes[0].processDefinitionKey;
    await work(e, 3);
    const finished = await e.api.searchProcessInstances(
      { filter: { state: { $neq: 'ACTIVE' } } },
      { consistency: { waitUpToMs: 0 } },
    );
    expect(finished.page.totalItems).toBeGreaterThan(0);

    await e.api.pinClock({ timestamp: start + 30_000 });
    expect(await e.server.projections!.purge()).toBe(0);
    await e.api.pinClock({ timestamp: start + 120_000 });
    expect(await e.server.projections!.purge()).toBe(finished.page.totalItems);

    const left = await e.rest.searchProcessInstances({ filter: {} });
    expect(left.items.every((i) => i.state === 'ACTIVE')).toBe(true);
    expect(left.page.totalItems).toBeGreaterThan(0);
    for (const f of finished.items) {
      expect((await e.http('GET', `/v2/process-instances/${f.processInstanceKey}`)).status).toBe(404);
      const vars = await e.rest.searchVariables({ filter: { processInstanceKey: f.processInstanceKey } });
      expect(vars.items).toEqual([]);
    }
    const stats = await e.api.getProcessDefinitionStatistics(
      { processDefinitionKey },
      { consistency: { waitUpToMs: 0 } },
    );
    const start_ = stats.items!.find((s) => String(s.elementId) === 'start');
    expect(start_).toMatchObject({ completed: left.page.totalItems, canceled: 0 });
  });
});
