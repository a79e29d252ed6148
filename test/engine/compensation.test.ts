// Conformance: compensation as Zeebe 8.8 runs it (ZEEBE-SEMANTICS §8.2, engine/README.md). A completed activity
// with a compensation boundary event leaves a COMPENSATION_SUBSCRIPTION (CREATED before its ELEMENT_COMPLETED);
// a compensation throw or end event triggers the subscriptions of its scope (TRIGGERED), the boundary event passes
// and each handler runs once in the throw event's scope; the throw event waits until every handler completed
// (COMPLETED), then goes on. Activities not completed are not compensated; completed subprocesses are compensated
// through their children; activityRef picks one activity; from an event subprocess the scope around it is
// compensated; what is left is DELETED with the instance. Through the real gRPC port with the SDK.
import {
  definitions,
  process,
  serviceTask,
  subProcess,
  bpmnError,
  errorDefinition,
  flow,
} from './support/bpmn';
import {
  compensable,
  compensationEnd,
  compensationThrow,
  handlerTask,
  compensationBoundary,
  subscriptionLog,
} from './support/compensation';
import { engineForEachTest } from './support/harness';
import { activate, completeNext, elementKey, nextJob, waitForElement } from './support/work';
import { espStart, path, subprocess } from './support/events';

const t = engineForEachTest();

async function start(bpmnProcessId: string) {
  const { processInstanceKey } = await t.zeebe.createProcessInstance({ bpmnProcessId, variables: {} });
  return processInstanceKey;
}

const flows = (prefix: string, ...ids: string[]) =>
  ids.slice(1).map((target, i) => flow(`${prefix}${i}`, ids[i], target));

/** start → A → B → throw → end, A and B compensable (handlers undo-A, undo-B). */
const twoCompensable = (throwDef = compensationThrow('throw')) =>
  definitions(
    process(
      'two',
      [
        '<bpmn:startEvent id="start" />',
        compensable('A'),
        compensable('B'),
        throwDef,
        '<bpmn:endEvent id="end" />',
        ...flows('f', 'start', 'A', 'B', 'throw', 'end'),
      ].join('\n'),
    ),
  );

it('a throw event compensates both completed activities at once and waits for their handlers', async () => {
  await t.deploy({ name: 'two.bpmn', content: twoCompensable() });
  const pik = await start('two');
  await completeNext(t, 'A');
  await completeNext(t, 'B');
  await waitForElement(t, 'throw', 'ELEMENT_ACTIVATED', pik);
  // Both handlers are there together, before either is done.
  const jobs = await activate(t, 'undo-A');
  const more = await activate(t, 'undo-B');
  expect([...jobs, ...more].map((j) => j.elementId)).toEqual(['undo-A', 'undo-B']);
  expect(subscriptionLog(t.records, pik)).toEqual([
    'CREATED A [undo-A]',
    'CREATED B [undo-B]',
    'TRIGGERED A [undo-A] by throw',
    'TRIGGERED B [undo-B] by throw',
  ]);
  await t.zeebe.completeJob({ jobKey: jobs[0]!.key, variables: {} });
  await waitForElement(t, 'undo-A', 'ELEMENT_COMPLETED', pik);
  expect(t.records.lifecycle(pik)).not.toContain('throw:ELEMENT_COMPLETED');
  await t.zeebe.completeJob({ jobKey: more[0]!.key, variables: {} });
  await t.records.waitForInstanceEnd(pik);

  const life = t.records.lifecycle(pik);
  // The subscription is created as the activity completes; the boundary event passes as its handler starts.
  expect(life.indexOf('A:ELEMENT_COMPLETED')).toBeGreaterThan(-1);
  const created = t.records.events('COMPENSATION_SUBSCRIPTION', 'CREATED')[0]!;
  const aCompleted = t.records.all.find(
    (r) =>
      r.valueType === 'PROCESS_INSTANCE' &&
      r.intent === 'ELEMENT_COMPLETED' &&
      r.key === elementKey(t, 'A', pik),
  )!;
  expect(created.position).toBeLessThan(aCompleted.position);
  expect(life.filter((l) => l.startsWith('A-comp:'))).toEqual([
    'A-comp:ELEMENT_ACTIVATING',
    'A-comp:ELEMENT_ACTIVATED',
    'A-comp:ELEMENT_COMPLETING',
    'A-comp:ELEMENT_COMPLETED',
  ]);
  expect(life.slice(life.indexOf('throw:ELEMENT_COMPLETING'))).toEqual([
    'throw:ELEMENT_COMPLETING',
    'throw:ELEMENT_COMPLETED',
    'f3:SEQUENCE_FLOW_TAKEN',
    'end:ELEMENT_ACTIVATING',
    'end:ELEMENT_ACTIVATED',
    'end:ELEMENT_COMPLETING',
    'end:ELEMENT_COMPLETED',
    'two:ELEMENT_COMPLETING',
    'two:ELEMENT_COMPLETED',
  ]);
  expect(subscriptionLog(t.records, pik).slice(4)).toEqual([
    'COMPLETED A [undo-A] by throw',
    'COMPLETED B [undo-B] by throw',
  ]);
  // The handler runs in the throw event's scope, marked as compensation, with the keys on its subscription.
  const triggered = t.records.events('COMPENSATION_SUBSCRIPTION', 'TRIGGERED')[0]!.value;
  const undo = await waitForElement(t, 'undo-A', 'ELEMENT_ACTIVATING', pik);
  expect(undo.value).toMatchObject({ flowScopeKey: Number(pik), bpmnEventType: 'COMPENSATION' });
  expect(triggered).toMatchObject({
    compensableActivityScopeKey: Number(pik),
    compensableActivityInstanceKey: elementKey(t, 'A', pik),
    throwEventInstanceKey: elementKey(t, 'throw', pik),
    compensationHandlerInstanceKey: undo.key,
  });
});

it('compensates only the activity named by activityRef', async () => {
  await t.deploy({ name: 'ref.bpmn', content: twoCompensable(compensationThrow('throw', 'B')) });
  const pik = await start('two');
  await completeNext(t, 'A');
  await completeNext(t, 'B');
  await completeNext(t, 'undo-B');
  await t.records.waitForInstanceEnd(pik);
  expect(await activate(t, 'undo-A', { requestTimeout: 300 })).toHaveLength(0);
  expect(subscriptionLog(t.records, pik)).toEqual([
    'CREATED A [undo-A]',
    'CREATED B [undo-B]',
    'TRIGGERED B [undo-B] by throw',
    'COMPLETED B [undo-B] by throw',
    // A was never compensated: its subscription goes with the instance.
    'DELETED A [undo-A]',
  ]);
});

it('does not compensate an activity that has not completed, and nothing to compensate lets the throw pass', async () => {
  const body = [
    '<bpmn:startEvent id="start" />',
    '<bpmn:parallelGateway id="fork" />',
    compensable('A'),
    compensable('C'),
    compensationThrow('throw'),
    '<bpmn:endEvent id="endA" />',
    '<bpmn:endEvent id="endC" />',
    flow('f0', 'start', 'fork'),
    flow('f1', 'fork', 'A'),
    flow('f2', 'A', 'endA'),
    flow('f3', 'fork', 'C'),
    flow('f4', 'C', 'throw'),
    flow('f5', 'throw', 'endC'),
  ].join('\n');
  await t.deploy({ name: 'active.bpmn', content: definitions(process('active', body)) });
  const pik = await start('active');
  const a = await nextJob(t, 'A'); // A stays active
  await completeNext(t, 'C');
  await completeNext(t, 'undo-C');
  await waitForElement(t, 'throw', 'ELEMENT_COMPLETED', pik);
  expect(await activate(t, 'undo-A', { requestTimeout: 300 })).toHaveLength(0);
  await t.zeebe.completeJob({ jobKey: a.key, variables: {} });
  await t.records.waitForInstanceEnd(pik);
  expect(subscriptionLog(t.records, pik)).toEqual([
    'CREATED C [undo-C]',
    'TRIGGERED C [undo-C] by throw',
    'COMPLETED C [undo-C] by throw',
    'CREATED A [undo-A]',
    'DELETED A [undo-A]',
  ]);
  expect(t.records.lifecycle(pik).filter((l) => l.startsWith('undo-A'))).toEqual([]);

  // A throw with nothing compensable in its scope completes at once.
  await t.deploy({
    name: 'none.bpmn',
    content: definitions(
      process(
        'none',
        path('n', '<bpmn:startEvent id="s" />', compensationThrow('throw'), '<bpmn:endEvent id="e" />'),
      ),
    ),
  });
  const none = await start('none');
  await t.records.waitForInstanceEnd(none);
  expect(subscriptionLog(t.records, none)).toEqual([]);
  expect(t.records.lifecycle(none)).toContain('throw:ELEMENT_COMPLETED');
});

it('compensates a completed subprocess through its children, in the scope of the throw event', async () => {
  const inner = path(
    'i',
    '<bpmn:startEvent id="in-start" />',
    serviceTask('X', 'X'),
    '<bpmn:endEvent id="in-end" />',
  );
  const body = [
    '<bpmn:startEvent id="start" />',
    subProcess(
      'sub',
      [inner, handlerTask('undo-X', 'undo-X'), compensationBoundary('X', 'undo-X')].join('\n'),
    ),
    compensationEnd('compensate'),
    ...flows('f', 'start', 'sub', 'compensate'),
  ].join('\n');
  await t.deploy({ name: 'sub.bpmn', content: definitions(process('sub-comp', body)) });
  const pik = await start('sub-comp');
  await completeNext(t, 'X');
  await waitForElement(t, 'compensate', 'ELEMENT_ACTIVATED', pik);
  expect(subscriptionLog(t.records, pik)).toEqual([
    'CREATED X [undo-X]',
    'CREATED sub',
    'TRIGGERED sub by compensate',
    'TRIGGERED X [undo-X] by compensate',
  ]);
  const [sub, x] = t.records.events('COMPENSATION_SUBSCRIPTION', 'TRIGGERED').map((r) => r.value);
  expect(sub).toMatchObject({ compensableActivityScopeKey: Number(pik), compensationHandlerInstanceKey: -1 });
  expect(x!.compensableActivityScopeKey).toBe(elementKey(t, 'sub', pik));
  // The subprocess is gone: its child's handler runs in the scope of the end event.
  const undo = await waitForElement(t, 'undo-X', 'ELEMENT_ACTIVATING', pik);
  expect(undo.value.flowScopeKey).toBe(Number(pik));
  await completeNext(t, 'undo-X');
  await t.records.waitForInstanceEnd(pik);
  expect(subscriptionLog(t.records, pik).slice(4)).toEqual([
    'COMPLETED X [undo-X] by compensate',
    'COMPLETED sub by compensate',
  ]);
  const life = t.records.lifecycle(pik);
  expect(life.indexOf('compensate:ELEMENT_COMPLETED')).toBeGreaterThan(
    life.indexOf('undo-X:ELEMENT_COMPLETED'),
  );
  expect(life.at(-1)).toBe('sub-comp:ELEMENT_COMPLETED');
});

it('a throw inside a subprocess compensates only within it', async () => {
  const inner = path(
    'i',
    '<bpmn:startEvent id="in-start" />',
    serviceTask('X', 'X'),
    compensationThrow('inner-throw'),
    '<bpmn:endEvent id="in-end" />',
  );
  const body = [
    '<bpmn:startEvent id="start" />',
    compensable('A'),
    subProcess(
      'sub',
      [inner, handlerTask('undo-X', 'undo-X'), compensationBoundary('X', 'undo-X')].join('\n'),
    ),
    '<bpmn:endEvent id="end" />',
    ...flows('f', 'start', 'A', 'sub', 'end'),
  ].join('\n');
  await t.deploy({ name: 'inner.bpmn', content: definitions(process('inner', body)) });
  const pik = await start('inner');
  await completeNext(t, 'A');
  await completeNext(t, 'X');
  const undo = await waitForElement(t, 'undo-X', 'ELEMENT_ACTIVATING', pik);
  expect(undo.value.flowScopeKey).toBe(elementKey(t, 'sub', pik));
  await completeNext(t, 'undo-X');
  await t.records.waitForInstanceEnd(pik);
  expect(await activate(t, 'undo-A', { requestTimeout: 300 })).toHaveLength(0);
  expect(subscriptionLog(t.records, pik)).toEqual([
    'CREATED A [undo-A]',
    'CREATED X [undo-X]',
    'TRIGGERED X [undo-X] by inner-throw',
    'COMPLETED X [undo-X] by inner-throw',
    'DELETED A [undo-A]',
  ]);
});

it('a compensation end event in an error event subprocess compensates the scope around it', async () => {
  const esp = subprocess(
    'on-error',
    path('e', espStart('caught', errorDefinition('err'), true), compensationEnd('undo-all')),
    true,
  );
  const body = [
    '<bpmn:startEvent id="start" />',
    compensable('A'),
    serviceTask('B', 'B'),
    '<bpmn:endEvent id="end" />',
    esp,
    ...flows('f', 'start', 'A', 'B', 'end'),
  ].join('\n');
  await t.deploy({
    name: 'esp.bpmn',
    content: definitions(process('esp', body), bpmnError('err', 'FAILED')),
  });
  const pik = await start('esp');
  await completeNext(t, 'A');
  const b = await nextJob(t, 'B');
  await t.zeebe.throwError({ jobKey: b.key, errorCode: 'FAILED', errorMessage: 'B failed' });
  const undo = await waitForElement(t, 'undo-A', 'ELEMENT_ACTIVATING', pik);
  expect(undo.value.flowScopeKey).toBe(elementKey(t, 'on-error', pik));
  await completeNext(t, 'undo-A');
  await t.records.waitForInstanceEnd(pik);
  expect(subscriptionLog(t.records, pik)).toEqual([
    'CREATED A [undo-A]',
    'TRIGGERED A [undo-A] by undo-all',
    'COMPLETED A [undo-A] by undo-all',
  ]);
  expect(t.records.lifecycle(pik).slice(-2)).toEqual(['esp:ELEMENT_COMPLETING', 'esp:ELEMENT_COMPLETED']);
});

it('compensates a multi-instance activity once, after all its instances completed', async () => {
  const mi =
    '<bpmn:multiInstanceLoopCharacteristics><bpmn:extensionElements><zeebe:loopCharacteristics inputCollection="=[1,2,3]" /></bpmn:extensionElements></bpmn:multiInstanceLoopCharacteristics>';
  const body = [
    '<bpmn:startEvent id="start" />',
    compensable('M', mi),
    compensationThrow('throw'),
    '<bpmn:endEvent id="end" />',
    ...flows('f', 'start', 'M', 'throw', 'end'),
  ].join('\n');
  await t.deploy({ name: 'mi.bpmn', content: definitions(process('mi', body)) });
  const pik = await start('mi');
  for (let i = 0; i < 3; i++) await completeNext(t, 'M');
  await completeNext(t, 'undo-M');
  await t.records.waitForInstanceEnd(pik);
  expect(await activate(t, 'undo-M', { requestTimeout: 300 })).toHaveLength(0);
  expect(subscriptionLog(t.records, pik)).toEqual([
    'CREATED M [undo-M]',
    'TRIGGERED M [undo-M] by throw',
    'COMPLETED M [undo-M] by throw',
  ]);
  const created = t.records.events('COMPENSATION_SUBSCRIPTION', 'CREATED')[0]!.value;
  const body0 = t.records
    .events('PROCESS_INSTANCE', 'ELEMENT_ACTIVATING')
    .find((r) => r.value.elementId === 'M' && r.value.bpmnElementType === 'MULTI_INSTANCE_BODY')!;
  expect(created.compensableActivityInstanceKey).toBe(body0.key);
});

it("records a throw compensating a multi-instance activity in Zeebe 8.8's order: one handler for the body", async () => {
  // Zeebe's MultiInstanceActivityTransformer moves the boundary event to the body, so only the body's completion
  // subscribes (BpmnCompensationSubscriptionBehaviour) and the throw passes the boundary and runs the handler once
  const mi =
    '<bpmn:multiInstanceLoopCharacteristics><bpmn:extensionElements><zeebe:loopCharacteristics inputCollection="=[1,2]" /></bpmn:extensionElements></bpmn:multiInstanceLoopCharacteristics>';
  const body = [
    '<bpmn:startEvent id="start" />',
    compensable('M', mi),
    compensationThrow('throw'),
    '<bpmn:endEvent id="end" />',
    ...flows('f', 'start', 'M', 'throw', 'end'),
  ].join('\n');
  await t.deploy({ name: 'mi-order.bpmn', content: definitions(process('miorder', body)) });
  const pik = await start('miorder');
  for (let i = 0; i < 2; i++) await completeNext(t, 'M');
  await completeNext(t, 'undo-M');
  await t.records.waitForInstanceEnd(pik);
  const all = t.records.all.filter(
    (r) =>
      (r.recordType === 'EVENT' || r.intent === 'ACTIVATE_ELEMENT' || r.intent === 'COMPLETE_ELEMENT') &&
      (r.valueType === 'PROCESS_INSTANCE' || r.valueType === 'COMPENSATION_SUBSCRIPTION'),
  );
  const describe = (r: (typeof all)[number]) => {
    const v = r.value as { elementId?: string; compensableActivityId?: string; bpmnElementType?: string };
    const id = v.elementId ?? v.compensableActivityId;
    return `${r.recordType === 'COMMAND' ? 'COMMAND ' : ''}${r.valueType} ${r.intent} ${id}${v.bpmnElementType === 'MULTI_INSTANCE_BODY' ? ' (body)' : ''}`;
  };
  const lines = all.map(describe);
  const from = lines.indexOf('PROCESS_INSTANCE ELEMENT_COMPLETING M (body)');
  const to = lines.indexOf('PROCESS_INSTANCE ELEMENT_COMPLETED throw');
  expect(lines.slice(from, to + 1)).toEqual([
    'PROCESS_INSTANCE ELEMENT_COMPLETING M (body)',
    'COMPENSATION_SUBSCRIPTION CREATED M',
    'PROCESS_INSTANCE ELEMENT_COMPLETED M (body)',
    'PROCESS_INSTANCE SEQUENCE_FLOW_TAKEN f1',
    'COMMAND PROCESS_INSTANCE ACTIVATE_ELEMENT throw',
    'PROCESS_INSTANCE ELEMENT_ACTIVATING throw',
    'PROCESS_INSTANCE ELEMENT_ACTIVATED throw',
    'PROCESS_INSTANCE ELEMENT_ACTIVATING M-comp',
    'PROCESS_INSTANCE ELEMENT_ACTIVATED M-comp',
    'PROCESS_INSTANCE ELEMENT_COMPLETING M-comp',
    'PROCESS_INSTANCE ELEMENT_COMPLETED M-comp',
    'COMMAND PROCESS_INSTANCE ACTIVATE_ELEMENT undo-M',
    'COMPENSATION_SUBSCRIPTION TRIGGERED M',
    'PROCESS_INSTANCE ELEMENT_ACTIVATING undo-M',
    'PROCESS_INSTANCE ELEMENT_ACTIVATED undo-M',
    'COMMAND PROCESS_INSTANCE COMPLETE_ELEMENT undo-M',
    'PROCESS_INSTANCE ELEMENT_COMPLETING undo-M',
    'PROCESS_INSTANCE ELEMENT_COMPLETED undo-M',
    'COMPENSATION_SUBSCRIPTION COMPLETED M',
    'COMMAND PROCESS_INSTANCE COMPLETE_ELEMENT throw',
    'PROCESS_INSTANCE ELEMENT_COMPLETING throw',
    'PROCESS_INSTANCE ELEMENT_COMPLETED throw',
  ]);
  // the inner instances completed without subscriptions of their own
  expect(lines.filter((l) => l.startsWith('COMPENSATION_SUBSCRIPTION CREATED'))).toHaveLength(1);
});

it('a terminated subprocess takes the subscriptions of its children with it', async () => {
  const inner = path(
    'i',
    '<bpmn:startEvent id="in-start" />',
    serviceTask('X', 'X'),
    serviceTask('Y', 'Y'),
    '<bpmn:endEvent id="in-end" />',
  );
  const body = [
    '<bpmn:startEvent id="start" />',
    subProcess(
      'sub',
      [inner, handlerTask('undo-X', 'undo-X'), compensationBoundary('X', 'undo-X')].join('\n'),
    ),
    '<bpmn:endEvent id="end" />',
    ...flows('f', 'start', 'sub', 'end'),
  ].join('\n');
  await t.deploy({ name: 'cancel.bpmn', content: definitions(process('cancel', body)) });
  const pik = await start('cancel');
  await completeNext(t, 'X');
  await waitForElement(t, 'Y', 'ELEMENT_ACTIVATED', pik);
  await t.zeebe.cancelProcessInstance(pik);
  await t.records.waitForInstanceEnd(pik);
  expect(subscriptionLog(t.records, pik)).toEqual(['CREATED X [undo-X]', 'DELETED X [undo-X]']);
});

it('invokes the handler once for each time the activity completed', async () => {
  const body = [
    '<bpmn:startEvent id="start" />',
    compensable('A'),
    '<bpmn:exclusiveGateway id="again" default="done" />',
    compensationThrow('throw'),
    '<bpmn:endEvent id="end" />',
    flow('f0', 'start', 'A'),
    flow('f1', 'A', 'again'),
    flow('loop', 'again', 'A', '=repeat'),
    flow('done', 'again', 'throw'),
    flow('f2', 'throw', 'end'),
  ].join('\n');
  await t.deploy({ name: 'twice.bpmn', content: definitions(process('twice', body)) });
  const pik = await start('twice');
  await completeNext(t, 'A', { repeat: true });
  await completeNext(t, 'A', { repeat: false });
  await waitForElement(t, 'throw', 'ELEMENT_ACTIVATED', pik);
  const undo = await activate(t, 'undo-A');
  expect(undo).toHaveLength(2);
  for (const job of undo) await t.zeebe.completeJob({ jobKey: job.key, variables: {} });
  await t.records.waitForInstanceEnd(pik);
  expect(subscriptionLog(t.records, pik)).toEqual([
    'CREATED A [undo-A]',
    'CREATED A [undo-A]',
    'TRIGGERED A [undo-A] by throw',
    'TRIGGERED A [undo-A] by throw',
    'COMPLETED A [undo-A] by throw',
    'COMPLETED A [undo-A] by throw',
  ]);
  const compensated = t.records
    .events('COMPENSATION_SUBSCRIPTION', 'TRIGGERED')
    .map((r) => r.value.compensableActivityInstanceKey);
  expect(new Set(compensated).size).toBe(2);
});

it('reaches activities inside every instance of a completed multi-instance subprocess', async () => {
  const mi =
    '<bpmn:multiInstanceLoopCharacteristics><bpmn:extensionElements><zeebe:loopCharacteristics inputCollection="=[1,2]" /></bpmn:extensionElements></bpmn:multiInstanceLoopCharacteristics>';
  const inner = path(
    'i',
    '<bpmn:startEvent id="in-start" />',
    serviceTask('X', 'X'),
    '<bpmn:endEvent id="in-end" />',
  );
  const body = [
    '<bpmn:startEvent id="start" />',
    subProcess(
      'sub',
      [inner, handlerTask('undo-X', 'undo-X'), compensationBoundary('X', 'undo-X')].join('\n'),
      '',
      mi,
    ),
    compensationThrow('throw'),
    '<bpmn:endEvent id="end" />',
    ...flows('f', 'start', 'sub', 'throw', 'end'),
  ].join('\n');
  await t.deploy({ name: 'misub.bpmn', content: definitions(process('misub', body)) });
  const pik = await start('misub');
  await completeNext(t, 'X');
  await completeNext(t, 'X');
  await waitForElement(t, 'throw', 'ELEMENT_ACTIVATED', pik);
  const undo = await activate(t, 'undo-X');
  expect(undo).toHaveLength(2);
  for (const job of undo) await t.zeebe.completeJob({ jobKey: job.key, variables: {} });
  await t.records.waitForInstanceEnd(pik);
  // each inner subprocess instance stands for its X, the body for both
  expect(subscriptionLog(t.records, pik)).toEqual([
    'CREATED X [undo-X]',
    'CREATED sub',
    'CREATED X [undo-X]',
    'CREATED sub',
    'CREATED sub',
    'TRIGGERED sub by throw',
    'TRIGGERED sub by throw',
    'TRIGGERED X [undo-X] by throw',
    'TRIGGERED sub by throw',
    'TRIGGERED X [undo-X] by throw',
    'COMPLETED X [undo-X] by throw',
    'COMPLETED sub by throw',
    'COMPLETED X [undo-X] by throw',
    'COMPLETED sub by throw',
    'COMPLETED sub by throw',
  ]);
  expect(t.records.lifecycle(pik).at(-1)).toBe('misub:ELEMENT_COMPLETED');
});
