// A migration survives a restart: the state rebuilt from the journal alone (element instances, job, timer and
// message subscription in the target definition) is exactly the live state, and an engine started again on the
// data folder carries the migrated instance through the target's new step to its end.
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { definitions, flow, process, serviceTask, subProcess } from './support/bpmn';
import { boundary, message, messageDef, timerDef } from './support/events';
import { startTestEngine, type TestEngine } from './support/harness';
import { journalOnlyState } from './support/replay';
import { completeNext, waitForElement } from './support/work';
import { readJournal } from './support/engine-process';

jest.setTimeout(30_000);

/** v1: sub(A) with a timer and a message boundary; v2 adds B after A inside sub. */
const model = (withB: boolean) =>
  definitions(
    process(
      'p',
      [
        '<bpmn:startEvent id="start" />',
        subProcess(
          'sub',
          [
            '<bpmn:startEvent id="s0" />',
            serviceTask('A', 'a'),
            withB ? serviceTask('B', 'b') : '',
            '<bpmn:endEvent id="s9" />',
            flow('s1', 's0', 'A'),
            flow('s2', 'A', withB ? 'B' : 's9'),
            withB ? flow('s3', 'B', 's9') : '',
          ].join('\n'),
        ),
        boundary('late', 'sub', timerDef('timeDuration', 'P7D'), false),
        boundary('withdrawn', 'sub', messageDef('m')),
        '<bpmn:endEvent id="end" />',
        '<bpmn:endEvent id="lateEnd" />',
        '<bpmn:endEvent id="withdrawnEnd" />',
        flow('f0', 'start', 'sub'),
        flow('f1', 'sub', 'end'),
        flow('f2', 'late', 'lateEnd'),
        flow('f3', 'withdrawn', 'withdrawnEnd'),
      ].join('\n'),
    ),
    message('m', 'withdraw', '=caseId'),
  );

let dir: string;
let t: TestEngine;
beforeEach(async () => {
  dir = mkdtempSync(join(tmpdir(), 'zhuanban-migrate-'));
  t = await startTestEngine({ dataDir: dir, sync: 'off' });
});
afterEach(async () => {
  await t.close();
  rmSync(dir, { recursive: true, force: true });
});

it('replays a migration to the live state and finishes the instance in v2 after a restart', async () => {
  await t.deploy({ name: 'p.bpmn', content: model(false) });
  const { processInstanceKey: pi } = await t.zeebe.createProcessInstance({
    bpmnProcessId: 'p',
    variables: { caseId: 'c-1' },
  });
  await waitForElement(t, 'A', 'ELEMENT_ACTIVATED', pi);
  const deployed = (await t.deploy({ name: 'p.bpmn', content: model(true) })) as {
    deployments: { process: { processDefinitionKey: string } }[];
  };
  const target = deployed.deployments[0].process.processDefinitionKey;
  await t.zeebe.migrateProcessInstance({
    processInstanceKey: pi,
    migrationPlan: {
      targetProcessDefinitionKey: target,
      mappingInstructions: [
        { sourceElementId: 'sub', targetElementId: 'sub' },
        { sourceElementId: 'A', targetElementId: 'A' },
        { sourceElementId: 'late', targetElementId: 'late' },
        { sourceElementId: 'withdrawn', targetElementId: 'withdrawn' },
      ],
    },
  });
  const live = t.server.engine.stateJson();
  const state = JSON.parse(live) as {
    elements: { value: { processDefinitionKey: number; version: number } }[];
    timers: [number, { processDefinitionKey: number }][];
    subscriptions: { messages: [number, { processDefinitionKey: number }][] };
  };
  expect(state.elements.map((e) => [e.value.processDefinitionKey, e.value.version])).toEqual([
    [Number(target), 2],
    [Number(target), 2],
    [Number(target), 2],
  ]);
  expect(state.timers.map(([, v]) => v.processDefinitionKey)).toEqual([Number(target)]);
  expect(state.subscriptions.messages.map(([, v]) => v.processDefinitionKey)).toEqual([Number(target)]);

  expect(await journalOnlyState(dir, 'copy')).toEqual(live);

  await t.close();
  t = await startTestEngine({ dataDir: dir, sync: 'off' });
  await completeNext(t, 'a');
  await completeNext(t, 'b'); // the step v2 added
  const ended = await waitForElement(t, 'p', 'ELEMENT_COMPLETED', pi);
  expect(ended.value.version).toBe(2);
});

it('journals both halves of a moved message subscription; replayed, the message triggers the target’s event', async () => {
  await t.deploy({ name: 'p.bpmn', content: model(false) });
  const { processInstanceKey: pi } = await t.zeebe.createProcessInstance({
    bpmnProcessId: 'p',
    variables: { caseId: 'c-2' },
  });
  await waitForElement(t, 'A', 'ELEMENT_ACTIVATED', pi);
  const subscription = t.records.events('MESSAGE_SUBSCRIPTION', 'CREATED')[0];
  // v2 renames the message boundary: the moved subscription must name the new event
  const renamed = model(true).replace(/withdrawn(?!End)/g, 'retracted');
  const deployed = (await t.deploy({ name: 'p.bpmn', content: renamed })) as {
    deployments: { process: { processDefinitionKey: string } }[];
  };
  const target = deployed.deployments[0].process.processDefinitionKey;
  await t.zeebe.migrateProcessInstance({
    processInstanceKey: pi,
    migrationPlan: {
      targetProcessDefinitionKey: target,
      mappingInstructions: [
        { sourceElementId: 'sub', targetElementId: 'sub' },
        { sourceElementId: 'A', targetElementId: 'A' },
        { sourceElementId: 'late', targetElementId: 'late' },
        { sourceElementId: 'withdrawn', targetElementId: 'retracted' },
      ],
    },
  });
  await t.records.waitForEvent('MESSAGE_SUBSCRIPTION', 'MIGRATED');

  const journal = readJournal(dir).filter((r) => r.key === subscription.key);
  expect(journal.map((r) => `${r.recordType} ${r.valueType} ${r.intent}`)).toEqual([
    'EVENT MESSAGE_SUBSCRIPTION CREATED',
    'EVENT PROCESS_MESSAGE_SUBSCRIPTION MIGRATED',
    'COMMAND MESSAGE_SUBSCRIPTION MIGRATE',
    'EVENT MESSAGE_SUBSCRIPTION MIGRATED',
  ]);
  const live = t.server.engine.stateJson();
  const moved = (
    JSON.parse(live) as {
      subscriptions: { messages: [number, { elementId: string; processDefinitionKey: number }][] };
    }
  ).subscriptions.messages;
  expect(moved).toEqual([
    [
      subscription.key,
      expect.objectContaining({ elementId: 'retracted', processDefinitionKey: Number(target) }),
    ],
  ]);
  expect(await journalOnlyState(dir, 'copy')).toEqual(live);

  await t.close();
  t = await startTestEngine({ dataDir: dir, sync: 'off' });
  await t.zeebe.publishMessage({ name: 'withdraw', correlationKey: 'c-2', variables: {} });
  await waitForElement(t, 'withdrawnEnd', 'ELEMENT_COMPLETED', pi);
  const triggered = await waitForElement(t, 'retracted', 'ELEMENT_COMPLETED', pi);
  expect(triggered.value.version).toBe(2);
});
