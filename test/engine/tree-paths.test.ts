// Conformance: the tree paths Zeebe 8.8 writes on its records (ElementTreePathBuilder) — elementInstancePath (per
// process instance from the root, its key down to the call activity or to the element), processDefinitionPath and
// callingElementPath (the call activity's index among the call activity ids of its whole resource sorted, every
// process of the file counted: Zeebe's CallActivityTransformer). Written on every ELEMENT_ACTIVATING and on no other
// lifecycle record (BpmnStateTransitionBehavior), on the four records of a compensation boundary event passed by a
// throw, on incidents (kept until resolved), on ELEMENT_MIGRATED and INCIDENT MIGRATED recomputed for the target,
// and on ANCESTOR_MIGRATED. The state holds none: the journal reads back the same records and alone replays to the
// live state.
import { callActivity, chain, definitions, flow, process, serviceTask, subProcess } from './support/bpmn';
import { compensable, compensationThrow } from './support/compensation';
import { path } from './support/events';
import { deployed, journaledEngineForEachTest, migrate } from './support/migration';
import { completeNext, elementKey, nextJob, waitForElement, waitForIncident } from './support/work';
import type { EngineRecord } from '../../engine/protocol/record';
import type { TreePath } from '../../engine/processors/instance/tree-path';

jest.setTimeout(30_000);

const { t, expectReplayEqualsLive } = journaledEngineForEachTest('tree-paths');

const pathsOf = (r: EngineRecord) => {
  const v = r.value as Partial<TreePath>;
  return [v.elementInstancePath, v.processDefinitionPath, v.callingElementPath];
};

function recordOf(intent: string, key: number): EngineRecord {
  return t.records.all.find((r) => r.recordType === 'EVENT' && r.intent === intent && r.key === key)!;
}

/**
 * A file with two processes: `parent` calls `child` through zCall; `other` holds aCall, sorted before it. Zeebe's
 * ProcessTransformer transforms every process of the file, so `other` counts even when it is not executable.
 */
const parentFile = (callId: string, withOther: boolean, otherExecutable = true) =>
  definitions(
    [
      process(
        'parent',
        [
          '<bpmn:startEvent id="p-start" />',
          callActivity(callId, 'child'),
          '<bpmn:endEvent id="p-end" />',
          flow('p0', 'p-start', callId),
          flow('p1', callId, 'p-end'),
        ].join('\n'),
      ),
      withOther
        ? process(
            'other',
            [
              '<bpmn:startEvent id="o-start" />',
              callActivity('aCall', 'child'),
              '<bpmn:endEvent id="o-end" />',
              flow('o0', 'o-start', 'aCall'),
              flow('o1', 'aCall', 'o-end'),
            ].join('\n'),
            otherExecutable,
          )
        : '',
    ].join('\n'),
  );

const childFile = (taskId: string) =>
  chain(
    'child',
    subProcess(
      'sub',
      path(
        's',
        '<bpmn:startEvent id="s-start" />',
        serviceTask(taskId, 'work'),
        '<bpmn:endEvent id="s-end" />',
      ),
    ),
  );

async function deployParent(content: string): Promise<number> {
  const r = (await t.deploy({ name: 'parent.bpmn', content })) as {
    deployments: { process: { bpmnProcessId: string; processDefinitionKey: string } }[];
  };
  return Number(
    r.deployments.find((d) => d.process.bpmnProcessId === 'parent')!.process.processDefinitionKey,
  );
}

it('gives every ELEMENT_ACTIVATING its paths, numbering the call activity among those of its whole file; incidents carry them', async () => {
  const childV1 = Number(await deployed(t, 'child.bpmn', childFile('task')));
  const parentV1 = await deployParent(parentFile('zCall', true, false));
  const { processInstanceKey } = await t.zeebe.createProcessInstance({
    bpmnProcessId: 'parent',
    variables: {},
  });
  const parent = Number(processInstanceKey);
  const job = await nextJob(t, 'work');
  const task = Number(job.elementInstanceKey);
  const child = Number(job.processInstanceKey);
  const [zCall, sub] = [elementKey(t, 'zCall', parent), elementKey(t, 'sub', child)];

  // 'aCall' of the other (not executable) process sorts before 'zCall': index 1, not 0 as in `parent` alone
  expect(pathsOf(recordOf('ELEMENT_ACTIVATING', task))).toEqual([
    [
      [parent, zCall],
      [child, sub, task],
    ],
    [parentV1, childV1],
    [1],
  ]);
  expect(pathsOf(recordOf('ELEMENT_ACTIVATING', parent))).toEqual([[[parent]], [parentV1], []]);
  expect(pathsOf(recordOf('ELEMENT_ACTIVATING', child))).toEqual([
    [[parent, zCall], [child]],
    [parentV1, childV1],
    [1],
  ]);
  expect(pathsOf(recordOf('ELEMENT_ACTIVATING', sub))).toEqual([
    [
      [parent, zCall],
      [child, sub],
    ],
    [parentV1, childV1],
    [1],
  ]);
  // every ACTIVATING has them, no other record does
  const instanceRecords = t.records.all.filter(
    (r) => r.valueType === 'PROCESS_INSTANCE' && r.recordType === 'EVENT',
  );
  for (const r of instanceRecords)
    expect([r.intent, 'elementInstancePath' in r.value]).toEqual([
      r.intent,
      r.intent === 'ELEMENT_ACTIVATING',
    ]);

  await t.zeebe.failJob({ jobKey: job.key, retries: 0, errorMessage: 'no service', retryBackOff: 0 });
  const incident = await waitForIncident(t, child);
  expect(pathsOf(recordOf('ELEMENT_ACTIVATING', task))).toEqual(pathsOf(incident));

  // the journal (which stores a value with paths as its base value and the paths) reads back the same records
  const live = t.records.all.filter((r) => r.valueType === 'PROCESS_INSTANCE' || r.valueType === 'INCIDENT');
  const journaled = [...t.server.engine.recordsAfter(0)]
    .flat()
    .filter((r) => r.valueType === 'PROCESS_INSTANCE' || r.valueType === 'INCIDENT');
  expect(journaled.map((r) => [r.position, r.intent, r.value])).toEqual(
    live.map((r) => [r.position, r.intent, r.value]),
  );
  await expectReplayEqualsLive();
});

it('recomputes the paths of migrated elements and their incidents for the target; the called tree gets ANCESTOR_MIGRATED', async () => {
  await deployed(t, 'child.bpmn', childFile('task'));
  await deployParent(parentFile('zCall', true));
  const { processInstanceKey } = await t.zeebe.createProcessInstance({
    bpmnProcessId: 'parent',
    variables: {},
  });
  const parent = Number(processInstanceKey);
  const job = await nextJob(t, 'work');
  const task = Number(job.elementInstanceKey);
  const child = Number(job.processInstanceKey);
  const [zCall, sub] = [elementKey(t, 'zCall', parent), elementKey(t, 'sub', child)];
  await t.zeebe.failJob({ jobKey: job.key, retries: 0, errorMessage: 'no service', retryBackOff: 0 });
  await waitForIncident(t, child);

  // parent v2 alone in its file: its call activity's index is 0
  const parentV2 = await deployParent(parentFile('zCall2', false));
  const childV2 = Number(await deployed(t, 'child.bpmn', childFile('task2')));
  await migrate(t, String(parent), String(parentV2), [['zCall', 'zCall2']]);
  const migratedCall = t.records.all.filter((r) => r.intent === 'ELEMENT_MIGRATED' && r.key === zCall)[0];
  expect(pathsOf(migratedCall)).toEqual([[[parent, zCall]], [parentV2], []]);
  const ancestor = t.records.all.find((r) => r.intent === 'ANCESTOR_MIGRATED' && r.key === task)!;
  const childV1 = (ancestor.value as { processDefinitionKey: number }).processDefinitionKey;
  expect(pathsOf(ancestor)).toEqual([
    [
      [parent, zCall],
      [child, sub, task],
    ],
    [parentV2, childV1],
    [0],
  ]);

  await migrate(t, String(child), String(childV2), [
    ['sub', 'sub'],
    ['task', 'task2'],
  ]);
  const migratedTask = t.records.all.filter((r) => r.intent === 'ELEMENT_MIGRATED' && r.key === task)[0];
  const expected = [
    [
      [parent, zCall],
      [child, sub, task],
    ],
    [parentV2, childV2],
    [0],
  ];
  expect(pathsOf(migratedTask)).toEqual(expected);
  const incident = t.records.all.find((r) => r.valueType === 'INCIDENT' && r.intent === 'MIGRATED')!;
  expect(pathsOf(incident)).toEqual(expected);
  await expectReplayEqualsLive();
});

it('writes the paths on the four records of a compensation boundary event a throw passes', async () => {
  const body = [
    '<bpmn:startEvent id="start" />',
    compensable('A'),
    compensationThrow('throw'),
    '<bpmn:endEvent id="end" />',
    flow('f0', 'start', 'A'),
    flow('f1', 'A', 'throw'),
    flow('f2', 'throw', 'end'),
  ].join('\n');
  await deployed(t, 'comp.bpmn', definitions(process('comp', body)));
  const { processInstanceKey } = await t.zeebe.createProcessInstance({
    bpmnProcessId: 'comp',
    variables: {},
  });
  const pi = Number(processInstanceKey);
  await completeNext(t, 'A');
  await waitForElement(t, 'undo-A', 'ELEMENT_ACTIVATED', pi);
  const passed = t.records.all.filter(
    (r) => r.valueType === 'PROCESS_INSTANCE' && (r.value as { elementId: string }).elementId === 'A-comp',
  );
  expect(passed.map((r) => r.intent)).toEqual([
    'ELEMENT_ACTIVATING',
    'ELEMENT_ACTIVATED',
    'ELEMENT_COMPLETING',
    'ELEMENT_COMPLETED',
  ]);
  for (const r of passed)
    expect(pathsOf(r)).toEqual([[[pi, passed[0].key]], [pathsOf(passed[0])[1]![0]], []]);
  const handler = elementKey(t, 'undo-A', pi);
  expect(pathsOf(recordOf('ELEMENT_ACTIVATING', handler))[0]).toEqual([[pi, handler]]);
  await completeNext(t, 'undo-A');
  await waitForElement(t, 'comp', 'ELEMENT_COMPLETED', pi);
  await expectReplayEqualsLive();
});
