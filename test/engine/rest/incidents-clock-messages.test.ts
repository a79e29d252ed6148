// REST API v2: an incident from a failing FEEL condition found by search, fixed with SetVariables
// and resolved; the clock pinned forward fires a timer, and reset; messages published and
// correlated; signals broadcast — through the real HTTP port.
import { definitions, element, flow, process, serviceTask } from '../support/bpmn';
import { eventually, startRestEngine, type RestTestEngine } from './support/rest-harness';

jest.setTimeout(20_000);

let t: RestTestEngine;
beforeEach(async () => {
  t = await startRestEngine();
});
afterEach(async () => {
  await t.close();
});

const now = { consistency: { waitUpToMs: 0 } };

describe('incidents', () => {
  it('a failing FEEL condition raises an incident that search finds; SetVariables and resolution let the instance go on', async () => {
    const xml = definitions(
      process(
        'limits',
        [
          '<bpmn:startEvent id="start" />',
          element('exclusiveGateway', 'check', { attrs: { default: 'small' } }),
          '<bpmn:endEvent id="endBig" />',
          '<bpmn:endEvent id="endSmall" />',
          flow('f0', 'start', 'check'),
          flow('big', 'check', 'endBig', '=amount > limit'),
          flow('small', 'check', 'endSmall'),
        ].join('\n'),
      ),
    );
    await t.deploy({ name: 'limits.bpmn', content: xml });
    const { processInstanceKey } = await t.rest.createProcessInstance({
      processDefinitionId: 'limits',
      variables: { amount: 500 },
    });

    const found = await eventually(
      () => t.rest.searchIncidents({ filter: { processInstanceKey, state: 'ACTIVE' } }),
      (r) => r.items.length === 1,
    );
    const incident = found.items[0];
    expect(incident).toMatchObject({
      errorType: 'EXTRACT_VALUE_ERROR',
      elementId: 'check',
      processDefinitionId: 'limits',
      state: 'ACTIVE',
    });
    expect(incident.errorMessage).toMatch(/limit/);
    expect(await t.api.getIncident({ incidentKey: incident.incidentKey }, now)).toMatchObject({
      incidentKey: incident.incidentKey,
      errorType: 'EXTRACT_VALUE_ERROR',
    });
    const instance = await t.api.getProcessInstance({ processInstanceKey }, now);
    expect(instance.hasIncident).toBe(true);
    const gateway = await t.api.getElementInstance({ elementInstanceKey: incident.elementInstanceKey }, now);
    expect(gateway).toMatchObject({ state: 'ACTIVE', hasIncident: true, incidentKey: incident.incidentKey });
    const withIncidents = await t.api.searchProcessInstances({ filter: { hasIncident: true } }, now);
    expect(withIncidents.items.map((i) => String(i.processInstanceKey))).toEqual([processInstanceKey]);

    await t.rest.updateElementInstanceVariables({
      elementInstanceKey: processInstanceKey,
      variables: { limit: 100 },
    });
    await t.api.resolveIncident({ incidentKey: incident.incidentKey });
    const done = await eventually(
      () => t.api.getProcessInstance({ processInstanceKey }, now),
      (p) => p.state === 'COMPLETED',
    );
    expect(done.hasIncident).toBe(false);
    const flows = await t.api.getProcessInstanceSequenceFlows({ processInstanceKey }, now);
    expect(flows.items!.map((f) => String(f.elementId)).sort()).toEqual(['big', 'f0']);
    const resolved = await t.rest.searchIncidents({ filter: { processInstanceKey } });
    expect(resolved.items.map((i) => i.state)).toEqual(['RESOLVED']);
    const again = await t.http('POST', `/v2/incidents/${incident.incidentKey}/resolution`);
    expect(again.status).toBe(404);
  });
});

describe('the engine clock', () => {
  it('a timer fires when the clock is pinned past its due date; reset returns to system time', async () => {
    const xml = definitions(
      process(
        'waiting',
        [
          '<bpmn:startEvent id="start" />',
          element('intermediateCatchEvent', 'wait', {
            body: '<bpmn:timerEventDefinition><bpmn:timeDuration xsi:type="bpmn:tFormalExpression">PT1H</bpmn:timeDuration></bpmn:timerEventDefinition>',
          }),
          '<bpmn:endEvent id="end" />',
          flow('f0', 'start', 'wait'),
          flow('f1', 'wait', 'end'),
        ].join('\n'),
      ),
    );
    await t.deploy({ name: 'waiting.bpmn', content: xml });
    const start = Date.now();
    await t.api.pinClock({ timestamp: start });
    const { processInstanceKey } = await t.rest.createProcessInstance({
      processDefinitionId: 'waiting',
      variables: {},
    });
    await t.caughtUp();
    expect((await t.api.getProcessInstance({ processInstanceKey }, now)).state).toBe('ACTIVE');

    await t.rest.pinInternalClock(start + 30 * 60_000);
    await t.caughtUp();
    expect((await t.api.getProcessInstance({ processInstanceKey }, now)).state).toBe('ACTIVE');

    await t.rest.pinInternalClock(start + 2 * 3_600_000);
    const done = await eventually(
      () => t.api.getProcessInstance({ processInstanceKey }, now),
      (p) => p.state === 'COMPLETED',
    );
    expect(Date.parse(done.endDate!)).toBe(start + 2 * 3_600_000);
    expect(t.server.engine.now()).toBe(start + 2 * 3_600_000);

    await t.rest.resetClock();
    expect(Math.abs(t.server.engine.now() - Date.now())).toBeLessThan(1_000);
    const bad = await t.http('PUT', '/v2/clock', { timestamp: -5 });
    expect(bad.status).toBe(400);
    expect(bad.json.detail).toMatch(/timestamp/);
  });
});

describe('messages and signals', () => {
  const waitForMessage = definitions(
    process(
      'waits',
      [
        '<bpmn:startEvent id="start" />',
        element('intermediateCatchEvent', 'paid', { body: '<bpmn:messageEventDefinition messageRef="m" />' }),
        '<bpmn:endEvent id="end" />',
        flow('f0', 'start', 'paid'),
        flow('f1', 'paid', 'end'),
      ].join('\n'),
    ),
    '<bpmn:message id="m" name="payment"><bpmn:extensionElements><zeebe:subscription correlationKey="=orderId" /></bpmn:extensionElements></bpmn:message>',
  );

  it('publishes a buffered message, correlates another at once, and answers 404 when nothing waits', async () => {
    await t.deploy({ name: 'waits.bpmn', content: waitForMessage });
    const published = await t.rest.publishMessage({
      name: 'payment',
      correlationKey: 'o-1',
      timeToLive: 60_000,
      variables: { paid: 10 },
      messageId: 'pay-1',
    });
    expect(published.messageKey).toMatch(/^\d+$/);
    const first = await t.rest.createProcessInstance({
      processDefinitionId: 'waits',
      variables: { orderId: 'o-1' },
    });
    await eventually(
      () =>
        t.api
          .getProcessInstance({ processInstanceKey: first.processInstanceKey }, now)
          .catch(() => undefined),
      (p) => p?.state === 'COMPLETED',
    );
    const duplicate = await t.http('POST', '/v2/messages/publication', {
      name: 'payment',
      correlationKey: 'o-1',
      timeToLive: 60_000,
      messageId: 'pay-1',
    });
    expect(duplicate.status).toBe(409);
    expect(duplicate.json.title).toBe('ALREADY_EXISTS');

    const second = await t.rest.createProcessInstance({
      processDefinitionId: 'waits',
      variables: { orderId: 'o-2' },
    });
    await t.caughtUp();
    const correlated = await t.api.correlateMessage({
      name: 'payment',
      correlationKey: 'o-2',
      variables: { paid: 20 },
    });
    expect(correlated.processInstanceKey).toBe(second.processInstanceKey);
    const nobody = await t.http('POST', '/v2/messages/correlation', {
      name: 'payment',
      correlationKey: 'o-3',
    });
    expect(nobody.status).toBe(404);
    expect(nobody.json.title).toBe('NOT_FOUND');
    const paid = await eventually(
      () =>
        t.rest.searchVariables({ filter: { name: 'paid', processInstanceKey: second.processInstanceKey } }),
      (r) => r.items.length === 1,
    );
    expect(paid.items[0].value).toBe('20');
  });

  it('broadcasts a signal that starts an instance', async () => {
    const xml = definitions(
      process(
        'onSignal',
        [
          element('startEvent', 'start', { body: '<bpmn:signalEventDefinition signalRef="s" />' }),
          serviceTask('task', 'after-signal'),
          '<bpmn:endEvent id="end" />',
          flow('f0', 'start', 'task'),
          flow('f1', 'task', 'end'),
        ].join('\n'),
      ),
      '<bpmn:signal id="s" name="weekly" />',
    );
    await t.deploy({ name: 'signal.bpmn', content: xml });
    const r = await t.api.broadcastSignal({ signalName: 'weekly', variables: { week: '2026-W10' } });
    expect(r.signalKey).toMatch(/^\d+$/);
    const started = await eventually(
      () => t.rest.searchProcessInstances({ filter: { processDefinitionId: 'onSignal' } }),
      (s) => s.items.length === 1,
    );
    expect(started.items[0].state).toBe('ACTIVE');
  });
});
