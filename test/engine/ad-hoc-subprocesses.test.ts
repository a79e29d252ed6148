// Conformance: ad-hoc subprocesses as Zeebe 8.8 runs them (engine/README.md). On activation the local
// `adHocSubProcessElements` is set, `activeElementsCollection` is evaluated and each element it names is activated in
// an inner instance of its own (AD_HOC_SUB_PROCESS_INNER_INSTANCE, `<id>#innerInstance`); elements reached by flows
// follow inside it. Without a completion condition the subprocess completes when nothing is active; with one, when
// it holds after an inner instance completed — ending the others first when cancelRemainingInstances (the
// default), or waiting for them. The output collection gathers each inner instance's outputElement. Bad
// collections are incidents; Zeebe's deployment rules are refused under the element. Through the real gRPC port.
import { definitions, element, escape, flow, ioMapping, process, serviceTask } from './support/bpmn';
import { engineForEachTest } from './support/harness';
import {
  completeNext,
  elementKey,
  nextJob,
  scopeVariables,
  waitForElement,
  waitForIncident,
} from './support/work';

const t = engineForEachTest();

interface AdHocOptions {
  collection?: string;
  condition?: string;
  cancelRemaining?: boolean;
  output?: [string, string];
  inner?: string[];
}

/** start → ad-hoc `adhoc` holding A, B, C (service tasks, job type = id) and A → A2 → end. */
function model(o: AdHocOptions = {}): string {
  const attrs: Record<string, string> = {};
  if (o.cancelRemaining !== undefined) attrs.cancelRemainingInstances = String(o.cancelRemaining);
  const z = [
    o.collection ? `activeElementsCollection="${escape(o.collection)}"` : '',
    o.output ? `outputCollection="${o.output[0]}" outputElement="${escape(o.output[1])}"` : '',
  ].join(' ');
  const condition = o.condition
    ? `<bpmn:completionCondition xsi:type="bpmn:tFormalExpression">${o.condition}</bpmn:completionCondition>`
    : '';
  const inner = o.inner ?? [
    serviceTask('A', 'A'),
    serviceTask('A2', 'A2'),
    flow('a', 'A', 'A2'),
    element('serviceTask', 'B', {
      attrs: { name: '复核' },
      ext: '<zeebe:taskDefinition type="B" /><zeebe:properties><zeebe:property name="kind" value="check" /></zeebe:properties>',
      body: '<bpmn:documentation>由专班复核</bpmn:documentation>',
    }),
    serviceTask('C', 'C'),
  ];
  return definitions(
    process(
      'p',
      [
        '<bpmn:startEvent id="start" />',
        element('adHocSubProcess', 'adhoc', {
          attrs,
          ext: `<zeebe:adHoc ${z} />`,
          body: inner.join('\n') + condition,
        }),
        '<bpmn:endEvent id="end" />',
        flow('f0', 'start', 'adhoc'),
        flow('f1', 'adhoc', 'end'),
      ].join('\n'),
    ),
  );
}

async function start(content: string, variables: Record<string, unknown> = {}) {
  await t.deploy({ name: 'adhoc.bpmn', content });
  const { processInstanceKey } = await t.zeebe.createProcessInstance({
    bpmnProcessId: 'p',
    variables: variables as never,
  });
  return processInstanceKey;
}

const activatedElements = (pik: string) =>
  t.records
    .lifecycle(pik)
    .filter((l) => l.endsWith(':ELEMENT_ACTIVATED'))
    .map((l) => l.split(':')[0]);

it('activates the named elements, each in an inner instance, and completes when nothing is active', async () => {
  const pik = await start(model({ collection: '=toDo' }), { toDo: ['A', 'B'] });
  await waitForElement(t, 'B', 'ELEMENT_ACTIVATED', pik);
  expect(activatedElements(pik)).toEqual([
    'p',
    'start',
    'adhoc',
    'adhoc#innerInstance',
    'adhoc#innerInstance',
    'A',
    'B',
  ]);
  const adhoc = elementKey(t, 'adhoc', pik);
  const inner = t.records
    .events('PROCESS_INSTANCE', 'ELEMENT_ACTIVATED')
    .filter((r) => r.value.elementId === 'adhoc#innerInstance');
  expect(inner.map((r) => [r.value.bpmnElementType, r.value.flowScopeKey])).toEqual([
    ['AD_HOC_SUB_PROCESS_INNER_INSTANCE', adhoc],
    ['AD_HOC_SUB_PROCESS_INNER_INSTANCE', adhoc],
  ]);
  expect((await waitForElement(t, 'A', 'ELEMENT_ACTIVATING', pik)).value.flowScopeKey).toBe(inner[0]!.key);
  expect(scopeVariables(t, adhoc)).toEqual({
    adHocSubProcessElements: [
      { elementId: 'A', elementName: '', documentation: '', properties: {}, parameters: [] },
      {
        elementId: 'B',
        elementName: '复核',
        documentation: '由专班复核',
        properties: { kind: 'check' },
        parameters: [],
      },
      { elementId: 'C', elementName: '', documentation: '', properties: {}, parameters: [] },
    ],
  });

  await completeNext(t, 'A'); // A2 follows in the same inner instance
  const a2 = await waitForElement(t, 'A2', 'ELEMENT_ACTIVATING', pik);
  expect(a2.value.flowScopeKey).toBe(inner[0]!.key);
  await completeNext(t, 'B');
  expect(t.records.lifecycle(pik)).not.toContain('adhoc:ELEMENT_COMPLETED');
  await completeNext(t, 'A2');
  await t.records.waitForInstanceEnd(pik);
  const life = t.records.lifecycle(pik);
  expect(life.filter((l) => l.startsWith('adhoc'))).toEqual([
    'adhoc:ELEMENT_ACTIVATING',
    'adhoc:ELEMENT_ACTIVATED',
    'adhoc#innerInstance:ELEMENT_ACTIVATING',
    'adhoc#innerInstance:ELEMENT_ACTIVATED',
    'adhoc#innerInstance:ELEMENT_ACTIVATING',
    'adhoc#innerInstance:ELEMENT_ACTIVATED',
    'adhoc#innerInstance:ELEMENT_COMPLETING',
    'adhoc#innerInstance:ELEMENT_COMPLETED',
    'adhoc#innerInstance:ELEMENT_COMPLETING',
    'adhoc#innerInstance:ELEMENT_COMPLETED',
    'adhoc:ELEMENT_COMPLETING',
    'adhoc:ELEMENT_COMPLETED',
  ]);
  expect(life).not.toContain('C:ELEMENT_ACTIVATING');
  expect(life.at(-1)).toBe('p:ELEMENT_COMPLETED');
});

it('with a completion condition met, terminates the remaining instances and completes at once', async () => {
  const pik = await start(model({ collection: '=["A","B"]', condition: '=done' }), { done: false });
  const a = await nextJob(t, 'A');
  await nextJob(t, 'B');
  await t.zeebe.completeJob({ jobKey: a.key, variables: { done: true } });
  await completeNext(t, 'A2');
  await t.records.waitForInstanceEnd(pik);
  const life = t.records.lifecycle(pik);
  expect(life).toContain('B:ELEMENT_TERMINATED');
  expect(life.indexOf('adhoc:ELEMENT_COMPLETED')).toBeGreaterThan(life.indexOf('B:ELEMENT_TERMINATED'));
  expect(life.at(-1)).toBe('p:ELEMENT_COMPLETED');
});

it('with cancelRemainingInstances false, waits for the other instances once the condition is met', async () => {
  const pik = await start(model({ collection: '=["B","C"]', condition: '=done', cancelRemaining: false }), {
    done: false,
  });
  await completeNext(t, 'B', { done: true });
  await waitForElement(t, 'B', 'ELEMENT_COMPLETED', pik);
  expect(t.records.lifecycle(pik)).not.toContain('adhoc:ELEMENT_COMPLETING');
  await completeNext(t, 'C');
  await t.records.waitForInstanceEnd(pik);
  expect(t.records.lifecycle(pik)).not.toContain('C:ELEMENT_TERMINATED');
  expect(t.records.lifecycle(pik).at(-1)).toBe('p:ELEMENT_COMPLETED');
});

it('stays active while a completion condition does not hold, and with nothing to activate', async () => {
  const pik = await start(model({ collection: '=["C"]', condition: '=false' }));
  await completeNext(t, 'C');
  await waitForElement(t, 'adhoc#innerInstance', 'ELEMENT_COMPLETED', pik);
  const empty = await start(model({ collection: '=[]' }));
  await waitForElement(t, 'adhoc', 'ELEMENT_ACTIVATED', empty);
  // A clock pin is processed after every command before it: nothing is left that could complete them.
  await t.pinClock(Date.now());
  for (const key of [pik, empty]) expect(t.records.lifecycle(key)).not.toContain('adhoc:ELEMENT_COMPLETING');
});

it('collects each inner instance output in the output collection and propagates it', async () => {
  const pik = await start(
    model({
      collection: '=["B","C"]',
      output: ['results', '=result'],
      inner: [
        serviceTask('B', 'B', ioMapping([], [['=verdict', 'result']])),
        serviceTask('C', 'C', ioMapping([], [['=verdict', 'result']])),
      ],
    }),
  );
  await completeNext(t, 'C', { verdict: 'c-done' });
  await completeNext(t, 'B', { verdict: 'b-done' });
  await t.records.waitForInstanceEnd(pik);
  expect(t.records.variables(pik).results).toEqual(['c-done', 'b-done']);
});

it('raises an incident for a collection that is no list of strings or names an unknown element', async () => {
  const pik = await start(model({ collection: '=toDo' }), { toDo: 'A' });
  const incident = await waitForIncident(t, pik);
  expect(incident.value.errorType).toBe('EXTRACT_VALUE_ERROR');
  expect(incident.value.errorMessage).toBe(
    "Failed to activate ad-hoc elements. Expected result of the expression 'toDo' to be 'ARRAY', but was 'STRING'.",
  );
  const other = await start(model({ collection: '=["A","X","start"]' }));
  const second = await waitForIncident(t, other);
  expect(second.value.errorMessage).toBe(
    "Failed to activate ad-hoc elements. No BPMN elements found with ids: 'X', 'start'.",
  );
  // Fixed and resolved: the elements are activated.
  await t.zeebe.setVariables({ elementInstanceKey: pik, variables: { toDo: ['C'] }, local: false });
  await t.zeebe.resolveIncident({ incidentKey: String(incident.key) });
  await completeNext(t, 'C');
  await t.records.waitForInstanceEnd(pik);
});

it("refuses Zeebe's invalid ad-hoc subprocesses under the element", async () => {
  const invalid = model({
    inner: [
      '<bpmn:startEvent id="s" />',
      serviceTask('A', 'A'),
      '<bpmn:endEvent id="e" />',
      flow('x', 's', 'A'),
    ],
  });
  let message = '';
  try {
    await t.deploy({ name: 'bad.bpmn', content: invalid });
  } catch (e) {
    message = (e as Error).message;
  }
  expect(message).toContain(
    [
      '- Element: adhoc',
      '    - ERROR: Must not contain a start event.',
      '    - ERROR: Must not contain an end event.',
    ].join('\n'),
  );
  let empty = '';
  try {
    await t.deploy({ name: 'empty.bpmn', content: model({ inner: [] }) });
  } catch (e) {
    empty = (e as Error).message;
  }
  expect(empty).toContain('- Element: adhoc\n    - ERROR: Must have at least one activity.');
});
