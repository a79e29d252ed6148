// Conformance: boundary events (ZEEBE-SEMANTICS §6.2, §7.1, §7.3, §8.2) — timer, message and signal
// boundaries, interrupting (the activity and its job end, the boundary path runs) and
// non-interrupting (the activity stays; cycles and messages fire repeatedly), their subscriptions
// opened with the activity and closed when it ends, and the trigger's variables.
import { definitions, flow, ioMapping, process, serviceTask } from './support/bpmn';
import {
  boundary,
  event,
  message,
  messageDef,
  path,
  signal,
  signalDef,
  subprocess,
  timerDef,
} from './support/events';
import { pinnedEngineForEachTest } from './support/harness';

const T0 = Date.UTC(2026, 2, 2, 1, 0, 0);
const HOUR = 3_600_000;

const { t, pin, settle } = pinnedEngineForEachTest(T0);

/** start → task (service task 'work') → end, with one boundary event `b` leading to end event `bEnd`. */
function withBoundary(definition: string, interrupting: boolean, roots = '', boundaryExt = ''): string {
  return definitions(
    process(
      'proc',
      [
        path('f', event('startEvent', 'start'), serviceTask('task', 'work'), event('endEvent', 'end')),
        boundary('b', 'task', definition, interrupting, boundaryExt),
        event('endEvent', 'bEnd'),
        flow('fb', 'b', 'bEnd'),
      ].join('\n'),
    ),
    roots,
  );
}

async function start(xml: string, variables: Record<string, string | number> = {}) {
  await t.deploy({ name: 'proc.bpmn', content: xml });
  const { processInstanceKey } = await t.zeebe.createProcessInstance({ bpmnProcessId: 'proc', variables });
  await t.records.waitForEvent('JOB', 'CREATED');
  return processInstanceKey;
}

async function activateJob() {
  const jobs = await t.zeebe.activateJobs({
    type: 'work',
    worker: 'w',
    maxJobsToActivate: 1,
    timeout: 60_000,
    requestTimeout: 1_000,
  });
  expect(jobs).toHaveLength(1);
  return jobs[0];
}

const count = (pik: string, entry: string) => t.records.lifecycle(pik).filter((e) => e === entry).length;

const INTERRUPTED = [
  'proc:ELEMENT_ACTIVATING',
  'proc:ELEMENT_ACTIVATED',
  'start:ELEMENT_ACTIVATING',
  'start:ELEMENT_ACTIVATED',
  'start:ELEMENT_COMPLETING',
  'start:ELEMENT_COMPLETED',
  'f0:SEQUENCE_FLOW_TAKEN',
  'task:ELEMENT_ACTIVATING',
  'task:ELEMENT_ACTIVATED',
  'task:ELEMENT_TERMINATING',
  'task:ELEMENT_TERMINATED',
  'b:ELEMENT_ACTIVATING',
  'b:ELEMENT_ACTIVATED',
  'b:ELEMENT_COMPLETING',
  'b:ELEMENT_COMPLETED',
  'fb:SEQUENCE_FLOW_TAKEN',
  'bEnd:ELEMENT_ACTIVATING',
  'bEnd:ELEMENT_ACTIVATED',
  'bEnd:ELEMENT_COMPLETING',
  'bEnd:ELEMENT_COMPLETED',
  'proc:ELEMENT_COMPLETING',
  'proc:ELEMENT_COMPLETED',
];

describe('timer boundary event', () => {
  it('interrupting: terminates the activity and cancels its job when due, then takes the boundary path', async () => {
    const pik = await start(withBoundary(timerDef('timeDuration', 'PT1H'), true));
    const timer = t.records.events('TIMER', 'CREATED')[0];
    const taskKey = t.records
      .events('PROCESS_INSTANCE', 'ELEMENT_ACTIVATED')
      .find((r) => r.value.elementId === 'task')!.key;
    expect(timer.value).toMatchObject({
      elementInstanceKey: taskKey,
      targetElementId: 'b',
      dueDate: T0 + HOUR,
    });
    const job = await activateJob();

    await pin(T0 + HOUR);
    await t.records.waitForInstanceEnd(pik);
    expect(t.records.lifecycle(pik)).toEqual(INTERRUPTED);
    expect(t.records.events('JOB', 'CANCELED').map((r) => String(r.key))).toEqual([job.key]);
    await expect(t.zeebe.completeJob({ jobKey: job.key, variables: {} })).rejects.toThrow(/NOT_FOUND/);
  });

  it('is canceled with the activity when the activity completes first', async () => {
    const pik = await start(withBoundary(timerDef('timeDuration', 'PT1H'), true));
    const job = await activateJob();
    await t.zeebe.completeJob({ jobKey: job.key, variables: {} });
    await t.records.waitForInstanceEnd(pik);
    const [timer] = t.records.events('TIMER', 'CREATED');
    expect(t.records.events('TIMER', 'CANCELED').map((r) => r.key)).toEqual([timer.key]);
    await pin(T0 + 2 * HOUR);
    await settle();
    expect(t.records.events('TIMER', 'TRIGGERED')).toHaveLength(0);
    expect(count(pik, 'b:ELEMENT_ACTIVATING')).toBe(0);
  });

  it('non-interrupting R3/PT1H: fires three times while the activity is active, each rescheduled from the previous due date', async () => {
    const pik = await start(withBoundary(timerDef('timeCycle', 'R3/PT1H'), false));
    const due = () => t.records.events('TIMER', 'CREATED').map((r) => [r.value.dueDate, r.value.repetitions]);
    expect(due()).toEqual([[T0 + HOUR, 3]]);

    // Late by 25 minutes: the next due date is still T0 + 2h.
    await pin(T0 + HOUR + 25 * 60_000);
    await settle();
    expect(count(pik, 'b:ELEMENT_COMPLETED')).toBe(1);
    expect(due()).toEqual([
      [T0 + HOUR, 3],
      [T0 + 2 * HOUR, 2],
    ]);
    await pin(T0 + 2 * HOUR);
    await settle();
    await pin(T0 + 3 * HOUR);
    await settle();
    expect(count(pik, 'b:ELEMENT_COMPLETED')).toBe(3);
    expect(due()).toHaveLength(3);
    await pin(T0 + 10 * HOUR);
    await settle();
    expect(count(pik, 'b:ELEMENT_COMPLETED')).toBe(3);

    // The activity was never interrupted; each boundary path ended on its own.
    expect(count(pik, 'task:ELEMENT_TERMINATING')).toBe(0);
    expect(count(pik, 'bEnd:ELEMENT_COMPLETED')).toBe(3);
    const job = await activateJob();
    await t.zeebe.completeJob({ jobKey: job.key, variables: {} });
    await t.records.waitForInstanceEnd(pik);
    expect(t.records.lifecycle(pik).slice(-9)).toEqual([
      'task:ELEMENT_COMPLETING',
      'task:ELEMENT_COMPLETED',
      'f1:SEQUENCE_FLOW_TAKEN',
      'end:ELEMENT_ACTIVATING',
      'end:ELEMENT_ACTIVATED',
      'end:ELEMENT_COMPLETING',
      'end:ELEMENT_COMPLETED',
      'proc:ELEMENT_COMPLETING',
      'proc:ELEMENT_COMPLETED',
    ]);
  });

  it('non-interrupting with a duration: fires once and leaves the activity running', async () => {
    const pik = await start(withBoundary(timerDef('timeDuration', 'PT1H'), false));
    await pin(T0 + HOUR);
    await settle();
    await pin(T0 + 5 * HOUR);
    await settle();
    expect(count(pik, 'b:ELEMENT_COMPLETED')).toBe(1);
    expect(t.records.events('TIMER', 'CREATED')).toHaveLength(1);
    expect(t.records.lifecycle(pik)).not.toContain('task:ELEMENT_TERMINATING');
  });

  it('non-interrupting infinite cycle: the pending timer is canceled when the activity completes', async () => {
    const pik = await start(withBoundary(timerDef('timeCycle', 'R/PT1H'), false));
    await pin(T0 + HOUR);
    await settle();
    await pin(T0 + 2 * HOUR);
    await settle();
    expect(count(pik, 'b:ELEMENT_COMPLETED')).toBe(2);
    const pending = t.records.events('TIMER', 'CREATED').at(-1)!;
    expect(pending.value).toMatchObject({ dueDate: T0 + 3 * HOUR, repetitions: -1 });
    const job = await activateJob();
    await t.zeebe.completeJob({ jobKey: job.key, variables: {} });
    await t.records.waitForInstanceEnd(pik);
    expect(t.records.events('TIMER', 'CANCELED').map((r) => r.key)).toEqual([pending.key]);
  });

  it('interrupting on an embedded subprocess: terminates the children first, then the subprocess', async () => {
    const xml = definitions(
      process(
        'proc',
        [
          path(
            'f',
            event('startEvent', 'start'),
            subprocess(
              'sub',
              path(
                's',
                event('startEvent', 'subStart'),
                serviceTask('task', 'work'),
                event('endEvent', 'subEnd'),
              ),
            ),
            event('endEvent', 'end'),
          ),
          boundary('b', 'sub', timerDef('timeDuration', 'PT1H'), true),
          event('endEvent', 'bEnd'),
          flow('fb', 'b', 'bEnd'),
        ].join('\n'),
      ),
    );
    const pik = await start(xml);
    await pin(T0 + HOUR);
    await t.records.waitForInstanceEnd(pik);
    const lifecycle = t.records.lifecycle(pik);
    expect(lifecycle.slice(lifecycle.indexOf('task:ELEMENT_ACTIVATED') + 1)).toEqual([
      'sub:ELEMENT_TERMINATING',
      'task:ELEMENT_TERMINATING',
      'task:ELEMENT_TERMINATED',
      'sub:ELEMENT_TERMINATED',
      'b:ELEMENT_ACTIVATING',
      'b:ELEMENT_ACTIVATED',
      'b:ELEMENT_COMPLETING',
      'b:ELEMENT_COMPLETED',
      'fb:SEQUENCE_FLOW_TAKEN',
      'bEnd:ELEMENT_ACTIVATING',
      'bEnd:ELEMENT_ACTIVATED',
      'bEnd:ELEMENT_COMPLETING',
      'bEnd:ELEMENT_COMPLETED',
      'proc:ELEMENT_COMPLETING',
      'proc:ELEMENT_COMPLETED',
    ]);
    expect(t.records.events('JOB', 'CANCELED')).toHaveLength(1);
  });
});

describe('message boundary event', () => {
  const paid = message('paid', 'order-paid', '=orderId');

  it('interrupting: the correlated message ends the activity; its variables are merged into the process', async () => {
    const pik = await start(withBoundary(messageDef('paid'), true, paid), { orderId: 'o-1' });
    const sub = t.records.events('MESSAGE_SUBSCRIPTION', 'CREATED')[0];
    expect(sub.value).toMatchObject({
      messageName: 'order-paid',
      correlationKey: 'o-1',
      elementId: 'b',
      interrupting: true,
    });

    await t.zeebe.publishMessage({ name: 'order-paid', correlationKey: 'o-2', variables: { amount: 1 } });
    await t.zeebe.publishMessage({ name: 'order-paid', correlationKey: 'o-1', variables: { amount: 12 } });
    await t.records.waitForInstanceEnd(pik);
    expect(t.records.lifecycle(pik)).toEqual(INTERRUPTED);
    expect(t.records.variables(pik)).toEqual({ orderId: 'o-1', amount: 12 });
    expect(t.records.events('JOB', 'CANCELED')).toHaveLength(1);
  });

  it('non-interrupting: correlates every matching message while the activity is active, then the subscription closes with it', async () => {
    const pik = await start(withBoundary(messageDef('paid'), false, paid), { orderId: 'o-1' });
    for (const n of [1, 2, 3]) {
      await t.zeebe.publishMessage({ name: 'order-paid', correlationKey: 'o-1', variables: { reminder: n } });
    }
    await settle();
    expect(count(pik, 'b:ELEMENT_COMPLETED')).toBe(3);
    expect(count(pik, 'task:ELEMENT_TERMINATING')).toBe(0);
    expect(t.records.variables(pik).reminder).toBe(3);
    expect(t.records.events('MESSAGE_SUBSCRIPTION', 'CORRELATED')).toHaveLength(3);

    const job = await activateJob();
    await t.zeebe.completeJob({ jobKey: job.key, variables: {} });
    await t.records.waitForInstanceEnd(pik);
    expect(t.records.events('MESSAGE_SUBSCRIPTION', 'DELETED')).toHaveLength(1);
    // A late message finds no subscription any more.
    await t.zeebe.publishMessage({ name: 'order-paid', correlationKey: 'o-1', variables: {} });
    await settle();
    expect(t.records.events('MESSAGE_SUBSCRIPTION', 'CORRELATED')).toHaveLength(3);
  });

  it('non-interrupting: takes every buffered message when the activity opens its subscription, oldest first', async () => {
    await t.deploy({ name: 'proc.bpmn', content: withBoundary(messageDef('paid'), false, paid) });
    for (const n of [1, 2]) {
      await t.zeebe.publishMessage({
        name: 'order-paid',
        correlationKey: 'o-1',
        variables: { reminder: n },
        timeToLive: 60_000,
      });
    }
    const { processInstanceKey: pik } = await t.zeebe.createProcessInstance({
      bpmnProcessId: 'proc',
      variables: { orderId: 'o-1' },
    });
    await settle();
    expect(count(pik, 'b:ELEMENT_COMPLETED')).toBe(2);
    expect(t.records.variables(pik).reminder).toBe(2);
    expect(count(pik, 'task:ELEMENT_TERMINATING')).toBe(0);
  });

  it('with an output mapping, only the mapped variables leave the boundary event', async () => {
    const xml = withBoundary(messageDef('paid'), true, paid, ioMapping([], [['=amount * 2', 'doubled']]));
    const pik = await start(xml, { orderId: 'o-1' });
    await t.zeebe.publishMessage({ name: 'order-paid', correlationKey: 'o-1', variables: { amount: 21 } });
    await t.records.waitForInstanceEnd(pik);
    expect(t.records.variables(pik)).toEqual({ orderId: 'o-1', doubled: 42 });
  });

  it('a message boundary and a timer boundary on one activity: the first event wins and closes the other', async () => {
    const xml = definitions(
      process(
        'proc',
        [
          path('f', event('startEvent', 'start'), serviceTask('task', 'work'), event('endEvent', 'end')),
          boundary('b', 'task', messageDef('paid'), true),
          boundary('late', 'task', timerDef('timeDuration', 'PT1H'), true),
          event('endEvent', 'bEnd'),
          event('endEvent', 'lateEnd'),
          flow('fb', 'b', 'bEnd'),
          flow('fl', 'late', 'lateEnd'),
        ].join('\n'),
      ),
      paid,
    );
    const pik = await start(xml, { orderId: 'o-1' });
    await t.zeebe.publishMessage({ name: 'order-paid', correlationKey: 'o-1', variables: {} });
    await t.records.waitForInstanceEnd(pik);
    expect(t.records.events('TIMER', 'CANCELED')).toHaveLength(1);
    await pin(T0 + 2 * HOUR);
    await settle();
    expect(t.records.events('TIMER', 'TRIGGERED')).toHaveLength(0);
    expect(count(pik, 'late:ELEMENT_ACTIVATING')).toBe(0);
    expect(count(pik, 'bEnd:ELEMENT_COMPLETED')).toBe(1);
  });
});

describe('signal boundary event', () => {
  const alarm = signal('alarm', 'fire-alarm');

  it('interrupting: the broadcast ends the activity and its variables are merged into the process', async () => {
    const pik = await start(withBoundary(signalDef('alarm'), true, alarm));
    const response = await t.zeebe.broadcastSignal({ signalName: 'fire-alarm', variables: { floor: 3 } });
    expect(BigInt(response.key) > 2n ** 51n).toBe(true);
    await t.records.waitForInstanceEnd(pik);
    expect(t.records.lifecycle(pik)).toEqual(INTERRUPTED);
    expect(t.records.variables(pik)).toEqual({ floor: 3 });
    expect(t.records.events('SIGNAL_SUBSCRIPTION', 'DELETED')).toHaveLength(1);
  });

  it('non-interrupting: every broadcast activates the boundary event again', async () => {
    const pik = await start(withBoundary(signalDef('alarm'), false, alarm));
    await t.zeebe.broadcastSignal({ signalName: 'fire-alarm', variables: {} });
    await t.zeebe.broadcastSignal({ signalName: 'fire-alarm', variables: {} });
    await settle();
    expect(count(pik, 'b:ELEMENT_COMPLETED')).toBe(2);
    expect(count(pik, 'task:ELEMENT_TERMINATING')).toBe(0);
    const job = await activateJob();
    await t.zeebe.completeJob({ jobKey: job.key, variables: {} });
    await t.records.waitForInstanceEnd(pik);
    expect(t.records.events('SIGNAL_SUBSCRIPTION', 'DELETED')).toHaveLength(1);
  });
});
