// Conformance: execution listeners on the elements that hold others, as Zeebe 8.8 runs them — the
// process itself, embedded and event subprocesses, call activities (and the called process's own
// listeners) and multi-instance activities (each inner instance runs them, the body does not); an
// interrupting boundary event and a cancel take the listener jobs inside with them. Through the
// real gRPC port with @camunda8/sdk, asserting the records of each element instance in order.
import { callActivity, definitions, multiInstance, process, serviceTask, subProcess } from './support/bpmn';
import { espStart, event, message, messageDef, path, boundary } from './support/events';
import { engineForEachTest } from './support/harness';
import { listenerJobsCreated, listeners, trail } from './support/listeners';
import {
  completeNext,
  elementKey,
  elementKeys,
  grpcError,
  nextJob,
  scopeVariables,
  Status,
  waitForIncident,
} from './support/work';

jest.setTimeout(30_000);

const t = engineForEachTest();

const ext = (content: string) => `<bpmn:extensionElements>${content}</bpmn:extensionElements>`;

async function start(bpmnProcessId = 'p', variables: Record<string, unknown> = {}) {
  const { processInstanceKey } = await t.zeebe.createProcessInstance({
    bpmnProcessId,
    variables: variables as never,
  });
  return processInstanceKey;
}

const resumed = (key: number) =>
  t.records.all.filter(
    (r) => r.recordType === 'COMMAND' && r.intent === 'COMPLETE_EXECUTION_LISTENER' && r.key === key,
  ).length;

describe('on the process', () => {
  const xml = definitions(
    process(
      'p',
      ext(listeners(['start', 'p-start'], ['end', 'p-end'])) +
        path('f', event('startEvent', 'start'), serviceTask('task', 'work'), event('endEvent', 'end')),
    ),
  );

  it('start listeners run before the start event, end listeners after the last element; their variables are process variables', async () => {
    await t.deploy({ name: 'p.bpmn', content: xml });
    const pi = await start('p', { amount: 3 });
    const first = await nextJob(t, 'p-start');
    expect(first).toMatchObject({ elementId: 'p', processInstanceKey: pi, elementInstanceKey: pi });
    expect(first.variables).toMatchObject({ amount: 3 });
    expect(t.records.lifecycle(pi)).toEqual(['p:ELEMENT_ACTIVATING']);
    await t.zeebe.completeJob({ jobKey: first.key, variables: { approved: true } });

    const work = await nextJob(t, 'work');
    expect(work.variables).toMatchObject({ approved: true });
    await t.zeebe.completeJob({ jobKey: work.key, variables: { result: 1 } });
    const last = await nextJob(t, 'p-end');
    expect(last.variables).toMatchObject({ approved: true, result: 1 });
    await t.zeebe.completeJob({ jobKey: last.key, variables: { closed: 'yes' } });
    await t.records.waitForInstanceEnd(pi);

    const key = Number(pi);
    expect(trail(t, key)).toEqual([
      'ELEMENT_ACTIVATING',
      'JOB CREATED p-start EXECUTION_LISTENER/START',
      'JOB COMPLETED p-start EXECUTION_LISTENER/START',
      'ELEMENT_ACTIVATED',
      'ELEMENT_COMPLETING',
      'JOB CREATED p-end EXECUTION_LISTENER/END',
      'JOB COMPLETED p-end EXECUTION_LISTENER/END',
      'ELEMENT_COMPLETED',
    ]);
    expect(t.records.lifecycle(pi).slice(-3)).toEqual([
      'end:ELEMENT_COMPLETED',
      'p:ELEMENT_COMPLETING',
      'p:ELEMENT_COMPLETED',
    ]);
    expect(resumed(key)).toBe(2);
    expect(t.records.variables(pi)).toMatchObject({ approved: true, result: 1, closed: 'yes' });
  });

  it("a process started by a message runs its start listeners first; the message's variables then reach its start event", async () => {
    const started = definitions(
      process(
        'p',
        ext(listeners(['start', 'p-start'])) +
          path(
            'f',
            event('startEvent', 'start', messageDef('filed')),
            serviceTask('task', 'work'),
            event('endEvent', 'end'),
          ),
      ),
      message('filed', '立案'),
    );
    await t.deploy({ name: 'p.bpmn', content: started });
    await t.zeebe.publishMessage({ name: '立案', correlationKey: '', variables: { caseNo: 'A-1' } });
    const first = await nextJob(t, 'p-start');
    const pi = first.processInstanceKey;
    expect(t.records.lifecycle(pi)).toEqual(['p:ELEMENT_ACTIVATING']);
    await t.zeebe.completeJob({ jobKey: first.key, variables: { clerk: '王' } });
    const work = await nextJob(t, 'work');
    expect(work.variables).toMatchObject({ caseNo: 'A-1', clerk: '王' });
    expect(t.records.lifecycle(pi).slice(0, 5)).toEqual([
      'p:ELEMENT_ACTIVATING',
      'p:ELEMENT_ACTIVATED',
      'start:ELEMENT_ACTIVATING',
      'start:ELEMENT_ACTIVATED',
      'start:ELEMENT_COMPLETING',
    ]);
  });

  it('canceling the process while its start listener runs cancels that job', async () => {
    await t.deploy({ name: 'p.bpmn', content: xml });
    const pi = await start();
    const job = await nextJob(t, 'p-start');
    await t.zeebe.cancelProcessInstance(pi);
    await t.records.waitForInstanceEnd(pi);
    expect(trail(t, Number(pi))).toEqual([
      'ELEMENT_ACTIVATING',
      'JOB CREATED p-start EXECUTION_LISTENER/START',
      'ELEMENT_TERMINATING',
      'JOB CANCELED p-start EXECUTION_LISTENER/START',
      'ELEMENT_TERMINATED',
    ]);
    const err = await grpcError(t.zeebe.completeJob({ jobKey: job.key, variables: {} }));
    expect(err.code).toBe(Status.NOT_FOUND);
  });
});

describe('a process listener whose type does not evaluate: resolved, the phase runs again from its first listener', () => {
  const flat = (phase: 'start' | 'end') =>
    definitions(
      process(
        'p',
        ext(listeners([phase, `${phase}-1`], [phase, '=nextType'])) +
          path('f', event('startEvent', 'start'), event('endEvent', 'end')),
      ),
    );

  it.each(['start', 'end'] as const)('%s listeners', async (phase) => {
    await t.deploy({ name: 'p.bpmn', content: flat(phase) });
    const pi = await start();
    await completeNext(t, `${phase}-1`);
    const incident = await waitForIncident(t, pi);
    expect(incident.value).toMatchObject({ errorType: 'EXTRACT_VALUE_ERROR', elementId: 'p' });
    expect(incident.value.errorMessage).toContain(
      "Expected result of the expression 'nextType' to be 'STRING'",
    );
    await t.zeebe.setVariables({
      elementInstanceKey: pi,
      variables: { nextType: `${phase}-2` },
      local: false,
    });
    await t.zeebe.resolveIncident({ incidentKey: String(incident.key) });
    await completeNext(t, `${phase}-1`);
    await completeNext(t, `${phase}-2`);
    await t.records.waitForInstanceEnd(pi);
    expect(listenerJobsCreated(t)).toEqual([`${phase}-1`, `${phase}-1`, `${phase}-2`]);
    expect(t.records.lifecycle(pi).at(-1)).toBe('p:ELEMENT_COMPLETED');
  });
});

describe('on subprocesses', () => {
  it('an embedded subprocess: start listeners after its input mappings with local results, end listeners propagating theirs', async () => {
    const inner = path(
      's',
      event('startEvent', 'subStart'),
      serviceTask('inner', 'inner-work'),
      event('endEvent', 'subEnd'),
    );
    const sub = subProcess(
      'sub',
      inner,
      `<zeebe:ioMapping><zeebe:input source="=base + 1" target="next" /></zeebe:ioMapping>${listeners(['start', 's-start'], ['end', 's-end'])}`,
    );
    await t.deploy({
      name: 'p.bpmn',
      content: definitions(
        process('p', path('f', event('startEvent', 'start'), sub, event('endEvent', 'end'))),
      ),
    });
    const pi = await start('p', { base: 1 });
    const first = await nextJob(t, 's-start');
    expect(first.variables).toMatchObject({ base: 1, next: 2 });
    await t.zeebe.completeJob({ jobKey: first.key, variables: { draft: '初稿' } });
    const work = await nextJob(t, 'inner-work');
    expect(work.variables).toMatchObject({ draft: '初稿', next: 2 });
    await t.zeebe.completeJob({ jobKey: work.key, variables: {} });
    await completeNext(t, 's-end', { summary: '已办结' });
    await t.records.waitForInstanceEnd(pi);

    const key = elementKey(t, 'sub', pi);
    expect(trail(t, key)).toEqual([
      'ELEMENT_ACTIVATING',
      'JOB CREATED s-start EXECUTION_LISTENER/START',
      'JOB COMPLETED s-start EXECUTION_LISTENER/START',
      'ELEMENT_ACTIVATED',
      'ELEMENT_COMPLETING',
      'JOB CREATED s-end EXECUTION_LISTENER/END',
      'JOB COMPLETED s-end EXECUTION_LISTENER/END',
      'ELEMENT_COMPLETED',
    ]);
    // the subprocess's start event waited for the start listener
    const lifecycle = t.records.lifecycle(pi);
    expect(lifecycle.indexOf('subStart:ELEMENT_ACTIVATING')).toBeGreaterThan(
      lifecycle.indexOf('sub:ELEMENT_ACTIVATED'),
    );
    expect(scopeVariables(t, key)).toMatchObject({ draft: '初稿', next: 2 });
    expect(t.records.variables(pi)).toMatchObject({ base: 1, summary: '已办结' });
    expect(t.records.variables(pi)).not.toHaveProperty('draft');
  });

  it('an interrupting event subprocess runs its listeners, and its message start event its end listener, after the other work was terminated', async () => {
    const esp = subProcess(
      'esp',
      path(
        'e',
        espStart('espStart', messageDef('withdraw'), true, listeners(['end', 'msg-end'])),
        event('endEvent', 'espEnd'),
      ),
      listeners(['start', 'esp-start'], ['end', 'esp-end']),
    ).replace('<bpmn:subProcess id="esp"', '<bpmn:subProcess id="esp" triggeredByEvent="true"');
    const main = path(
      'f',
      event('startEvent', 'start'),
      serviceTask('task', 'work'),
      event('endEvent', 'end'),
    );
    await t.deploy({
      name: 'p.bpmn',
      content: definitions(process('p', `${main}\n${esp}`), message('withdraw', '撤回', '=caseId')),
    });
    const pi = await start('p', { caseId: 'c-1' });
    await t.records.waitForEvent('JOB', 'CREATED');
    await t.zeebe.publishMessage({
      name: '撤回',
      correlationKey: 'c-1',
      variables: { reason: '当事人撤回' },
    });
    await completeNext(t, 'esp-start');
    const onStart = await nextJob(t, 'msg-end');
    // the start event's end listener sees the message's variables
    expect(onStart.variables).toMatchObject({ reason: '当事人撤回' });
    await t.zeebe.completeJob({ jobKey: onStart.key, variables: {} });
    await completeNext(t, 'esp-end');
    await t.records.waitForInstanceEnd(pi);

    expect(trail(t, elementKey(t, 'task', pi))).toEqual([
      'ELEMENT_ACTIVATING',
      'ELEMENT_ACTIVATED',
      'JOB CREATED work BPMN_ELEMENT/UNSPECIFIED',
      'ELEMENT_TERMINATING',
      'JOB CANCELED work BPMN_ELEMENT/UNSPECIFIED',
      'ELEMENT_TERMINATED',
    ]);
    expect(trail(t, elementKey(t, 'esp', pi))).toEqual([
      'ELEMENT_ACTIVATING',
      'JOB CREATED esp-start EXECUTION_LISTENER/START',
      'JOB COMPLETED esp-start EXECUTION_LISTENER/START',
      'ELEMENT_ACTIVATED',
      'ELEMENT_COMPLETING',
      'JOB CREATED esp-end EXECUTION_LISTENER/END',
      'JOB COMPLETED esp-end EXECUTION_LISTENER/END',
      'ELEMENT_COMPLETED',
    ]);
    expect(trail(t, elementKey(t, 'espStart', pi))).toEqual([
      'ELEMENT_ACTIVATING',
      'ELEMENT_ACTIVATED',
      'ELEMENT_COMPLETING',
      'JOB CREATED msg-end EXECUTION_LISTENER/END',
      'JOB COMPLETED msg-end EXECUTION_LISTENER/END',
      'ELEMENT_COMPLETED',
    ]);
  });

  it('an interrupting boundary event on a subprocess cancels the start listener job of the task inside', async () => {
    const inner = path(
      's',
      event('startEvent', 'subStart'),
      serviceTask('inner', 'inner-work', listeners(['start', 'i-start'])),
      event('endEvent', 'subEnd'),
    );
    const body = [
      path('f', event('startEvent', 'start'), subProcess('sub', inner), event('endEvent', 'end')),
      boundary('stop', 'sub', messageDef('stopMsg')),
      event('endEvent', 'stopped'),
      '<bpmn:sequenceFlow id="g0" sourceRef="stop" targetRef="stopped" />',
    ].join('\n');
    await t.deploy({
      name: 'p.bpmn',
      content: definitions(process('p', body), message('stopMsg', '叫停', '=caseId')),
    });
    const pi = await start('p', { caseId: 'c-2' });
    const job = await nextJob(t, 'i-start');
    await t.zeebe.publishMessage({ name: '叫停', correlationKey: 'c-2', variables: {} });
    await t.records.waitForInstanceEnd(pi);
    expect(trail(t, elementKey(t, 'inner', pi))).toEqual([
      'ELEMENT_ACTIVATING',
      'JOB CREATED i-start EXECUTION_LISTENER/START',
      'ELEMENT_TERMINATING',
      'JOB CANCELED i-start EXECUTION_LISTENER/START',
      'ELEMENT_TERMINATED',
    ]);
    expect(t.records.lifecycle(pi)).toContain('stopped:ELEMENT_COMPLETED');
    const err = await grpcError(t.zeebe.completeJob({ jobKey: job.key, variables: {} }));
    expect(err.code).toBe(Status.NOT_FOUND);
  });
});

it('a call activity runs its listeners around the called process, which runs its own', async () => {
  const child = definitions(
    process(
      'child',
      ext(listeners(['end', 'child-end'])) +
        path(
          'c',
          event('startEvent', 'cStart'),
          serviceTask('childTask', 'child-work'),
          event('endEvent', 'cEnd'),
        ),
    ),
  );
  const call = callActivity('call', 'child', {}, listeners(['start', 'c-start'], ['end', 'c-end']));
  await t.deploy({ name: 'child.bpmn', content: child });
  await t.deploy({
    name: 'p.bpmn',
    content: definitions(
      process('p', path('f', event('startEvent', 'start'), call, event('endEvent', 'end'))),
    ),
  });
  const pi = await start();
  await completeNext(t, 'c-start', { unit: '法院' });
  // the call activity's start listener variables are its locals, handed to the called process
  const work = await nextJob(t, 'child-work');
  expect(work.variables).toMatchObject({ unit: '法院' });
  await t.zeebe.completeJob({ jobKey: work.key, variables: { verdict: '维持' } });
  await completeNext(t, 'child-end', { archived: true });
  const last = await nextJob(t, 'c-end');
  // the called process's end listener ran before it handed its variables back
  expect(last.variables).toMatchObject({ verdict: '维持', archived: true });
  await t.zeebe.completeJob({ jobKey: last.key, variables: {} });
  await t.records.waitForInstanceEnd(pi);

  expect(trail(t, elementKey(t, 'call', pi))).toEqual([
    'ELEMENT_ACTIVATING',
    'JOB CREATED c-start EXECUTION_LISTENER/START',
    'JOB COMPLETED c-start EXECUTION_LISTENER/START',
    'ELEMENT_ACTIVATED',
    'ELEMENT_COMPLETING',
    'JOB CREATED c-end EXECUTION_LISTENER/END',
    'JOB COMPLETED c-end EXECUTION_LISTENER/END',
    'ELEMENT_COMPLETED',
  ]);
  expect(t.records.variables(pi)).toMatchObject({ verdict: '维持', archived: true });
  expect(listenerJobsCreated(t)).toEqual(['c-start', 'child-end', 'c-end']);
});

it.each([false, true])(
  'a multi-instance activity (sequential: %s) runs its listeners on every inner instance, not on the body',
  async (sequential) => {
    const task = serviceTask('each', 'review', listeners(['start', 'm-start'], ['end', 'm-end'])).replace(
      '</bpmn:serviceTask>',
      `${multiInstance('=[1, 2]', { sequential, inputElement: 'item' })}</bpmn:serviceTask>`,
    );
    await t.deploy({
      name: 'p.bpmn',
      content: definitions(
        process('p', path('f', event('startEvent', 'start'), task, event('endEvent', 'end'))),
      ),
    });
    const pi = await start();
    for (let i = 0; i < 2; i++) {
      const first = await nextJob(t, 'm-start');
      expect(first.variables).toMatchObject({ item: i + 1, loopCounter: i + 1 });
      await t.zeebe.completeJob({ jobKey: first.key, variables: {} });
      await completeNext(t, 'review');
      await completeNext(t, 'm-end');
    }
    await t.records.waitForInstanceEnd(pi);

    const [body, ...inner] = elementKeys(t, 'each', pi);
    expect(trail(t, body)).toEqual([
      'ELEMENT_ACTIVATING',
      'ELEMENT_ACTIVATED',
      'ELEMENT_COMPLETING',
      'ELEMENT_COMPLETED',
    ]);
    expect(inner).toHaveLength(2);
    for (const key of inner)
      expect(trail(t, key)).toEqual([
        'ELEMENT_ACTIVATING',
        'JOB CREATED m-start EXECUTION_LISTENER/START',
        'JOB COMPLETED m-start EXECUTION_LISTENER/START',
        'ELEMENT_ACTIVATED',
        'JOB CREATED review BPMN_ELEMENT/UNSPECIFIED',
        'JOB COMPLETED review BPMN_ELEMENT/UNSPECIFIED',
        'ELEMENT_COMPLETING',
        'JOB CREATED m-end EXECUTION_LISTENER/END',
        'JOB COMPLETED m-end EXECUTION_LISTENER/END',
        'ELEMENT_COMPLETED',
      ]);
  },
);
