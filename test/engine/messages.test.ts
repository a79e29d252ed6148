// Conformance: messages (ZEEBE-SEMANTICS §6, §14.6–14.9) — PublishMessage to receive tasks and
// intermediate catch events by name and correlation key, TTL buffering and expiry on the engine
// clock, messageId uniqueness, at most one correlation per process id, the correlation key taken
// at activation, numeric keys, and message start events with the correlation-key lock.
// Message boundary events are in boundary-events.test.ts, message event subprocesses in
// event-subprocesses.test.ts.
import { definitions, ioMapping, process, serviceTask } from './support/bpmn';
import { event, message, messageDef, path, receiveTask } from './support/events';
import { pinnedEngineForEachTest } from './support/harness';
import type { EngineRecord } from '../../engine/protocol/record';

const T0 = Date.UTC(2026, 2, 2, 1, 0, 0);
const MINUTE = 60_000;

const { t, pin, settle } = pinnedEngineForEachTest(T0);

const paid = (correlationKey = '=orderId') => message('paid', 'order-paid', correlationKey);

/** start → receive task (message 'order-paid') → end; `name` makes a changed version. */
function receiveProcess(id: string, name = '', correlationKey?: string): string {
  const body = path(
    'f',
    event('startEvent', 'start'),
    receiveTask('receive', 'paid'),
    event('endEvent', 'end'),
  );
  return definitions(
    process(id, body).replace('<bpmn:process ', `<bpmn:process name="${name}" `),
    paid(correlationKey),
  );
}

function catchProcess(id: string, ext = ''): string {
  const body = path(
    'f',
    event('startEvent', 'start'),
    event('intermediateCatchEvent', 'catch', messageDef('paid'), ext),
    event('endEvent', 'end'),
  );
  return definitions(process(id, body), paid());
}

async function create(bpmnProcessId: string, variables: Record<string, string | number | boolean>) {
  const { processInstanceKey } = await t.zeebe.createProcessInstance({ bpmnProcessId, variables });
  await settle();
  return processInstanceKey;
}

const publish = (
  correlationKey: string,
  variables: Record<string, unknown> = {},
  timeToLive = 0,
  messageId?: string,
) =>
  t.zeebe.publishMessage({
    name: 'order-paid',
    correlationKey,
    variables: variables as Record<string, string>,
    timeToLive,
    messageId,
  });

const ended = (pik: string) => t.records.lifecycle(pik).at(-1) === `${bpmnIdOf(pik)}:ELEMENT_COMPLETED`;

function bpmnIdOf(pik: string): string {
  const r = t.records.all.find((x) => x.key === Number(pik)) as EngineRecord<'PROCESS_INSTANCE'>;
  return r.value.bpmnProcessId;
}

function instancesOf(bpmnProcessId: string): EngineRecord<'PROCESS_INSTANCE'>[] {
  return t.records
    .events('PROCESS_INSTANCE', 'ELEMENT_ACTIVATED')
    .filter((r) => r.value.bpmnElementType === 'PROCESS' && r.value.bpmnProcessId === bpmnProcessId);
}

describe('message correlation to a waiting element', () => {
  it('correlates to a receive task by name and correlation key and merges the message variables', async () => {
    await t.deploy({ name: 'r.bpmn', content: receiveProcess('pay') });
    const pik = await create('pay', { orderId: 'o-1' });
    const receiveKey = t.records
      .events('PROCESS_INSTANCE', 'ELEMENT_ACTIVATED')
      .find((r) => r.value.elementId === 'receive')!.key;
    expect(t.records.events('MESSAGE_SUBSCRIPTION', 'CREATED')[0].value).toMatchObject({
      processInstanceKey: Number(pik),
      elementInstanceKey: receiveKey,
      elementId: 'receive',
      messageName: 'order-paid',
      correlationKey: 'o-1',
    });

    await publish('o-2', { amount: 1 });
    await t.zeebe.publishMessage({ name: 'order-cancelled', correlationKey: 'o-1', variables: {} });
    await settle();
    expect(ended(pik)).toBe(false);

    const response = await publish('o-1', { amount: 12 });
    expect(response.tenantId).toBe('<default>');
    expect(BigInt(response.key) > 2n ** 51n).toBe(true);
    await t.records.waitForInstanceEnd(pik);
    expect(t.records.events('MESSAGE_SUBSCRIPTION', 'CORRELATED')[0].value.messageKey).toBe(
      Number(response.key),
    );
    expect(t.records.lifecycle(pik)).toEqual([
      'pay:ELEMENT_ACTIVATING',
      'pay:ELEMENT_ACTIVATED',
      'start:ELEMENT_ACTIVATING',
      'start:ELEMENT_ACTIVATED',
      'start:ELEMENT_COMPLETING',
      'start:ELEMENT_COMPLETED',
      'f0:SEQUENCE_FLOW_TAKEN',
      'receive:ELEMENT_ACTIVATING',
      'receive:ELEMENT_ACTIVATED',
      'receive:ELEMENT_COMPLETING',
      'receive:ELEMENT_COMPLETED',
      'f1:SEQUENCE_FLOW_TAKEN',
      'end:ELEMENT_ACTIVATING',
      'end:ELEMENT_ACTIVATED',
      'end:ELEMENT_COMPLETING',
      'end:ELEMENT_COMPLETED',
      'pay:ELEMENT_COMPLETING',
      'pay:ELEMENT_COMPLETED',
    ]);
    expect(t.records.variables(pik)).toEqual({ orderId: 'o-1', amount: 12 });
    expect(t.records.events('MESSAGE_SUBSCRIPTION', 'DELETED')).toHaveLength(0); // consumed by the correlation
  });

  it('applies the output mappings of an intermediate catch event to the message variables (only mapped ones leave)', async () => {
    await t.deploy({
      name: 'c.bpmn',
      content: catchProcess('pay', ioMapping([], [['=amount * 2', 'doubled']])),
    });
    const pik = await create('pay', { orderId: 'o-1' });
    await publish('o-1', { amount: 21, note: 'dropped' });
    await t.records.waitForInstanceEnd(pik);
    expect(t.records.variables(pik)).toEqual({ orderId: 'o-1', doubled: 42 });
  });

  it('captures the correlation key at activation: later variable changes do not move the subscription', async () => {
    await t.deploy({ name: 'r.bpmn', content: receiveProcess('pay') });
    const pik = await create('pay', { orderId: 'a' });
    await t.zeebe.setVariables({ elementInstanceKey: pik, variables: { orderId: 'b' }, local: false });
    await publish('b');
    await settle();
    expect(ended(pik)).toBe(false);
    await publish('a');
    await t.records.waitForInstanceEnd(pik);
  });

  it('evaluates a message name given as an expression at activation', async () => {
    const xml = receiveProcess('pay').replace('name="order-paid"', 'name="=&quot;order-&quot; + kind"');
    await t.deploy({ name: 'r.bpmn', content: xml });
    const pik = await create('pay', { orderId: 'o-1', kind: 'refunded' });
    expect(t.records.events('MESSAGE_SUBSCRIPTION', 'CREATED')[0].value.messageName).toBe('order-refunded');
    await publish('o-1'); // 'order-paid' does not match
    await settle();
    expect(ended(pik)).toBe(false);
    await t.zeebe.publishMessage({ name: 'order-refunded', correlationKey: 'o-1', variables: {} });
    await t.records.waitForInstanceEnd(pik);
  });

  it('turns a numeric correlation key into its integer string', async () => {
    await t.deploy({ name: 'r.bpmn', content: receiveProcess('pay') });
    const pik = await create('pay', { orderId: 42 });
    expect(t.records.events('MESSAGE_SUBSCRIPTION', 'CREATED')[0].value.correlationKey).toBe('42');
    await publish('42');
    await t.records.waitForInstanceEnd(pik);
  });

  it('raises an EXTRACT_VALUE_ERROR incident when the correlation key is neither string nor number', async () => {
    await t.deploy({ name: 'r.bpmn', content: receiveProcess('pay') });
    const pik = await create('pay', { orderId: true });
    const incident = (await t.records.waitForEvent('INCIDENT', 'CREATED')) as EngineRecord<'INCIDENT'>;
    expect(incident.value).toMatchObject({ errorType: 'EXTRACT_VALUE_ERROR', elementId: 'receive' });
    expect(incident.value.errorMessage).toMatch(/correlation key.*'=?orderId'.*BOOLEAN/);
    expect(t.records.events('MESSAGE_SUBSCRIPTION', 'CREATED')).toHaveLength(0);
    await t.zeebe.setVariables({ elementInstanceKey: pik, variables: { orderId: 'o-9' }, local: false });
    await t.zeebe.resolveIncident({ incidentKey: String(incident.key) });
    await publish('o-9');
    await t.records.waitForInstanceEnd(pik);
  });
});

describe('message buffering', () => {
  it('keeps a message for its time to live and correlates it when a matching subscription opens', async () => {
    await t.deploy({ name: 'r.bpmn', content: receiveProcess('pay') });
    const response = await publish('o-1', { amount: 5 }, 10 * MINUTE);
    const pik = await create('pay', { orderId: 'o-1' });
    await t.records.waitForInstanceEnd(pik);
    expect(t.records.events('MESSAGE_SUBSCRIPTION', 'CORRELATED')[0].value.messageKey).toBe(
      Number(response.key),
    );
    expect(t.records.variables(pik)).toEqual({ orderId: 'o-1', amount: 5 });
  });

  it('takes the oldest buffered message first', async () => {
    await t.deploy({ name: 'r.bpmn', content: receiveProcess('pay') });
    await publish('o-1', { n: 1 }, 10 * MINUTE);
    await publish('o-1', { n: 2 }, 10 * MINUTE);
    const first = await create('pay', { orderId: 'o-1' });
    await t.records.waitForInstanceEnd(first);
    expect(t.records.variables(first).n).toBe(1);
  });

  it('discards a message with time to live 0 that nothing waits for', async () => {
    await t.deploy({ name: 'r.bpmn', content: receiveProcess('pay') });
    const response = await publish('o-1', {}, 0);
    expect(t.records.events('MESSAGE', 'EXPIRED').map((r) => String(r.key))).toEqual([response.key]);
    const pik = await create('pay', { orderId: 'o-1' });
    expect(ended(pik)).toBe(false);
  });

  it('expires a buffered message when the engine clock passes its time to live', async () => {
    await t.deploy({ name: 'r.bpmn', content: receiveProcess('pay') });
    const response = await publish('o-1', {}, 10 * MINUTE);
    await pin(T0 + 10 * MINUTE - 1);
    await settle();
    expect(t.records.events('MESSAGE', 'EXPIRED')).toHaveLength(0);
    await pin(T0 + 10 * MINUTE);
    await t.records.waitForEvent('MESSAGE', 'EXPIRED', () => true);
    expect(t.records.events('MESSAGE', 'EXPIRED').map((r) => String(r.key))).toEqual([response.key]);
    const pik = await create('pay', { orderId: 'o-1' });
    expect(ended(pik)).toBe(false);
  });

  it('rejects a messageId that is still buffered with ALREADY_EXISTS, and accepts it again after expiry', async () => {
    await publish('o-1', {}, 10 * MINUTE, 'week-10');
    await expect(publish('o-1', {}, 10 * MINUTE, 'week-10')).rejects.toMatchObject({
      code: 6,
      message: expect.stringMatching(/ALREADY_EXISTS.*week-10/),
    });
    // Another correlation key or no messageId: no conflict.
    await expect(publish('o-2', {}, 10 * MINUTE, 'week-10')).resolves.toHaveProperty('key');
    await expect(publish('o-1', {}, 10 * MINUTE)).resolves.toHaveProperty('key');

    await pin(T0 + 10 * MINUTE);
    await t.records.waitForEvent('MESSAGE', 'EXPIRED');
    await settle();
    await expect(publish('o-1', {}, 10 * MINUTE, 'week-10')).resolves.toHaveProperty('key');
  });

  it('does not check the messageId of messages that are never buffered (time to live 0)', async () => {
    await expect(publish('o-1', {}, 0, 'once')).resolves.toHaveProperty('key');
    await expect(publish('o-1', {}, 0, 'once')).resolves.toHaveProperty('key');
    expect(t.records.rejections()).toHaveLength(0);
  });
});

describe('correlation cardinality', () => {
  it('correlates one message at most once per process id (across versions), but to every distinct process', async () => {
    await t.deploy({ name: 'a.bpmn', content: receiveProcess('a') });
    const a1 = await create('a', { orderId: 'k' });
    await t.deploy({ name: 'a.bpmn', content: receiveProcess('a', 'version 2') });
    const a2 = await create('a', { orderId: 'k' });
    await t.deploy({ name: 'b.bpmn', content: receiveProcess('b') });
    const b1 = await create('b', { orderId: 'k' });
    expect(instancesOf('a').map((r) => r.value.version)).toEqual([1, 2]);

    await publish('k', {}, 0);
    await settle();
    expect([a1, a2].filter(ended)).toHaveLength(1);
    expect(ended(b1)).toBe(true);

    await publish('k', {}, 0);
    await settle();
    expect([a1, a2].filter(ended)).toHaveLength(2);
  });

  it('does not hand a buffered message to a second instance of a process it already correlated to', async () => {
    await t.deploy({ name: 'a.bpmn', content: receiveProcess('a') });
    await t.deploy({ name: 'b.bpmn', content: receiveProcess('b') });
    await publish('k', {}, 10 * MINUTE);
    const a1 = await create('a', { orderId: 'k' });
    const a2 = await create('a', { orderId: 'k' });
    const b1 = await create('b', { orderId: 'k' });
    expect(ended(a1)).toBe(true);
    expect(ended(a2)).toBe(false);
    expect(ended(b1)).toBe(true);
  });
});

describe('message start event', () => {
  function startProcess(id: string, name = ''): string {
    const body = path(
      'f',
      event('startEvent', 'start', messageDef('go')),
      serviceTask('task', 'work'),
      event('endEvent', 'end'),
    );
    return definitions(
      process(id, body).replace('<bpmn:process ', `<bpmn:process name="${name}" `),
      message('go', 'case-opened'),
    );
  }

  const open = (correlationKey: string, variables: Record<string, string | number> = {}, timeToLive = 0) =>
    t.zeebe.publishMessage({ name: 'case-opened', correlationKey, variables, timeToLive });

  async function completeJobs(pik: string) {
    const jobs = t.records
      .events('JOB', 'CREATED')
      .filter((j) => j.value.processInstanceKey === Number(pik))
      .map((j) => String(j.key));
    for (const jobKey of jobs) await t.zeebe.completeJob({ jobKey, variables: {} });
    await t.records.waitForInstanceEnd(pik);
  }

  const started = () => instancesOf('case').map((r) => String(r.key));

  it('creates an instance of the latest version with the message variables', async () => {
    await t.deploy({ name: 'case.bpmn', content: startProcess('case') });
    const [v1Sub] = t.records.events('MESSAGE_START_EVENT_SUBSCRIPTION', 'CREATED');
    await t.deploy({ name: 'case.bpmn', content: startProcess('case', 'v2') });
    expect(
      t.records.events('MESSAGE_START_EVENT_SUBSCRIPTION', 'DELETED')[0].value.processDefinitionKey,
    ).toBe(v1Sub.value.processDefinitionKey);

    await open('c-1', { caseNo: 7 });
    await settle();
    const [pik] = started();
    expect(instancesOf('case')[0].value.version).toBe(2);
    expect(t.records.lifecycle(pik)).toEqual([
      'case:ELEMENT_ACTIVATING',
      'case:ELEMENT_ACTIVATED',
      'start:ELEMENT_ACTIVATING',
      'start:ELEMENT_ACTIVATED',
      'start:ELEMENT_COMPLETING',
      'start:ELEMENT_COMPLETED',
      'f0:SEQUENCE_FLOW_TAKEN',
      'task:ELEMENT_ACTIVATING',
      'task:ELEMENT_ACTIVATED',
    ]);
    expect(t.records.variables(pik)).toEqual({ caseNo: 7 });
    const job = (
      await t.zeebe.activateJobs({
        type: 'work',
        worker: 'w',
        maxJobsToActivate: 1,
        timeout: 10_000,
        requestTimeout: 1_000,
      })
    )[0];
    expect(job.variables).toEqual({ caseNo: 7 });
  });

  it('does not correlate messages published before the deployment', async () => {
    await open('c-1', {}, 10 * MINUTE);
    await t.deploy({ name: 'case.bpmn', content: startProcess('case') });
    await settle();
    expect(started()).toHaveLength(0);
  });

  it('holds the correlation-key lock: no second instance for a key while one is active; the buffered message starts the next one after', async () => {
    await t.deploy({ name: 'case.bpmn', content: startProcess('case') });
    await open('k', { n: 1 }, 10 * MINUTE);
    await open('k', { n: 2 }, 10 * MINUTE);
    await open('k', { n: 3 }, 0); // locked and not buffered: discarded
    await open('other', { n: 4 });
    await settle();
    const [first, other] = started();
    expect(started()).toHaveLength(2);
    expect(t.records.variables(first)).toEqual({ n: 1 });
    expect(t.records.variables(other)).toEqual({ n: 4 });

    await completeJobs(first);
    await settle();
    expect(started()).toHaveLength(3);
    const second = started()[2];
    expect(t.records.variables(second)).toEqual({ n: 2 });

    await completeJobs(second);
    await settle();
    expect(started()).toHaveLength(3); // message 3 was discarded
  });

  it('releases the lock when the instance is canceled, too', async () => {
    await t.deploy({ name: 'case.bpmn', content: startProcess('case') });
    await open('k', { n: 1 }, 10 * MINUTE);
    await open('k', { n: 2 }, 10 * MINUTE);
    await settle();
    const [first] = started();
    await t.zeebe.cancelProcessInstance(first);
    await settle();
    expect(started()).toHaveLength(2);
    expect(t.records.variables(started()[1])).toEqual({ n: 2 });
  });

  it('starts a new instance for every message with an empty correlation key (no lock)', async () => {
    await t.deploy({ name: 'case.bpmn', content: startProcess('case') });
    await open('', { n: 1 });
    await open('', { n: 2 });
    await settle();
    expect(started()).toHaveLength(2);
  });
});
