// Conformance: execution listeners (zeebe:executionListeners) on tasks, as Zeebe 8.8 runs them —
// start listeners as jobs of kind EXECUTION_LISTENER between ELEMENT_ACTIVATING (after the input
// mappings) and the element's own work, end listeners after the output mappings and before
// ELEMENT_COMPLETED; their variables, incidents, BPMN-error refusal, termination and replay after a
// restart. Through the real gRPC port with @camunda8/sdk.
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import {
  chain,
  definitions,
  element,
  flow,
  ioMapping,
  multiInstance,
  process,
  serviceTask,
  subProcess,
} from './support/bpmn';
import { listenerJobsCreated, listeners, trail } from './support/listeners';
import { startTestEngine, type TestEngine } from './support/harness';
import { copyJournal, replayedState } from './support/replay';
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

jest.setTimeout(30_000);

let t: TestEngine;
const dirs: string[] = [];
afterEach(async () => {
  await t.close();
  for (const dir of dirs.splice(0)) rmSync(dir, { recursive: true, force: true });
});

async function start(variables: Record<string, unknown> = {}) {
  const { processInstanceKey } = await t.zeebe.createProcessInstance({
    bpmnProcessId: 'p',
    variables: variables as never,
  });
  return processInstanceKey;
}

describe('on a service task', () => {
  beforeEach(async () => {
    t = await startTestEngine();
    const ext =
      ioMapping([['=amount * 2', 'doubled']], [['=result + 1', 'total']]) +
      listeners(['start', 'check'], ['start', '="lis-" + kind', ' retries="=tries"'], ['end', 'audit']) +
      '<zeebe:taskHeaders><zeebe:header key="unit" value="法院" /><zeebe:header key="stage" value="task" /></zeebe:taskHeaders>';
    await t.deploy({ name: 'p.bpmn', content: chain('p', serviceTask('task', 'work', ext)) });
  });

  it('runs start listeners one after the other between ACTIVATING and ACTIVATED, end listeners before COMPLETED', async () => {
    const pi = await start({ amount: 5, kind: 'second', tries: 2 });
    const first = await nextJob(t, 'check');
    const key = elementKey(t, 'task', pi);
    // the input mapping ran before the first listener; the second listener waits for the first
    expect(first.variables).toMatchObject({ amount: 5, doubled: 10 });
    expect(first.retries).toBe(3);
    expect(first.customHeaders).toMatchObject({ unit: '法院' });
    expect(t.records.events('JOB', 'CREATED')).toHaveLength(1);
    await t.zeebe.completeJob({ jobKey: first.key, variables: { checked: true } });

    const second = await nextJob(t, 'lis-second');
    expect(second.retries).toBe(2);
    // a start listener's variables are the element's locals, seen by the next listener
    expect(second.variables).toMatchObject({ checked: true, doubled: 10 });
    expect(scopeVariables(t, key)).toMatchObject({ checked: true, doubled: 10 });
    expect(scopeVariables(t, Number(pi))).not.toHaveProperty('checked');
    await t.zeebe.completeJob({ jobKey: second.key, variables: {} });

    const work = await nextJob(t, 'work');
    await t.zeebe.completeJob({ jobKey: work.key, variables: { result: 41 } });
    const audit = await nextJob(t, 'audit');
    // the end listener sees the output mappings' result
    expect(audit.variables).toMatchObject({ total: 42 });
    await t.zeebe.completeJob({ jobKey: audit.key, variables: { audited: 'yes' } });
    await t.records.waitForInstanceEnd(pi);

    expect(trail(t, key)).toEqual([
      'ELEMENT_ACTIVATING',
      'JOB CREATED check EXECUTION_LISTENER/START',
      'JOB COMPLETED check EXECUTION_LISTENER/START',
      'JOB CREATED lis-second EXECUTION_LISTENER/START',
      'JOB COMPLETED lis-second EXECUTION_LISTENER/START',
      'ELEMENT_ACTIVATED',
      'JOB CREATED work BPMN_ELEMENT/UNSPECIFIED',
      'JOB COMPLETED work BPMN_ELEMENT/UNSPECIFIED',
      'ELEMENT_COMPLETING',
      'JOB CREATED audit EXECUTION_LISTENER/END',
      'JOB COMPLETED audit EXECUTION_LISTENER/END',
      'ELEMENT_COMPLETED',
    ]);
    // each completed listener brings the element back through a COMPLETE_EXECUTION_LISTENER command
    const resumed = t.records.all.filter(
      (r) => r.recordType === 'COMMAND' && r.intent === 'COMPLETE_EXECUTION_LISTENER' && r.key === key,
    );
    expect(resumed).toHaveLength(3);
    // an end listener's variables go to the enclosing scope, like the output mappings'
    expect(t.records.variables(pi)).toMatchObject({ total: 42, audited: 'yes' });
    expect(scopeVariables(t, key)).not.toHaveProperty('audited');
  });

  it('a listener job without retries raises EXECUTION_LISTENER_NO_RETRIES; resolved, the same listener runs again', async () => {
    const pi = await start({ amount: 1, kind: 'x', tries: 1 });
    await completeNext(t, 'check');
    const job = await nextJob(t, 'lis-x');
    await t.zeebe.failJob({ jobKey: job.key, retries: 0, errorMessage: '审计服务不可用', retryBackOff: 0 });
    const incident = await waitForIncident(t, pi);
    expect(incident.value).toMatchObject({
      errorType: 'EXECUTION_LISTENER_NO_RETRIES',
      errorMessage: '审计服务不可用',
      elementId: 'task',
      jobKey: Number(job.key),
    });
    await t.zeebe.updateJobRetries({ jobKey: job.key, retries: 1 });
    await t.zeebe.resolveIncident({ incidentKey: String(incident.key) });
    const again = await nextJob(t, 'lis-x');
    expect(again.key).toBe(job.key);
    await t.zeebe.completeJob({ jobKey: again.key, variables: {} });
    await waitForElement(t, 'task', 'ELEMENT_ACTIVATED', pi);
    // the first listener, completed before the failure, did not run again
    expect(t.records.events('JOB', 'CREATED').map((r) => r.value.type)).toEqual(['check', 'lis-x', 'work']);
  });

  it('a listener job type that does not evaluate raises EXTRACT_VALUE_ERROR; resolved, the whole start phase runs again', async () => {
    const pi = await start({ amount: 1, kind: 7, tries: 1 });
    await completeNext(t, 'check', { checked: 1 });
    const incident = await waitForIncident(t, pi);
    expect(incident.value.errorType).toBe('EXTRACT_VALUE_ERROR');
    expect(incident.value.elementId).toBe('task');
    expect(incident.value.errorMessage).toContain(
      `Expected result of the expression '"lis-" + kind' to be 'STRING'`,
    );
    expect(listenerJobsCreated(t)).toEqual(['check']);

    await t.zeebe.setVariables({
      elementInstanceKey: pi,
      variables: { kind: 'fixed', amount: 4 },
      local: false,
    });
    await t.zeebe.resolveIncident({ incidentKey: String(incident.key) });
    // As Zeebe does after an expression failure: the input mappings and the first listener run again.
    const again = await nextJob(t, 'check');
    expect(again.variables).toMatchObject({ doubled: 8 });
    await t.zeebe.completeJob({ jobKey: again.key, variables: {} });
    await completeNext(t, 'lis-fixed');
    await nextJob(t, 'work');
    expect(listenerJobsCreated(t)).toEqual(['check', 'check', 'lis-fixed']);
    const key = elementKey(t, 'task', pi);
    expect(trail(t, key)).toEqual([
      'ELEMENT_ACTIVATING',
      'JOB CREATED check EXECUTION_LISTENER/START',
      'JOB COMPLETED check EXECUTION_LISTENER/START',
      'JOB CREATED check EXECUTION_LISTENER/START',
      'JOB COMPLETED check EXECUTION_LISTENER/START',
      'JOB CREATED lis-fixed EXECUTION_LISTENER/START',
      'JOB COMPLETED lis-fixed EXECUTION_LISTENER/START',
      'ELEMENT_ACTIVATED',
      'JOB CREATED work BPMN_ELEMENT/UNSPECIFIED',
    ]);
  });

  it('refuses a BPMN error thrown from a listener job; the job stays with its worker', async () => {
    await start({ amount: 1, kind: 'x', tries: 1 });
    const job = await nextJob(t, 'check');
    const err = await grpcError(t.zeebe.throwError({ jobKey: job.key, errorCode: 'E', errorMessage: 'no' }));
    expect(err.code).toBe(Status.FAILED_PRECONDITION);
    expect(err.message).toContain(
      `Cannot throw BPMN error from EXECUTION_LISTENER job with key '${job.key}'`,
    );
    expect(t.records.events('JOB', 'ERROR_THROWN')).toHaveLength(0);
    await t.zeebe.completeJob({ jobKey: job.key, variables: {} });
    await nextJob(t, 'lis-x');
  });

  it('terminating the element cancels its running listener job', async () => {
    const pi = await start({ amount: 1, kind: 'x', tries: 1 });
    const job = await nextJob(t, 'check');
    await t.zeebe.cancelProcessInstance(pi);
    await t.records.waitForInstanceEnd(pi);
    const key = elementKey(t, 'task', pi);
    expect(trail(t, key)).toEqual([
      'ELEMENT_ACTIVATING',
      'JOB CREATED check EXECUTION_LISTENER/START',
      'ELEMENT_TERMINATING',
      'JOB CANCELED check EXECUTION_LISTENER/START',
      'ELEMENT_TERMINATED',
    ]);
    const err = await grpcError(t.zeebe.completeJob({ jobKey: job.key, variables: {} }));
    expect(err.code).toBe(Status.NOT_FOUND);
  });
});

describe('on tasks without a job of their own', () => {
  beforeEach(async () => {
    t = await startTestEngine();
  });

  it('a manual task and a script task run their start and end listeners around their work', async () => {
    const ext = listeners(['start', 'before'], ['end', 'after']);
    await t.deploy({
      name: 'p.bpmn',
      content: chain(
        'p',
        element('manualTask', 'manual', { ext }),
        element('scriptTask', 'script', {
          ext: `<zeebe:script expression="=base + 1" resultVariable="sum" />${ext}`,
        }),
      ),
    });
    const pi = await start();
    await completeNext(t, 'before');
    await completeNext(t, 'after');
    await completeNext(t, 'before', { base: 9 });
    const after = await nextJob(t, 'after');
    expect(after.variables).toMatchObject({ sum: 10 });
    await t.zeebe.completeJob({ jobKey: after.key, variables: {} });
    await t.records.waitForInstanceEnd(pi);
    expect(trail(t, elementKey(t, 'manual', pi))).toEqual([
      'ELEMENT_ACTIVATING',
      'JOB CREATED before EXECUTION_LISTENER/START',
      'JOB COMPLETED before EXECUTION_LISTENER/START',
      'ELEMENT_ACTIVATED',
      'ELEMENT_COMPLETING',
      'JOB CREATED after EXECUTION_LISTENER/END',
      'JOB COMPLETED after EXECUTION_LISTENER/END',
      'ELEMENT_COMPLETED',
    ]);
    expect(t.records.variables(pi)).toMatchObject({ sum: 10 });
  });
});

it('a listener job survives a restart: replayed from the journal, its completion continues the element', async () => {
  const dir = mkdtempSync(join(tmpdir(), 'zhuanban-listeners-'));
  dirs.push(dir);
  t = await startTestEngine({ dataDir: dir });
  await t.deploy({
    name: 'p.bpmn',
    content: chain('p', serviceTask('task', 'work', listeners(['start', 'check'], ['end', 'audit']))),
  });
  const pi = await start();
  await completeNext(t, 'check');
  await completeNext(t, 'work');
  await waitForElement(t, 'task', 'ELEMENT_COMPLETING', pi);
  await t.close();

  t = await startTestEngine({ dataDir: dir });
  const audit = await nextJob(t, 'audit');
  expect(audit.processInstanceKey).toBe(pi);
  await t.zeebe.completeJob({ jobKey: audit.key, variables: {} });
  await t.records.waitForInstanceEnd(pi);
  // the restarted engine rebuilt the element waiting for its end listener: nothing ran twice
  expect(t.records.lifecycle(pi).slice(0, 2)).toEqual(['task:ELEMENT_COMPLETED', 'f1:SEQUENCE_FLOW_TAKEN']);
  expect(t.records.events('JOB', 'CREATED')).toHaveLength(0);
});

it('replaying the journal rebuilds exactly the live state of listeners waiting on every kind of element', async () => {
  const dir = mkdtempSync(join(tmpdir(), 'zhuanban-listeners-'));
  dirs.push(dir);
  t = await startTestEngine({ dataDir: dir, sync: 'off' });
  const inner = `<bpmn:startEvent id="subStart" /><bpmn:serviceTask id="inner"><bpmn:extensionElements><zeebe:taskDefinition type="inner-work" /></bpmn:extensionElements></bpmn:serviceTask><bpmn:endEvent id="subEnd" /><bpmn:sequenceFlow id="s0" sourceRef="subStart" targetRef="inner" /><bpmn:sequenceFlow id="s1" sourceRef="inner" targetRef="subEnd" />`;
  const each = serviceTask('each', 'review', listeners(['start', '="m-" + kind'])).replace(
    '</bpmn:serviceTask>',
    `${multiInstance('=[1, 2]', { inputElement: 'item' })}</bpmn:serviceTask>`,
  );
  const body = [
    `<bpmn:extensionElements>${listeners(['start', 'p-start'], ['end', 'p-end'])}</bpmn:extensionElements>`,
    '<bpmn:startEvent id="start" />',
    element('parallelGateway', 'fork', { ext: listeners(['start', 'g-start']) }),
    subProcess('sub', inner, listeners(['start', 's-start'])),
    each,
    '<bpmn:parallelGateway id="join" />',
    '<bpmn:endEvent id="end" />',
    flow('f0', 'start', 'fork'),
    flow('f1', 'fork', 'sub'),
    flow('f2', 'fork', 'each'),
    flow('f3', 'sub', 'join'),
    flow('f4', 'each', 'join'),
    flow('f5', 'join', 'end'),
  ].join('\n');
  await t.deploy({ name: 'p.bpmn', content: definitions(process('p', body)) });
  const pi = await start();
  await completeNext(t, 'p-start', { stage: 1 });
  await completeNext(t, 'g-start');
  await nextJob(t, 's-start');
  // both inner instances stop at their listener's type expression; one of them is resolved
  const incident = await waitForIncident(t, pi, 2);
  await t.zeebe.setVariables({ elementInstanceKey: pi, variables: { kind: 'x' }, local: false });
  await t.zeebe.resolveIncident({ incidentKey: String(incident.key) });
  await nextJob(t, 'm-x');

  const engine = t.server.engine;
  for (let seen = -1; seen !== t.records.all.length;) {
    seen = t.records.all.length;
    await new Promise((r) => setTimeout(r, 200));
    await engine.flush();
  }
  const live = engine.stateJson();
  const replayed = await replayedState(await copyJournal(dir, 'journal-only', false));
  expect(replayed.fromSnapshot).toBe(false);
  expect(replayed.json).toEqual(live);
  expect(listenerJobsCreated(t)).toEqual(['p-start', 'g-start', 's-start', 'm-x']);
});
