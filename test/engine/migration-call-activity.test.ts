// Conformance: a call activity in a migration, as Zeebe 8.8 treats it — the parent's call activity moves like any
// element and the called instance stays in its own definition, every element instance of the called tree (nested
// called instances included) getting ANCESTOR_MIGRATED with its new tree path; the called instance can be
// migrated on its own, and either way the parent goes on in its target when the child completes. The journal
// alone replays to the live state.
import { callActivity, chain, serviceTask } from './support/bpmn';
import { deployed, journaledEngineForEachTest, migrate, recordsFromMigrate } from './support/migration';
import { completeNext, elementKey, waitForElement } from './support/work';
import type { TreePath } from '../../engine/processors/instance/tree-path';

jest.setTimeout(30_000);

const { t, expectReplayEqualsLive } = journaledEngineForEachTest('migrate-call');

it('moves the call activity and leaves the called instance; the child migrates on its own; the parent ends in v2', async () => {
  const childV1 = await deployed(t, 'child.bpmn', chain('child', serviceTask('work', 'w')));
  await deployed(t, 'parent.bpmn', chain('parent', callActivity('CA', 'child')));
  const { processInstanceKey: parent } = await t.zeebe.createProcessInstance({
    bpmnProcessId: 'parent',
    variables: {},
  });
  const work = await waitForElement(t, 'work', 'ELEMENT_ACTIVATED');
  const child = work.value.processInstanceKey;
  const parentV2 = await deployed(
    t,
    'parent.bpmn',
    chain('parent', callActivity('CA2', 'child'), serviceTask('after', 'after')),
  );

  await migrate(t, parent, parentV2, [['CA', 'CA2']]);

  expect(recordsFromMigrate(t)).toEqual([
    'COMMAND PROCESS_INSTANCE_MIGRATION MIGRATE',
    'EVENT PROCESS_INSTANCE ELEMENT_MIGRATED parent',
    'EVENT PROCESS_INSTANCE ELEMENT_MIGRATED CA2',
    'EVENT PROCESS_INSTANCE ANCESTOR_MIGRATED child',
    'EVENT PROCESS_INSTANCE ANCESTOR_MIGRATED work',
    'EVENT PROCESS_INSTANCE_MIGRATION MIGRATED',
  ]);
  const state = () =>
    JSON.parse(t.server.engine.stateJson()) as {
      elements: { key: number; calledChildKey: number; value: { processDefinitionKey: number } }[];
    };
  const ca = state().elements.find((e) => e.key === elementKey(t, 'CA', parent))!;
  expect(ca.calledChildKey).toBe(child);
  expect(state().elements.find((e) => e.key === child)!.value.processDefinitionKey).toBe(Number(childV1));

  // the called instance is migrated on its own, to a child v2 whose task is renamed
  const childV2 = await deployed(t, 'child.bpmn', chain('child', serviceTask('work2', 'w')));
  await migrate(t, String(child), childV2, [['work', 'work2']]);
  expect(recordsFromMigrate(t)).toEqual([
    'COMMAND PROCESS_INSTANCE_MIGRATION MIGRATE',
    'EVENT PROCESS_INSTANCE ELEMENT_MIGRATED child',
    'EVENT PROCESS_INSTANCE ELEMENT_MIGRATED work2',
    'EVENT JOB MIGRATED work2',
    'EVENT PROCESS_INSTANCE_MIGRATION MIGRATED',
  ]);
  expect(
    state().elements.find((e) => e.key === elementKey(t, 'CA', parent))!.value.processDefinitionKey,
  ).toBe(Number(parentV2));
  await expectReplayEqualsLive();

  await completeNext(t, 'w');
  const childEnd = await waitForElement(t, 'child', 'ELEMENT_COMPLETED', child);
  expect(childEnd.value.version).toBe(2);
  await completeNext(t, 'after'); // the step parent v2 added after the call activity
  const parentEnd = await waitForElement(t, 'parent', 'ELEMENT_COMPLETED', parent);
  expect(parentEnd.value.version).toBe(2);
});

it('gives every element instance of a nested called tree ANCESTOR_MIGRATED with the path through the target', async () => {
  const grandV1 = await deployed(t, 'grand.bpmn', chain('grand', serviceTask('work', 'w')));
  const childV1 = await deployed(t, 'child.bpmn', chain('child', callActivity('inner', 'grand')));
  const parentV1 = await deployed(t, 'parent.bpmn', chain('parent', callActivity('CA', 'child')));
  const { processInstanceKey } = await t.zeebe.createProcessInstance({
    bpmnProcessId: 'parent',
    variables: {},
  });
  const parent = Number(processInstanceKey);
  const work = await waitForElement(t, 'work', 'ELEMENT_ACTIVATED');
  const grand = work.value.processInstanceKey;
  const child = work.value.parentProcessInstanceKey;
  const [ca, inner] = [elementKey(t, 'CA', parent), elementKey(t, 'inner', child)];
  // v2 puts a call activity before CA2 in id order ('AA' < 'CA2'): the calling element index becomes 1
  const parentV2 = await deployed(
    t,
    'parent.bpmn',
    chain('parent', callActivity('CA2', 'child'), callActivity('AA', 'child')),
  );

  const before = t.records.all.length;
  await migrate(t, processInstanceKey, parentV2, [['CA', 'CA2']]);

  expect(recordsFromMigrate(t)).toEqual([
    'COMMAND PROCESS_INSTANCE_MIGRATION MIGRATE',
    'EVENT PROCESS_INSTANCE ELEMENT_MIGRATED parent',
    'EVENT PROCESS_INSTANCE ELEMENT_MIGRATED CA2',
    'EVENT PROCESS_INSTANCE ANCESTOR_MIGRATED child',
    'EVENT PROCESS_INSTANCE ANCESTOR_MIGRATED inner',
    'EVENT PROCESS_INSTANCE ANCESTOR_MIGRATED grand',
    'EVENT PROCESS_INSTANCE ANCESTOR_MIGRATED work',
    'EVENT PROCESS_INSTANCE_MIGRATION MIGRATED',
  ]);
  const ancestors = t.records.all
    .slice(before)
    .filter((r) => r.intent === 'ANCESTOR_MIGRATED')
    .map((r) => ({ key: r.key, ...(r.value as unknown as TreePath & { processDefinitionKey: number }) }));
  const d = Number;
  // the called instances keep their own definitions; only the path through the parent changed
  expect(ancestors.map((a) => [a.key, a.processDefinitionKey])).toEqual([
    [child, d(childV1)],
    [inner, d(childV1)],
    [grand, d(grandV1)],
    [work.key, d(grandV1)],
  ]);
  const last = ancestors[3];
  expect(last.elementInstancePath).toEqual([
    [parent, ca],
    [child, inner],
    [grand, work.key],
  ]);
  expect(last.processDefinitionPath).toEqual([d(parentV2), d(childV1), d(grandV1)]);
  expect(last.callingElementPath).toEqual([1, 0]);
  expect(ancestors[0].elementInstancePath).toEqual([[parent, ca], [child]]);
  expect(ancestors[0].processDefinitionPath).toEqual([d(parentV2), d(childV1)]);
  expect(d(parentV1)).not.toBe(d(parentV2));
  await expectReplayEqualsLive();

  // the tree goes on: the grandchild completes, then the parent runs on in v2 (its second call activity)
  await completeNext(t, 'w');
  await waitForElement(t, 'child', 'ELEMENT_COMPLETED', child);
  await waitForElement(t, 'AA', 'ELEMENT_ACTIVATED', parent);
});
