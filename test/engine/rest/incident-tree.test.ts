// REST API v2 read models as Camunda 8.8 keeps them: an incident marks its whole tree path —
// the element, the elements containing it, its instance and, through call activities, every
// parent instance (`hasIncident`) — until it is resolved; element statistics count multi-instance
// bodies per definition, and per instance only when the body carries an incident. Through the
// real HTTP port with the typed 8.8 client (responses validated against the 8.8 schemas).
import { callActivity, chain, flow, multiInstance, serviceTask, subProcess } from '../support/bpmn';
import { eventually, startRestEngine, type RestTestEngine } from './support/rest-harness';

jest.setTimeout(20_000);

let t: RestTestEngine;
beforeEach(async () => {
  t = await startRestEngine();
});
afterEach(async () => {
  await t.close();
});

const now = { consistency: { waitUpToMs: 0 } };

const inner = [
  '<bpmn:startEvent id="subStart" />',
  serviceTask('task', 'fragile'),
  '<bpmn:endEvent id="subEnd" />',
  flow('s0', 'subStart', 'task'),
  flow('s1', 'task', 'subEnd'),
].join('\n');

async function failNextJob(type: string): Promise<string> {
  const [job] = await t.zeebe.activateJobs({
    type,
    worker: 'w',
    timeout: 60_000,
    maxJobsToActivate: 1,
    requestTimeout: 5_000,
  });
  await t.zeebe.failJob({ jobKey: job.key, retries: 0, errorMessage: 'down', retryBackOff: 0 });
  return job.key;
}

async function flags(processInstanceKeys: string[]) {
  await t.caughtUp();
  const out: Record<string, boolean> = {};
  for (const key of processInstanceKeys) {
    const pi = await t.api.getProcessInstance({ processInstanceKey: key as never }, now);
    out[String(pi.processDefinitionId)] = pi.hasIncident;
    const elements = await t.api.searchElementInstances(
      { filter: { processInstanceKey: key as never } },
      now,
    );
    for (const e of elements.items!) out[String(e.elementId)] = e.hasIncident;
  }
  return out;
}

it('an incident in a called instance marks the called element path, the call activity and the parent instance until resolved', async () => {
  await t.deploy(
    { name: 'child.bpmn', content: chain('child', subProcess('sub', inner)) },
    { name: 'parent.bpmn', content: chain('parent', callActivity('call', 'child')) },
  );
  const parent = (await t.rest.createProcessInstance({ processDefinitionId: 'parent', variables: {} }))
    .processInstanceKey;
  const jobKey = await failNextJob('fragile');
  await t.caughtUp();
  const children = await eventually(
    () => t.api.searchProcessInstances({ filter: { parentProcessInstanceKey: parent as never } }, now),
    (r) => r.items!.length === 1,
  );
  const child = String(children.items![0].processInstanceKey);

  const marked = await eventually(
    () => flags([parent, child]),
    (f) => f.task === true,
  );
  expect(marked).toEqual({
    parent: true,
    start: false,
    call: true,
    child: true,
    sub: true,
    subStart: false,
    task: true,
  });
  const withIncident = await t.api.searchProcessInstances({ filter: { hasIncident: true } }, now);
  expect(withIncident.items!.map((p) => String(p.processInstanceKey)).sort()).toEqual([parent, child].sort());
  const parentStats = await t.api.getProcessInstanceStatistics({ processInstanceKey: parent as never }, now);
  expect(parentStats.items).toContainEqual({
    elementId: 'call',
    active: 0,
    canceled: 0,
    incidents: 1,
    completed: 0,
  });
  // only the failing element itself names the incident
  const direct = await t.api.searchElementInstances(
    { filter: { processInstanceKey: child as never, hasIncident: true } },
    now,
  );
  expect(Object.fromEntries(direct.items!.map((e) => [String(e.elementId), e.incidentKey ?? null]))).toEqual({
    sub: null,
    task: expect.any(String),
  });

  const [incident] = (await t.api.searchIncidents({ filter: { processInstanceKey: child as never } }, now))
    .items!;
  await t.api.updateJob({ jobKey: jobKey as never, changeset: { retries: 1 } });
  await t.api.resolveIncident({ incidentKey: String(incident.incidentKey) as never });
  const cleared = await eventually(
    () => flags([parent, child]),
    (f) => f.task === false,
  );
  expect(Object.values(cleared).every((v) => v === false)).toBe(true);
});

it('statistics count multi-instance bodies per definition; per instance only a body with an incident', async () => {
  const d = await t.deploy({
    name: 'mi.bpmn',
    content: chain(
      'mi',
      serviceTask('each', 'each').replace(
        '</bpmn:serviceTask>',
        `${multiInstance('=items', { inputElement: 'item' })}</bpmn:serviceTask>`,
      ),
    ),
  });
  const processDefinitionKey = d.processes[0].processDefinitionKey;
  const processInstanceKey = (
    await t.rest.createProcessInstance({ processDefinitionId: 'mi', variables: { items: [1, 2, 3] } })
  ).processInstanceKey;
  const counts = async () => {
    await t.caughtUp();
    const perDefinition = await t.api.getProcessDefinitionStatistics({ processDefinitionKey }, now);
    const perInstance = await t.api.getProcessInstanceStatistics(
      { processInstanceKey: processInstanceKey as never },
      now,
    );
    const pick = (
      items: {
        elementId?: unknown;
        active?: number;
        completed?: number;
        canceled?: number;
        incidents?: number;
      }[],
    ) => {
      const s = items.find((i) => String(i.elementId) === 'each');
      return s && [s.active, s.completed, s.canceled, s.incidents];
    };
    return { definition: pick(perDefinition.items!), instance: pick(perInstance.items!) };
  };
  // three inner instances and their body
  expect(await eventually(counts, (c) => c.definition?.[0] === 4)).toEqual({
    definition: [4, 0, 0, 0],
    instance: [3, 0, 0, 0],
  });
  await failNextJob('each');
  // the body is on the incident's path: active with an incident, and then counted per instance too
  expect(await eventually(counts, (c) => c.definition?.[3] === 2)).toEqual({
    definition: [2, 0, 0, 2],
    instance: [2, 0, 0, 2],
  });
  // the same numbers when a filter makes the definition statistics count instance by instance
  const filtered = await t.api.getProcessDefinitionStatistics(
    { processDefinitionKey, filter: { processInstanceKey: processInstanceKey as never } },
    now,
  );
  expect(filtered.items!.find((i) => String(i.elementId) === 'each')).toEqual({
    elementId: 'each',
    active: 2,
    completed: 0,
    canceled: 0,
    incidents: 2,
  });
});
