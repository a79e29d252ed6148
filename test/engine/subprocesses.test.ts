// Conformance: embedded subprocesses (their own variable scope and mappings), terminate end events
// (the scope completes, §14.5) and CancelProcessInstance (ZEEBE-SEMANTICS §1.4, §2.4).
import {
  callActivity,
  chain,
  definitions,
  flow,
  ioMapping,
  multiInstance,
  process,
  serviceTask,
  subProcess,
} from './support/bpmn';
import { engineForEachTest } from './support/harness';
import {
  completeNext,
  elementKey,
  grpcError,
  nextJob,
  scopeVariables,
  Status,
  waitForElement,
} from './support/work';

const t = engineForEachTest();

/** start → sub(subStart → inner content → …) → after → end. */
function withSubprocess(id: string, inner: string[], subExt = ''): string {
  return definitions(
    process(
      id,
      [
        '<bpmn:startEvent id="start" />',
        subProcess('sub', inner.join('\n'), subExt),
        serviceTask('after', 'after'),
        '<bpmn:endEvent id="end" />',
        flow('f1', 'start', 'sub'),
        flow('f2', 'sub', 'after'),
        flow('f3', 'after', 'end'),
      ].join('\n'),
    ),
  );
}

describe('embedded subprocess', () => {
  it('runs its content in its own scope: input-mapped locals are visible inside and dropped unless output-mapped', async () => {
    const xml = withSubprocess(
      'p',
      [
        '<bpmn:startEvent id="subStart" />',
        serviceTask('task', 'work'),
        '<bpmn:endEvent id="subEnd" />',
        flow('s1', 'subStart', 'task'),
        flow('s2', 'task', 'subEnd'),
      ],
      ioMapping(
        [
          ['=order.id', 'orderId'],
          ['=0', 'scratch'],
        ],
        [['=scratch', 'kept']],
      ),
    );
    await t.deploy({ name: 'p.bpmn', content: xml });
    const { processInstanceKey } = await t.zeebe.createProcessInstance({
      bpmnProcessId: 'p',
      variables: { order: { id: 'A-1' } },
    });
    const piKey = Number(processInstanceKey);
    const job = await nextJob(t, 'work');
    const subKey = elementKey(t, 'sub', piKey);
    expect(scopeVariables(t, subKey)).toEqual({ orderId: 'A-1', scratch: 0 });
    expect(job.variables).toEqual({ order: { id: 'A-1' }, orderId: 'A-1', scratch: 0 });
    // The job updates the subprocess local (nearest holder); the subprocess maps it out.
    await t.zeebe.completeJob({ jobKey: job.key, variables: { scratch: 5 } });
    const after = await nextJob(t, 'after');
    expect(after.variables).toEqual({ order: { id: 'A-1' }, kept: 5 });

    expect(t.records.lifecycle(piKey).filter((l) => l.startsWith('sub') || l.startsWith('s'))).toEqual([
      'start:ELEMENT_ACTIVATING',
      'start:ELEMENT_ACTIVATED',
      'start:ELEMENT_COMPLETING',
      'start:ELEMENT_COMPLETED',
      'sub:ELEMENT_ACTIVATING',
      'sub:ELEMENT_ACTIVATED',
      'subStart:ELEMENT_ACTIVATING',
      'subStart:ELEMENT_ACTIVATED',
      'subStart:ELEMENT_COMPLETING',
      'subStart:ELEMENT_COMPLETED',
      's1:SEQUENCE_FLOW_TAKEN',
      's2:SEQUENCE_FLOW_TAKEN',
      'subEnd:ELEMENT_ACTIVATING',
      'subEnd:ELEMENT_ACTIVATED',
      'subEnd:ELEMENT_COMPLETING',
      'subEnd:ELEMENT_COMPLETED',
      'sub:ELEMENT_COMPLETING',
      'sub:ELEMENT_COMPLETED',
    ]);
    // Every element of the subprocess has the subprocess as its flow scope.
    const inner = t.records
      .events('PROCESS_INSTANCE')
      .filter((r) => ['subStart', 'task', 'subEnd'].includes(r.value.elementId));
    expect(new Set(inner.map((r) => r.value.flowScopeKey))).toEqual(new Set([subKey]));
  });

  it('without output mappings drops its locals when it completes', async () => {
    const xml = withSubprocess(
      'p',
      [
        '<bpmn:startEvent id="subStart" />',
        serviceTask('task', 'work'),
        '<bpmn:endEvent id="subEnd" />',
        flow('s1', 'subStart', 'task'),
        flow('s2', 'task', 'subEnd'),
      ],
      ioMapping([['="inner"', 'local']]),
    );
    await t.deploy({ name: 'p.bpmn', content: xml });
    await t.zeebe.createProcessInstance({ bpmnProcessId: 'p', variables: { a: 1 } });
    await completeNext(t, 'work', { local: 'changed', b: 2 });
    const after = await nextJob(t, 'after');
    expect(after.variables).toEqual({ a: 1, b: 2 });
  });
});

describe('terminate end event (§14.5)', () => {
  it('in a subprocess terminates the other paths, then the subprocess completes and takes its outgoing flow', async () => {
    const xml = withSubprocess('p', [
      '<bpmn:startEvent id="subStart" />',
      '<bpmn:parallelGateway id="fork" />',
      serviceTask('waiting', 'waiting'),
      serviceTask('quick', 'quick'),
      '<bpmn:endEvent id="kill"><bpmn:terminateEventDefinition /></bpmn:endEvent>',
      '<bpmn:endEvent id="subEnd" />',
      flow('s0', 'subStart', 'fork'),
      flow('s1', 'fork', 'waiting'),
      flow('s2', 'fork', 'quick'),
      flow('s3', 'waiting', 'subEnd'),
      flow('s4', 'quick', 'kill'),
    ]);
    await t.deploy({ name: 'p.bpmn', content: xml });
    const { processInstanceKey } = await t.zeebe.createProcessInstance({ bpmnProcessId: 'p', variables: {} });
    const waiting = await nextJob(t, 'waiting');
    await completeNext(t, 'quick');
    await nextJob(t, 'after');

    const life = t.records.lifecycle(processInstanceKey);
    expect(
      life.filter((l) => l.startsWith('waiting:') || l.startsWith('kill:') || l.startsWith('sub:')),
    ).toEqual([
      'sub:ELEMENT_ACTIVATING',
      'sub:ELEMENT_ACTIVATED',
      'waiting:ELEMENT_ACTIVATING',
      'waiting:ELEMENT_ACTIVATED',
      'kill:ELEMENT_ACTIVATING',
      'kill:ELEMENT_ACTIVATED',
      'kill:ELEMENT_COMPLETING',
      'kill:ELEMENT_COMPLETED',
      'waiting:ELEMENT_TERMINATING',
      'waiting:ELEMENT_TERMINATED',
      'sub:ELEMENT_COMPLETING',
      'sub:ELEMENT_COMPLETED',
    ]);
    expect(life).toContain('f2:SEQUENCE_FLOW_TAKEN');
    expect(life).not.toContain('subEnd:ELEMENT_ACTIVATING');
    expect(t.records.events('JOB', 'CANCELED').map((r) => String(r.key))).toEqual([waiting.key]);
    const late = await grpcError(t.zeebe.completeJob({ jobKey: waiting.key, variables: {} }));
    expect(late.code).toBe(Status.NOT_FOUND);
  });

  it('at the top level completes the process (not terminated), ending the other paths', async () => {
    const xml = definitions(
      process(
        'p',
        [
          '<bpmn:startEvent id="start" />',
          '<bpmn:parallelGateway id="fork" />',
          serviceTask('waiting', 'waiting'),
          '<bpmn:endEvent id="end" />',
          '<bpmn:endEvent id="kill"><bpmn:terminateEventDefinition /></bpmn:endEvent>',
          flow('f0', 'start', 'fork'),
          flow('f1', 'fork', 'waiting'),
          flow('f2', 'waiting', 'end'),
          flow('f3', 'fork', 'kill'),
        ].join('\n'),
      ),
    );
    await t.deploy({ name: 'p.bpmn', content: xml });
    const { processInstanceKey } = await t.zeebe.createProcessInstance({ bpmnProcessId: 'p', variables: {} });
    const end = await t.records.waitForInstanceEnd(processInstanceKey);
    expect(end.intent).toBe('ELEMENT_COMPLETED');
    expect(t.records.lifecycle(processInstanceKey).slice(-6)).toEqual([
      'kill:ELEMENT_COMPLETING',
      'kill:ELEMENT_COMPLETED',
      'waiting:ELEMENT_TERMINATING',
      'waiting:ELEMENT_TERMINATED',
      'p:ELEMENT_COMPLETING',
      'p:ELEMENT_COMPLETED',
    ]);
  });
  it('in an inner instance of a multi-instance subprocess ends only that instance', async () => {
    const xml = chain(
      'p',
      subProcess(
        'sub',
        [
          '<bpmn:startEvent id="subStart" />',
          '<bpmn:parallelGateway id="fork" />',
          serviceTask('waiting', 'waiting'),
          '<bpmn:endEvent id="kill"><bpmn:terminateEventDefinition /></bpmn:endEvent>',
          flow('s0', 'subStart', 'fork'),
          flow('s1', 'fork', 'waiting'),
          flow('s2', 'fork', 'kill'),
        ].join('\n'),
        '',
        multiInstance('=[1, 2]', { inputElement: 'i' }),
      ),
    );
    await t.deploy({ name: 'p.bpmn', content: xml });
    const { processInstanceKey } = await t.zeebe.createProcessInstance({ bpmnProcessId: 'p', variables: {} });
    const end = await t.records.waitForInstanceEnd(processInstanceKey);
    expect(end.intent).toBe('ELEMENT_COMPLETED');
    const sub = t.records
      .events('PROCESS_INSTANCE')
      .filter((r) => r.value.elementId === 'sub' && r.intent === 'ELEMENT_COMPLETED')
      .map((r) => r.value.bpmnElementType);
    expect(sub).toEqual(['SUB_PROCESS', 'SUB_PROCESS', 'MULTI_INSTANCE_BODY']);
    const life = t.records.lifecycle(processInstanceKey);
    expect(life.filter((l) => l === 'waiting:ELEMENT_TERMINATED')).toHaveLength(2);
    expect(life.filter((l) => l === 'end:ELEMENT_COMPLETED')).toHaveLength(1);
  });
  it('terminates a called child instance running in the same scope', async () => {
    const xml = definitions(
      process(
        'p',
        [
          '<bpmn:startEvent id="start" />',
          '<bpmn:parallelGateway id="fork" />',
          callActivity('call', 'child'),
          serviceTask('quick', 'quick'),
          '<bpmn:endEvent id="end" />',
          '<bpmn:endEvent id="kill"><bpmn:terminateEventDefinition /></bpmn:endEvent>',
          flow('f0', 'start', 'fork'),
          flow('f1', 'fork', 'call'),
          flow('f2', 'call', 'end'),
          flow('f3', 'fork', 'quick'),
          flow('f4', 'quick', 'kill'),
        ].join('\n'),
      ),
    );
    await t.deploy(
      { name: 'p.bpmn', content: xml },
      { name: 'child.bpmn', content: chain('child', serviceTask('task', 'work')) },
    );
    const { processInstanceKey } = await t.zeebe.createProcessInstance({ bpmnProcessId: 'p', variables: {} });
    const childJob = await nextJob(t, 'work');
    await completeNext(t, 'quick');
    const end = await t.records.waitForInstanceEnd(processInstanceKey);
    expect(end.intent).toBe('ELEMENT_COMPLETED');
    expect(t.records.lifecycle(childJob.processInstanceKey).slice(-1)).toEqual(['child:ELEMENT_TERMINATED']);
    expect(t.records.lifecycle(processInstanceKey)).toContain('call:ELEMENT_TERMINATED');
    expect(t.records.events('JOB', 'CANCELED').map((r) => String(r.key))).toEqual([childJob.key]);
  });
});

describe('CancelProcessInstance', () => {
  it('terminates the instance from the inside out and cancels its jobs', async () => {
    const xml = withSubprocess('p', [
      '<bpmn:startEvent id="subStart" />',
      serviceTask('task', 'work'),
      flow('s1', 'subStart', 'task'),
    ]);
    await t.deploy({ name: 'p.bpmn', content: xml });
    const { processInstanceKey } = await t.zeebe.createProcessInstance({ bpmnProcessId: 'p', variables: {} });
    const job = await nextJob(t, 'work');
    await t.zeebe.cancelProcessInstance(processInstanceKey);
    const end = await t.records.waitForInstanceEnd(processInstanceKey);
    expect(end.intent).toBe('ELEMENT_TERMINATED');
    expect(t.records.lifecycle(processInstanceKey).slice(-6)).toEqual([
      'p:ELEMENT_TERMINATING',
      'sub:ELEMENT_TERMINATING',
      'task:ELEMENT_TERMINATING',
      'task:ELEMENT_TERMINATED',
      'sub:ELEMENT_TERMINATED',
      'p:ELEMENT_TERMINATED',
    ]);
    expect(t.records.events('JOB', 'CANCELED').map((r) => String(r.key))).toEqual([job.key]);
    expect((await grpcError(t.zeebe.completeJob({ jobKey: job.key, variables: {} }))).code).toBe(
      Status.NOT_FOUND,
    );
  });

  it('answers NOT_FOUND for a finished or unknown instance', async () => {
    await t.deploy({ name: 'p.bpmn', content: chain('p', serviceTask('task', 'work')) });
    const { processInstanceKey } = await t.zeebe.createProcessInstance({ bpmnProcessId: 'p', variables: {} });
    await completeNext(t, 'work');
    await t.records.waitForInstanceEnd(processInstanceKey);
    const finished = await grpcError(t.zeebe.cancelProcessInstance(processInstanceKey));
    expect(finished.code).toBe(Status.NOT_FOUND);
    expect(finished.message).toMatch(
      `Expected to cancel a process instance with key '${processInstanceKey}', but no such process was found`,
    );
    expect((await grpcError(t.zeebe.cancelProcessInstance('2251799813999999'))).code).toBe(Status.NOT_FOUND);
  });

  it('answers NOT_FOUND for an element instance key that is not a process instance', async () => {
    await t.deploy({ name: 'p.bpmn', content: chain('p', serviceTask('task', 'work')) });
    const { processInstanceKey } = await t.zeebe.createProcessInstance({ bpmnProcessId: 'p', variables: {} });
    await nextJob(t, 'work');
    const taskKey = elementKey(t, 'task', processInstanceKey);
    expect((await grpcError(t.zeebe.cancelProcessInstance(String(taskKey)))).code).toBe(Status.NOT_FOUND);
  });

  it('rejects canceling a called child instance directly (FAILED_PRECONDITION) and names the root instance', async () => {
    const parent = chain('parent', callActivity('call', 'child'));
    const mid = chain('child', callActivity('call2', 'grandchild'));
    const leaf = chain('grandchild', serviceTask('task', 'work'));
    await t.deploy(
      { name: 'parent.bpmn', content: parent },
      { name: 'child.bpmn', content: mid },
      { name: 'grandchild.bpmn', content: leaf },
    );
    const { processInstanceKey } = await t.zeebe.createProcessInstance({
      bpmnProcessId: 'parent',
      variables: {},
    });
    const job = await nextJob(t, 'work');
    const leafKey = job.processInstanceKey;
    const err = await grpcError(t.zeebe.cancelProcessInstance(leafKey));
    expect(err.code).toBe(Status.FAILED_PRECONDITION);
    expect(err.message).toMatch(
      `but it is created by a parent process instance. Cancel the root process instance '${processInstanceKey}' instead.`,
    );
    // Canceling the root terminates the whole tree.
    await t.zeebe.cancelProcessInstance(processInstanceKey);
    await t.records.waitForInstanceEnd(processInstanceKey);
    await waitForElement(t, 'grandchild', 'ELEMENT_TERMINATED');
    expect(t.records.events('JOB', 'CANCELED').map((r) => String(r.key))).toEqual([job.key]);
  });
});
