// Conformance: ModifyProcessInstance over gRPC with @camunda8/sdk, as Zeebe 8.8 processes it — the records in
// Zeebe's order (ACTIVATE_ELEMENT commands, terminations, MODIFIED last), variables per scope, flow scopes
// created by events, ancestor selection, jobs/user tasks cancelled and incidents resolved, idle flow scopes
// and the instance terminated, and every rejection with Zeebe's text leaving the instance unchanged.
import {
  chain,
  definitions,
  flow,
  multiInstance,
  process,
  serviceTask,
  subProcess,
  userTask,
} from './support/bpmn';
import { boundary, espStart, event, subprocess, timerDef } from './support/events';
import { engineForEachTest } from './support/harness';
import {
  completeNext,
  elementKey,
  elementKeys,
  grpcError,
  nextJob,
  scopeVariables,
  Status,
  waitForElement,
  waitForIncident,
} from './support/work';
import type { EngineRecord } from '../../engine/protocol/record';

const t = engineForEachTest();

type Activate = {
  elementId: string;
  ancestorElementInstanceKey?: string;
  variables?: Record<string, unknown>[];
};

function modify(
  processInstanceKey: string | number,
  activate: Activate[],
  terminate: (string | number)[] = [],
) {
  return t.zeebe.modifyProcessInstance({
    processInstanceKey: String(processInstanceKey),
    activateInstructions: activate.map((a) => ({
      elementId: a.elementId,
      ancestorElementInstanceKey: a.ancestorElementInstanceKey ?? '-1',
      variableInstructions: (a.variables ?? []).map((v) => {
        const { scopeId, ...variables } = v as { scopeId?: string };
        return { scopeId: scopeId ?? '', variables };
      }),
    })),
    terminateInstructions: terminate.map((k) => ({ elementInstanceKey: String(k) })),
  } as never);
}

/** The records written from the MODIFY command on, as `recordType valueType intent elementId`. */
function recordsFromModify(piKey: string | number): string[] {
  const from = t.records.all.findIndex(
    (r) => r.valueType === 'PROCESS_INSTANCE_MODIFICATION' && r.recordType === 'COMMAND',
  );
  return t.records.all
    .slice(from)
    .filter(
      (r) =>
        (r.value as { processInstanceKey?: number }).processInstanceKey === Number(piKey) &&
        r.valueType !== 'VARIABLE',
    )
    .map((r) => {
      const v = r.value as { elementId?: string };
      return `${r.recordType} ${r.valueType} ${r.intent}${v.elementId ? ` ${v.elementId}` : ''}`;
    });
}

async function start(bpmnProcessId: string, variables: Record<string, unknown> = {}) {
  const { processInstanceKey } = await t.zeebe.createProcessInstance({
    bpmnProcessId,
    variables: variables as never,
  });
  return processInstanceKey;
}

const twoTasks = chain('p', serviceTask('A', 'a'), serviceTask('B', 'b'));

describe('moving a token', () => {
  it('terminates A, activates B with variables, writes the records in Zeebe order and goes on from B', async () => {
    await t.deploy({ name: 'p.bpmn', content: twoTasks });
    const pi = await start('p');
    await waitForElement(t, 'A', 'ELEMENT_ACTIVATED', pi);
    const a = elementKey(t, 'A', pi);

    await modify(pi, [{ elementId: 'B', variables: [{ global: 1 }, { scopeId: 'B', local: 2 }] }], [a]);
    await waitForElement(t, 'B', 'ELEMENT_ACTIVATED', pi);

    expect(recordsFromModify(pi)).toEqual([
      'COMMAND PROCESS_INSTANCE_MODIFICATION MODIFY',
      'COMMAND PROCESS_INSTANCE ACTIVATE_ELEMENT B',
      'EVENT PROCESS_INSTANCE ELEMENT_TERMINATING A',
      'EVENT JOB CANCELED A',
      'EVENT PROCESS_INSTANCE ELEMENT_TERMINATED A',
      'EVENT PROCESS_INSTANCE_MODIFICATION MODIFIED',
      'EVENT PROCESS_INSTANCE ELEMENT_ACTIVATING B',
      'EVENT PROCESS_INSTANCE ELEMENT_ACTIVATED B',
      'EVENT JOB CREATED B',
    ]);
    const b = elementKey(t, 'B', pi);
    expect(scopeVariables(t, Number(pi))).toEqual({ global: 1 });
    expect(scopeVariables(t, b)).toEqual({ local: 2 });
    const modified = t.records.events('PROCESS_INSTANCE_MODIFICATION', 'MODIFIED')[0];
    expect(modified.key).toBe(Number(pi));
    expect(modified.value).toMatchObject({
      processInstanceKey: Number(pi),
      terminateInstructions: [{ elementInstanceKey: a }],
      activateInstructions: [{ elementId: 'B', ancestorScopeKey: -1, ancestorScopeKeys: [Number(pi)] }],
    });

    const job = await nextJob(t, 'b');
    expect(JSON.parse(JSON.stringify(job.variables))).toEqual({ global: 1, local: 2 });
    await t.zeebe.completeJob({ jobKey: job.key, variables: {} });
    await waitForElement(t, 'p', 'ELEMENT_COMPLETED', pi);
  });

  it('activating an element again runs a second instance next to the first (re-run a step)', async () => {
    await t.deploy({ name: 'p.bpmn', content: twoTasks });
    const pi = await start('p');
    await waitForElement(t, 'A', 'ELEMENT_ACTIVATED', pi);
    await modify(pi, [{ elementId: 'A' }]);
    await t.records.waitFor(() => elementKeys(t, 'A', pi).length === 2);
    await completeNext(t, 'a');
    await completeNext(t, 'a');
    await completeNext(t, 'b');
    await completeNext(t, 'b');
    await waitForElement(t, 'p', 'ELEMENT_COMPLETED', pi);
    expect(
      t.records.events('PROCESS_INSTANCE', 'ELEMENT_COMPLETED').filter((r) => r.value.elementId === 'end'),
    ).toHaveLength(2);
  });

  it('terminating the last active element terminates the process instance (Zeebe terminates idle flow scopes)', async () => {
    await t.deploy({ name: 'p.bpmn', content: twoTasks });
    const pi = await start('p');
    await waitForElement(t, 'A', 'ELEMENT_ACTIVATED', pi);
    await modify(pi, [], [elementKey(t, 'A', pi)]);
    expect(recordsFromModify(pi)).toEqual([
      'COMMAND PROCESS_INSTANCE_MODIFICATION MODIFY',
      'EVENT PROCESS_INSTANCE ELEMENT_TERMINATING A',
      'EVENT JOB CANCELED A',
      'EVENT PROCESS_INSTANCE ELEMENT_TERMINATED A',
      'EVENT PROCESS_INSTANCE ELEMENT_TERMINATING p',
      'EVENT PROCESS_INSTANCE ELEMENT_TERMINATED p',
      'EVENT PROCESS_INSTANCE_MODIFICATION MODIFIED',
    ]);
    expect((await grpcError(modify(pi, [{ elementId: 'B' }]))).code).toBe(Status.NOT_FOUND);
  });

  it('resolves the incident of a terminated element and cancels a user task', async () => {
    const xml = definitions(
      process(
        'p',
        [
          '<bpmn:startEvent id="start" />',
          '<bpmn:parallelGateway id="split" />',
          serviceTask('broken', '=missing.type'),
          userTask('review'),
          serviceTask('next', 'next'),
          flow('f0', 'start', 'split'),
          flow('f1', 'split', 'broken'),
          flow('f2', 'split', 'review'),
          flow('f3', 'broken', 'next'),
          flow('f4', 'review', 'next'),
        ].join('\n'),
      ),
    );
    await t.deploy({ name: 'p.bpmn', content: xml });
    const pi = await start('p');
    const incident = await waitForIncident(t, pi);
    await waitForElement(t, 'review', 'ELEMENT_ACTIVATED', pi);
    await modify(pi, [{ elementId: 'next' }], [elementKey(t, 'broken', pi), elementKey(t, 'review', pi)]);
    await waitForElement(t, 'next', 'ELEMENT_ACTIVATED', pi);
    expect(t.records.events('INCIDENT', 'RESOLVED').map((r) => r.key)).toEqual([incident.key]);
    expect(t.records.events('USER_TASK').map((r) => r.intent)).toEqual([
      'CREATING',
      'CREATED',
      'CANCELING',
      'CANCELED',
    ]);
    await completeNext(t, 'next');
    await waitForElement(t, 'p', 'ELEMENT_COMPLETED', pi);
  });
});

describe('flow scopes', () => {
  const inSub = definitions(
    process(
      'p',
      [
        '<bpmn:startEvent id="start" />',
        serviceTask('A', 'a'),
        subProcess(
          'sub',
          [
            '<bpmn:startEvent id="subStart" />',
            serviceTask('inner', 'inner'),
            '<bpmn:endEvent id="subEnd" />',
            flow('s1', 'subStart', 'inner'),
            flow('s2', 'inner', 'subEnd'),
          ].join('\n'),
        ),
        boundary('deadline', 'sub', timerDef('timeDuration', 'PT1H'), true),
        '<bpmn:endEvent id="end" />',
        '<bpmn:endEvent id="late" />',
        flow('f1', 'start', 'A'),
        flow('f2', 'A', 'sub'),
        flow('f3', 'sub', 'end'),
        flow('f4', 'deadline', 'late'),
      ].join('\n'),
    ),
  );

  it('creates the missing subprocess instance by events, with its variables and its boundary timer, then completes through it', async () => {
    await t.deploy({ name: 'p.bpmn', content: inSub });
    const pi = await start('p');
    await waitForElement(t, 'A', 'ELEMENT_ACTIVATED', pi);
    await modify(
      pi,
      [{ elementId: 'inner', variables: [{ scopeId: 'sub', insideSub: true }] }],
      [elementKey(t, 'A', pi)],
    );
    await waitForElement(t, 'inner', 'ELEMENT_ACTIVATED', pi);
    expect(recordsFromModify(pi)).toEqual([
      'COMMAND PROCESS_INSTANCE_MODIFICATION MODIFY',
      'EVENT PROCESS_INSTANCE ELEMENT_ACTIVATING sub',
      'EVENT PROCESS_INSTANCE ELEMENT_ACTIVATED sub',
      'EVENT TIMER CREATED',
      'COMMAND PROCESS_INSTANCE ACTIVATE_ELEMENT inner',
      'EVENT PROCESS_INSTANCE ELEMENT_TERMINATING A',
      'EVENT JOB CANCELED A',
      'EVENT PROCESS_INSTANCE ELEMENT_TERMINATED A',
      'EVENT PROCESS_INSTANCE_MODIFICATION MODIFIED',
      'EVENT PROCESS_INSTANCE ELEMENT_ACTIVATING inner',
      'EVENT PROCESS_INSTANCE ELEMENT_ACTIVATED inner',
      'EVENT JOB CREATED inner',
    ]);
    const sub = elementKey(t, 'sub', pi);
    expect(scopeVariables(t, sub)).toEqual({ insideSub: true });
    const modified = t.records.events('PROCESS_INSTANCE_MODIFICATION', 'MODIFIED')[0];
    expect(modified.value.activateInstructions[0].ancestorScopeKeys).toEqual([Number(pi), sub]);
    // the subprocess's start event never ran; the subprocess completes when its one path ends
    expect(elementKeys(t, 'subStart', pi)).toEqual([]);
    await completeNext(t, 'inner');
    await waitForElement(t, 'p', 'ELEMENT_COMPLETED', pi);
    expect(t.records.events('TIMER', 'CANCELED')).toHaveLength(1);
  });

  it('two activations in one command share the subprocess instance they need', async () => {
    await t.deploy({ name: 'p.bpmn', content: inSub });
    const pi = await start('p');
    await waitForElement(t, 'A', 'ELEMENT_ACTIVATED', pi);
    await modify(pi, [{ elementId: 'inner' }, { elementId: 'inner' }]);
    await t.records.waitFor(() => elementKeys(t, 'inner', pi).length === 2);
    expect(elementKeys(t, 'sub', pi)).toHaveLength(1);
  });

  it('ancestor selection: an existing subprocess instance, or the process to get a new one; none when ambiguous', async () => {
    await t.deploy({ name: 'p.bpmn', content: inSub });
    const pi = await start('p');
    await waitForElement(t, 'A', 'ELEMENT_ACTIVATED', pi);
    await modify(pi, [{ elementId: 'inner' }]);
    await waitForElement(t, 'inner', 'ELEMENT_ACTIVATED', pi);
    const first = elementKey(t, 'sub', pi);
    // the process instance as ancestor: a second subprocess instance
    await modify(pi, [{ elementId: 'inner', ancestorElementInstanceKey: String(pi) }]);
    await t.records.waitFor(() => elementKeys(t, 'sub', pi).length === 2);
    const second = elementKeys(t, 'sub', pi)[1];

    const ambiguous = await grpcError(modify(pi, [{ elementId: 'inner' }]));
    expect(ambiguous).toEqual({
      code: Status.INVALID_ARGUMENT,
      message: expect.stringContaining(
        "Command 'MODIFY' rejected with code 'INVALID_ARGUMENT': Expected to modify instance of process 'p' but it contains one or more activate instructions for an element that has a flow scope with more than one active instance: 'sub'. Can't decide in which instance of the flow scope the element should be activated. Please specify an ancestor element instance key for this activate instruction.",
      ),
    });
    await modify(pi, [{ elementId: 'inner', ancestorElementInstanceKey: String(second) }]);
    await t.records.waitFor(() => elementKeys(t, 'inner', pi).length === 3);
    const inners = t.records
      .events('PROCESS_INSTANCE', 'ELEMENT_ACTIVATING')
      .filter((r) => r.value.elementId === 'inner')
      .map((r) => r.value.flowScopeKey);
    expect(inners).toEqual([first, second, second]);
  });
});

describe('rejections: nothing changes', () => {
  async function rejected(pi: string, activate: Activate[], terminate: (string | number)[] = []) {
    const before = t.records.all.length;
    const e = await grpcError(modify(pi, activate, terminate));
    const written = t.records.all.slice(before) as EngineRecord[];
    expect(written.map((r) => `${r.recordType} ${r.intent}`)).toEqual([
      'COMMAND MODIFY',
      'COMMAND_REJECTION MODIFY',
    ]);
    return e;
  }
  const prefix =
    "Command 'MODIFY' rejected with code 'INVALID_ARGUMENT': Expected to modify instance of process 'p' but";

  const withEverything = definitions(
    process(
      'p',
      [
        '<bpmn:startEvent id="start" />',
        '<bpmn:parallelGateway id="split" />',
        serviceTask('A', 'a'),
        subProcess(
          'mi',
          [
            '<bpmn:startEvent id="miStart" />',
            serviceTask('miTask', 'mi'),
            flow('m1', 'miStart', 'miTask'),
          ].join('\n'),
          '',
          multiInstance('=[1,2]'),
        ),
        subProcess(
          'other',
          [
            '<bpmn:startEvent id="otherStart" />',
            serviceTask('otherTask', 'other'),
            flow('o1', 'otherStart', 'otherTask'),
          ].join('\n'),
        ),
        boundary('timeout', 'A', timerDef('timeDuration', 'PT1H'), true),
        '<bpmn:endEvent id="end" />',
        flow('f0', 'start', 'split'),
        flow('f1', 'split', 'A'),
        flow('f2', 'split', 'mi'),
        flow('f3', 'A', 'end'),
        flow('f4', 'timeout', 'end'),
      ].join('\n'),
    ),
  );

  let pi: string;
  beforeEach(async () => {
    await t.deploy({ name: 'p.bpmn', content: withEverything });
    pi = await start('p');
    await t.records.waitFor(
      () => elementKeys(t, 'miTask', pi).length === 2 && elementKeys(t, 'A', pi).length === 1,
    );
  });

  it.each([
    [
      [{ elementId: 'nope' }],
      " it contains one or more activate instructions with an element that could not be found: 'nope'",
    ],
    [
      [{ elementId: 'start' }],
      " it contains one or more activate instructions for elements that are unsupported: 'start'. The activation of elements with type 'START_EVENT' is not supported. Supported element types are: [SUB_PROCESS, EVENT_SUB_PROCESS, AD_HOC_SUB_PROCESS, AD_HOC_SUB_PROCESS_INNER_INSTANCE, INTERMEDIATE_CATCH_EVENT, INTERMEDIATE_THROW_EVENT, END_EVENT, SERVICE_TASK, RECEIVE_TASK, USER_TASK, MANUAL_TASK, TASK, EXCLUSIVE_GATEWAY, PARALLEL_GATEWAY, EVENT_BASED_GATEWAY, INCLUSIVE_GATEWAY, MULTI_INSTANCE_BODY, CALL_ACTIVITY, BUSINESS_RULE_TASK, SCRIPT_TASK, SEND_TASK].",
    ],
    [[{ elementId: 'timeout' }], "The activation of elements with type 'BOUNDARY_EVENT' is not supported"],
    [[{ elementId: 'f1' }], "The activation of elements with type 'SEQUENCE_FLOW' is not supported"],
    [
      [{ elementId: 'A', variables: [{ scopeId: 'ghost', x: 1 }] }],
      " it contains one or more variable instructions with a scope element id that could not be found: 'ghost'",
    ],
    [
      [{ elementId: 'A', variables: [{ scopeId: 'mi', x: 1 }] }],
      " it contains one or more variable instructions with a scope element that doesn't belong to the activating element's flow scope. These variables should be set before or after the modification.",
    ],
    [
      [{ elementId: 'A', ancestorElementInstanceKey: '2251799813685999' }],
      " it contains one or more activate instructions with an ancestor scope key that does not exist, or is not in an active state: '2251799813685999'",
    ],
  ] as [Activate[], string][])('activate %j', async (activate, message) => {
    const e = await rejected(pi, activate);
    expect(e.code).toBe(Status.INVALID_ARGUMENT);
    expect(e.message).toContain(message.startsWith(' ') ? `${prefix}${message}` : message);
  });

  it('an ancestor that is not one of the element', async () => {
    const a = elementKey(t, 'A', pi);
    const e = await rejected(pi, [{ elementId: 'otherTask', ancestorElementInstanceKey: String(a) }]);
    expect(e.message).toContain(
      `${prefix} it contains one or more activate instructions with an ancestor scope key that is not an ancestor of the element to activate:\n- instance '${a}' of element 'A' is not an ancestor of element 'otherTask'`,
    );
  });

  it('an element inside a multi-instance body needs an existing inner instance', async () => {
    const body = t.records
      .events('PROCESS_INSTANCE', 'ELEMENT_ACTIVATING')
      .find((r) => r.value.elementId === 'mi' && r.value.bpmnElementType === 'MULTI_INSTANCE_BODY')!.key;
    const e = await rejected(pi, [{ elementId: 'miTask', ancestorElementInstanceKey: String(body) }]);
    expect(e.message).toContain(
      `${prefix} it contains one or more activate instructions that would result in the activation of multi-instance element 'mi', which is currently unsupported.`,
    );
    // one of the inner instances as ancestor: allowed
    const inner = t.records
      .events('PROCESS_INSTANCE', 'ELEMENT_ACTIVATING')
      .find((r) => r.value.elementId === 'mi' && r.value.bpmnElementType === 'SUB_PROCESS')!.key;
    await modify(pi, [{ elementId: 'miTask', ancestorElementInstanceKey: String(inner) }]);
    await t.records.waitFor(() => elementKeys(t, 'miTask', pi).length === 3);
  });

  it('terminate: an unknown or finished element instance; activation inside a scope being terminated; an unknown instance', async () => {
    const unknown = await rejected(pi, [{ elementId: 'end' }], ['2251799813685999']);
    expect(unknown.message).toContain(
      `${prefix} it contains one or more terminate instructions with an element instance that could not be found: '2251799813685999'`,
    );
    const startKey = elementKey(t, 'start', pi); // completed long ago
    expect((await rejected(pi, [], [startKey])).message).toContain(`could not be found: '${startKey}'`);

    const inner = t.records
      .events('PROCESS_INSTANCE', 'ELEMENT_ACTIVATING')
      .find((r) => r.value.elementId === 'mi' && r.value.bpmnElementType === 'SUB_PROCESS')!.key;
    const conflict = await rejected(
      pi,
      [{ elementId: 'miTask', ancestorElementInstanceKey: String(inner) }],
      [inner],
    );
    expect(conflict.message).toContain(
      `${prefix} it contains one or more activate instructions for elements whose required flow scope instance is also being terminated: element 'miTask' requires flow scope instance '${inner}' which is being terminated. Please provide a valid ancestor scope key for the activation or avoid terminating the required flow scope.`,
    );

    const missing = await grpcError(modify('2251799813685999', [{ elementId: 'A' }]));
    expect(missing).toEqual({
      code: Status.NOT_FOUND,
      message: expect.stringContaining(
        "Command 'MODIFY' rejected with code 'NOT_FOUND': Expected to modify process instance but no process instance found with key '2251799813685999'",
      ),
    });
  });
});

it('refuses to terminate the whole of an instance a call activity started', async () => {
  const parent = definitions(
    process(
      'parent',
      [
        '<bpmn:startEvent id="start" />',
        '<bpmn:callActivity id="call"><bpmn:extensionElements><zeebe:calledElement processId="p" /></bpmn:extensionElements></bpmn:callActivity>',
        flow('f0', 'start', 'call'),
      ].join('\n'),
    ),
  );
  await t.deploy({ name: 'p.bpmn', content: twoTasks }, { name: 'parent.bpmn', content: parent });
  await start('parent');
  const a = await waitForElement(t, 'A', 'ELEMENT_ACTIVATED');
  const child = a.value.processInstanceKey;
  const e = await grpcError(modify(child, [], [a.key]));
  expect(e.message).toContain(
    "Expected to modify instance of process 'p' but the given instructions would terminate the instance. The instance was created by a call activity in the parent process. To terminate this instance please modify the parent process instead.",
  );
  expect(t.records.events('PROCESS_INSTANCE', 'ELEMENT_TERMINATING')).toEqual([]);
  // moving the token inside the child is fine
  await modify(child, [{ elementId: 'B' }], [a.key]);
  await completeNext(t, 'b');
  await waitForElement(t, 'parent', 'ELEMENT_COMPLETED');
});

it('terminating a waiting timer catch event cancels its timer', async () => {
  const xml = definitions(
    process(
      'p',
      [
        '<bpmn:startEvent id="start" />',
        event('intermediateCatchEvent', 'wait', timerDef('timeDuration', 'PT1H')),
        serviceTask('A', 'a'),
        '<bpmn:endEvent id="end" />',
        flow('f0', 'start', 'wait'),
        flow('f1', 'wait', 'A'),
        flow('f2', 'A', 'end'),
      ].join('\n'),
    ),
  );
  await t.deploy({ name: 'p.bpmn', content: xml });
  const pi = await start('p');
  await waitForElement(t, 'wait', 'ELEMENT_ACTIVATED', pi);
  await modify(pi, [{ elementId: 'A' }], [elementKey(t, 'wait', pi)]);
  expect(t.records.events('TIMER', 'CANCELED')).toHaveLength(1);
  await completeNext(t, 'a');
  await waitForElement(t, 'p', 'ELEMENT_COMPLETED', pi);
});

it('activating a joining parallel gateway fires it at once with the tokens waiting there, leaving none behind', async () => {
  const xml = definitions(
    process(
      'p',
      [
        '<bpmn:startEvent id="start" />',
        '<bpmn:parallelGateway id="fork" />',
        serviceTask('left', 'left'),
        serviceTask('right', 'right'),
        '<bpmn:parallelGateway id="join" />',
        serviceTask('after', 'after'),
        '<bpmn:endEvent id="end" />',
        flow('f0', 'start', 'fork'),
        flow('f1', 'fork', 'left'),
        flow('f2', 'fork', 'right'),
        flow('f3', 'left', 'join'),
        flow('f4', 'right', 'join'),
        flow('f5', 'join', 'after'),
        flow('f6', 'after', 'end'),
      ].join('\n'),
    ),
  );
  await t.deploy({ name: 'p.bpmn', content: xml });
  const pi = await start('p');
  await t.records.waitFor(() => elementKeys(t, 'left', pi).length + elementKeys(t, 'right', pi).length === 2);
  await completeNext(t, 'left'); // one token already waits at the join
  await waitForElement(t, 'left', 'ELEMENT_COMPLETED', pi);
  await modify(pi, [{ elementId: 'join' }], [elementKey(t, 'right', pi)]);
  await completeNext(t, 'after');
  await waitForElement(t, 'p', 'ELEMENT_COMPLETED', pi);
  expect(elementKeys(t, 'join', pi)).toHaveLength(1);
  expect(elementKeys(t, 'end', pi)).toHaveLength(1);
});

it('activating an event subprocess runs it from its start event without its event', async () => {
  const xml = definitions(
    process(
      'p',
      [
        '<bpmn:startEvent id="start" />',
        serviceTask('A', 'a'),
        '<bpmn:endEvent id="end" />',
        flow('f0', 'start', 'A'),
        flow('f1', 'A', 'end'),
        subprocess(
          'esp',
          [
            espStart('espStart', timerDef('timeDuration', 'PT1H'), false),
            serviceTask('handle', 'handle'),
            flow('e0', 'espStart', 'handle'),
          ].join('\n'),
          true,
        ),
      ].join('\n'),
    ),
  );
  await t.deploy({ name: 'p.bpmn', content: xml });
  const pi = await start('p');
  await waitForElement(t, 'A', 'ELEMENT_ACTIVATED', pi);
  await modify(pi, [{ elementId: 'esp' }]);
  await completeNext(t, 'handle');
  await waitForElement(t, 'esp', 'ELEMENT_COMPLETED', pi);
  expect(elementKeys(t, 'espStart', pi)).toHaveLength(1);
  await completeNext(t, 'a');
  await waitForElement(t, 'p', 'ELEMENT_COMPLETED', pi);
});
