// REST API v2: topology, deployments (multipart BPMN and forms), process definitions — get, XML,
// start form, search with filters, sorts and isLatestVersion — through the real HTTP port with
// @camunda8/sdk's CamundaRestClient and the typed Orchestration Cluster client.
import { chain, definitions, element, flow, process, serviceTask } from '../support/bpmn';
import { eventually, startRestEngine, type RestTestEngine } from './support/rest-harness';

jest.setTimeout(20_000);

let t: RestTestEngine;
beforeEach(async () => {
  t = await startRestEngine();
});
afterEach(async () => {
  await t.close();
});

const startForm = JSON.stringify({
  id: 'register-form',
  type: 'default',
  components: [{ key: 'title', label: '标题', type: 'textfield' }],
});

/** A named process whose none start event links the form `register-form`. */
const registration = definitions(
  process(
    'registration',
    [
      element('startEvent', 'start', { ext: '<zeebe:formDefinition formId="register-form" />' }),
      serviceTask('file', 'file-it'),
      '<bpmn:endEvent id="end" />',
      flow('f0', 'start', 'file'),
      flow('f1', 'file', 'end'),
    ].join('\n'),
  ).replace('<bpmn:process id="registration"', '<bpmn:process id="registration" name="信访登记"'),
);

describe('topology', () => {
  it('describes one healthy broker leading partition 1', async () => {
    const topology = await t.api.getTopology();
    expect(topology).toMatchObject({
      clusterSize: 1,
      partitionsCount: 1,
      replicationFactor: 1,
      gatewayVersion: expect.stringMatching(/^8\.8/),
      brokers: [{ partitions: [{ partitionId: 1, role: 'leader', health: 'healthy' }] }],
    });
    expect(await t.rest.getTopology()).toEqual(topology);
  });
});

describe('POST /v2/deployments', () => {
  it('deploys a BPMN file and a form in one multipart request, with string keys and versions', async () => {
    const d = await t.deploy(
      { name: 'registration.bpmn', content: registration },
      { name: 'register.form', content: startForm },
    );
    expect(d.deploymentKey).toMatch(/^\d+$/);
    expect(d.tenantId).toBe('<default>');
    expect(d.processes).toEqual([
      expect.objectContaining({
        processDefinitionId: 'registration',
        processDefinitionVersion: 1,
        resourceName: 'registration.bpmn',
        processDefinitionKey: expect.stringMatching(/^\d+$/),
      }),
    ]);
    expect(d.forms).toEqual([expect.objectContaining({ formId: 'register-form', version: 1 })]);
    // the same content again is not a new version
    const again = await t.deploy({ name: 'registration.bpmn', content: registration });
    expect(again.processes[0].processDefinitionKey).toBe(d.processes[0].processDefinitionKey);
  });

  it('answers an invalid model with 400 INVALID_ARGUMENT naming the problem, and deploys nothing', async () => {
    const broken = chain('broken', element('serviceTask', 'task'));
    const r = await t.http('POST', '/v2/deployments', undefined, {});
    expect(r.status).toBe(400);
    const form = new FormData();
    form.append('resources', new Blob([broken]), 'broken.bpmn');
    const res = await fetch(`${t.address}/v2/deployments`, { method: 'POST', body: form });
    expect(res.status).toBe(400);
    expect(res.headers.get('content-type')).toMatch(/^application\/problem\+json/);
    const problem = (await res.json()) as { title: string; detail: string };
    expect(problem.title).toBe('INVALID_ARGUMENT');
    expect(problem.detail).toMatch(/broken\.bpmn/);
    await t.caughtUp();
    expect(
      (await t.api.searchProcessDefinitions({}, { consistency: { waitUpToMs: 0 } })).page.totalItems,
    ).toBe(0);
  });
});

describe('process definitions', () => {
  it('gets a definition, its XML and its start form', async () => {
    const d = await t.deploy(
      { name: 'registration.bpmn', content: registration },
      { name: 'register.form', content: startForm },
    );
    const key = d.processes[0].processDefinitionKey;
    const definition = await eventually(
      () => t.rest.getProcessDefinition(key).catch(() => undefined),
      (v) => v !== undefined,
    );
    expect(definition).toEqual({
      name: '信访登记',
      resourceName: 'registration.bpmn',
      version: 1,
      processDefinitionId: 'registration',
      tenantId: '<default>',
      processDefinitionKey: key,
      hasStartForm: true,
    });
    expect(await t.rest.getProcessDefinitionXML(key)).toBe(registration);
    const form = await t.api.getStartProcessForm(
      { processDefinitionKey: key },
      { consistency: { waitUpToMs: 0 } },
    );
    expect(form).toMatchObject({ formId: 'register-form', version: 1, schema: JSON.parse(startForm) });
  });

  it('answers 204 for the start form of a process without one, 404 for an unknown key, 400 for a malformed one', async () => {
    const d = await t.deploy({ name: 'plain.bpmn', content: chain('plain', serviceTask('t', 'x')) });
    const key = d.processes[0].processDefinitionKey;
    await t.caughtUp();
    expect((await t.http('GET', `/v2/process-definitions/${key}/form`)).status).toBe(204);
    const missing = await t.http('GET', '/v2/process-definitions/2251799813999999');
    expect(missing.status).toBe(404);
    expect(missing.json).toMatchObject({ title: 'NOT_FOUND', status: 404 });
    const bad = await t.http('GET', '/v2/process-definitions/abc/xml');
    expect(bad.status).toBe(400);
    expect(bad.json.detail).toMatch(/processDefinitionKey/);
  });

  it('searches by id, name pattern and latest version, sorted and paged', async () => {
    const v1 = chain('alpha', serviceTask('a', 'x'));
    const v2 = chain('alpha', serviceTask('a', 'x'), serviceTask('b', 'x'));
    await t.deploy({ name: 'alpha.bpmn', content: v1 });
    await t.deploy({ name: 'alpha.bpmn', content: v2 });
    await t.deploy({ name: 'beta.bpmn', content: chain('beta', serviceTask('a', 'x')) });
    await t.deploy({ name: 'registration.bpmn', content: registration });
    await t.caughtUp();
    const now = { consistency: { waitUpToMs: 0 } };

    const all = await t.api.searchProcessDefinitions(
      { sort: [{ field: 'processDefinitionId', order: 'DESC' }] },
      now,
    );
    expect(all.items!.map((i) => `${i.processDefinitionId}@${i.version}`)).toEqual([
      'registration@1',
      'beta@1',
      'alpha@1',
      'alpha@2',
    ]);
    const latest = await t.api.searchProcessDefinitions(
      { filter: { processDefinitionId: 'alpha', isLatestVersion: true } },
      now,
    );
    expect(latest.items!.map((i) => i.version)).toEqual([2]);
    const named = await t.api.searchProcessDefinitions({ filter: { name: { $like: '信访*' } } }, now);
    expect(named.items!.map((i) => i.processDefinitionId)).toEqual(['registration']);
    const page = await t.api.searchProcessDefinitions(
      { sort: [{ field: 'version', order: 'DESC' }], page: { from: 0, limit: 1 } },
      now,
    );
    expect(page.page.totalItems).toBe(4);
    expect(page.items).toHaveLength(1);
    expect(page.items![0].version).toBe(2);
    const withForm = await t.api.searchProcessDefinitions({ filter: { hasStartForm: true } }, now);
    expect(withForm.items!.map((i) => i.processDefinitionId)).toEqual(['registration']);
  });
});
