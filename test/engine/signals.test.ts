// Conformance: signals (ZEEBE-SEMANTICS §8.2 signal events, §2.5) — BroadcastSignal to intermediate
// catch events in every waiting instance, to signal start events (one new instance per process,
// latest version only), and signal throw and end events that broadcast their input-mapped local
// variables. Signal boundary events are in boundary-events.test.ts, signal event subprocesses in
// event-subprocesses.test.ts.
import { definitions, flow, ioMapping, process, serviceTask } from './support/bpmn';
import { event, path, signal, signalDef } from './support/events';
import { engineForEachTest } from './support/harness';
import type { EngineRecord } from '../../engine/protocol/record';

const t = engineForEachTest();

/** Every command submitted so far has been processed when this resolves. */
const settle = () => t.zeebe.broadcastSignal({ signalName: 'nothing-listens', variables: {} });

function catchProcess(id: string, signalName = 'alarm'): string {
  const body = path(
    'f',
    event('startEvent', 'start'),
    event('intermediateCatchEvent', 'catch', signalDef('sig')),
    event('endEvent', 'end'),
  );
  return definitions(process(id, body), signal('sig', signalName));
}

function startProcess(id: string, name = ''): string {
  const body = path(
    'f',
    event('startEvent', 'start', signalDef('sig')),
    serviceTask('task', 'work'),
    event('endEvent', 'end'),
  );
  return definitions(
    process(id, body).replace('<bpmn:process ', `<bpmn:process name="${name}" `),
    signal('sig', 'go'),
  );
}

function instancesOf(bpmnProcessId: string): EngineRecord<'PROCESS_INSTANCE'>[] {
  return t.records
    .events('PROCESS_INSTANCE', 'ELEMENT_ACTIVATED')
    .filter((r) => r.value.bpmnElementType === 'PROCESS' && r.value.bpmnProcessId === bpmnProcessId);
}

const completed = (pik: string) =>
  t.records
    .events('PROCESS_INSTANCE', 'ELEMENT_COMPLETED')
    .some((r) => r.key === Number(pik) && r.value.bpmnElementType === 'PROCESS');

describe('signal intermediate catch event', () => {
  it('completes on a matching broadcast and merges the signal variables', async () => {
    await t.deploy({ name: 'c.bpmn', content: catchProcess('waiter') });
    const { processInstanceKey: pik } = await t.zeebe.createProcessInstance({
      bpmnProcessId: 'waiter',
      variables: {},
    });
    await t.records.waitForEvent('SIGNAL_SUBSCRIPTION', 'CREATED');
    expect(t.records.events('SIGNAL_SUBSCRIPTION', 'CREATED')[0].value).toMatchObject({
      signalName: 'alarm',
      catchEventId: 'catch',
      bpmnProcessId: 'waiter',
    });

    await t.zeebe.broadcastSignal({ signalName: 'other', variables: { wrong: true } });
    await settle();
    expect(completed(pik)).toBe(false);

    const response = await t.zeebe.broadcastSignal({ signalName: 'alarm', variables: { level: 2 } });
    expect((response as { tenantId?: string }).tenantId).toBe('<default>'); // in the proto, not in the SDK's type
    expect(t.records.events('SIGNAL', 'BROADCASTED').map((r) => String(r.key))).toContain(response.key);
    await t.records.waitForInstanceEnd(pik);
    expect(t.records.lifecycle(pik)).toEqual([
      'waiter:ELEMENT_ACTIVATING',
      'waiter:ELEMENT_ACTIVATED',
      'start:ELEMENT_ACTIVATING',
      'start:ELEMENT_ACTIVATED',
      'start:ELEMENT_COMPLETING',
      'start:ELEMENT_COMPLETED',
      'f0:SEQUENCE_FLOW_TAKEN',
      'catch:ELEMENT_ACTIVATING',
      'catch:ELEMENT_ACTIVATED',
      'catch:ELEMENT_COMPLETING',
      'catch:ELEMENT_COMPLETED',
      'f1:SEQUENCE_FLOW_TAKEN',
      'end:ELEMENT_ACTIVATING',
      'end:ELEMENT_ACTIVATED',
      'end:ELEMENT_COMPLETING',
      'end:ELEMENT_COMPLETED',
      'waiter:ELEMENT_COMPLETING',
      'waiter:ELEMENT_COMPLETED',
    ]);
    expect(t.records.variables(pik)).toEqual({ level: 2 });
    expect(t.records.events('SIGNAL_SUBSCRIPTION', 'DELETED')).toHaveLength(1);
  });

  it('reaches every waiting instance of every process (unlike a message)', async () => {
    await t.deploy(
      { name: 'a.bpmn', content: catchProcess('a') },
      { name: 'b.bpmn', content: catchProcess('b') },
    );
    const keys = [];
    for (const id of ['a', 'a', 'b']) {
      keys.push(
        (await t.zeebe.createProcessInstance({ bpmnProcessId: id, variables: {} })).processInstanceKey,
      );
    }
    await t.zeebe.broadcastSignal({ signalName: 'alarm', variables: {} });
    for (const pik of keys) await t.records.waitForInstanceEnd(pik);
  });

  it('answers a broadcast nobody listens to with a key and changes nothing', async () => {
    const response = await t.zeebe.broadcastSignal({ signalName: 'void', variables: { a: 1 } });
    expect(BigInt(response.key) > 2n ** 51n).toBe(true);
    expect(t.records.events('PROCESS_INSTANCE')).toHaveLength(0);
  });
});

describe('signal start event', () => {
  it('starts one instance per process with the signal variables, of the latest version only', async () => {
    await t.deploy({ name: 's.bpmn', content: startProcess('s') });
    const [v1Sub] = t.records.events('SIGNAL_SUBSCRIPTION', 'CREATED');
    expect(v1Sub.value).toMatchObject({ catchEventId: 'start', catchEventInstanceKey: -1, signalName: 'go' });
    await t.deploy({ name: 's.bpmn', content: startProcess('s', 'v2') });
    expect(t.records.events('SIGNAL_SUBSCRIPTION', 'DELETED').map((r) => r.key)).toEqual([v1Sub.key]);
    await t.deploy({ name: 'other.bpmn', content: startProcess('other') });

    await t.zeebe.broadcastSignal({ signalName: 'go', variables: { reason: 'drill' } });
    await settle();
    expect(instancesOf('s').map((r) => r.value.version)).toEqual([2]);
    expect(instancesOf('other')).toHaveLength(1);
    const pik = String(instancesOf('s')[0].key);
    expect(t.records.lifecycle(pik)).toEqual([
      's:ELEMENT_ACTIVATING',
      's:ELEMENT_ACTIVATED',
      'start:ELEMENT_ACTIVATING',
      'start:ELEMENT_ACTIVATED',
      'start:ELEMENT_COMPLETING',
      'start:ELEMENT_COMPLETED',
      'f0:SEQUENCE_FLOW_TAKEN',
      'task:ELEMENT_ACTIVATING',
      'task:ELEMENT_ACTIVATED',
    ]);
    expect(t.records.variables(pik)).toEqual({ reason: 'drill' });

    // The subscription stays: every broadcast starts another instance.
    await t.zeebe.broadcastSignal({ signalName: 'go', variables: {} });
    await settle();
    expect(instancesOf('s')).toHaveLength(2);
  });
});

describe('signal throw and end events', () => {
  it('broadcast their input-mapped local variables (and nothing else) to the catching instances', async () => {
    const thrower = definitions(
      process(
        'thrower',
        path(
          'f',
          event('startEvent', 'start'),
          event('intermediateThrowEvent', 'throw', signalDef('sig'), ioMapping([['=result * 10', 'score']])),
          event('endEvent', 'end', signalDef('fin'), ioMapping([['="closed"', 'state']])),
        ),
      ),
      `${signal('sig', 'alarm')}${signal('fin', 'finished')}`,
    );
    await t.deploy(
      { name: 'thrower.bpmn', content: thrower },
      { name: 'a.bpmn', content: catchProcess('alarmed') },
      { name: 'f.bpmn', content: catchProcess('finished', 'finished') },
    );
    const { processInstanceKey: alarmed } = await t.zeebe.createProcessInstance({
      bpmnProcessId: 'alarmed',
      variables: {},
    });
    const { processInstanceKey: finished } = await t.zeebe.createProcessInstance({
      bpmnProcessId: 'finished',
      variables: {},
    });
    const { processInstanceKey: pik } = await t.zeebe.createProcessInstance({
      bpmnProcessId: 'thrower',
      variables: { result: 4, secret: 'x' },
    });
    await t.records.waitForInstanceEnd(pik);
    await t.records.waitForInstanceEnd(alarmed);
    await t.records.waitForInstanceEnd(finished);
    expect(t.records.variables(alarmed)).toEqual({ score: 40 });
    expect(t.records.variables(finished)).toEqual({ state: 'closed' });
    expect(
      t.records.events('SIGNAL', 'BROADCASTED').map((r) => [r.value.signalName, r.value.variables]),
    ).toEqual([
      ['alarm', { score: 40 }],
      ['finished', { state: 'closed' }],
    ]);
    // The throwing instance keeps its own variables; the mapped locals do not leak into it.
    expect(t.records.variables(pik)).toEqual({ result: 4, secret: 'x' });
    expect(t.records.lifecycle(pik)).toEqual([
      'thrower:ELEMENT_ACTIVATING',
      'thrower:ELEMENT_ACTIVATED',
      'start:ELEMENT_ACTIVATING',
      'start:ELEMENT_ACTIVATED',
      'start:ELEMENT_COMPLETING',
      'start:ELEMENT_COMPLETED',
      'f0:SEQUENCE_FLOW_TAKEN',
      'throw:ELEMENT_ACTIVATING',
      'throw:ELEMENT_ACTIVATED',
      'throw:ELEMENT_COMPLETING',
      'throw:ELEMENT_COMPLETED',
      'f1:SEQUENCE_FLOW_TAKEN',
      'end:ELEMENT_ACTIVATING',
      'end:ELEMENT_ACTIVATED',
      'end:ELEMENT_COMPLETING',
      'end:ELEMENT_COMPLETED',
      'thrower:ELEMENT_COMPLETING',
      'thrower:ELEMENT_COMPLETED',
    ]);
  });

  it('a signal thrown by an instance reaches a catch event waiting in the same instance', async () => {
    const xml = definitions(
      process(
        'self',
        [
          event('startEvent', 'start'),
          '<bpmn:parallelGateway id="fork" />',
          event('intermediateCatchEvent', 'catch', signalDef('sig')),
          event('intermediateThrowEvent', 'throw', signalDef('sig')),
          event('endEvent', 'end1'),
          event('endEvent', 'end2'),
          flow('s0', 'start', 'fork'),
          flow('s1', 'fork', 'catch'), // the catch event subscribes before the throw event broadcasts
          flow('s2', 'fork', 'throw'),
          flow('s3', 'catch', 'end1'),
          flow('s4', 'throw', 'end2'),
        ].join('\n'),
      ),
      signal('sig', 'self-signal'),
    );
    await t.deploy({ name: 'self.bpmn', content: xml });
    const { processInstanceKey: pik } = await t.zeebe.createProcessInstance({
      bpmnProcessId: 'self',
      variables: {},
    });
    await t.records.waitForInstanceEnd(pik);
    expect(t.records.lifecycle(pik)).toContain('catch:ELEMENT_COMPLETED');
  });
});
