// Conformance: call activities (ZEEBE-SEMANTICS §2.6, §1.4): binding types latest / deployment /
// versionTag, variable propagation both ways with and without mappings, the parent following the
// child's completion and the child following the parent's termination, and CALLED_ELEMENT_ERROR.
import {
  boundaryEvent,
  callActivity,
  chain,
  definitions,
  flow,
  ioMapping,
  process,
  serviceTask,
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
  waitForIncident,
} from './support/work';

const t = engineForEachTest();

/** The child: start → task of the given type → end, optionally tagged with a version tag. */
function child(type: string, versionTag?: string, id = 'child'): string {
  const tag = versionTag
    ? `<bpmn:extensionElements><zeebe:versionTag value="${versionTag}" /></bpmn:extensionElements>`
    : '';
  return definitions(
    process(
      id,
      [
        tag,
        '<bpmn:startEvent id="cStart" />',
        serviceTask('cTask', type),
        '<bpmn:endEvent id="cEnd" />',
        flow('c1', 'cStart', 'cTask'),
        flow('c2', 'cTask', 'cEnd'),
      ].join('\n'),
    ),
  );
}

function parent(called: Record<string, string> = {}, ext = '', processId = 'child'): string {
  return chain('parent', callActivity('call', processId, called, ext), serviceTask('after', 'after'));
}

function childInstanceKey(): number {
  return t.records
    .events('PROCESS_INSTANCE', 'ELEMENT_ACTIVATING')
    .find((r) => r.value.elementId === 'child')!.key;
}

describe('binding types', () => {
  it('latest (the default) calls the latest version of the process', async () => {
    await t.deploy({ name: 'child.bpmn', content: child('v1') });
    await t.deploy({ name: 'child.bpmn', content: child('v2') });
    await t.deploy({ name: 'parent.bpmn', content: parent() });
    const { processInstanceKey } = await t.zeebe.createProcessInstance({
      bpmnProcessId: 'parent',
      variables: {},
    });
    const job = await nextJob(t, 'v2');
    expect(job.bpmnProcessId).toBe('child');
    expect(job.processDefinitionVersion).toBe(2);
    const childKey = childInstanceKey();
    const created = t.records
      .events('PROCESS_INSTANCE', 'ELEMENT_ACTIVATING')
      .find((r) => r.key === childKey)!;
    expect(created.value).toMatchObject({
      bpmnElementType: 'PROCESS',
      processInstanceKey: childKey,
      parentProcessInstanceKey: Number(processInstanceKey),
      parentElementInstanceKey: elementKey(t, 'call', processInstanceKey),
      version: 2,
    });
  });

  it('deployment calls the version deployed together with the caller, even after a newer one', async () => {
    await t.deploy(
      { name: 'parent.bpmn', content: parent({ bindingType: 'deployment' }) },
      {
        name: 'child.bpmn',
        content: child('v1'),
      },
    );
    await t.deploy({ name: 'child.bpmn', content: child('v2') });
    await t.zeebe.createProcessInstance({ bpmnProcessId: 'parent', variables: {} });
    const job = await nextJob(t, 'v1');
    expect(job.processDefinitionVersion).toBe(1);
  });

  it('versionTag calls the latest version carrying that tag', async () => {
    await t.deploy({ name: 'child.bpmn', content: child('tagged-1', '1.0') });
    await t.deploy({ name: 'child.bpmn', content: child('tagged-2', '2.0') });
    await t.deploy({ name: 'child.bpmn', content: child('untagged') });
    await t.deploy({
      name: 'parent.bpmn',
      content: parent({ bindingType: 'versionTag', versionTag: '1.0' }),
    });
    await t.zeebe.createProcessInstance({ bpmnProcessId: 'parent', variables: {} });
    const job = await nextJob(t, 'tagged-1');
    expect(job.processDefinitionVersion).toBe(1);
  });

  it('raises CALLED_ELEMENT_ERROR when the process is not deployed, and calls it once it is deployed and the incident resolved', async () => {
    await t.deploy({ name: 'parent.bpmn', content: parent({}, '', '=name') });
    const { processInstanceKey } = await t.zeebe.createProcessInstance({
      bpmnProcessId: 'parent',
      variables: { name: 'child' },
    });
    const incident = await waitForIncident(t, processInstanceKey);
    expect(incident.value).toMatchObject({ errorType: 'CALLED_ELEMENT_ERROR', elementId: 'call' });
    expect(incident.value.errorMessage).toMatch(/'child'/);
    expect(t.records.lifecycle(processInstanceKey).slice(-1)).toEqual(['call:ELEMENT_ACTIVATING']);

    await t.deploy({ name: 'child.bpmn', content: child('work') });
    await t.zeebe.resolveIncident({ incidentKey: String(incident.key) });
    await completeNext(t, 'work');
    await completeNext(t, 'after');
    await t.records.waitForInstanceEnd(processInstanceKey);
  });

  it('raises CALLED_ELEMENT_ERROR when the called process has no none start event', async () => {
    const noNoneStart = definitions(
      process(
        'child',
        [
          '<bpmn:startEvent id="cStart"><bpmn:timerEventDefinition><bpmn:timeDate>2099-01-01T00:00:00Z</bpmn:timeDate></bpmn:timerEventDefinition></bpmn:startEvent>',
          '<bpmn:endEvent id="cEnd" />',
          flow('c1', 'cStart', 'cEnd'),
        ].join('\n'),
      ),
    );
    await t.deploy({ name: 'child.bpmn', content: noNoneStart });
    await t.deploy({ name: 'parent.bpmn', content: parent() });
    const { processInstanceKey } = await t.zeebe.createProcessInstance({
      bpmnProcessId: 'parent',
      variables: {},
    });
    const incident = await waitForIncident(t, processInstanceKey);
    expect(incident.value).toMatchObject({ errorType: 'CALLED_ELEMENT_ERROR', elementId: 'call' });
    expect(incident.value.errorMessage).toMatch(/none start event/);
  });
});

describe('parent → child variables', () => {
  it('with propagateAllParentVariables (default) copies every visible variable, input-mapped locals included', async () => {
    await t.deploy({ name: 'child.bpmn', content: child('work') });
    await t.deploy({ name: 'parent.bpmn', content: parent({}, ioMapping([['=a + 1', 'b']])) });
    await t.zeebe.createProcessInstance({ bpmnProcessId: 'parent', variables: { a: 1, x: 'y' } });
    const job = await nextJob(t, 'work');
    expect(job.variables).toEqual({ a: 1, x: 'y', b: 2 });
    expect(scopeVariables(t, childInstanceKey())).toEqual({ a: 1, x: 'y', b: 2 });
  });

  it('with propagateAllParentVariables=false copies only the input mapping results', async () => {
    await t.deploy({ name: 'child.bpmn', content: child('work') });
    await t.deploy({
      name: 'parent.bpmn',
      content: parent({ propagateAllParentVariables: 'false' }, ioMapping([['=a + 1', 'b']])),
    });
    await t.zeebe.createProcessInstance({ bpmnProcessId: 'parent', variables: { a: 1, x: 'y' } });
    expect((await nextJob(t, 'work')).variables).toEqual({ b: 2 });
  });

  it('with propagateAllParentVariables=false and no input mappings starts the child without variables', async () => {
    await t.deploy({ name: 'child.bpmn', content: child('work') });
    await t.deploy({ name: 'parent.bpmn', content: parent({ propagateAllParentVariables: 'false' }) });
    await t.zeebe.createProcessInstance({ bpmnProcessId: 'parent', variables: { a: 1 } });
    expect((await nextJob(t, 'work')).variables).toEqual({});
    expect(scopeVariables(t, childInstanceKey())).toEqual({});
  });
});

describe('child → parent variables', () => {
  it('with propagateAllChildVariables=true merges all child variables into the parent', async () => {
    await t.deploy({ name: 'child.bpmn', content: child('work') });
    await t.deploy({ name: 'parent.bpmn', content: parent({ propagateAllChildVariables: 'true' }) });
    await t.zeebe.createProcessInstance({ bpmnProcessId: 'parent', variables: { a: 1 } });
    await completeNext(t, 'work', { a: 2, fromChild: 'c' });
    expect((await nextJob(t, 'after')).variables).toEqual({ a: 2, fromChild: 'c' });
  });

  it('without the attribute behaves as propagateAllChildVariables=true', async () => {
    // ZEEBE-SEMANTICS §15: the default is unconfirmed (8.8 docs say true, newer docs imply false);
    // we follow the 8.8 documentation. Camunda Modeler writes the attribute explicitly.
    await t.deploy({ name: 'child.bpmn', content: child('work') });
    await t.deploy({ name: 'parent.bpmn', content: parent() });
    await t.zeebe.createProcessInstance({ bpmnProcessId: 'parent', variables: {} });
    await completeNext(t, 'work', { fromChild: 'c' });
    expect((await nextJob(t, 'after')).variables).toEqual({ fromChild: 'c' });
  });

  it('with propagateAllChildVariables=false and no output mappings discards the child variables', async () => {
    await t.deploy({ name: 'child.bpmn', content: child('work') });
    await t.deploy({ name: 'parent.bpmn', content: parent({ propagateAllChildVariables: 'false' }) });
    await t.zeebe.createProcessInstance({ bpmnProcessId: 'parent', variables: { a: 1 } });
    await completeNext(t, 'work', { a: 2, fromChild: 'c' });
    expect((await nextJob(t, 'after')).variables).toEqual({ a: 1 });
  });

  it('with output mappings propagates only the mapped variables', async () => {
    await t.deploy({ name: 'child.bpmn', content: child('work') });
    await t.deploy({
      name: 'parent.bpmn',
      content: parent(
        { propagateAllChildVariables: 'false' },
        ioMapping([], [['=fromChild + "!"', 'answer']]),
      ),
    });
    await t.zeebe.createProcessInstance({ bpmnProcessId: 'parent', variables: { a: 1 } });
    await completeNext(t, 'work', { a: 2, fromChild: 'c' });
    expect((await nextJob(t, 'after')).variables).toEqual({ a: 1, answer: 'c!' });
  });
});

describe('life cycle', () => {
  it('completes the call activity when the child completes', async () => {
    await t.deploy({ name: 'child.bpmn', content: child('work') });
    await t.deploy({ name: 'parent.bpmn', content: parent() });
    const { processInstanceKey } = await t.zeebe.createProcessInstance({
      bpmnProcessId: 'parent',
      variables: {},
    });
    await completeNext(t, 'work');
    await waitForElement(t, 'after', 'ELEMENT_ACTIVATED');
    const childKey = childInstanceKey();
    expect(t.records.lifecycle(childKey).slice(-2)).toEqual([
      'child:ELEMENT_COMPLETING',
      'child:ELEMENT_COMPLETED',
    ]);
    const life = t.records.lifecycle(processInstanceKey);
    expect(life.filter((l) => l.startsWith('call:'))).toEqual([
      'call:ELEMENT_ACTIVATING',
      'call:ELEMENT_ACTIVATED',
      'call:ELEMENT_COMPLETING',
      'call:ELEMENT_COMPLETED',
    ]);
    // The call activity completes only after the child instance completed.
    const positions = (key: number, intent: string) =>
      t.records.all.find((r) => r.key === key && r.intent === intent && r.recordType === 'EVENT')!.position;
    expect(positions(childKey, 'ELEMENT_COMPLETED')).toBeLessThan(
      positions(elementKey(t, 'call', processInstanceKey), 'ELEMENT_COMPLETING'),
    );
  });

  it('terminates the child when the parent is canceled', async () => {
    await t.deploy({ name: 'child.bpmn', content: child('work') });
    await t.deploy({ name: 'parent.bpmn', content: parent() });
    const { processInstanceKey } = await t.zeebe.createProcessInstance({
      bpmnProcessId: 'parent',
      variables: {},
    });
    const job = await nextJob(t, 'work');
    await t.zeebe.cancelProcessInstance(processInstanceKey);
    await t.records.waitForInstanceEnd(processInstanceKey);
    const childKey = childInstanceKey();
    expect(t.records.lifecycle(childKey)).toEqual([
      'child:ELEMENT_ACTIVATING',
      'child:ELEMENT_ACTIVATED',
      'cStart:ELEMENT_ACTIVATING',
      'cStart:ELEMENT_ACTIVATED',
      'cStart:ELEMENT_COMPLETING',
      'cStart:ELEMENT_COMPLETED',
      'c1:SEQUENCE_FLOW_TAKEN',
      'cTask:ELEMENT_ACTIVATING',
      'cTask:ELEMENT_ACTIVATED',
      'child:ELEMENT_TERMINATING',
      'cTask:ELEMENT_TERMINATING',
      'cTask:ELEMENT_TERMINATED',
      'child:ELEMENT_TERMINATED',
    ]);
    expect(t.records.lifecycle(processInstanceKey).slice(-4)).toEqual([
      'parent:ELEMENT_TERMINATING',
      'call:ELEMENT_TERMINATING',
      'call:ELEMENT_TERMINATED',
      'parent:ELEMENT_TERMINATED',
    ]);
    expect((await grpcError(t.zeebe.completeJob({ jobKey: job.key, variables: {} }))).code).toBe(
      Status.NOT_FOUND,
    );
  });

  it('returns no variables when interrupted by a boundary event', async () => {
    const start = Date.parse('2026-03-02T08:00:00Z');
    await t.pinClock(start);
    const xml = definitions(
      process(
        'parent',
        [
          '<bpmn:startEvent id="start" />',
          callActivity('call', 'child', { propagateAllChildVariables: 'true' }),
          boundaryEvent(
            'timeout',
            'call',
            '<bpmn:timerEventDefinition><bpmn:timeDuration>PT1M</bpmn:timeDuration></bpmn:timerEventDefinition>',
          ),
          serviceTask('late', 'late'),
          '<bpmn:endEvent id="end" />',
          flow('f0', 'start', 'call'),
          flow('f1', 'call', 'end'),
          flow('f2', 'timeout', 'late'),
        ].join('\n'),
      ),
    );
    await t.deploy({ name: 'child.bpmn', content: child('work') });
    await t.deploy({ name: 'parent.bpmn', content: xml });
    await t.zeebe.createProcessInstance({ bpmnProcessId: 'parent', variables: { a: 1 } });
    await nextJob(t, 'work');
    const childKey = childInstanceKey();
    await t.zeebe.setVariables({
      elementInstanceKey: String(childKey),
      variables: { fromChild: 'x' },
      local: true,
    });
    await t.pinClock(start + 61_000);
    const late = await nextJob(t, 'late');
    expect(late.variables).toEqual({ a: 1 });
    expect(t.records.lifecycle(childKey).slice(-1)).toEqual(['child:ELEMENT_TERMINATED']);
  });
});
