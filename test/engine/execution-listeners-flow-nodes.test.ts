// Conformance: execution listeners on events and gateways, as Zeebe 8.8 runs them — end listeners
// on start and boundary events, start listeners that compute what an intermediate catch event or a
// gateway reads (correlation key, conditions), listeners around throw and end events, a join's
// listener once per join, and listener jobs canceled with their element. Through the real gRPC
// port with @camunda8/sdk, asserting the records of each element instance in order.
import { definitions, flow, process, serviceTask, subProcess } from './support/bpmn';
import { event, message, messageDef, path, boundary, timerDef } from './support/events';
import { compensateDef, compensationBoundary, handlerTask } from './support/compensation';
import { engineForEachTest } from './support/harness';
import { listenerJobsCreated, listeners, trail } from './support/listeners';
import { completeNext, elementKey, grpcError, nextJob, Status } from './support/work';

jest.setTimeout(30_000);

const t = engineForEachTest();

async function deployAndStart(body: string, roots = '', variables: Record<string, unknown> = {}) {
  await t.deploy({ name: 'p.bpmn', content: definitions(process('p', body), roots) });
  const { processInstanceKey } = await t.zeebe.createProcessInstance({
    bpmnProcessId: 'p',
    variables: variables as never,
  });
  return processInstanceKey;
}

const gateway = (tag: string, id: string, ext = '', attrs = '') =>
  `<bpmn:${tag} id="${id}"${attrs}>${ext ? `<bpmn:extensionElements>${ext}</bpmn:extensionElements>` : ''}</bpmn:${tag}>`;

const PHASES_AROUND = (start: string, end: string) => [
  'ELEMENT_ACTIVATING',
  `JOB CREATED ${start} EXECUTION_LISTENER/START`,
  `JOB COMPLETED ${start} EXECUTION_LISTENER/START`,
  'ELEMENT_ACTIVATED',
  'ELEMENT_COMPLETING',
  `JOB CREATED ${end} EXECUTION_LISTENER/END`,
  `JOB COMPLETED ${end} EXECUTION_LISTENER/END`,
  'ELEMENT_COMPLETED',
];

describe('on events', () => {
  it("a start event's end listener runs after the start event's work; the next element sees its variables", async () => {
    const pi = await deployAndStart(
      path(
        'f',
        event('startEvent', 'start', '', listeners(['end', 'se-end'])),
        serviceTask('task', 'work'),
        event('endEvent', 'end'),
      ),
    );
    await completeNext(t, 'se-end', { foo: 25 });
    const work = await nextJob(t, 'work');
    expect(work.variables).toMatchObject({ foo: 25 });
    expect(trail(t, elementKey(t, 'start', pi))).toEqual([
      'ELEMENT_ACTIVATING',
      'ELEMENT_ACTIVATED',
      'ELEMENT_COMPLETING',
      'JOB CREATED se-end EXECUTION_LISTENER/END',
      'JOB COMPLETED se-end EXECUTION_LISTENER/END',
      'ELEMENT_COMPLETED',
    ]);
    expect(t.records.variables(pi)).toMatchObject({ foo: 25 });
  });

  it("canceling the instance while a start event's end listener runs cancels that job", async () => {
    const pi = await deployAndStart(
      path('f', event('startEvent', 'start', '', listeners(['end', 'se-end'])), event('endEvent', 'end')),
    );
    const job = await nextJob(t, 'se-end');
    await t.zeebe.cancelProcessInstance(pi);
    await t.records.waitForInstanceEnd(pi);
    expect(trail(t, elementKey(t, 'start', pi))).toEqual([
      'ELEMENT_ACTIVATING',
      'ELEMENT_ACTIVATED',
      'ELEMENT_COMPLETING',
      'JOB CREATED se-end EXECUTION_LISTENER/END',
      'ELEMENT_TERMINATING',
      'JOB CANCELED se-end EXECUTION_LISTENER/END',
      'ELEMENT_TERMINATED',
    ]);
    const err = await grpcError(t.zeebe.completeJob({ jobKey: job.key, variables: {} }));
    expect(err.code).toBe(Status.NOT_FOUND);
  });

  it('an intermediate message catch event subscribes with the correlation key its start listener set', async () => {
    const pi = await deployAndStart(
      path(
        'f',
        event('startEvent', 'start'),
        event(
          'intermediateCatchEvent',
          'wait',
          messageDef('paid'),
          listeners(['start', 'ic-start'], ['end', 'ic-end']),
        ),
        event('endEvent', 'end'),
      ),
      message('paid', '缴费', '=billId'),
    );
    const first = await nextJob(t, 'ic-start');
    // no subscription before the start listener: the correlation key is not known yet
    expect(t.records.events('MESSAGE_SUBSCRIPTION', 'CREATED')).toHaveLength(0);
    await t.zeebe.completeJob({ jobKey: first.key, variables: { billId: 'b-7' } });
    await t.records.waitForEvent('MESSAGE_SUBSCRIPTION', 'CREATED');
    expect(t.records.events('MESSAGE_SUBSCRIPTION', 'CREATED')[0].value.correlationKey).toBe('b-7');
    await t.zeebe.publishMessage({ name: '缴费', correlationKey: 'b-7', variables: { amount: 300 } });
    const last = await nextJob(t, 'ic-end');
    expect(last.variables).toMatchObject({ amount: 300 });
    await t.zeebe.completeJob({ jobKey: last.key, variables: {} });
    await t.records.waitForInstanceEnd(pi);
    expect(trail(t, elementKey(t, 'wait', pi))).toEqual(PHASES_AROUND('ic-start', 'ic-end'));
  });

  it('a none throw event and an end event run their start and end listeners', async () => {
    const pi = await deployAndStart(
      path(
        'f',
        event('startEvent', 'start'),
        event('intermediateThrowEvent', 'mark', '', listeners(['start', 't-start'], ['end', 't-end'])),
        event('endEvent', 'end', '', listeners(['start', 'e-start'], ['end', 'e-end'])),
      ),
    );
    for (const type of ['t-start', 't-end', 'e-start', 'e-end']) await completeNext(t, type);
    await t.records.waitForInstanceEnd(pi);
    expect(trail(t, elementKey(t, 'mark', pi))).toEqual(PHASES_AROUND('t-start', 't-end'));
    expect(trail(t, elementKey(t, 'end', pi))).toEqual(PHASES_AROUND('e-start', 'e-end'));
    expect(t.records.lifecycle(pi).indexOf('end:ELEMENT_ACTIVATING')).toBeGreaterThan(
      t.records.lifecycle(pi).indexOf('mark:ELEMENT_COMPLETED'),
    );
  });

  it("a boundary event's end listener runs after the activity it interrupted was terminated", async () => {
    const pi = await deployAndStart(
      [
        path('f', event('startEvent', 'start'), serviceTask('task', 'work'), event('endEvent', 'end')),
        boundary('late', 'task', messageDef('urge'), true, listeners(['end', 'b-end'])),
        event('endEvent', 'lateEnd'),
        flow('g0', 'late', 'lateEnd'),
      ].join('\n'),
      message('urge', '催办', '=caseId'),
      { caseId: 'c-3' },
    );
    await t.records.waitForEvent('JOB', 'CREATED');
    await t.zeebe.publishMessage({ name: '催办', correlationKey: 'c-3', variables: { level: '黄牌' } });
    const last = await nextJob(t, 'b-end');
    expect(last.variables).toMatchObject({ level: '黄牌' });
    await t.zeebe.completeJob({ jobKey: last.key, variables: { escalated: true } });
    await t.records.waitForInstanceEnd(pi);
    expect(trail(t, elementKey(t, 'task', pi)).slice(-3)).toEqual([
      'ELEMENT_TERMINATING',
      'JOB CANCELED work BPMN_ELEMENT/UNSPECIFIED',
      'ELEMENT_TERMINATED',
    ]);
    expect(trail(t, elementKey(t, 'late', pi))).toEqual([
      'ELEMENT_ACTIVATING',
      'ELEMENT_ACTIVATED',
      'ELEMENT_COMPLETING',
      'JOB CREATED b-end EXECUTION_LISTENER/END',
      'JOB COMPLETED b-end EXECUTION_LISTENER/END',
      'ELEMENT_COMPLETED',
    ]);
    expect(t.records.variables(pi)).toMatchObject({ escalated: true });
  });
});

it.each([
  ['an interrupting catch terminates it before its end listeners', true, ['throw-start']],
  ['a non-interrupting catch lets it complete through them', false, ['throw-start', 'throw-end']],
])('an escalation throw event with start and end listeners: %s', async (_name, interrupting, expected) => {
  const inner = path(
    'i',
    event('startEvent', 'inStart'),
    event(
      'intermediateThrowEvent',
      'throw',
      '<bpmn:escalationEventDefinition escalationRef="late" />',
      listeners(['start', 'throw-start'], ['end', 'throw-end']),
    ),
    event('endEvent', 'inEnd'),
  );
  const pi = await deployAndStart(
    [
      path('f', event('startEvent', 'start'), subProcess('sub', inner), event('endEvent', 'end')),
      boundary('caught', 'sub', '<bpmn:escalationEventDefinition escalationRef="late" />', interrupting),
      event('endEvent', 'handled'),
      flow('g0', 'caught', 'handled'),
    ].join('\n'),
    '<bpmn:escalation id="late" escalationCode="late" />',
  );
  await completeNext(t, 'throw-start');
  if (!interrupting) await completeNext(t, 'throw-end');
  await t.records.waitForInstanceEnd(pi);
  expect(listenerJobsCreated(t)).toEqual(expected);
  expect(t.records.lifecycle(pi)).toContain(
    interrupting ? 'throw:ELEMENT_TERMINATED' : 'throw:ELEMENT_COMPLETED',
  );
});

it('a compensation throw event runs its listeners around the handlers it waits for, which run their own', async () => {
  const pi = await deployAndStart(
    [
      event('startEvent', 'start'),
      serviceTask('A', 'book'),
      handlerTask('undo', 'unbook', listeners(['start', 'u-start'], ['end', 'u-end'])),
      compensationBoundary('A', 'undo'),
      event(
        'intermediateThrowEvent',
        'throw',
        compensateDef(),
        listeners(['start', 'ct-start'], ['end', 'ct-end']),
      ),
      event('endEvent', 'end'),
      flow('f0', 'start', 'A'),
      flow('f1', 'A', 'throw'),
      flow('f2', 'throw', 'end'),
    ].join('\n'),
  );
  await completeNext(t, 'book');
  await completeNext(t, 'ct-start');
  await completeNext(t, 'u-start');
  await completeNext(t, 'unbook');
  await completeNext(t, 'u-end');
  await completeNext(t, 'ct-end');
  await t.records.waitForInstanceEnd(pi);
  expect(listenerJobsCreated(t)).toEqual(['ct-start', 'u-start', 'u-end', 'ct-end']);
  expect(trail(t, elementKey(t, 'throw', pi))).toEqual(PHASES_AROUND('ct-start', 'ct-end'));
  expect(trail(t, elementKey(t, 'undo', pi))).toEqual([
    'ELEMENT_ACTIVATING',
    'JOB CREATED u-start EXECUTION_LISTENER/START',
    'JOB COMPLETED u-start EXECUTION_LISTENER/START',
    'ELEMENT_ACTIVATED',
    'JOB CREATED unbook BPMN_ELEMENT/UNSPECIFIED',
    'JOB COMPLETED unbook BPMN_ELEMENT/UNSPECIFIED',
    'ELEMENT_COMPLETING',
    'JOB CREATED u-end EXECUTION_LISTENER/END',
    'JOB COMPLETED u-end EXECUTION_LISTENER/END',
    'ELEMENT_COMPLETED',
  ]);
  // the handlers are triggered only once the throw event's start listener completed
  expect(t.records.events('COMPENSATION_SUBSCRIPTION', 'TRIGGERED')[0].position).toBeGreaterThan(
    t.records.events('JOB', 'COMPLETED').find((r) => r.value.type === 'ct-start')!.position,
  );
});

describe('on gateways', () => {
  const exclusive = (ext: string) =>
    [
      path('f', event('startEvent', 'start'), gateway('exclusiveGateway', 'xor', ext, ' default="toB"')),
      event('endEvent', 'endA'),
      event('endEvent', 'endB'),
      flow('toA', 'xor', 'endA', '=foo < 5'),
      flow('toB', 'xor', 'endB'),
    ].join('\n');

  it("an exclusive gateway's conditions read what its start listener set, as the gateway's locals", async () => {
    const pi = await deployAndStart(exclusive(listeners(['start', 'g-start'])), '', { foo: 1 });
    await completeNext(t, 'g-start', { foo: 55 });
    await t.records.waitForInstanceEnd(pi);
    const lifecycle = t.records.lifecycle(pi);
    expect(lifecycle).toContain('endB:ELEMENT_COMPLETED');
    expect(lifecycle).not.toContain('endA:ELEMENT_ACTIVATING');
    expect(trail(t, elementKey(t, 'xor', pi))).toEqual([
      'ELEMENT_ACTIVATING',
      'JOB CREATED g-start EXECUTION_LISTENER/START',
      'JOB COMPLETED g-start EXECUTION_LISTENER/START',
      'ELEMENT_ACTIVATED',
      'ELEMENT_COMPLETING',
      'ELEMENT_COMPLETED',
    ]);
    // the process variable was not touched: the listener's foo was the gateway's own
    expect(t.records.variables(pi)).toEqual({ foo: 1 });
  });

  it('canceling the instance while a gateway start listener runs cancels that job', async () => {
    const pi = await deployAndStart(exclusive(listeners(['start', 'g-start'])), '', { foo: 1 });
    await nextJob(t, 'g-start');
    await t.zeebe.cancelProcessInstance(pi);
    await t.records.waitForInstanceEnd(pi);
    expect(trail(t, elementKey(t, 'xor', pi))).toEqual([
      'ELEMENT_ACTIVATING',
      'JOB CREATED g-start EXECUTION_LISTENER/START',
      'ELEMENT_TERMINATING',
      'JOB CANCELED g-start EXECUTION_LISTENER/START',
      'ELEMENT_TERMINATED',
    ]);
  });

  it("a parallel join's start listener runs once, when the join fires", async () => {
    const pi = await deployAndStart(
      [
        event('startEvent', 'start'),
        gateway('parallelGateway', 'fork', listeners(['start', 'fork-start'])),
        serviceTask('a', 'work-a'),
        serviceTask('b', 'work-b'),
        gateway('parallelGateway', 'join', listeners(['start', 'join-start'])),
        event('endEvent', 'end'),
        flow('f0', 'start', 'fork'),
        flow('f1', 'fork', 'a'),
        flow('f2', 'fork', 'b'),
        flow('f3', 'a', 'join'),
        flow('f4', 'b', 'join'),
        flow('f5', 'join', 'end'),
      ].join('\n'),
    );
    await completeNext(t, 'fork-start');
    await completeNext(t, 'work-a');
    await completeNext(t, 'work-b');
    await completeNext(t, 'join-start');
    await t.records.waitForInstanceEnd(pi);
    expect(listenerJobsCreated(t)).toEqual(['fork-start', 'join-start']);
    expect(trail(t, elementKey(t, 'join', pi))).toEqual([
      'ELEMENT_ACTIVATING',
      'JOB CREATED join-start EXECUTION_LISTENER/START',
      'JOB COMPLETED join-start EXECUTION_LISTENER/START',
      'ELEMENT_ACTIVATED',
      'ELEMENT_COMPLETING',
      'ELEMENT_COMPLETED',
    ]);
  });

  it('an event-based gateway subscribes with the correlation key its start listener set', async () => {
    const pi = await deployAndStart(
      [
        event('startEvent', 'start'),
        gateway('eventBasedGateway', 'which', listeners(['start', 'eg-start'])),
        event('intermediateCatchEvent', 'answered', messageDef('answer')),
        event('intermediateCatchEvent', 'timeout', timerDef('timeDuration', 'PT1H')),
        event('endEvent', 'endAnswered'),
        event('endEvent', 'endTimeout'),
        flow('f0', 'start', 'which'),
        flow('f1', 'which', 'answered'),
        flow('f2', 'which', 'timeout'),
        flow('f3', 'answered', 'endAnswered'),
        flow('f4', 'timeout', 'endTimeout'),
      ].join('\n'),
      message('answer', '答复', '=petitionId'),
    );
    await completeNext(t, 'eg-start', { petitionId: 'x-9' });
    await t.records.waitForEvent('MESSAGE_SUBSCRIPTION', 'CREATED');
    expect(t.records.events('MESSAGE_SUBSCRIPTION', 'CREATED')[0].value.correlationKey).toBe('x-9');
    await t.zeebe.publishMessage({ name: '答复', correlationKey: 'x-9', variables: {} });
    await t.records.waitForInstanceEnd(pi);
    expect(t.records.lifecycle(pi)).toContain('endAnswered:ELEMENT_COMPLETED');
    expect(trail(t, elementKey(t, 'which', pi)).slice(0, 4)).toEqual([
      'ELEMENT_ACTIVATING',
      'JOB CREATED eg-start EXECUTION_LISTENER/START',
      'JOB COMPLETED eg-start EXECUTION_LISTENER/START',
      'ELEMENT_ACTIVATED',
    ]);
  });
});
