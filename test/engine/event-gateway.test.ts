// Conformance: the event-based gateway (ZEEBE-SEMANTICS §1.3, §2.4 rule 3) on a model saved by
// Camunda Modeler (fixtures/await-payment.bpmn, with diagram interchange): the gateway waits for a
// message, a timer and a signal; the first event wins, the other subscriptions are closed, and
// the catch event after the gateway completes with the event's variables.
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { startTestEngine, type TestEngine } from './support/harness';

const fixture = readFileSync(join(__dirname, 'fixtures', 'await-payment.bpmn'), 'utf8');
const T0 = Date.UTC(2026, 2, 2, 1, 0, 0);
const HOUR = 3_600_000;

let t: TestEngine;
let now = T0;
let pik: string;
beforeEach(async () => {
  t = await startTestEngine();
  await pin(T0);
  await t.deploy({ name: 'await-payment.bpmn', content: fixture });
});
afterEach(async () => {
  await t.close();
});

async function pin(time: number) {
  now = time;
  await t.pinClock(time);
}
const settle = () => t.pinClock(now);

async function createOrder(orderId = 'o-1') {
  pik = (await t.zeebe.createProcessInstance({ bpmnProcessId: 'await-payment', variables: { orderId } }))
    .processInstanceKey;
  await settle();
}

const lifecycle = () => t.records.lifecycle(pik);
const gatewayKey = () =>
  t.records
    .events('PROCESS_INSTANCE', 'ELEMENT_ACTIVATED')
    .find((r) => r.value.elementId === 'Gateway_await')!.key;

const UNTIL_GATEWAY = [
  'await-payment:ELEMENT_ACTIVATING',
  'await-payment:ELEMENT_ACTIVATED',
  'StartEvent_1:ELEMENT_ACTIVATING',
  'StartEvent_1:ELEMENT_ACTIVATED',
  'StartEvent_1:ELEMENT_COMPLETING',
  'StartEvent_1:ELEMENT_COMPLETED',
  'Flow_0k3f1ab:SEQUENCE_FLOW_TAKEN',
  'Gateway_await:ELEMENT_ACTIVATING',
  'Gateway_await:ELEMENT_ACTIVATED',
];

describe('event-based gateway', () => {
  it('opens a subscription for each of its events, owned by the gateway', async () => {
    await createOrder();
    expect(lifecycle()).toEqual(UNTIL_GATEWAY);
    const key = gatewayKey();
    expect(
      t.records
        .events('TIMER', 'CREATED')
        .map((r) => [r.value.elementInstanceKey, r.value.targetElementId, r.value.dueDate]),
    ).toEqual([[key, 'Event_expired', T0 + 24 * HOUR]]);
    expect(t.records.events('MESSAGE_SUBSCRIPTION', 'CREATED').map((r) => r.value)).toEqual([
      expect.objectContaining({
        elementInstanceKey: key,
        elementId: 'Event_paid',
        messageName: 'payment-received',
        correlationKey: 'o-1',
      }),
    ]);
    expect(t.records.events('SIGNAL_SUBSCRIPTION', 'CREATED').map((r) => r.value)).toEqual([
      expect.objectContaining({
        catchEventInstanceKey: key,
        catchEventId: 'Event_cancelled',
        signalName: 'order-cancelled',
      }),
    ]);
  });

  it('message first: takes the message path with the message variables; the timer and signal subscriptions close', async () => {
    await createOrder();
    await t.zeebe.publishMessage({
      name: 'payment-received',
      correlationKey: 'o-1',
      variables: { amount: 99 },
    });
    await t.records.waitForEvent('JOB', 'CREATED');
    expect(lifecycle()).toEqual([
      ...UNTIL_GATEWAY,
      'Gateway_await:ELEMENT_COMPLETING',
      'Gateway_await:ELEMENT_COMPLETED',
      'Flow_paid:SEQUENCE_FLOW_TAKEN',
      'Event_paid:ELEMENT_ACTIVATING',
      'Event_paid:ELEMENT_ACTIVATED',
      'Event_paid:ELEMENT_COMPLETING',
      'Event_paid:ELEMENT_COMPLETED',
      'Flow_1u7c2d9:SEQUENCE_FLOW_TAKEN',
      'Task_ship:ELEMENT_ACTIVATING',
      'Task_ship:ELEMENT_ACTIVATED',
    ]);
    expect(t.records.events('TIMER', 'CANCELED')).toHaveLength(1);
    expect(t.records.events('SIGNAL_SUBSCRIPTION', 'DELETED')).toHaveLength(1);
    expect(t.records.variables(pik)).toEqual({ orderId: 'o-1', amount: 99 });
    const [job] = await t.zeebe.activateJobs({
      type: 'ship',
      worker: 'w',
      maxJobsToActivate: 1,
      timeout: 10_000,
      requestTimeout: 1_000,
    });
    expect(job.variables).toEqual({ orderId: 'o-1', amount: 99 });

    // The losers have no effect any more.
    await pin(T0 + 48 * HOUR);
    await t.zeebe.broadcastSignal({ signalName: 'order-cancelled', variables: { reason: 'late' } });
    await settle();
    expect(
      lifecycle().filter((e) => e.startsWith('Event_expired') || e.startsWith('Event_cancelled')),
    ).toEqual([]);

    await t.zeebe.completeJob({ jobKey: job.key, variables: {} });
    await t.records.waitForInstanceEnd(pik);
    expect(lifecycle().at(-3)).toBe('End_shipped:ELEMENT_COMPLETED');
  });

  it('timer first: takes the timer path; the message subscription closes and a later message finds nothing', async () => {
    await createOrder();
    await pin(T0 + 24 * HOUR);
    await t.records.waitForInstanceEnd(pik);
    expect(lifecycle()).toEqual([
      ...UNTIL_GATEWAY,
      'Gateway_await:ELEMENT_COMPLETING',
      'Gateway_await:ELEMENT_COMPLETED',
      'Flow_expired:SEQUENCE_FLOW_TAKEN',
      'Event_expired:ELEMENT_ACTIVATING',
      'Event_expired:ELEMENT_ACTIVATED',
      'Event_expired:ELEMENT_COMPLETING',
      'Event_expired:ELEMENT_COMPLETED',
      'Flow_0x8m1lq:SEQUENCE_FLOW_TAKEN',
      'End_expired:ELEMENT_ACTIVATING',
      'End_expired:ELEMENT_ACTIVATED',
      'End_expired:ELEMENT_COMPLETING',
      'End_expired:ELEMENT_COMPLETED',
      'await-payment:ELEMENT_COMPLETING',
      'await-payment:ELEMENT_COMPLETED',
    ]);
    expect(t.records.events('MESSAGE_SUBSCRIPTION', 'DELETED')).toHaveLength(1);
    expect(t.records.events('SIGNAL_SUBSCRIPTION', 'DELETED')).toHaveLength(1);
    await t.zeebe.publishMessage({ name: 'payment-received', correlationKey: 'o-1', variables: {} });
    await settle();
    expect(t.records.events('MESSAGE_SUBSCRIPTION', 'CORRELATED')).toHaveLength(0);
  });

  it('signal first: takes the signal path; the catch event’s output mapping decides what leaves it', async () => {
    await createOrder();
    await t.zeebe.broadcastSignal({
      signalName: 'order-cancelled',
      variables: { reason: '客户撤单', operator: 'x' },
    });
    await t.records.waitForInstanceEnd(pik);
    expect(lifecycle()).toContain('End_cancelled:ELEMENT_COMPLETED');
    expect(lifecycle()).not.toContain('Event_paid:ELEMENT_ACTIVATING');
    expect(t.records.variables(pik)).toEqual({ orderId: 'o-1', cancelReason: '客户撤单' });
    expect(t.records.events('TIMER', 'CANCELED')).toHaveLength(1);
    expect(t.records.events('MESSAGE_SUBSCRIPTION', 'DELETED')).toHaveLength(1);
  });

  it('a buffered message decides at once when the gateway opens its subscriptions', async () => {
    await t.zeebe.publishMessage({
      name: 'payment-received',
      correlationKey: 'o-7',
      variables: { amount: 5 },
      timeToLive: HOUR,
    });
    await createOrder('o-7');
    await t.records.waitForEvent('JOB', 'CREATED');
    expect(lifecycle()).toContain('Event_paid:ELEMENT_COMPLETED');
    expect(t.records.events('TIMER', 'CANCELED')).toHaveLength(1);
    expect(t.records.variables(pik)).toEqual({ orderId: 'o-7', amount: 5 });
  });

  it('two events at once: only the first processed one wins', async () => {
    await createOrder();
    // The message and the due timer race; whichever is processed first wins, the other is void.
    await Promise.all([
      t.zeebe.publishMessage({ name: 'payment-received', correlationKey: 'o-1', variables: { amount: 1 } }),
      pin(T0 + 24 * HOUR),
    ]);
    await settle();
    const chosen = lifecycle().filter((e) =>
      /^(Event_paid|Event_expired|Event_cancelled):ELEMENT_ACTIVATING$/.test(e),
    );
    expect(chosen).toHaveLength(1);
    expect(lifecycle().filter((e) => e.startsWith('Gateway_await:ELEMENT_COMPLETED'))).toHaveLength(1);
  });
});
