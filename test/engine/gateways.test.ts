// Conformance: exclusive, inclusive and parallel gateways, implicit splits and pass-through joins
// (ZEEBE-SEMANTICS §1.2, §1.3, §3.3, §14.4), with the incidents a gateway raises and their repair.
import { definitions, element, flow, process, serviceTask } from './support/bpmn';
import { engineForEachTest } from './support/harness';
import { completeNext, elementKeys, incidents, nextJob, waitForIncident } from './support/work';

const t = engineForEachTest();

/** Every follow-up the engine wrote before this call has been processed when it returns. */
async function settle() {
  await t.zeebe.publishMessage({ name: 'settle', correlationKey: 'settle', timeToLive: 0, variables: {} });
}

function ended(piKey: string | number): string[] {
  return t.records
    .lifecycle(piKey)
    .filter((l) => l.endsWith(':ELEMENT_COMPLETED') && l.startsWith('end'))
    .map((l) => l.split(':')[0]);
}

const exclusive = (withDefault: boolean) =>
  definitions(
    process(
      'xor',
      [
        '<bpmn:startEvent id="start" />',
        element('exclusiveGateway', 'split', { attrs: withDefault ? { default: 'toC' } : {} }),
        '<bpmn:endEvent id="endA" />',
        '<bpmn:endEvent id="endB" />',
        withDefault ? '<bpmn:endEvent id="endC" />' : '',
        flow('f0', 'start', 'split'),
        flow('toA', 'split', 'endA', '=x > 10'),
        flow('toB', 'split', 'endB', '=x > 5'),
        // The default flow is never evaluated: this condition would raise an incident if it were.
        withDefault ? flow('toC', 'split', 'endC', '=assert(x, x > 1000)') : '',
      ].join('\n'),
    ),
  );

describe('exclusive gateway', () => {
  it.each([
    [20, 'endA', 'toA'], // both conditions true: the first in model order wins
    [7, 'endB', 'toB'],
    [1, 'endC', 'toC'], // none true: the default flow, whose condition is not evaluated
  ])('with x = %i takes only the flow to %s', async (x, end, flowId) => {
    await t.deploy({ name: 'xor.bpmn', content: exclusive(true) });
    const { processInstanceKey } = await t.zeebe.createProcessInstance({
      bpmnProcessId: 'xor',
      variables: { x },
    });
    await t.records.waitForInstanceEnd(processInstanceKey);
    expect(t.records.lifecycle(processInstanceKey)).toEqual([
      'xor:ELEMENT_ACTIVATING',
      'xor:ELEMENT_ACTIVATED',
      'start:ELEMENT_ACTIVATING',
      'start:ELEMENT_ACTIVATED',
      'start:ELEMENT_COMPLETING',
      'start:ELEMENT_COMPLETED',
      'f0:SEQUENCE_FLOW_TAKEN',
      'split:ELEMENT_ACTIVATING',
      'split:ELEMENT_ACTIVATED',
      'split:ELEMENT_COMPLETING',
      'split:ELEMENT_COMPLETED',
      `${flowId}:SEQUENCE_FLOW_TAKEN`,
      `${end}:ELEMENT_ACTIVATING`,
      `${end}:ELEMENT_ACTIVATED`,
      `${end}:ELEMENT_COMPLETING`,
      `${end}:ELEMENT_COMPLETED`,
      'xor:ELEMENT_COMPLETING',
      'xor:ELEMENT_COMPLETED',
    ]);
    expect(incidents(t, processInstanceKey)).toEqual([]);
  });

  it('raises EXTRACT_VALUE_ERROR for a condition that is null (missing variable), and continues after SetVariables and ResolveIncident', async () => {
    await t.deploy({ name: 'xor.bpmn', content: exclusive(true) });
    const { processInstanceKey } = await t.zeebe.createProcessInstance({
      bpmnProcessId: 'xor',
      variables: {},
    });
    const incident = await waitForIncident(t, processInstanceKey);
    expect(incident.value).toMatchObject({
      errorType: 'EXTRACT_VALUE_ERROR',
      elementId: 'split',
      elementInstanceKey: elementKeys(t, 'split', processInstanceKey)[0],
      jobKey: -1,
    });
    expect(incident.value.errorMessage).toMatch(
      /^Expected result of the expression 'x > 10' to be 'BOOLEAN', but was 'NULL'\./,
    );
    expect(t.records.lifecycle(processInstanceKey).slice(-1)).toEqual(['split:ELEMENT_ACTIVATING']);

    await t.zeebe.setVariables({ elementInstanceKey: processInstanceKey, variables: { x: 7 }, local: false });
    await t.zeebe.resolveIncident({ incidentKey: String(incident.key) });
    await t.records.waitForInstanceEnd(processInstanceKey);
    expect(t.records.events('INCIDENT', 'RESOLVED').map((r) => r.key)).toEqual([incident.key]);
    expect(ended(processInstanceKey)).toEqual(['endB']);
    // The gateway instance that was stuck is the one that went on (no second activation).
    expect(elementKeys(t, 'split', processInstanceKey)).toHaveLength(1);
  });

  it('raises CONDITION_ERROR when no condition is true and there is no default flow', async () => {
    await t.deploy({ name: 'xor.bpmn', content: exclusive(false) });
    const { processInstanceKey } = await t.zeebe.createProcessInstance({
      bpmnProcessId: 'xor',
      variables: { x: 1 },
    });
    const incident = await waitForIncident(t, processInstanceKey);
    expect(incident.value).toMatchObject({
      errorType: 'CONDITION_ERROR',
      elementId: 'split',
      errorMessage: 'Expected at least one condition to evaluate to true, or to have a default flow',
    });

    // Resolving without a fix fails again with a new incident.
    await t.zeebe.resolveIncident({ incidentKey: String(incident.key) });
    const second = await waitForIncident(t, processInstanceKey, 2);
    expect(second.key).not.toBe(incident.key);
    expect(second.value.errorType).toBe('CONDITION_ERROR');

    await t.zeebe.setVariables({
      elementInstanceKey: processInstanceKey,
      variables: { x: 11 },
      local: false,
    });
    await t.zeebe.resolveIncident({ incidentKey: String(second.key) });
    await t.records.waitForInstanceEnd(processInstanceKey);
    expect(ended(processInstanceKey)).toEqual(['endA']);
  });

  it('has its incident resolved when the instance is canceled', async () => {
    await t.deploy({ name: 'xor.bpmn', content: exclusive(false) });
    const { processInstanceKey } = await t.zeebe.createProcessInstance({
      bpmnProcessId: 'xor',
      variables: { x: 1 },
    });
    const incident = await waitForIncident(t, processInstanceKey);
    await t.zeebe.cancelProcessInstance(processInstanceKey);
    await t.records.waitForInstanceEnd(processInstanceKey);
    expect(t.records.events('INCIDENT', 'RESOLVED').map((r) => r.key)).toEqual([incident.key]);
    expect(t.records.lifecycle(processInstanceKey).slice(-4)).toEqual([
      'xor:ELEMENT_TERMINATING',
      'split:ELEMENT_TERMINATING',
      'split:ELEMENT_TERMINATED',
      'xor:ELEMENT_TERMINATED',
    ]);
  });

  it('used as a join, passes every arriving token through without merging them', async () => {
    const xml = definitions(
      process(
        'xjoin',
        [
          '<bpmn:startEvent id="start" />',
          '<bpmn:parallelGateway id="fork" />',
          '<bpmn:exclusiveGateway id="merge" />',
          serviceTask('task', 'work'),
          '<bpmn:endEvent id="end" />',
          flow('f0', 'start', 'fork'),
          flow('a', 'fork', 'merge'),
          flow('b', 'fork', 'merge'),
          flow('f1', 'merge', 'task'),
          flow('f2', 'task', 'end'),
        ].join('\n'),
      ),
    );
    await t.deploy({ name: 'xjoin.bpmn', content: xml });
    const { processInstanceKey } = await t.zeebe.createProcessInstance({
      bpmnProcessId: 'xjoin',
      variables: {},
    });
    await completeNext(t, 'work');
    await completeNext(t, 'work');
    await t.records.waitForInstanceEnd(processInstanceKey);
    const completed = t.records.lifecycle(processInstanceKey).filter((l) => l.endsWith('ELEMENT_COMPLETED'));
    expect(completed.filter((l) => l.startsWith('merge:'))).toHaveLength(2);
    expect(completed.filter((l) => l.startsWith('task:'))).toHaveLength(2);
    expect(completed.filter((l) => l.startsWith('end:'))).toHaveLength(2);
    expect(completed.slice(-1)).toEqual(['xjoin:ELEMENT_COMPLETED']);
  });
});

describe('inclusive gateway', () => {
  const inclusive = definitions(
    process(
      'or',
      [
        '<bpmn:startEvent id="start" />',
        element('inclusiveGateway', 'split', { attrs: { default: 'toD' } }),
        serviceTask('taskA', 'a'),
        serviceTask('taskB', 'b'),
        serviceTask('taskC', 'c'),
        serviceTask('taskD', 'd'),
        '<bpmn:inclusiveGateway id="join" />',
        '<bpmn:endEvent id="end" />',
        flow('f0', 'start', 'split'),
        flow('toA', 'split', 'taskA', '=a'),
        flow('toB', 'split', 'taskB', '=b'),
        flow('toC', 'split', 'taskC', '=c'),
        flow('toD', 'split', 'taskD'),
        flow('fromA', 'taskA', 'join'),
        flow('fromB', 'taskB', 'join'),
        flow('fromC', 'taskC', 'join'),
        flow('fromD', 'taskD', 'join'),
        flow('f9', 'join', 'end'),
      ].join('\n'),
    ),
  );

  it('takes every flow whose condition is true, and the join waits only for the paths that can still arrive', async () => {
    await t.deploy({ name: 'or.bpmn', content: inclusive });
    const { processInstanceKey } = await t.zeebe.createProcessInstance({
      bpmnProcessId: 'or',
      variables: { a: true, b: false, c: true },
    });
    await completeNext(t, 'a');
    await settle();
    // C is still active and can reach the join: it waits.
    expect(elementKeys(t, 'join', processInstanceKey)).toEqual([]);
    await completeNext(t, 'c');
    await t.records.waitForInstanceEnd(processInstanceKey);

    const life = t.records.lifecycle(processInstanceKey);
    expect(life.filter((l) => l.endsWith('SEQUENCE_FLOW_TAKEN'))).toEqual([
      'f0:SEQUENCE_FLOW_TAKEN',
      'toA:SEQUENCE_FLOW_TAKEN',
      'toC:SEQUENCE_FLOW_TAKEN',
      'fromA:SEQUENCE_FLOW_TAKEN',
      'fromC:SEQUENCE_FLOW_TAKEN',
      'f9:SEQUENCE_FLOW_TAKEN',
    ]);
    expect(elementKeys(t, 'taskB')).toEqual([]);
    expect(elementKeys(t, 'taskD')).toEqual([]);
    expect(life.filter((l) => l.startsWith('join:'))).toEqual([
      'join:ELEMENT_ACTIVATING',
      'join:ELEMENT_ACTIVATED',
      'join:ELEMENT_COMPLETING',
      'join:ELEMENT_COMPLETED',
    ]);
    expect(life.slice(-2)).toEqual(['or:ELEMENT_COMPLETING', 'or:ELEMENT_COMPLETED']);
  });

  it('fires the join once a taken path turns away from it', async () => {
    const xml = definitions(
      process(
        'or2',
        [
          '<bpmn:startEvent id="start" />',
          '<bpmn:inclusiveGateway id="split" />',
          serviceTask('taskA', 'a'),
          serviceTask('taskC', 'c'),
          element('exclusiveGateway', 'route', { attrs: { default: 'away' } }),
          '<bpmn:endEvent id="endC" />',
          '<bpmn:inclusiveGateway id="join" />',
          '<bpmn:endEvent id="end" />',
          flow('f0', 'start', 'split'),
          flow('toA', 'split', 'taskA', '=true'),
          flow('toC', 'split', 'taskC', '=true'),
          flow('fromA', 'taskA', 'join'),
          flow('fromC', 'taskC', 'route'),
          flow('back', 'route', 'join', '=back'),
          flow('away', 'route', 'endC'),
          flow('f9', 'join', 'end'),
        ].join('\n'),
      ),
    );
    await t.deploy({ name: 'or2.bpmn', content: xml });
    const { processInstanceKey } = await t.zeebe.createProcessInstance({
      bpmnProcessId: 'or2',
      variables: { back: false },
    });
    await completeNext(t, 'a');
    await settle();
    expect(elementKeys(t, 'join', processInstanceKey)).toEqual([]); // taskC may still come
    await completeNext(t, 'c');
    await t.records.waitForInstanceEnd(processInstanceKey);
    const life = t.records.lifecycle(processInstanceKey);
    expect(life).toContain('endC:ELEMENT_COMPLETED');
    expect(life.filter((l) => l === 'join:ELEMENT_COMPLETED')).toHaveLength(1);
    expect(life).toContain('end:ELEMENT_COMPLETED');
    expect(life.slice(-1)).toEqual(['or2:ELEMENT_COMPLETED']);
  });

  it('takes the default flow only when no condition is true', async () => {
    await t.deploy({ name: 'or.bpmn', content: inclusive });
    const { processInstanceKey } = await t.zeebe.createProcessInstance({
      bpmnProcessId: 'or',
      variables: { a: false, b: false, c: false },
    });
    const job = await nextJob(t, 'd');
    expect(job.elementId).toBe('taskD');
    await t.zeebe.completeJob({ jobKey: job.key, variables: {} });
    await t.records.waitForInstanceEnd(processInstanceKey);
    expect(elementKeys(t, 'join', processInstanceKey)).toHaveLength(1);
    expect(['taskA', 'taskB', 'taskC'].flatMap((id) => elementKeys(t, id))).toEqual([]);
  });

  it('raises EXTRACT_VALUE_ERROR for a non-boolean condition', async () => {
    await t.deploy({ name: 'or.bpmn', content: inclusive });
    const { processInstanceKey } = await t.zeebe.createProcessInstance({
      bpmnProcessId: 'or',
      variables: { a: true, b: 'yes', c: false },
    });
    const incident = await waitForIncident(t, processInstanceKey);
    expect(incident.value).toMatchObject({ errorType: 'EXTRACT_VALUE_ERROR', elementId: 'split' });
    expect(incident.value.errorMessage).toMatch(/'b' to be 'BOOLEAN', but was 'STRING'/);
    expect(elementKeys(t, 'taskA')).toEqual([]); // nothing was taken
  });
});

describe('parallel gateway', () => {
  it('splits into all flows and joins once every incoming flow has arrived', async () => {
    const xml = definitions(
      process(
        'and',
        [
          '<bpmn:startEvent id="start" />',
          '<bpmn:parallelGateway id="fork" />',
          serviceTask('taskA', 'a'),
          serviceTask('taskB', 'b'),
          '<bpmn:parallelGateway id="join" />',
          '<bpmn:endEvent id="end" />',
          flow('f0', 'start', 'fork'),
          flow('toA', 'fork', 'taskA'),
          flow('toB', 'fork', 'taskB'),
          flow('fromA', 'taskA', 'join'),
          flow('fromB', 'taskB', 'join'),
          flow('f9', 'join', 'end'),
        ].join('\n'),
      ),
    );
    await t.deploy({ name: 'and.bpmn', content: xml });
    const { processInstanceKey } = await t.zeebe.createProcessInstance({
      bpmnProcessId: 'and',
      variables: {},
    });
    await completeNext(t, 'b');
    await settle();
    expect(elementKeys(t, 'join', processInstanceKey)).toEqual([]);
    await completeNext(t, 'a');
    await t.records.waitForInstanceEnd(processInstanceKey);
    const life = t.records.lifecycle(processInstanceKey);
    expect(life.filter((l) => l.startsWith('fork:') || l.startsWith('to'))).toEqual([
      'fork:ELEMENT_ACTIVATING',
      'fork:ELEMENT_ACTIVATED',
      'fork:ELEMENT_COMPLETING',
      'fork:ELEMENT_COMPLETED',
      'toA:SEQUENCE_FLOW_TAKEN',
      'toB:SEQUENCE_FLOW_TAKEN',
    ]);
    expect(life.slice(-12, -2)).toEqual([
      'fromA:SEQUENCE_FLOW_TAKEN',
      'join:ELEMENT_ACTIVATING',
      'join:ELEMENT_ACTIVATED',
      'join:ELEMENT_COMPLETING',
      'join:ELEMENT_COMPLETED',
      'f9:SEQUENCE_FLOW_TAKEN',
      'end:ELEMENT_ACTIVATING',
      'end:ELEMENT_ACTIVATED',
      'end:ELEMENT_COMPLETING',
      'end:ELEMENT_COMPLETED',
    ]);
    expect(life.slice(-2)).toEqual(['and:ELEMENT_COMPLETING', 'and:ELEMENT_COMPLETED']);
  });
});

describe('implicit split', () => {
  it('takes every outgoing flow of a task, and the process completes when the last path ends', async () => {
    const xml = definitions(
      process(
        'implicit',
        [
          '<bpmn:startEvent id="start" />',
          serviceTask('task', 'work'),
          serviceTask('slow', 'slow'),
          '<bpmn:endEvent id="endA" />',
          '<bpmn:endEvent id="endB" />',
          flow('f0', 'start', 'task'),
          flow('toA', 'task', 'endA'),
          flow('toSlow', 'task', 'slow'),
          flow('toB', 'slow', 'endB'),
        ].join('\n'),
      ),
    );
    await t.deploy({ name: 'implicit.bpmn', content: xml });
    const { processInstanceKey } = await t.zeebe.createProcessInstance({
      bpmnProcessId: 'implicit',
      variables: {},
    });
    await completeNext(t, 'work');
    await settle();
    const life = t.records.lifecycle(processInstanceKey);
    expect(life).toContain('endA:ELEMENT_COMPLETED');
    expect(life).toContain('toSlow:SEQUENCE_FLOW_TAKEN');
    // One path ended, the other still waits: the process is not complete.
    expect(life).not.toContain('implicit:ELEMENT_COMPLETING');
    await completeNext(t, 'slow');
    await t.records.waitForInstanceEnd(processInstanceKey);
    expect(ended(processInstanceKey)).toEqual(['endA', 'endB']);
  });
});
