// Conformance: variable scopes, shadowing, propagation, input and output mappings (ZEEBE-SEMANTICS
// §2, §14 cases 1–3), SetVariables, CreateProcessInstance and FailJob variables.
import { chain, definitions, flow, ioMapping, process, serviceTask, subProcess } from './support/bpmn';
import { engineForEachTest } from './support/harness';
import {
  completeNext,
  elementKey,
  grpcError,
  nextJob,
  scopeVariables,
  Status,
  variableWrites,
  waitForElement,
} from './support/work';

const t = engineForEachTest();

/** start → sub(start → task → end) → after → end, with mappings on the subprocess and the task. */
function inSubprocess(id: string, subMappings: string, taskMappings: string): string {
  return definitions(
    process(
      id,
      [
        '<bpmn:startEvent id="start" />',
        subProcess(
          'sub',
          [
            '<bpmn:startEvent id="subStart" />',
            serviceTask('task', 'work', taskMappings),
            '<bpmn:endEvent id="subEnd" />',
            flow('s1', 'subStart', 'task'),
            flow('s2', 'task', 'subEnd'),
          ].join(''),
          subMappings,
        ),
        serviceTask('after', 'after'),
        '<bpmn:endEvent id="end" />',
        flow('f1', 'start', 'sub'),
        flow('f2', 'sub', 'after'),
        flow('f3', 'after', 'end'),
      ].join('\n'),
    ),
  );
}

describe('CreateProcessInstance variables', () => {
  it('are created in the root scope, one VARIABLE record per top-level name', async () => {
    await t.deploy({ name: 'p.bpmn', content: chain('p', serviceTask('task', 'work')) });
    const { processInstanceKey } = await t.zeebe.createProcessInstance({
      bpmnProcessId: 'p',
      variables: { a: 1, nested: { b: [1, 2] }, s: 'x' },
    });
    const piKey = Number(processInstanceKey);
    const job = await nextJob(t, 'work');
    expect(job.variables).toEqual({ a: 1, nested: { b: [1, 2] }, s: 'x' });
    expect(variableWrites(t, piKey)).toEqual([
      { intent: 'CREATED', name: 'a', scopeKey: piKey, value: 1 },
      { intent: 'CREATED', name: 'nested', scopeKey: piKey, value: { b: [1, 2] } },
      { intent: 'CREATED', name: 's', scopeKey: piKey, value: 'x' },
    ]);
  });
});

describe('input mappings', () => {
  it('run in order, see earlier results, give null for missing sources, take static values and build objects from dotted targets', async () => {
    const mappings = ioMapping([
      ['=a + 1', 'x'],
      ['=x * 10', 'y'], // sees the x mapped just before, not a root x
      ['=missing.deep', 'm'],
      ['Peter', 'name'], // static source
      ['=a', 'sender.id'],
      ['="DE12"', 'sender.iban'],
      ['=a * 100', 'a'], // shadows the root a inside the task
    ]);
    await t.deploy({ name: 'p.bpmn', content: chain('p', serviceTask('task', 'work', mappings)) });
    const { processInstanceKey } = await t.zeebe.createProcessInstance({
      bpmnProcessId: 'p',
      variables: { a: 1, x: 'root x' },
    });
    const piKey = Number(processInstanceKey);
    const job = await nextJob(t, 'work');
    const taskKey = elementKey(t, 'task', piKey);
    const locals = { x: 2, y: 20, m: null, name: 'Peter', sender: { id: 1, iban: 'DE12' }, a: 100 };
    expect(scopeVariables(t, taskKey)).toEqual(locals);
    // The job sees the locals first (innermost wins), then the root.
    expect(job.variables).toEqual(locals);
    expect(String(job.elementInstanceKey)).toBe(String(taskKey));

    await t.zeebe.completeJob({ jobKey: job.key, variables: {} });
    await t.records.waitForInstanceEnd(piKey);
    // The locals went with the task; the root kept its own values.
    expect(t.records.variables(piKey)).toEqual({ a: 1, x: 'root x' });
  });

  it('raise IO_MAPPING_ERROR when a mapping fails, apply nothing, and are evaluated again on resolution', async () => {
    const mappings = ioMapping([
      ['=a', 'first'],
      ['=assert(b, b != null)', 'second'],
    ]);
    await t.deploy({ name: 'p.bpmn', content: chain('p', serviceTask('task', 'work', mappings)) });
    const { processInstanceKey } = await t.zeebe.createProcessInstance({
      bpmnProcessId: 'p',
      variables: { a: 1 },
    });
    const piKey = Number(processInstanceKey);
    const incident = await t.records.waitForEvent('INCIDENT', 'CREATED');
    const taskKey = elementKey(t, 'task', piKey);
    expect(incident.value).toMatchObject({ errorType: 'IO_MAPPING_ERROR', elementId: 'task' });
    expect(scopeVariables(t, taskKey)).toEqual({}); // all or nothing
    expect(t.records.lifecycle(piKey).slice(-1)).toEqual(['task:ELEMENT_ACTIVATING']);

    await t.zeebe.setVariables({ elementInstanceKey: processInstanceKey, variables: { b: 2 }, local: false });
    await t.zeebe.resolveIncident({ incidentKey: String(incident.key) });
    const job = await nextJob(t, 'work');
    expect(job.variables).toMatchObject({ first: 1, second: 2 });
  });
});

describe('job completion without output mappings (§2.4 case 2, §14.1)', () => {
  it('updates an input-mapped local of the task, which then vanishes, and creates new names in the root', async () => {
    const mappings = ioMapping([['=total', 'total']]);
    await t.deploy({ name: 'p.bpmn', content: chain('p', serviceTask('task', 'work', mappings)) });
    const { processInstanceKey } = await t.zeebe.createProcessInstance({
      bpmnProcessId: 'p',
      variables: { total: 1 },
    });
    const piKey = Number(processInstanceKey);
    await completeNext(t, 'work', { total: 99, fresh: 'new' });
    await t.records.waitForInstanceEnd(piKey);
    const taskKey = elementKey(t, 'task', piKey);
    expect(variableWrites(t, piKey)).toEqual([
      { intent: 'CREATED', name: 'total', scopeKey: piKey, value: 1 },
      { intent: 'CREATED', name: 'total', scopeKey: taskKey, value: 1 },
      { intent: 'UPDATED', name: 'total', scopeKey: taskKey, value: 99 },
      { intent: 'CREATED', name: 'fresh', scopeKey: piKey, value: 'new' },
    ]);
    expect(t.records.variables(piKey)).toEqual({ total: 1, fresh: 'new' });
  });
});

describe('job completion with output mappings (§2.4 case 1, §14.2)', () => {
  it('propagates only mapped results, evaluates mappings in order, and creates new names in the root, not in the subprocess', async () => {
    const taskMappings = ioMapping(
      [],
      [
        ['=result', 'r1'],
        ['=r1 + 1', 'r2'], // sees r1 just mapped
        ['=held', 'held'], // exists in the subprocess: updated there
      ],
    );
    const subMappings = ioMapping([['="sub"', 'held']]);
    await t.deploy({ name: 'p.bpmn', content: inSubprocess('p', subMappings, taskMappings) });
    const { processInstanceKey } = await t.zeebe.createProcessInstance({
      bpmnProcessId: 'p',
      variables: { held: 'root' },
    });
    const piKey = Number(processInstanceKey);
    await completeNext(t, 'work', { result: 1, unmapped: 'dropped', held: 'from job' });
    const subKey = elementKey(t, 'sub', piKey);
    const taskKey = elementKey(t, 'task', piKey);
    await waitForElement(t, 'after', 'ELEMENT_ACTIVATED', piKey);

    // The results were first written as locals of the task…
    expect(scopeVariables(t, taskKey)).toEqual({ result: 1, unmapped: 'dropped', held: 'from job' });
    // …then only the mapped ones propagated from the subprocess (the task's flow scope) upward.
    expect(scopeVariables(t, subKey)).toEqual({ held: 'from job' });
    expect(t.records.variables(piKey)).toEqual({ held: 'root', r1: 1, r2: 2 });
    const job = await nextJob(t, 'after');
    expect(job.variables).toEqual({ held: 'root', r1: 1, r2: 2 });
  });

  it('merges a dotted output target into the existing object, keeping its siblings', async () => {
    // ZEEBE-SEMANTICS §15 lists dotted output targets as unconfirmed for 8.8; we follow the doc's
    // preference (current Zeebe code): only the leaf is merged into the existing object.
    const mappings = ioMapping([], [['=city', 'address.city']]);
    await t.deploy({ name: 'p.bpmn', content: chain('p', serviceTask('task', 'work', mappings)) });
    const { processInstanceKey } = await t.zeebe.createProcessInstance({
      bpmnProcessId: 'p',
      variables: { address: { street: 'Main', city: 'old' } },
    });
    await completeNext(t, 'work', { city: 'Beijing' });
    await t.records.waitForInstanceEnd(processInstanceKey);
    expect(t.records.variables(processInstanceKey)).toEqual({
      address: { street: 'Main', city: 'Beijing' },
    });
  });

  it('raises IO_MAPPING_ERROR when an output mapping fails; the task stays COMPLETING until resolved', async () => {
    const mappings = ioMapping([], [['=result * assert(factor, factor != null)', 'scaled']]);
    await t.deploy({ name: 'p.bpmn', content: chain('p', serviceTask('task', 'work', mappings)) });
    const { processInstanceKey } = await t.zeebe.createProcessInstance({
      bpmnProcessId: 'p',
      variables: {},
    });
    const piKey = Number(processInstanceKey);
    await completeNext(t, 'work', { result: 21 });
    const incident = await t.records.waitForEvent('INCIDENT', 'CREATED');
    expect(incident.value).toMatchObject({ errorType: 'IO_MAPPING_ERROR', elementId: 'task' });
    expect((incident.value as { errorMessage: string }).errorMessage).toMatch(/assert/);
    expect(t.records.lifecycle(piKey).slice(-1)).toEqual(['task:ELEMENT_COMPLETING']);

    // Resolving re-runs the completion: the job's results are applied again with the new factor.
    await t.zeebe.setVariables({
      elementInstanceKey: processInstanceKey,
      variables: { factor: 2 },
      local: false,
    });
    await t.zeebe.resolveIncident({ incidentKey: String(incident.key) });
    await t.records.waitForInstanceEnd(piKey);
    expect(t.records.variables(piKey)).toEqual({ factor: 2, scaled: 42 });
  });
});

describe('propagation (§2.2, §14.3)', () => {
  it('updates the nearest scope holding a name and creates unknown names in the root', async () => {
    const subMappings = ioMapping([['="sub value"', 'local']]);
    await t.deploy({ name: 'p.bpmn', content: inSubprocess('p', subMappings, '') });
    const { processInstanceKey } = await t.zeebe.createProcessInstance({
      bpmnProcessId: 'p',
      variables: { local: 'root value', shared: 0 },
    });
    const piKey = Number(processInstanceKey);
    const job = await nextJob(t, 'work');
    // The subprocess local shadows the root variable of the same name.
    expect(job.variables).toEqual({ local: 'sub value', shared: 0 });
    await t.zeebe.completeJob({ jobKey: job.key, variables: { local: 'changed', shared: 1, created: true } });
    await waitForElement(t, 'sub', 'ELEMENT_COMPLETED', piKey);
    const subKey = elementKey(t, 'sub', piKey);

    expect(scopeVariables(t, subKey)).toEqual({ local: 'changed' });
    // Without output mappings the subprocess local is dropped when it completes.
    expect(t.records.variables(piKey)).toEqual({ local: 'root value', shared: 1, created: true });
    const after = await nextJob(t, 'after');
    expect(after.variables).toEqual({ local: 'root value', shared: 1, created: true });
  });
});

describe('SetVariables', () => {
  const twoTasks = definitions(
    process(
      'p',
      [
        '<bpmn:startEvent id="start" />',
        serviceTask('task', 'work', ioMapping([['=1', 'mine']])),
        '<bpmn:endEvent id="end" />',
        flow('f1', 'start', 'task'),
        flow('f2', 'task', 'end'),
      ].join(''),
    ),
  );

  it('without local, propagates: held names are updated where they live, new names go to the root', async () => {
    await t.deploy({ name: 'p.bpmn', content: twoTasks });
    const { processInstanceKey } = await t.zeebe.createProcessInstance({
      bpmnProcessId: 'p',
      variables: { a: 1 },
    });
    const piKey = Number(processInstanceKey);
    await nextJob(t, 'work');
    const taskKey = elementKey(t, 'task', piKey);
    await t.zeebe.setVariables({
      elementInstanceKey: String(taskKey),
      variables: { mine: 2, a: 3, b: 4 },
      local: false,
    });
    expect(scopeVariables(t, taskKey)).toEqual({ mine: 2 });
    expect(t.records.variables(piKey)).toEqual({ a: 3, b: 4 });
    const doc = t.records.events('VARIABLE_DOCUMENT', 'UPDATED')[0];
    expect(doc.value).toMatchObject({ scopeKey: taskKey, updateSemantics: 'PROPAGATE' });
  });

  it('with local=true writes into exactly the given scope, shadowing the root', async () => {
    await t.deploy({ name: 'p.bpmn', content: twoTasks });
    const { processInstanceKey } = await t.zeebe.createProcessInstance({
      bpmnProcessId: 'p',
      variables: { a: 1 },
    });
    const piKey = Number(processInstanceKey);
    const first = await nextJob(t, 'work');
    const taskKey = elementKey(t, 'task', piKey);
    await t.zeebe.setVariables({
      elementInstanceKey: String(taskKey),
      variables: { a: 'local' },
      local: true,
    });
    expect(scopeVariables(t, taskKey)).toEqual({ mine: 1, a: 'local' });
    expect(t.records.variables(piKey)).toEqual({ a: 1 });
    // A worker activating the job now sees the local value.
    await t.zeebe.failJob({ jobKey: first.key, retries: 3, errorMessage: 'again', retryBackOff: 0 });
    const again = await nextJob(t, 'work');
    expect(again.variables).toEqual({ a: 'local', mine: 1 });
  });

  it('accepts the process instance key as the scope', async () => {
    await t.deploy({ name: 'p.bpmn', content: twoTasks });
    const { processInstanceKey } = await t.zeebe.createProcessInstance({ bpmnProcessId: 'p', variables: {} });
    await nextJob(t, 'work');
    await t.zeebe.setVariables({ elementInstanceKey: processInstanceKey, variables: { x: 1 }, local: true });
    expect(t.records.variables(processInstanceKey)).toEqual({ x: 1 });
  });

  it('answers NOT_FOUND for an unknown or finished scope and INVALID_ARGUMENT for a document that is not an object', async () => {
    await t.deploy({ name: 'p.bpmn', content: twoTasks });
    const { processInstanceKey } = await t.zeebe.createProcessInstance({ bpmnProcessId: 'p', variables: {} });
    await completeNext(t, 'work');
    await t.records.waitForInstanceEnd(processInstanceKey);

    const unknown = await grpcError(
      t.zeebe.setVariables({ elementInstanceKey: '2251799813999999', variables: { x: 1 }, local: false }),
    );
    expect(unknown.code).toBe(Status.NOT_FOUND);
    const finished = await grpcError(
      t.zeebe.setVariables({ elementInstanceKey: processInstanceKey, variables: { x: 1 }, local: false }),
    );
    expect(finished.code).toBe(Status.NOT_FOUND);
    const array = await grpcError(
      t.zeebe.setVariables({
        elementInstanceKey: processInstanceKey,
        variables: '[1,2]' as never,
        local: false,
      }),
    );
    expect(array.code).toBe(Status.INVALID_ARGUMENT);
    expect(array.message).toMatch(/root level object/);
  });
});

describe('FailJob variables', () => {
  it('are set locally on the task: the retry sees them, the process does not', async () => {
    await t.deploy({ name: 'p.bpmn', content: chain('p', serviceTask('task', 'work')) });
    const { processInstanceKey } = await t.zeebe.createProcessInstance({
      bpmnProcessId: 'p',
      variables: { a: 1 },
    });
    const piKey = Number(processInstanceKey);
    const first = await nextJob(t, 'work');
    await t.zeebe.failJob({
      jobKey: first.key,
      retries: 2,
      errorMessage: 'try again',
      retryBackOff: 0,
      variables: { attempt: 1 },
    });
    const taskKey = elementKey(t, 'task', piKey);
    expect(scopeVariables(t, taskKey)).toEqual({ attempt: 1 });
    const second = await nextJob(t, 'work');
    expect(second.variables).toEqual({ a: 1, attempt: 1 });
    expect(second.retries).toBe(2);
    await t.zeebe.completeJob({ jobKey: second.key, variables: { done: true } });
    await t.records.waitForInstanceEnd(piKey);
    expect(t.records.variables(piKey)).toEqual({ a: 1, done: true });
  });
});
