// Conformance: a call activity in a migration, as Zeebe 8.8 treats it — the parent's call activity moves like any
// element and the called instance stays in its own definition; the called instance can be migrated on its own,
// and either way the parent goes on in its target when the child completes. The journal alone replays to the
// live state.
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { callActivity, chain, serviceTask } from './support/bpmn';
import { startTestEngine, type TestEngine } from './support/harness';
import { deployed, migrate, recordsFromMigrate } from './support/migration';
import { journalOnlyState } from './support/replay';
import { completeNext, elementKey, waitForElement } from './support/work';

jest.setTimeout(30_000);

let dir: string;
let t: TestEngine;
beforeEach(async () => {
  dir = mkdtempSync(join(tmpdir(), 'zhuanban-migrate-call-'));
  t = await startTestEngine({ dataDir: dir, sync: 'off' });
});
afterEach(async () => {
  await t.close();
  rmSync(dir, { recursive: true, force: true });
});

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
  expect(await journalOnlyState(dir, 'copy')).toEqual(t.server.engine.stateJson());

  await completeNext(t, 'w');
  const childEnd = await waitForElement(t, 'child', 'ELEMENT_COMPLETED', child);
  expect(childEnd.value.version).toBe(2);
  await completeNext(t, 'after'); // the step parent v2 added after the call activity
  const parentEnd = await waitForElement(t, 'parent', 'ELEMENT_COMPLETED', parent);
  expect(parentEnd.value.version).toBe(2);
});
