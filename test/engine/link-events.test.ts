// Conformance: link events (BPMN's "go to" inside one scope). A throw link event completes and activates the one
// catch link event of the same name in the same scope, which completes at once and leaves by its outgoing flows;
// no sequence flow is taken between them, and the scope does not complete while the jump is in flight. At
// deployment a throw link needs its catch in the same scope, a catch link name is unique per scope, a link needs
// a name, and a catch link has no incoming flows.
import { definitions, flow, process, serviceTask, subProcess } from './support/bpmn';
import { event } from './support/events';
import { engineForEachTest } from './support/harness';

const t = engineForEachTest();

const linkDef = (name: string) => `<bpmn:linkEventDefinition name="${name}" />`;

/** start → A(task) → throw link "toB" … catch link "toB" → end */
function jumpProcess(id: string, catchName = 'toB'): string {
  return definitions(
    process(
      id,
      [
        event('startEvent', 'start'),
        serviceTask('a', 'link-work'),
        event('intermediateThrowEvent', 'throw', linkDef('toB')),
        event('intermediateCatchEvent', 'catch', linkDef(catchName)),
        event('endEvent', 'end'),
        flow('f1', 'start', 'a'),
        flow('f2', 'a', 'throw'),
        flow('f3', 'catch', 'end'),
      ].join(''),
    ),
  );
}

async function rejection(content: string): Promise<string> {
  try {
    await t.zeebe.deployResources([{ process: Buffer.from(content), name: 'link.bpmn' }]);
  } catch (e) {
    return (e as Error).message;
  }
  throw new Error('expected the deployment to be rejected');
}

it('jumps from the throw link to the catch link of the same name and completes the instance', async () => {
  await t.deploy({ name: 'jump.bpmn', content: jumpProcess('jump') });
  const { processInstanceKey: pik } = await t.zeebe.createProcessInstance({
    bpmnProcessId: 'jump',
    variables: {},
  });
  const jobs = await t.zeebe.activateJobs({
    type: 'link-work',
    maxJobsToActivate: 1,
    timeout: 10_000,
    worker: 'w',
  });
  await t.zeebe.completeJob({ jobKey: jobs[0]!.key, variables: { done: true } });
  await t.records.waitForInstanceEnd(pik);
  expect(t.records.lifecycle(pik).slice(-16, -2)).toEqual([
    'f2:SEQUENCE_FLOW_TAKEN',
    'throw:ELEMENT_ACTIVATING',
    'throw:ELEMENT_ACTIVATED',
    'throw:ELEMENT_COMPLETING',
    'throw:ELEMENT_COMPLETED',
    'catch:ELEMENT_ACTIVATING',
    'catch:ELEMENT_ACTIVATED',
    'catch:ELEMENT_COMPLETING',
    'catch:ELEMENT_COMPLETED',
    'f3:SEQUENCE_FLOW_TAKEN',
    'end:ELEMENT_ACTIVATING',
    'end:ELEMENT_ACTIVATED',
    'end:ELEMENT_COMPLETING',
    'end:ELEMENT_COMPLETED',
  ]);
  const catchEvent = t.records
    .events('PROCESS_INSTANCE', 'ELEMENT_ACTIVATED')
    .find((r) => r.value.elementId === 'catch');
  expect(catchEvent?.value).toMatchObject({
    bpmnElementType: 'INTERMEDIATE_CATCH_EVENT',
    bpmnEventType: 'LINK',
  });
});

it('keeps a subprocess open while its link jump is in flight, beside a parallel path that ends first', async () => {
  const inner = [
    event('startEvent', 'in-start'),
    '<bpmn:parallelGateway id="fork" />',
    event('intermediateThrowEvent', 'throw', linkDef('loop')),
    event('endEvent', 'quick-end'),
    event('intermediateCatchEvent', 'catch', linkDef('loop')),
    serviceTask('later', 'after-link'),
    event('endEvent', 'in-end'),
    flow('i1', 'in-start', 'fork'),
    flow('i2', 'fork', 'throw'),
    flow('i3', 'fork', 'quick-end'),
    flow('i4', 'catch', 'later'),
    flow('i5', 'later', 'in-end'),
  ].join('');
  const body = [
    event('startEvent', 'start'),
    subProcess('sub', inner),
    event('endEvent', 'end'),
    flow('f1', 'start', 'sub'),
    flow('f2', 'sub', 'end'),
  ].join('');
  await t.deploy({ name: 'nested.bpmn', content: definitions(process('nested', body)) });
  const { processInstanceKey: pik } = await t.zeebe.createProcessInstance({
    bpmnProcessId: 'nested',
    variables: {},
  });
  const jobs = await t.zeebe.activateJobs({
    type: 'after-link',
    maxJobsToActivate: 1,
    timeout: 10_000,
    worker: 'w',
  });
  expect(jobs).toHaveLength(1); // the subprocess did not complete when its quick path ended
  expect(t.records.lifecycle(pik)).not.toContain('sub:ELEMENT_COMPLETED');
  await t.zeebe.completeJob({ jobKey: jobs[0]!.key, variables: {} });
  await t.records.waitForInstanceEnd(pik);
  expect(t.records.lifecycle(pik)).toContain('sub:ELEMENT_COMPLETED');
});

describe('deployment', () => {
  it.each([
    [
      'a throw link without its catch',
      jumpProcess('p', 'elsewhere'),
      /Element: throw\s+- ERROR: Can't find a catch link event for the throw link event with the name 'toB'/,
    ],
    [
      'two catch links of one name',
      definitions(
        process(
          'p',
          [
            event('startEvent', 'start'),
            event('intermediateThrowEvent', 'throw', linkDef('x')),
            event('intermediateCatchEvent', 'c1', linkDef('x')),
            event('intermediateCatchEvent', 'c2', linkDef('x')),
            event('endEvent', 'e1'),
            event('endEvent', 'e2'),
            flow('f1', 'start', 'throw'),
            flow('f2', 'c1', 'e1'),
            flow('f3', 'c2', 'e2'),
          ].join(''),
        ),
      ),
      /Element: c2\s+- ERROR: Multiple intermediate catch link events with the same name 'x' are not allowed/,
    ],
    [
      'a link without a name',
      jumpProcess('p').replace('<bpmn:linkEventDefinition name="toB" />', '<bpmn:linkEventDefinition />'),
      /Element: throw\s+- ERROR: Link name must be present and not empty/,
    ],
    [
      'a catch link with an incoming flow',
      jumpProcess('p').replace('</bpmn:process>', `${flow('f9', 'start', 'catch')}</bpmn:process>`),
      /Element: catch\s+- ERROR: Link catch events must not have incoming sequence flows/,
    ],
  ])('rejects %s, naming the element', async (_name, content, expected) => {
    const message = await rejection(content);
    expect(message).toContain("rejected with code 'INVALID_ARGUMENT'");
    expect(message).toMatch(expected);
  });
});
