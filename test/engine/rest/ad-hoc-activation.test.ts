// Conformance: POST /v2/element-instances/ad-hoc-activities/{key}/activation, as Camunda 8.8 serves it
// (engine/README.md). The engine's AD_HOC_SUB_PROCESS_INSTRUCTION ACTIVATE activates each named inner element in
// an inner instance of its own, with the given variables as that instance's locals, whether the engine or a job
// worker runs the subprocess; cancelRemainingInstances terminates the inner instances active before. Refusals
// carry Zeebe's rejection texts and write nothing. Through the real REST port (the typed 8.8 client; raw HTTP
// for the refusals) and the real gRPC port for the inner jobs.
import { boot, closeAfterEach, records, t } from './support/listener-engine';
import {
  adHocJobIntents,
  adHocModel,
  completeTask,
  id,
  lifecycle,
  nthEvent,
  sequenceFrom,
  startAdHoc,
} from './support/ad-hoc';

jest.setTimeout(60_000);

closeAfterEach();
beforeEach(() => boot());

const path = (key: number | string) => `/v2/element-instances/ad-hoc-activities/${key}/activation`;

it('activates the named elements, each in an inner instance with its variables, and the subprocess goes on', async () => {
  const { pi, agent } = await startAdHoc({});
  await nthEvent('PROCESS_INSTANCE', 'ELEMENT_ACTIVATED', 1, (v) => v.elementId === 'agent');
  await t.api.activateAdHocSubProcessActivities({
    adHocSubProcessInstanceKey: String(agent) as never,
    elements: [{ elementId: id('B'), variables: { 承办人: '王' } }, { elementId: id('A') }],
  });
  expect(sequenceFrom((r) => r.valueType === 'AD_HOC_SUB_PROCESS_INSTRUCTION').slice(0, 9)).toEqual([
    'AD_HOC_SUB_PROCESS_INSTRUCTION:COMMAND:ACTIVATE',
    'PROCESS_INSTANCE:EVENT:ELEMENT_ACTIVATING:agent#innerInstance',
    'PROCESS_INSTANCE:EVENT:ELEMENT_ACTIVATED:agent#innerInstance',
    'VARIABLE:EVENT:CREATED',
    'PROCESS_INSTANCE:COMMAND:ACTIVATE_ELEMENT:B',
    'PROCESS_INSTANCE:EVENT:ELEMENT_ACTIVATING:agent#innerInstance',
    'PROCESS_INSTANCE:EVENT:ELEMENT_ACTIVATED:agent#innerInstance',
    'PROCESS_INSTANCE:COMMAND:ACTIVATE_ELEMENT:A',
    'AD_HOC_SUB_PROCESS_INSTRUCTION:EVENT:ACTIVATED',
  ]);
  const activated = records.events('AD_HOC_SUB_PROCESS_INSTRUCTION', 'ACTIVATED')[0];
  expect(activated.key).toBe(agent);
  expect(activated.value).toEqual({
    adHocSubProcessInstanceKey: String(agent),
    activateElements: [
      { elementId: 'B', variables: { 承办人: '王' } },
      { elementId: 'A', variables: {} },
    ],
    cancelRemainingInstances: false,
    completionConditionFulfilled: false,
    tenantId: '<default>',
  });
  const b = await nthEvent('PROCESS_INSTANCE', 'ELEMENT_ACTIVATED', 1, (v) => v.elementId === 'B');
  const variable = records.events('VARIABLE', 'CREATED').find((v) => v.value.name === '承办人')!;
  expect(variable.value.scopeKey).toBe(b.value.flowScopeKey);

  await completeTask('B');
  await completeTask('A');
  await completeTask('A2');
  await records.waitForInstanceEnd(pi);
  expect(lifecycle(pi)).toContain('agent:ELEMENT_COMPLETED');
  expect(lifecycle(pi)).not.toContain('C:ELEMENT_ACTIVATING');
});

it('with cancelRemainingInstances, terminates the inner instances active before, after activating the new ones', async () => {
  const { pi, agent } = await startAdHoc({ collection: '=["A"]' });
  await nthEvent('JOB', 'CREATED', 1, (v) => v.elementId === 'A');
  const answer = await t.http('POST', path(agent), {
    elements: [{ elementId: 'C' }],
    cancelRemainingInstances: true,
  });
  expect(answer.status).toBe(204);
  await nthEvent('PROCESS_INSTANCE', 'ELEMENT_TERMINATED', 1, (v) => v.elementId === 'A');
  const life = lifecycle(pi);
  expect(life.slice(life.indexOf('C:ELEMENT_ACTIVATING'))).toEqual([
    'C:ELEMENT_ACTIVATING',
    'C:ELEMENT_ACTIVATED',
    'agent#innerInstance:ELEMENT_TERMINATING',
    'A:ELEMENT_TERMINATING',
    'A:ELEMENT_TERMINATED',
    'agent#innerInstance:ELEMENT_TERMINATED',
  ]);
  expect(records.events('JOB', 'CANCELED').map((r) => r.value.elementId)).toEqual(['A']);
  await completeTask('C');
  await records.waitForInstanceEnd(pi);
  expect(lifecycle(pi).at(-1)).toBe('p:ELEMENT_COMPLETED');
});

it('activates elements of a subprocess a job worker runs; its job stays open until an inner instance completes', async () => {
  const { agent } = await startAdHoc({ jobType: 'agent' });
  await nthEvent('JOB', 'CREATED', 1, (v) => v.jobKind === 'AD_HOC_SUB_PROCESS');
  await t.api.activateAdHocSubProcessActivities({
    adHocSubProcessInstanceKey: String(agent) as never,
    elements: [{ elementId: id('C') }],
  });
  expect(adHocJobIntents()).toEqual(['CREATED']);
  await completeTask('C');
  await nthEvent('JOB', 'CREATED', 2, (v) => v.jobKind === 'AD_HOC_SUB_PROCESS');
  expect(adHocJobIntents()).toEqual(['CREATED', 'CANCELED', 'CREATED']);
});

it('refuses what Zeebe refuses, with its texts, and writes nothing', async () => {
  const { pi, agent } = await startAdHoc({});
  await nthEvent('PROCESS_INSTANCE', 'ELEMENT_ACTIVATED', 1, (v) => v.elementId === 'agent');
  const refusal = async (key: number | string, body: object) => {
    const r = await t.http('POST', path(key), body);
    return [r.status, r.json.title, r.json.detail];
  };
  const rejected = (code: string, text: string) => `Command 'ACTIVATE' rejected with code '${code}': ${text}`;
  const one = { elements: [{ elementId: 'A' }] };
  expect(await refusal(123, one)).toEqual([
    404,
    'NOT_FOUND',
    rejected(
      'NOT_FOUND',
      "Expected to activate activities for ad-hoc sub-process but no ad-hoc sub-process instance found with key '123'.",
    ),
  ]);
  expect(await refusal(pi, one)).toEqual([
    404,
    'NOT_FOUND',
    rejected(
      'NOT_FOUND',
      `Expected to activate activities for ad-hoc sub-process but no ad-hoc sub-process instance found with key '${pi}'.`,
    ),
  ]);
  expect(
    await refusal(agent, { elements: [{ elementId: 'A' }, { elementId: 'X' }, { elementId: 'A2' }] }),
  ).toEqual([
    404,
    'NOT_FOUND',
    rejected(
      'NOT_FOUND',
      `Expected to activate activities for ad-hoc sub-process with key '${agent}', but the given elements [X, A2] do not exist.`,
    ),
  ]);
  expect(await refusal(agent, { elements: [{ elementId: 'A' }, { elementId: 'A' }] })).toEqual([
    400,
    'INVALID_ARGUMENT',
    rejected(
      'INVALID_ARGUMENT',
      `Expected to activate activities for ad-hoc sub-process with key '${agent}', but duplicate activities were given.`,
    ),
  ]);
  // The gateway's own checks, before any command.
  expect(await refusal(agent, { elements: [] })).toEqual([400, 'INVALID_ARGUMENT', 'No elements provided.']);
  expect(await refusal(agent, { elements: [{ elementId: 'A' }, { elementId: ' ' }] })).toEqual([
    400,
    'INVALID_ARGUMENT',
    'No elements[1].elementId provided.',
  ]);
  expect(records.events('AD_HOC_SUB_PROCESS_INSTRUCTION')).toEqual([]);
  expect(lifecycle(pi).filter((l) => l.startsWith('agent#innerInstance'))).toEqual([]);
});

it('refuses a subprocess that is not active (waiting on an incident) with INVALID_STATE', async () => {
  await t.deploy({
    name: 'agent.bpmn',
    content: adHocModel({ jobType: '=agentType' }),
  });
  await t.rest.createProcessInstance({ processDefinitionId: 'p' as never, variables: {} });
  const incident = await nthEvent('INCIDENT', 'CREATED', 1);
  const agent = incident.value.elementInstanceKey;
  const r = await t.http('POST', path(agent), { elements: [{ elementId: 'A' }] });
  expect([r.status, r.json.title, r.json.detail]).toEqual([
    409,
    'INVALID_STATE',
    `Command 'ACTIVATE' rejected with code 'INVALID_STATE': Expected to activate activities for ad-hoc sub-process with key '${agent}', but it is not active.`,
  ]);
  expect(records.events('AD_HOC_SUB_PROCESS_INSTRUCTION')).toEqual([]);
});
