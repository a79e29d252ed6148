// REST API v2 jobs (ZEEBE-SEMANTICS §4): a REST job worker (the SDK's) side by side with a gRPC
// streaming worker; activation with long polling; completion, failure, retries by PATCH, an
// incident resolved; a BPMN error thrown over REST — through the real HTTP port.
import {
  boundaryEvent,
  bpmnError,
  chain,
  definitions,
  errorDefinition,
  flow,
  process,
  serviceTask,
} from '../support/bpmn';
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

describe('workers', () => {
  it('a REST worker and a gRPC streaming worker complete the jobs of the same instances', async () => {
    await t.deploy({
      name: 'pair.bpmn',
      content: chain('pair', serviceTask('first', 'by-rest'), serviceTask('second', 'by-grpc')),
    });
    const restWorker = t.rest.createJobWorker({
      type: 'by-rest',
      worker: 'rest-worker',
      timeout: 30_000,
      maxJobsToActivate: 5,
      pollIntervalMs: 20,
      jobHandler: (job) => job.complete({ restSaw: (job.variables as { n: number }).n }),
    });
    t.zeebe.streamJobs({
      type: 'by-grpc',
      worker: 'grpc-worker',
      timeout: 30_000,
      tenantIds: ['<default>'],
      taskHandler: (job) => job.complete({ grpcSaw: (job.variables as { restSaw: number }).restSaw }),
    });
    const keys: string[] = [];
    for (let n = 0; n < 20; n++)
      keys.push(
        (await t.rest.createProcessInstance({ processDefinitionId: 'pair', variables: { n } }))
          .processInstanceKey,
      );

    const done = await eventually(
      () => t.rest.searchProcessInstances({ filter: { processDefinitionId: 'pair', state: 'COMPLETED' } }),
      (r) => r.page.totalItems === 20,
      10_000,
    );
    expect(done.items.map((i) => i.processInstanceKey).sort()).toEqual([...keys].sort());
    const seen = await t.rest.searchVariables({ filter: { name: 'grpcSaw' }, page: { from: 0, limit: 100 } });
    expect(seen.items.map((v) => Number(v.value)).sort((a, b) => a - b)).toEqual([...Array(20).keys()]);
    await restWorker.stop();
  });
});

describe('job commands over REST', () => {
  it('activation waits for a job (long polling) and hands it over with its variables and headers', async () => {
    await t.deploy({
      name: 'one.bpmn',
      content: chain(
        'one',
        serviceTask(
          'task',
          'slow',
          '<zeebe:taskHeaders><zeebe:header key="unit" value="法院" /></zeebe:taskHeaders>',
        ),
      ),
    });
    const started = Date.now();
    const pending = t.api.activateJobs({
      type: 'slow',
      timeout: 60_000,
      maxJobsToActivate: 2,
      requestTimeout: 5_000,
    });
    await new Promise((r) => setTimeout(r, 150));
    const { processInstanceKey } = await t.rest.createProcessInstance({
      processDefinitionId: 'one',
      variables: { a: 1, b: 'x' },
    });
    const { jobs } = await pending;
    expect(Date.now() - started).toBeLessThan(4_000);
    expect(jobs).toHaveLength(1);
    expect(jobs[0]).toMatchObject({
      type: 'slow',
      processInstanceKey,
      processDefinitionId: 'one',
      elementId: 'task',
      customHeaders: { unit: '法院' },
      variables: { a: 1, b: 'x' },
      retries: 3,
      kind: 'BPMN_ELEMENT',
    });
    expect(jobs[0].deadline).toBeGreaterThan(Date.now());
    const nothing = await t.api.activateJobs({
      type: 'slow',
      timeout: 1_000,
      maxJobsToActivate: 1,
      requestTimeout: -1,
    });
    expect(nothing.jobs).toEqual([]);
    await t.api.completeJob({ jobKey: jobs[0].jobKey, variables: { done: true } });
    const again = await t.http('POST', `/v2/jobs/${jobs[0].jobKey}/completion`, {});
    expect(again.status).toBe(404);
    expect(again.json.title).toBe('NOT_FOUND');
  });

  it('a failure without retries raises an incident; PATCH restores retries, resolution makes the job activatable', async () => {
    await t.deploy({ name: 'one.bpmn', content: chain('one', serviceTask('task', 'flaky')) });
    const { processInstanceKey } = await t.rest.createProcessInstance({
      processDefinitionId: 'one',
      variables: {},
    });
    const activate = () =>
      t.api.activateJobs({ type: 'flaky', timeout: 60_000, maxJobsToActivate: 1, requestTimeout: 2_000 });
    let [job] = (await activate()).jobs;
    await t.api.failJob({ jobKey: job.jobKey, retries: 2, errorMessage: 'try again' });
    [job] = (await activate()).jobs;
    expect(job.retries).toBe(2);
    await t.rest.failJob({ jobKey: job.jobKey, retries: 0, errorMessage: '服务不可用', retryBackOff: 0 });

    const incidents = await eventually(
      () => t.api.searchIncidents({ filter: { processInstanceKey: processInstanceKey as never } }, now),
      (r) => r.items!.length === 1,
    );
    const incident = incidents.items![0];
    expect(incident).toMatchObject({
      errorType: 'JOB_NO_RETRIES',
      errorMessage: '服务不可用',
      state: 'ACTIVE',
    });
    expect(incident.jobKey).toBe(job.jobKey);
    const early = await t.http('POST', `/v2/incidents/${incident.incidentKey}/resolution`);
    expect(early.status).toBe(409);
    expect(early.json.detail).toMatch(/no retries left/);

    // a new timeout is only for an activated job: refused, and the retries stay 0
    const both = await t.http('PATCH', `/v2/jobs/${job.jobKey}`, {
      changeset: { retries: 1, timeout: 5_000 },
    });
    expect(both.status).toBe(409);
    expect((await t.http('POST', `/v2/incidents/${incident.incidentKey}/resolution`)).status).toBe(409);
    await t.api.updateJob({ jobKey: job.jobKey, changeset: { retries: 1 } });
    await t.rest.resolveIncident(String(incident.incidentKey!));
    [job] = (await activate()).jobs;
    expect(job.retries).toBe(1);
    // an activated job takes a new timeout
    await t.api.updateJob({ jobKey: job.jobKey, changeset: { timeout: 120_000 } });
    await t.rest.completeJob({ jobKey: job.jobKey, variables: {} });
    await eventually(
      () => t.api.getIncident({ incidentKey: String(incident.incidentKey) }, now),
      (i) => i.state === 'RESOLVED',
    );
    await eventually(
      () => t.api.getProcessInstance({ processInstanceKey }, now),
      (p) => p.state === 'COMPLETED' && p.hasIncident === false,
    );
  });

  it('a BPMN error thrown over REST is caught by the boundary event', async () => {
    const xml = definitions(
      process(
        'guarded',
        [
          '<bpmn:startEvent id="start" />',
          serviceTask('task', 'check'),
          boundaryEvent('caught', 'task', errorDefinition('err')),
          '<bpmn:endEvent id="ok" />',
          '<bpmn:endEvent id="rejected" />',
          flow('f0', 'start', 'task'),
          flow('f1', 'task', 'ok'),
          flow('f2', 'caught', 'rejected'),
        ].join('\n'),
      ),
      bpmnError('err', 'REJECTED'),
    );
    await t.deploy({ name: 'guarded.bpmn', content: xml });
    const { processInstanceKey } = await t.rest.createProcessInstance({
      processDefinitionId: 'guarded',
      variables: {},
    });
    const [job] = (
      await t.api.activateJobs({
        type: 'check',
        timeout: 60_000,
        maxJobsToActivate: 1,
        requestTimeout: 2_000,
      })
    ).jobs;
    await t.rest.errorJob({
      jobKey: job.jobKey,
      errorCode: 'REJECTED',
      errorMessage: '材料不全',
      variables: { reason: 'x' },
    });
    const flows = await eventually(
      () => t.api.getProcessInstanceSequenceFlows({ processInstanceKey }, now),
      (r) => r.items!.length === 2,
    );
    expect(flows.items!.map((f) => String(f.elementId)).sort()).toEqual(['f0', 'f2']);
  });
});
