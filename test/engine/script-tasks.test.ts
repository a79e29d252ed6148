// Conformance: script tasks evaluated by the engine (zeebe:script, ZEEBE-SEMANTICS §2.5, §5.2,
// §8.2), script tasks implemented by job workers, and the pass-through manual and undefined tasks.
import { chain, element, ioMapping, scriptTask } from './support/bpmn';
import { engineForEachTest } from './support/harness';
import { completeNext, elementKey, scopeVariables, variableWrites, waitForIncident } from './support/work';

const t = engineForEachTest();

const passThrough = (id: string) => [
  `${id}:ELEMENT_ACTIVATING`,
  `${id}:ELEMENT_ACTIVATED`,
  `${id}:ELEMENT_COMPLETING`,
  `${id}:ELEMENT_COMPLETED`,
];

describe('script tasks with zeebe:script', () => {
  it('evaluate the expression on activation and merge the result variable into the process, without a job', async () => {
    await t.deploy({ name: 'p.bpmn', content: chain('p', scriptTask('calc', '=a + b', 'sum')) });
    const { processInstanceKey } = await t.zeebe.createProcessInstance({
      bpmnProcessId: 'p',
      variables: { a: 1, b: 2 },
    });
    await t.records.waitForInstanceEnd(processInstanceKey);
    expect(t.records.lifecycle(processInstanceKey).filter((l) => l.startsWith('calc:'))).toEqual(
      passThrough('calc'),
    );
    expect(t.records.variables(processInstanceKey)).toEqual({ a: 1, b: 2, sum: 3 });
    expect(t.records.events('JOB')).toEqual([]);
  });

  it('run input mappings first and apply output mappings to the result', async () => {
    const mappings = ioMapping([['=x * 2', 'y']], [['=result.value + 1', 'final']]);
    await t.deploy({
      name: 'p.bpmn',
      content: chain('p', scriptTask('calc', '={ value: y, items: [y, y] }', 'result', mappings)),
    });
    const { processInstanceKey } = await t.zeebe.createProcessInstance({
      bpmnProcessId: 'p',
      variables: { x: 5 },
    });
    await t.records.waitForInstanceEnd(processInstanceKey);
    const calcKey = elementKey(t, 'calc', processInstanceKey);
    // With an output mapping the result stays a local of the task; only `final` propagates.
    expect(scopeVariables(t, calcKey)).toEqual({ y: 10, result: { value: 10, items: [10, 10] } });
    expect(t.records.variables(processInstanceKey)).toEqual({ x: 5, final: 11 });
  });

  it('store null when the expression yields null (FEEL is null-friendly), without an incident', async () => {
    await t.deploy({ name: 'p.bpmn', content: chain('p', scriptTask('calc', '=missing.value', 'out')) });
    const { processInstanceKey } = await t.zeebe.createProcessInstance({ bpmnProcessId: 'p', variables: {} });
    await t.records.waitForInstanceEnd(processInstanceKey);
    expect(t.records.variables(processInstanceKey)).toEqual({ out: null });
  });

  it('raise EXTRACT_VALUE_ERROR for a failing expression; resolving re-applies the input mappings and evaluates again', async () => {
    const mappings = ioMapping([['=limit', 'l']]);
    await t.deploy({
      name: 'p.bpmn',
      content: chain('p', scriptTask('calc', '=assert(l, l > 0) * 2', 'doubled', mappings)),
    });
    const { processInstanceKey } = await t.zeebe.createProcessInstance({ bpmnProcessId: 'p', variables: {} });
    const incident = await waitForIncident(t, processInstanceKey);
    expect(incident.value).toMatchObject({ errorType: 'EXTRACT_VALUE_ERROR', elementId: 'calc', jobKey: -1 });
    expect(incident.value.errorMessage).toMatch(/assert/);
    expect(t.records.lifecycle(processInstanceKey).slice(-1)).toEqual(['calc:ELEMENT_ACTIVATING']);

    await t.zeebe.setVariables({
      elementInstanceKey: processInstanceKey,
      variables: { limit: 21 },
      local: false,
    });
    await t.zeebe.resolveIncident({ incidentKey: String(incident.key) });
    await t.records.waitForInstanceEnd(processInstanceKey);
    const calcKey = elementKey(t, 'calc', processInstanceKey);
    expect(variableWrites(t, processInstanceKey).filter((v) => v.scopeKey === calcKey)).toEqual([
      { intent: 'CREATED', name: 'l', scopeKey: calcKey, value: null },
      { intent: 'UPDATED', name: 'l', scopeKey: calcKey, value: 21 },
    ]);
    expect(t.records.variables(processInstanceKey)).toEqual({ limit: 21, doubled: 42 });
  });
});

describe('script tasks implemented by a job worker', () => {
  it('create a job of their task definition type and complete with the job', async () => {
    const task = element('scriptTask', 'calc', {
      ext: '<zeebe:taskDefinition type="script-worker" retries="5" />',
    });
    await t.deploy({ name: 'p.bpmn', content: chain('p', task) });
    const { processInstanceKey } = await t.zeebe.createProcessInstance({ bpmnProcessId: 'p', variables: {} });
    const job = await completeNext(t, 'script-worker', { out: 'by worker' });
    expect(job.retries).toBe(5);
    await t.records.waitForInstanceEnd(processInstanceKey);
    expect(t.records.variables(processInstanceKey)).toEqual({ out: 'by worker' });
  });
});

describe('manual and undefined tasks', () => {
  it('pass through in one step each, without jobs', async () => {
    await t.deploy({
      name: 'p.bpmn',
      content: chain('p', '<bpmn:manualTask id="manual" />', '<bpmn:task id="plain" />'),
    });
    const { processInstanceKey } = await t.zeebe.createProcessInstance({ bpmnProcessId: 'p', variables: {} });
    await t.records.waitForInstanceEnd(processInstanceKey);
    expect(t.records.lifecycle(processInstanceKey)).toEqual([
      'p:ELEMENT_ACTIVATING',
      'p:ELEMENT_ACTIVATED',
      ...passThrough('start'),
      'f0:SEQUENCE_FLOW_TAKEN',
      ...passThrough('manual'),
      'f1:SEQUENCE_FLOW_TAKEN',
      ...passThrough('plain'),
      'f2:SEQUENCE_FLOW_TAKEN',
      ...passThrough('end'),
      'p:ELEMENT_COMPLETING',
      'p:ELEMENT_COMPLETED',
    ]);
    const types = t.records
      .events('PROCESS_INSTANCE', 'ELEMENT_ACTIVATED')
      .filter((r) => ['manual', 'plain'].includes(r.value.elementId))
      .map((r) => r.value.bpmnElementType);
    expect(types).toEqual(['MANUAL_TASK', 'TASK']);
    expect(t.records.events('JOB')).toEqual([]);
  });
});
