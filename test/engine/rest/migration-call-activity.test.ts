// REST API v2 through the typed Orchestration Cluster client: a parent migrated while its call activity waits for
// a called instance (which itself calls another). The process instance search keeps each called instance in its
// own definition with its parent keys, the parent shows its target version and its call activity the target
// element, and the whole tree completes in the parent's target.
import { callActivity, chain, serviceTask } from '../support/bpmn';
import { eventually, startRestEngine, type RestTestEngine } from './support/rest-harness';
import { deployedKey, elementInstances, migrate, now } from './support/migration';

jest.setTimeout(60_000);

let t: RestTestEngine;
beforeEach(async () => {
  t = await startRestEngine();
});
afterEach(async () => {
  await t.close();
});

const deploy = (name: string, content: string) => deployedKey(t, name, content);

async function instances() {
  await t.caughtUp();
  const found = await t.api.searchProcessInstances({ sort: [{ field: 'processInstanceKey' }] }, now);
  return found.items!.map((p) => ({
    id: p.processDefinitionId,
    key: String(p.processInstanceKey),
    definition: String(p.processDefinitionKey),
    version: p.processDefinitionVersion,
    parent: p.parentProcessInstanceKey === undefined ? undefined : String(p.parentProcessInstanceKey),
    caller: p.parentElementInstanceKey === undefined ? undefined : String(p.parentElementInstanceKey),
    state: p.state,
  }));
}

async function activeElement(processInstanceKey: string, elementId: string) {
  const found = await elementInstances(t, processInstanceKey);
  return found.find((e) => e.elementId === elementId && e.state === 'ACTIVE');
}

it('keeps the called instances in their definitions with their parent keys after the parent is migrated', async () => {
  const grandV1 = await deploy('grand.bpmn', chain('grand', serviceTask('work', 'w')));
  const childV1 = await deploy('child.bpmn', chain('child', callActivity('inner', 'grand')));
  await deploy('parent.bpmn', chain('parent', callActivity('CA', 'child')));
  const { processInstanceKey: parent } = await t.rest.createProcessInstance({
    processDefinitionId: 'parent',
    variables: {},
  });
  const tree = await eventually(instances, (list) => list.length === 3);
  const [child, grand] = [tree[1], tree[2]];
  const ca = (await activeElement(parent, 'CA'))!;
  const inner = (await activeElement(child.key, 'inner'))!;
  const parentV2 = await deploy(
    'parent.bpmn',
    chain('parent', callActivity('CA2', 'child'), serviceTask('after', 'after')),
  );

  await migrate(t, parent, parentV2, [['CA', 'CA2']]);

  const after = await eventually(instances, (list) => list[0].definition === parentV2);
  expect(after).toEqual([
    { id: 'parent', key: parent, definition: parentV2, version: 2, state: 'ACTIVE' },
    {
      id: 'child',
      key: child.key,
      definition: childV1,
      version: 1,
      parent,
      caller: String(ca.elementInstanceKey),
      state: 'ACTIVE',
    },
    {
      id: 'grand',
      key: grand.key,
      definition: grandV1,
      version: 1,
      parent: child.key,
      caller: String(inner.elementInstanceKey),
      state: 'ACTIVE',
    },
  ]);
  const migrated = (await activeElement(parent, 'CA2'))!;
  expect([String(migrated.elementInstanceKey), String(migrated.processDefinitionKey)]).toEqual([
    String(ca.elementInstanceKey),
    parentV2,
  ]);

  const jobs = await t.zeebe.activateJobs({
    type: 'w',
    worker: 'test',
    maxJobsToActivate: 1,
    timeout: 30_000,
  });
  await t.zeebe.completeJob({ jobKey: jobs[0].key, variables: {} });
  // the parent goes on in v2: the step it added after the call activity
  const next = await eventually(
    () => t.zeebe.activateJobs({ type: 'after', worker: 'test', maxJobsToActivate: 1, timeout: 30_000 }),
    (list) => list.length === 1,
  );
  await t.zeebe.completeJob({ jobKey: next[0].key, variables: {} });
  const done = await eventually(instances, (list) => list.every((p) => p.state === 'COMPLETED'));
  expect(done.map((p) => `${p.id}:${p.version}`)).toEqual(['parent:2', 'child:1', 'grand:1']);
});
