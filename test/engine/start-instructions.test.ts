// Conformance: start instructions on CreateProcessInstance (gRPC through @camunda8/sdk, REST through the typed
// client) as Zeebe 8.8 carries them out — the instance created by events at the given elements instead of its
// none start event, flow scopes created on the way, the process's own event subscriptions opened, the records in
// Zeebe's order, exact token counts (the instance completes when the started paths end), and Zeebe's rejections.
import { definitions, flow, multiInstance, process, serviceTask, subProcess } from './support/bpmn';
import { boundary, espStart, event, message, messageDef, subprocess, timerDef } from './support/events';
import { engineForEachTest } from './support/harness';
import { completeNext, elementKeys, grpcError, scopeVariables, Status, waitForElement } from './support/work';
import { startRestEngine } from './rest/support/rest-harness';

const t = engineForEachTest();

const model = definitions(
  process(
    'p',
    [
      '<bpmn:startEvent id="start" />',
      serviceTask('A', 'a'),
      serviceTask('B', 'b'),
      subProcess(
        'sub',
        [
          '<bpmn:startEvent id="subStart" />',
          serviceTask('inner', 'inner'),
          flow('s1', 'subStart', 'inner'),
        ].join('\n'),
      ),
      boundary('deadline', 'sub', timerDef('timeDuration', 'PT1H'), true),
      subProcess(
        'loop',
        [
          '<bpmn:startEvent id="loopStart" />',
          serviceTask('each', 'each'),
          flow('l1', 'loopStart', 'each'),
        ].join('\n'),
        '',
        multiInstance('=[1, 2]'),
      ),
      '<bpmn:eventBasedGateway id="choice" />',
      event('intermediateCatchEvent', 'timeout', timerDef('timeDuration', 'PT1H')),
      event('intermediateCatchEvent', 'ping', messageDef('pingMsg')),
      '<bpmn:endEvent id="end" />',
      '<bpmn:endEvent id="late" />',
      flow('f1', 'start', 'A'),
      flow('f2', 'A', 'B'),
      flow('f3', 'B', 'end'),
      flow('f4', 'deadline', 'late'),
      flow('f5', 'choice', 'timeout'),
      flow('f6', 'choice', 'ping'),
      subprocess(
        'watch',
        [
          espStart('watchStart', timerDef('timeDuration', 'PT2H'), false),
          '<bpmn:endEvent id="watchEnd" />',
          flow('w1', 'watchStart', 'watchEnd'),
        ].join('\n'),
        true,
      ),
    ].join('\n'),
  ),
  message('pingMsg', 'ping', '=id'),
);

function create(startAt: string[], variables: Record<string, unknown> = {}) {
  return t.zeebe.createProcessInstance({
    bpmnProcessId: 'p',
    variables: variables as never,
    startInstructions: startAt.map((elementId) => ({ elementId })),
  });
}

function recordsOf(pi: string): string[] {
  return t.records.all
    .filter((r) => (r.value as { processInstanceKey?: number }).processInstanceKey === Number(pi))
    .map((r) => {
      const v = r.value as { elementId?: string; name?: string; targetElementId?: string };
      const what = v.elementId ?? v.targetElementId ?? v.name ?? '';
      return `${r.recordType} ${r.valueType} ${r.intent}${what ? ` ${what}` : ''}`;
    });
}

it('starts at B: the process by events, its event subprocess timer, B, CREATED — no start event, A skipped', async () => {
  await t.deploy({ name: 'p.bpmn', content: model });
  const { processInstanceKey: pi } = await create(['B'], { x: 1 });
  await waitForElement(t, 'B', 'ELEMENT_ACTIVATED', pi);
  expect(recordsOf(pi).slice(0, 9)).toEqual([
    'EVENT VARIABLE CREATED x',
    'EVENT PROCESS_INSTANCE ELEMENT_ACTIVATING p',
    'EVENT PROCESS_INSTANCE ELEMENT_ACTIVATED p',
    'EVENT TIMER CREATED watchStart',
    'COMMAND PROCESS_INSTANCE ACTIVATE_ELEMENT B',
    'EVENT PROCESS_INSTANCE_CREATION CREATED',
    'EVENT PROCESS_INSTANCE ELEMENT_ACTIVATING B',
    'EVENT PROCESS_INSTANCE ELEMENT_ACTIVATED B',
    'EVENT JOB CREATED B',
  ]);
  expect(scopeVariables(t, Number(pi))).toEqual({ x: 1 });
  expect(elementKeys(t, 'start', pi)).toEqual([]);
  expect(elementKeys(t, 'A', pi)).toEqual([]);
  const created = t.records.events('PROCESS_INSTANCE_CREATION', 'CREATED')[0];
  expect(created.value.startInstructions).toEqual([{ elementId: 'B' }]);
  await completeNext(t, 'b');
  await waitForElement(t, 'p', 'ELEMENT_COMPLETED', pi);
});

it('starts at two elements, one inside a subprocess created on the way with its boundary timer; completes when both end', async () => {
  await t.deploy({ name: 'p.bpmn', content: model });
  const { processInstanceKey: pi } = await create(['inner', 'B']);
  await waitForElement(t, 'inner', 'ELEMENT_ACTIVATED', pi);
  await waitForElement(t, 'B', 'ELEMENT_ACTIVATED', pi);
  const timers = t.records.events('TIMER', 'CREATED').map((r) => r.value.targetElementId);
  expect(timers).toEqual(['watchStart', 'deadline']);
  expect(elementKeys(t, 'subStart', pi)).toEqual([]);
  await completeNext(t, 'inner');
  await waitForElement(t, 'sub', 'ELEMENT_COMPLETED', pi);
  // B still runs: the process waits for it
  expect(
    t.records.events('PROCESS_INSTANCE', 'ELEMENT_COMPLETED').map((r) => r.value.elementId),
  ).not.toContain('p');
  await completeNext(t, 'b');
  await waitForElement(t, 'p', 'ELEMENT_COMPLETED', pi);
});

it.each([
  ['nope', "but no element found with id 'nope'."],
  [
    'each',
    "but the element with id 'each' is inside a multi-instance subprocess. The creation of elements inside a multi-instance subprocess is not supported.",
  ],
  [
    'start',
    "but the element with id 'start' targets unsupported element type 'START_EVENT'. Supported element types are: [",
  ],
  ['deadline', "but the element with id 'deadline' targets unsupported element type 'BOUNDARY_EVENT'"],
  ['f1', "but the element with id 'f1' targets unsupported element type 'SEQUENCE_FLOW'"],
  [
    'ping',
    "but the element with id 'ping' belongs to an event-based gateway. The creation of elements belonging to an event-based gateway is not supported.",
  ],
])('refuses to start at %s and creates nothing', async (elementId, text) => {
  await t.deploy({ name: 'p.bpmn', content: model });
  const before = t.records.all.length;
  const e = await grpcError(create(['B', elementId]));
  expect(e.code).toBe(Status.INVALID_ARGUMENT);
  expect(e.message).toContain(
    `Command 'CREATE' rejected with code 'INVALID_ARGUMENT': Expected to create instance of process with start instructions ${text}`,
  );
  expect(t.records.all.slice(before).map((r) => r.recordType)).toEqual(['COMMAND', 'COMMAND_REJECTION']);
});

it('a process without a none start event can be started at an element', async () => {
  const messageOnly = definitions(
    process(
      'm',
      [
        `<bpmn:startEvent id="start">${messageDef('go')}</bpmn:startEvent>`,
        serviceTask('A', 'a'),
        flow('f1', 'start', 'A'),
      ].join('\n'),
    ),
    message('go', 'go'),
  );
  await t.deploy({ name: 'm.bpmn', content: messageOnly });
  const plain = await grpcError(t.zeebe.createProcessInstance({ bpmnProcessId: 'm', variables: {} }));
  expect(plain.code).toBe(Status.FAILED_PRECONDITION);
  const { processInstanceKey } = await t.zeebe.createProcessInstance({
    bpmnProcessId: 'm',
    variables: {},
    startInstructions: [{ elementId: 'A' }],
  });
  await completeNext(t, 'a');
  await waitForElement(t, 'm', 'ELEMENT_COMPLETED', processInstanceKey);
});

it('REST: startInstructions with awaitCompletion answers the variables when the started path ends', async () => {
  const r = await startRestEngine();
  try {
    await r.deploy({ name: 'p.bpmn', content: model });
    const created = r.api.createProcessInstance({
      processDefinitionId: 'p' as never,
      variables: { who: '张三' },
      startInstructions: [{ elementId: 'B' as never }],
      awaitCompletion: true,
      requestTimeout: 10_000,
    });
    const [job] = await r.zeebe.activateJobs({
      type: 'b',
      worker: 'w',
      maxJobsToActivate: 1,
      timeout: 10_000,
      requestTimeout: 5_000,
    });
    await r.zeebe.completeJob({ jobKey: job.key, variables: { done: true } });
    expect((await created).variables).toEqual({ who: '张三', done: true });
    const refused = await r.http('POST', '/v2/process-instances', {
      processDefinitionId: 'p',
      startInstructions: [{ elementId: 'start' }],
    });
    expect(refused.status).toBe(400);
    expect(refused.json.detail).toContain("targets unsupported element type 'START_EVENT'");
  } finally {
    await r.close();
  }
});
