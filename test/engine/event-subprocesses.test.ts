// Conformance: event subprocesses (ZEEBE-SEMANTICS §1.4, §6.3, §8.2) — message, timer, error and
// signal starts at process level and inside an embedded subprocess; interrupting ones terminate
// every other child (non-interrupting event subprocesses included) and their scope completes
// after them; non-interrupting ones run again for every event; start-event variables; and the
// subscriptions opened with the scope and closed when it ends.
import { definitions, ioMapping, process, serviceTask } from './support/bpmn';
import {
  error,
  errorDef,
  espStart,
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

/** An event subprocess `id`: start (with `definition`) → optional service task `${id}Task` → end. */
function esp(id: string, definition: string, interrupting: boolean, withTask = true): string {
  const elements = [espStart(`${id}Start`, definition, interrupting)];
  if (withTask) elements.push(serviceTask(`${id}Task`, `${id}-work`));
  elements.push(event('endEvent', `${id}End`));
  return subprocess(id, path(`${id}F`, ...elements), true);
}

/** start → service task 'task' (type 'work') → end, plus the given event subprocesses. */
function withEsps(roots: string, ...esps: string[]): string {
  const main = path('f', event('startEvent', 'start'), serviceTask('task', 'work'), event('endEvent', 'end'));
  return definitions(process('proc', [main, ...esps].join('\n')), roots);
}

async function create(xml: string, variables: Record<string, string | number> = {}) {
  await t.deploy({ name: 'proc.bpmn', content: xml });
  const { processInstanceKey } = await t.zeebe.createProcessInstance({ bpmnProcessId: 'proc', variables });
  await t.records.waitForEvent('JOB', 'CREATED');
  await settle();
  return processInstanceKey;
}

async function job(type: string) {
  const jobs = await t.zeebe.activateJobs({
    type,
    worker: 'w',
    maxJobsToActivate: 1,
    timeout: 60_000,
    requestTimeout: 1_000,
  });
  expect(jobs).toHaveLength(1);
  return jobs[0];
}

const count = (pik: string, entry: string) => t.records.lifecycle(pik).filter((e) => e === entry).length;
const publish = (name: string, variables: Record<string, string | number> = {}, correlationKey = 'o-1') =>
  t.zeebe.publishMessage({ name, correlationKey, variables });

const cancel = message('cancel', 'order-cancel', '=orderId');
const note = message('note', 'order-note', '=orderId');

describe('interrupting event subprocess', () => {
  it('message start: terminates every other child, the non-interrupting event subprocesses too, and the process completes after it', async () => {
    const xml = withEsps(
      cancel + note,
      esp('cancelEsp', messageDef('cancel'), true),
      esp('noteEsp', messageDef('note'), false),
    );
    const pik = await create(xml, { orderId: 'o-1' });
    const subs = t.records
      .events('MESSAGE_SUBSCRIPTION', 'CREATED')
      .map((r) => [r.value.elementInstanceKey, r.value.elementId]);
    expect(subs).toEqual([
      [Number(pik), 'cancelEspStart'],
      [Number(pik), 'noteEspStart'],
    ]);

    await publish('order-note');
    await t.records.waitForEvent('JOB', 'CREATED', (v) => v.type === 'noteEsp-work');
    await publish('order-cancel', { reason: 'customer' });
    await t.records.waitForEvent('JOB', 'CREATED', (v) => v.type === 'cancelEsp-work');

    const lifecycle = t.records.lifecycle(pik);
    const from = lifecycle.indexOf('task:ELEMENT_TERMINATING');
    const espActivating = lifecycle.indexOf('cancelEsp:ELEMENT_ACTIVATING');
    expect(from).toBeGreaterThan(0);
    // Everything else ended before the interrupting event subprocess was activated.
    for (const ended of [
      'task:ELEMENT_TERMINATED',
      'noteEspTask:ELEMENT_TERMINATED',
      'noteEsp:ELEMENT_TERMINATED',
    ]) {
      expect(lifecycle.indexOf(ended)).toBeGreaterThan(from);
      expect(lifecycle.indexOf(ended)).toBeLessThan(espActivating);
    }
    expect(lifecycle.slice(espActivating)).toEqual([
      'cancelEsp:ELEMENT_ACTIVATING',
      'cancelEsp:ELEMENT_ACTIVATED',
      'cancelEspStart:ELEMENT_ACTIVATING',
      'cancelEspStart:ELEMENT_ACTIVATED',
      'cancelEspStart:ELEMENT_COMPLETING',
      'cancelEspStart:ELEMENT_COMPLETED',
      'cancelEspF0:SEQUENCE_FLOW_TAKEN',
      'cancelEspTask:ELEMENT_ACTIVATING',
      'cancelEspTask:ELEMENT_ACTIVATED',
    ]);
    expect(
      t.records
        .events('JOB', 'CANCELED')
        .map((r) => r.value.type)
        .sort(),
    ).toEqual(['noteEsp-work', 'work']);

    // Interrupted: no further events are taken, not even by the non-interrupting start.
    await publish('order-note');
    await publish('order-cancel');
    await settle();
    expect(count(pik, 'noteEsp:ELEMENT_ACTIVATING')).toBe(1);
    expect(count(pik, 'cancelEsp:ELEMENT_ACTIVATING')).toBe(1);

    const undo = await job('cancelEsp-work');
    expect(undo.variables).toEqual({ orderId: 'o-1', reason: 'customer' });
    await t.zeebe.completeJob({ jobKey: undo.key, variables: {} });
    await t.records.waitForInstanceEnd(pik);
    expect(t.records.lifecycle(pik).slice(-8)).toEqual([
      'cancelEspEnd:ELEMENT_ACTIVATING',
      'cancelEspEnd:ELEMENT_ACTIVATED',
      'cancelEspEnd:ELEMENT_COMPLETING',
      'cancelEspEnd:ELEMENT_COMPLETED',
      'cancelEsp:ELEMENT_COMPLETING',
      'cancelEsp:ELEMENT_COMPLETED',
      'proc:ELEMENT_COMPLETING',
      'proc:ELEMENT_COMPLETED',
    ]);
    expect(t.records.variables(pik)).toEqual({ orderId: 'o-1', reason: 'customer' });
  });

  it('timer start: fires after its duration (evaluated with the process variables) and ends the main path', async () => {
    const xml = withEsps('', esp('late', timerDef('timeDuration', '=limit'), true, false));
    const pik = await create(xml, { limit: 'PT2H' });
    expect(t.records.events('TIMER', 'CREATED')[0].value).toMatchObject({
      elementInstanceKey: Number(pik),
      targetElementId: 'lateStart',
      dueDate: T0 + 2 * HOUR,
    });
    await pin(T0 + 2 * HOUR);
    await t.records.waitForInstanceEnd(pik);
    const lifecycle = t.records.lifecycle(pik);
    expect(lifecycle.slice(lifecycle.indexOf('task:ELEMENT_TERMINATING'))).toEqual([
      'task:ELEMENT_TERMINATING',
      'task:ELEMENT_TERMINATED',
      'late:ELEMENT_ACTIVATING',
      'late:ELEMENT_ACTIVATED',
      'lateStart:ELEMENT_ACTIVATING',
      'lateStart:ELEMENT_ACTIVATED',
      'lateStart:ELEMENT_COMPLETING',
      'lateStart:ELEMENT_COMPLETED',
      'lateF0:SEQUENCE_FLOW_TAKEN',
      'lateEnd:ELEMENT_ACTIVATING',
      'lateEnd:ELEMENT_ACTIVATED',
      'lateEnd:ELEMENT_COMPLETING',
      'lateEnd:ELEMENT_COMPLETED',
      'late:ELEMENT_COMPLETING',
      'late:ELEMENT_COMPLETED',
      'proc:ELEMENT_COMPLETING',
      'proc:ELEMENT_COMPLETED',
    ]);
  });

  it('error start: catches the error a job throws; the error variables reach the event subprocess', async () => {
    const xml = withEsps(error('rejected', 'REJECTED'), esp('onError', errorDef('rejected'), true));
    const pik = await create(xml, { orderId: 'o-1' });
    const work = await job('work');
    await t.zeebe.throwError({
      jobKey: work.key,
      errorCode: 'REJECTED',
      errorMessage: 'no stock',
      variables: { sku: 'A-1' },
    });
    const handler = await job('onError-work');
    expect(handler.variables).toMatchObject({ orderId: 'o-1', sku: 'A-1' });
    expect(count(pik, 'task:ELEMENT_TERMINATED')).toBe(1);
    await t.zeebe.completeJob({ jobKey: handler.key, variables: {} });
    await t.records.waitForInstanceEnd(pik);
    expect(t.records.lifecycle(pik).at(-1)).toBe('proc:ELEMENT_COMPLETED');
  });

  it('signal start: a broadcast interrupts the process', async () => {
    const xml = withEsps(signal('stop', 'stop-all'), esp('stopped', signalDef('stop'), true, false));
    const pik = await create(xml);
    await t.zeebe.broadcastSignal({ signalName: 'stop-all', variables: { by: 'admin' } });
    await t.records.waitForInstanceEnd(pik);
    expect(t.records.lifecycle(pik)).toContain('stopped:ELEMENT_COMPLETED');
    expect(t.records.lifecycle(pik).at(-1)).toBe('proc:ELEMENT_COMPLETED');
    expect(t.records.variables(pik)).toEqual({ by: 'admin' });
  });
});

describe('non-interrupting event subprocess', () => {
  it('message start: runs once per correlated message while the process goes on', async () => {
    const xml = withEsps(note, esp('noteEsp', messageDef('note'), false, false));
    const pik = await create(xml, { orderId: 'o-1' });
    for (const n of [1, 2, 3]) await publish('order-note', { n });
    await settle();
    expect(count(pik, 'noteEsp:ELEMENT_COMPLETED')).toBe(3);
    expect(count(pik, 'task:ELEMENT_TERMINATING')).toBe(0);
    // The start event's variables are merged outward from the event subprocess: into the root.
    expect(t.records.variables(pik)).toEqual({ orderId: 'o-1', n: 3 });

    const work = await job('work');
    await t.zeebe.completeJob({ jobKey: work.key, variables: {} });
    await t.records.waitForInstanceEnd(pik);
    expect(t.records.events('MESSAGE_SUBSCRIPTION', 'DELETED')).toHaveLength(1);
  });

  it('timer cycle start: fires on every repetition; the process waits for running instances', async () => {
    const xml = withEsps('', esp('remind', timerDef('timeCycle', 'R2/PT1H'), false));
    const pik = await create(xml);
    await pin(T0 + HOUR);
    await settle();
    await pin(T0 + 2 * HOUR);
    await settle();
    await pin(T0 + 5 * HOUR);
    await settle();
    expect(count(pik, 'remind:ELEMENT_ACTIVATED')).toBe(2);
    expect(t.records.events('TIMER', 'CREATED').map((r) => r.value.dueDate)).toEqual([
      T0 + HOUR,
      T0 + 2 * HOUR,
    ]);

    const work = await job('work');
    await t.zeebe.completeJob({ jobKey: work.key, variables: {} });
    await settle();
    // The main path is done but two event subprocess instances still run.
    expect(count(pik, 'end:ELEMENT_COMPLETED')).toBe(1);
    expect(count(pik, 'proc:ELEMENT_COMPLETED')).toBe(0);
    for (let i = 0; i < 2; i++) {
      const r = await job('remind-work');
      await t.zeebe.completeJob({ jobKey: r.key, variables: {} });
    }
    await t.records.waitForInstanceEnd(pik);
    expect(t.records.lifecycle(pik).slice(-2)).toEqual(['proc:ELEMENT_COMPLETING', 'proc:ELEMENT_COMPLETED']);
  });

  it('signal start: every broadcast starts another instance of it', async () => {
    const xml = withEsps(signal('ping', 'ping'), esp('pinged', signalDef('ping'), false, false));
    const pik = await create(xml);
    await t.zeebe.broadcastSignal({ signalName: 'ping', variables: {} });
    await t.zeebe.broadcastSignal({ signalName: 'ping', variables: {} });
    await settle();
    expect(count(pik, 'pinged:ELEMENT_COMPLETED')).toBe(2);
    expect(count(pik, 'task:ELEMENT_TERMINATING')).toBe(0);
  });
});

describe('subscriptions of the scope', () => {
  it('a non-interrupting message start takes every buffered message when the process opens its subscription', async () => {
    await publish('order-note', { n: 1 });
    await t.zeebe.publishMessage({
      name: 'order-note',
      correlationKey: 'o-1',
      variables: { n: 1 },
      timeToLive: HOUR,
    });
    await t.zeebe.publishMessage({
      name: 'order-note',
      correlationKey: 'o-1',
      variables: { n: 2 },
      timeToLive: HOUR,
    });
    const pik = await create(withEsps(note, esp('noteEsp', messageDef('note'), false, false)), {
      orderId: 'o-1',
    });
    expect(count(pik, 'noteEsp:ELEMENT_COMPLETED')).toBe(2);
    expect(t.records.variables(pik)).toEqual({ orderId: 'o-1', n: 2 });
  });

  it('are all closed when the process instance is canceled', async () => {
    const xml = withEsps(
      cancel + signal('ping', 'ping'),
      esp('cancelEsp', messageDef('cancel'), true),
      esp('remind', timerDef('timeCycle', 'R/PT1H'), false),
      esp('pinged', signalDef('ping'), false),
    );
    const pik = await create(xml, { orderId: 'o-1' });
    await t.zeebe.cancelProcessInstance(pik);
    await t.records.waitForInstanceEnd(pik);
    expect(t.records.events('TIMER', 'CANCELED')).toHaveLength(1);
    expect(t.records.events('MESSAGE_SUBSCRIPTION', 'DELETED')).toHaveLength(1);
    expect(t.records.events('SIGNAL_SUBSCRIPTION', 'DELETED')).toHaveLength(1);
    await publish('order-cancel');
    await t.zeebe.broadcastSignal({ signalName: 'ping', variables: {} });
    await pin(T0 + 3 * HOUR);
    await settle();
    expect(t.records.lifecycle(pik).at(-1)).toBe('proc:ELEMENT_TERMINATED');
    expect(t.records.events('TIMER', 'TRIGGERED')).toHaveLength(0);
  });
});

describe('event subprocess inside an embedded subprocess', () => {
  function nested(interrupting: boolean): string {
    const inner = [
      path(
        's',
        event('startEvent', 'subStart'),
        serviceTask('inner', 'inner-work'),
        event('endEvent', 'subEnd'),
      ),
      esp('subEsp', messageDef('cancel'), interrupting),
    ].join('\n');
    const sub = subprocess('sub', inner).replace(
      '<bpmn:subProcess id="sub">',
      `<bpmn:subProcess id="sub"><bpmn:extensionElements>${ioMapping([['="sub-local"', 'scoped']])}</bpmn:extensionElements>`,
    );
    return definitions(
      process(
        'proc',
        path(
          'f',
          event('startEvent', 'start'),
          sub,
          serviceTask('after', 'after-work'),
          event('endEvent', 'end'),
        ),
      ),
      cancel,
    );
  }

  it('interrupting: ends the subprocess’s children, the subprocess completes after it and the process goes on', async () => {
    const pik = await create(nested(true), { orderId: 'o-1' });
    const subKey = t.records
      .events('PROCESS_INSTANCE', 'ELEMENT_ACTIVATED')
      .find((r) => r.value.elementId === 'sub')!.key;
    expect(t.records.events('MESSAGE_SUBSCRIPTION', 'CREATED')[0].value).toMatchObject({
      elementInstanceKey: subKey,
      elementId: 'subEspStart',
    });
    await publish('order-cancel', { reason: 'dup' });
    const handler = await job('subEsp-work');
    // It sees (and could change) the subprocess’s local variables.
    expect(handler.variables).toEqual({ orderId: 'o-1', scoped: 'sub-local', reason: 'dup' });
    expect(count(pik, 'inner:ELEMENT_TERMINATED')).toBe(1);
    await t.zeebe.completeJob({ jobKey: handler.key, variables: {} });
    const after = await job('after-work');
    const lifecycle = t.records.lifecycle(pik);
    expect(lifecycle.slice(lifecycle.indexOf('subEspEnd:ELEMENT_COMPLETED'))).toEqual([
      'subEspEnd:ELEMENT_COMPLETED',
      'subEsp:ELEMENT_COMPLETING',
      'subEsp:ELEMENT_COMPLETED',
      'sub:ELEMENT_COMPLETING',
      'sub:ELEMENT_COMPLETED',
      'f1:SEQUENCE_FLOW_TAKEN',
      'after:ELEMENT_ACTIVATING',
      'after:ELEMENT_ACTIVATED',
    ]);
    // The message variable was merged into the root; the subprocess local was dropped with it.
    expect(after.variables).toEqual({ orderId: 'o-1', reason: 'dup' });
  });

  it('its subscription closes when the subprocess completes normally', async () => {
    const pik = await create(nested(false), { orderId: 'o-1' });
    const inner = await job('inner-work');
    await t.zeebe.completeJob({ jobKey: inner.key, variables: {} });
    await job('after-work');
    expect(t.records.events('MESSAGE_SUBSCRIPTION', 'DELETED')).toHaveLength(1);
    await publish('order-cancel');
    await settle();
    expect(count(pik, 'subEsp:ELEMENT_ACTIVATING')).toBe(0);
  });
});
