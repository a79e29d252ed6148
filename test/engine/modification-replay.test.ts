// A modification (and a creation with start instructions) survives a restart: the state rebuilt from the journal alone (the MODIFIED record's tokens, the
// flow scope it created with its variables, the terminated elements) is exactly the live state, and an engine
// started again on the data folder carries the modified instance to its end.
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { definitions, flow, process, serviceTask, subProcess } from './support/bpmn';
import { startTestEngine, type TestEngine } from './support/harness';
import { journalOnlyState } from './support/replay';
import { completeNext, elementKey, waitForElement } from './support/work';

jest.setTimeout(30_000);

const model = definitions(
  process(
    'p',
    [
      '<bpmn:startEvent id="start" />',
      '<bpmn:parallelGateway id="fork" />',
      serviceTask('A', 'a'),
      serviceTask('side', 'side'),
      subProcess(
        'sub',
        [
          '<bpmn:startEvent id="subStart" />',
          serviceTask('inner', 'inner'),
          flow('s1', 'subStart', 'inner'),
        ].join('\n'),
      ),
      '<bpmn:parallelGateway id="join" />',
      '<bpmn:endEvent id="end" />',
      flow('f0', 'start', 'fork'),
      flow('f1', 'fork', 'A'),
      flow('f2', 'fork', 'side'),
      flow('f3', 'A', 'sub'),
      flow('f4', 'sub', 'join'),
      flow('f5', 'side', 'join'),
      flow('f6', 'join', 'end'),
    ].join('\n'),
  ),
);

let dir: string;
let t: TestEngine;
beforeEach(async () => {
  dir = mkdtempSync(join(tmpdir(), 'zhuanban-modify-'));
  t = await startTestEngine({ dataDir: dir, sync: 'off' });
});
afterEach(async () => {
  await t.close();
  rmSync(dir, { recursive: true, force: true });
});

it('replays a modification to the live state and finishes the instance after a restart', async () => {
  await t.deploy({ name: 'p.bpmn', content: model });
  const { processInstanceKey: pi } = await t.zeebe.createProcessInstance({
    bpmnProcessId: 'p',
    variables: {},
  });
  await waitForElement(t, 'side', 'ELEMENT_ACTIVATED', pi);
  await completeNext(t, 'side'); // one token waits at the join
  await waitForElement(t, 'A', 'ELEMENT_ACTIVATED', pi);
  await t.zeebe.modifyProcessInstance({
    processInstanceKey: pi,
    activateInstructions: [
      {
        elementId: 'inner',
        ancestorElementInstanceKey: '-1',
        variableInstructions: [{ scopeId: 'sub', variables: { fixed: true } }],
      },
    ],
    terminateInstructions: [{ elementInstanceKey: String(elementKey(t, 'A', pi)) }],
  });
  await waitForElement(t, 'inner', 'ELEMENT_ACTIVATED', pi);
  const live = t.server.engine.stateJson();
  const scopes = JSON.parse(live).elements as { key: number; activeFlows: number; activeChildren: number }[];
  // the process holds the subprocess and the token waiting at the join — nothing more, nothing less
  expect(scopes.find((e) => e.key === Number(pi))).toMatchObject({ activeChildren: 1, activeFlows: 1 });

  expect(await journalOnlyState(dir, 'copy')).toEqual(live);

  await t.close();
  t = await startTestEngine({ dataDir: dir, sync: 'off' });
  const job = await completeNext(t, 'inner');
  expect(JSON.parse(JSON.stringify(job.variables))).toEqual({ fixed: true });
  await waitForElement(t, 'p', 'ELEMENT_COMPLETED', pi);
});

it('replays a creation with start instructions to the live state', async () => {
  await t.deploy({ name: 'p.bpmn', content: model });
  const { processInstanceKey: pi } = await t.zeebe.createProcessInstance({
    bpmnProcessId: 'p',
    variables: { n: 1 },
    startInstructions: [{ elementId: 'inner' }, { elementId: 'side' }],
  });
  await waitForElement(t, 'inner', 'ELEMENT_ACTIVATED', pi);
  await waitForElement(t, 'side', 'ELEMENT_ACTIVATED', pi);
  const live = t.server.engine.stateJson();
  const scopes = JSON.parse(live).elements as { key: number; activeFlows: number; activeChildren: number }[];
  expect(scopes.find((e) => e.key === Number(pi))).toMatchObject({ activeChildren: 2, activeFlows: 0 });
  expect(await journalOnlyState(dir, 'copy')).toEqual(live);
  await completeNext(t, 'side');
  await completeNext(t, 'inner');
  await waitForElement(t, 'p', 'ELEMENT_COMPLETED', pi);
});
