// Compensation survives a restart in the middle of a handler: the state rebuilt from the journal alone (the
// subscriptions CREATED, TRIGGERED and COMPLETED so far, the waiting throw event, the running handler) is exactly
// the live state, and an engine started again on the data folder (from its shutdown snapshot) finishes the
// compensation and the instance.
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { definitions, flow, process, serviceTask, subProcess } from './support/bpmn';
import {
  compensable,
  compensationBoundary,
  compensationThrow,
  handlerTask,
  subscriptionLog,
} from './support/compensation';
import { path } from './support/events';
import { startTestEngine, type TestEngine } from './support/harness';
import { journalOnlyState } from './support/replay';
import { completeNext, nextJob, waitForElement } from './support/work';

jest.setTimeout(30_000);

const inner = path(
  'i',
  '<bpmn:startEvent id="in-start" />',
  serviceTask('X', 'X'),
  '<bpmn:endEvent id="in-end" />',
);
const model = definitions(
  process(
    'p',
    [
      '<bpmn:startEvent id="start" />',
      subProcess(
        'sub',
        [inner, handlerTask('undo-X', 'undo-X'), compensationBoundary('X', 'undo-X')].join('\n'),
      ),
      compensable('A'),
      compensationThrow('throw'),
      '<bpmn:endEvent id="end" />',
      flow('f0', 'start', 'sub'),
      flow('f1', 'sub', 'A'),
      flow('f2', 'A', 'throw'),
      flow('f3', 'throw', 'end'),
    ].join('\n'),
  ),
);

let dir: string;
let t: TestEngine;
beforeEach(async () => {
  dir = mkdtempSync(join(tmpdir(), 'zhuanban-compensation-'));
  t = await startTestEngine({ dataDir: dir, sync: 'off' });
});
afterEach(async () => {
  await t.close();
  rmSync(dir, { recursive: true, force: true });
});

it('replays a compensation halfway through to the live state and finishes it after a restart', async () => {
  await t.deploy({ name: 'p.bpmn', content: model });
  const { processInstanceKey: pi } = await t.zeebe.createProcessInstance({
    bpmnProcessId: 'p',
    variables: {},
  });
  await completeNext(t, 'X');
  await completeNext(t, 'A');
  await waitForElement(t, 'throw', 'ELEMENT_ACTIVATED', pi);
  await completeNext(t, 'undo-A');
  const running = await nextJob(t, 'undo-X'); // activated, not completed: the restart comes in the middle of it
  await waitForElement(t, 'undo-A', 'ELEMENT_COMPLETED', pi);

  const live = t.server.engine.stateJson();
  const state = JSON.parse(live) as {
    elements: { key: number; activeFlows: number; activeChildren: number }[];
    compensations: [number, { compensableActivityId: string; throwEventId: string }][];
  };
  // the process holds the waiting throw event and the running handler; the triggered subprocess and X wait too
  expect(state.elements.find((e) => e.key === Number(pi))).toMatchObject({
    activeChildren: 2,
    activeFlows: 0,
  });
  expect(state.compensations.map(([, v]) => `${v.compensableActivityId} by ${v.throwEventId}`)).toEqual([
    'X by throw',
    'sub by throw',
  ]);
  expect(await journalOnlyState(dir, 'copy')).toEqual(live);

  await t.close();
  t = await startTestEngine({ dataDir: dir, sync: 'off' });
  expect(t.server.engine.recovery!.fromSnapshot).toBe(true);
  await t.zeebe.completeJob({ jobKey: running.key, variables: {} });
  await waitForElement(t, 'p', 'ELEMENT_COMPLETED', pi);
  // The new engine's stream starts after the restart: the rest of the compensation, in Zeebe's order.
  expect(subscriptionLog(t.records, pi)).toEqual(['COMPLETED X [undo-X] by throw', 'COMPLETED sub by throw']);
  expect(t.records.lifecycle(pi)).toEqual(
    expect.arrayContaining(['undo-X:ELEMENT_COMPLETED', 'throw:ELEMENT_COMPLETED', 'end:ELEMENT_COMPLETED']),
  );
});
