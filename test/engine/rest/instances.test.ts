// REST API v2: process instances (create, awaitCompletion, search, get, cancellation, taken
// sequence flows), element instances with their history, variables, and the statistics behind
// a live diagram as instances move — through the real HTTP port.
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

const now = { consistency: { waitUpToMs: 0 } };

/** start → check → route: big amounts to review, the rest to archive → end. */
const routing = definitions(
  process(
    'routing',
    [
      '<bpmn:startEvent id="start" />',
      serviceTask('check', 'check'),
      element('exclusiveGateway', 'route', { attrs: { default: 'small' } }),
      serviceTask('review', 'review'),
      serviceTask('archive', 'archive'),
      element('exclusiveGateway', 'join'),
      '<bpmn:endEvent id="end" />',
      flow('f0', 'start', 'check'),
      flow('f1', 'check', 'route'),
      flow('big', 'route', 'review', '=amount > 100'),
      flow('small', 'route', 'archive'),
      flow('f2', 'review', 'join'),
      flow('f3', 'archive', 'join'),
      flow('f4', 'join', 'end'),
    ].join('\n'),
  ),
);

async function completeAll(type: string): Promise<number> {
  const jobs = await t.zeebe.activateJobs({
    type,
    worker: 'test',
    timeout: 30_000,
    maxJobsToActivate: 100,
    requestTimeout: -1,
  });
  for (const j of jobs) await t.zeebe.completeJob({ jobKey: j.key, variables: {} });
  return jobs.length;
}

describe('creating process instances', () => {
  it('creates by id and by key, and with awaitCompletion answers with the final variables', async () => {
    const d = await t.deploy({ name: 'simple.bpmn', content: chain('simple', serviceTask('task', 'work')) });
    const worker = t.rest.createJobWorker({
      type: 'work',
      worker: 'rest-worker',
      timeout: 30_000,
      maxJobsToActivate: 10,
      pollIntervalMs: 50,
      jobHandler: (job) => job.complete({ doubled: Number((job.variables as { a?: unknown }).a) * 2 }),
    });
    const result = await t.rest.createProcessInstanceWithResult({
      processDefinitionId: 'simple',
      variables: { a: 21 },
    });
    expect(result.variables).toEqual({ a: 21, doubled: 42 });
    expect(result.processDefinitionKey).toBe(d.processes[0].processDefinitionKey);

    const byKey = await t.api.createProcessInstance({
      processDefinitionKey: d.processes[0].processDefinitionKey,
      variables: { a: 1 },
      awaitCompletion: true,
      fetchVariables: ['doubled'],
    });
    expect(byKey).toMatchObject({
      processDefinitionId: 'simple',
      processDefinitionVersion: 1,
      variables: { doubled: 2 },
    });
    await worker.stop();
  });

  it('answers 404 NOT_FOUND for an unknown process and 504 when awaitCompletion outlasts requestTimeout', async () => {
    const missing = await t.http('POST', '/v2/process-instances', { processDefinitionId: 'nope' });
    expect(missing.status).toBe(404);
    expect(missing.json).toMatchObject({
      title: 'NOT_FOUND',
      type: 'about:blank',
      instance: '/v2/process-instances',
    });
    expect(missing.json.detail).toMatch(/^Command 'CREATE' rejected with code 'NOT_FOUND'/);
    await t.deploy({ name: 'simple.bpmn', content: chain('simple', serviceTask('task', 'work')) });
    const slow = await t.http('POST', '/v2/process-instances', {
      processDefinitionId: 'simple',
      awaitCompletion: true,
      requestTimeout: 200,
    });
    expect(slow.status).toBe(504);
    expect(slow.json.title).toBe('DEADLINE_EXCEEDED');
  });
});

describe('searching instances and their history', () => {
  it('finds instances by state, variables and incident flag; gets one; cancels one', async () => {
    await t.deploy({ name: 'routing.bpmn', content: routing });
    const keys: string[] = [];
    for (const amount of [50, 500, 5000]) {
      keys.push(
        (await t.rest.createProcessInstance({ processDefinitionId: 'routing', variables: { amount } }))
          .processInstanceKey,
      );
    }
    await t.rest.cancelProcessInstance({ processInstanceKey: keys[2] });
    await t.caughtUp();
    const active = await t.api.searchProcessInstances({ filter: { state: 'ACTIVE' } }, now);
    expect(active.items.map((i) => i.processInstanceKey)).toEqual(keys.slice(0, 2));
    const terminated = await t.api.searchProcessInstances({ filter: { state: { $eq: 'TERMINATED' } } }, now);
    expect(terminated.items.map((i) => i.processInstanceKey)).toEqual([keys[2]]);
    expect(terminated.items[0].endDate).toBeDefined();
    const big = await t.api.searchProcessInstances(
      { filter: { variables: [{ name: 'amount', value: '500' }] } },
      now,
    );
    expect(big.items.map((i) => i.processInstanceKey)).toEqual([keys[1]]);
    const one = await t.api.getProcessInstance({ processInstanceKey: keys[0] }, now);
    expect(one).toMatchObject({
      processDefinitionId: 'routing',
      processDefinitionName: 'routing',
      state: 'ACTIVE',
      hasIncident: false,
      processInstanceKey: keys[0],
    });
    const again = await t.http('POST', `/v2/process-instances/${keys[2]}/cancellation`, {});
    expect(again.status).toBe(404);
  });

  it('keeps the taken path and the element history of a finished instance', async () => {
    await t.deploy({ name: 'routing.bpmn', content: routing });
    const { processInstanceKey } = await t.rest.createProcessInstance({
      processDefinitionId: 'routing',
      variables: { amount: 500 },
    });
    await completeAll('check');
    await eventually(
      () => completeAll('review'),
      (n) => n === 1,
    );
    await eventually(
      () => t.api.getProcessInstance({ processInstanceKey }, now),
      (p) => p.state === 'COMPLETED',
    );
    const flows = await t.api.getProcessInstanceSequenceFlows({ processInstanceKey }, now);
    expect(flows.items!.map((f) => f.elementId).sort()).toEqual(['big', 'f0', 'f1', 'f2', 'f4']);
    const elements = await t.api.searchElementInstances(
      {
        filter: { processInstanceKey: processInstanceKey as never },
        sort: [{ field: 'startDate' }, { field: 'elementInstanceKey' }],
      },
      now,
    );
    expect(elements.items!.map((e) => `${e.elementId}:${e.type}:${e.state}`)).toEqual([
      'start:START_EVENT:COMPLETED',
      'check:SERVICE_TASK:COMPLETED',
      'route:EXCLUSIVE_GATEWAY:COMPLETED',
      'review:SERVICE_TASK:COMPLETED',
      'join:EXCLUSIVE_GATEWAY:COMPLETED',
      'end:END_EVENT:COMPLETED',
    ]);
    for (const e of elements.items!)
      expect(Date.parse(e.endDate!)).toBeGreaterThanOrEqual(Date.parse(e.startDate));
    const review = elements.items![3];
    expect(await t.rest.getElementInstance(review.elementInstanceKey)).toEqual(review);
    const perInstance = await t.api.getProcessInstanceStatistics({ processInstanceKey }, now);
    expect(perInstance.items).toContainEqual({
      elementId: 'review',
      active: 0,
      canceled: 0,
      incidents: 0,
      completed: 1,
    });
    expect(perInstance.items!.map((s) => s.elementId)).not.toContain('archive');
  });

  it('lists and reads the variables of an instance', async () => {
    await t.deploy({ name: 'routing.bpmn', content: routing });
    const { processInstanceKey } = await t.rest.createProcessInstance({
      processDefinitionId: 'routing',
      variables: { amount: 7, who: '张三', long: 'x'.repeat(9000) },
    });
    await t.caughtUp();
    const found = await t.rest.searchVariables({
      filter: { processInstanceKey },
      sort: [{ field: 'name', order: 'ASC' }],
    });
    expect(found.items.map((v) => [v.name, v.isTruncated])).toEqual([
      ['amount', false],
      ['long', true],
      ['who', false],
    ]);
    expect(found.items[2].value).toBe('"张三"');
    const whole = await t.http('POST', '/v2/variables/search?truncateValues=false', {
      filter: { name: 'long' },
    });
    expect(whole.json.items).toEqual([
      expect.objectContaining({ isTruncated: false, value: JSON.stringify('x'.repeat(9000)) }),
    ]);
    const long = await t.api.getVariable({ variableKey: found.items[1].variableKey }, now);
    expect(long.value).toBe(JSON.stringify('x'.repeat(9000)));
    const byValue = await t.api.searchVariables({ filter: { value: { $like: '"张*' } } }, now);
    expect(byValue.items.map((v) => v.name)).toEqual(['who']);
    // instances by a variable's whole JSON value, also past the indexed first 64 characters
    const byLong = (value: string) =>
      t.api.searchProcessInstances({ filter: { variables: [{ name: 'long', value }] } }, now);
    expect(
      (await byLong(JSON.stringify('x'.repeat(9000)))).items.map((i) => String(i.processInstanceKey)),
    ).toEqual([processInstanceKey]);
    expect((await byLong(JSON.stringify('x'.repeat(8999)))).items).toEqual([]);
  });
});

describe('statistics of a definition', () => {
  it('change as instances move: active, completed, canceled and incidents per element', async () => {
    const d = await t.deploy({ name: 'routing.bpmn', content: routing });
    const processDefinitionKey = d.processes[0].processDefinitionKey;
    const stats = async () => {
      await t.caughtUp();
      const r = await t.api.getProcessDefinitionStatistics({ processDefinitionKey }, now);
      return Object.fromEntries(
        r.items!.map((s) => [s.elementId, [s.active, s.completed, s.canceled, s.incidents]]),
      );
    };
    const created: string[] = [];
    for (const amount of [1, 2, 500]) {
      created.push(
        (await t.rest.createProcessInstance({ processDefinitionId: 'routing', variables: { amount } }))
          .processInstanceKey,
      );
    }
    await eventually(stats, (s) => s.check?.[0] === 3);
    expect(await stats()).toEqual({ start: [0, 3, 0, 0], check: [3, 0, 0, 0] });

    await completeAll('check');
    await eventually(stats, (s) => s.archive?.[0] === 2 && s.review?.[0] === 1);
    await t.rest.cancelProcessInstance({ processInstanceKey: created[0] });
    const jobs = await t.zeebe.activateJobs({
      type: 'review',
      worker: 'w',
      timeout: 30_000,
      maxJobsToActivate: 1,
      requestTimeout: -1,
    });
    await t.zeebe.failJob({ jobKey: jobs[0].key, retries: 0, errorMessage: 'service down', retryBackOff: 0 });
    await eventually(stats, (s) => s.archive?.[2] === 1 && s.review?.[3] === 1);
    expect(await stats()).toEqual({
      start: [0, 3, 0, 0],
      check: [0, 3, 0, 0],
      route: [0, 3, 0, 0],
      archive: [1, 0, 1, 0],
      review: [0, 0, 0, 1],
    });
    // narrowed by a process-instance filter: only the instance with the incident
    const withIncident = await t.api.getProcessDefinitionStatistics(
      { processDefinitionKey, filter: { hasIncident: true } },
      now,
    );
    expect(withIncident.items!.find((s) => String(s.elementId) === 'review')).toEqual({
      elementId: 'review',
      active: 0,
      canceled: 0,
      incidents: 1,
      completed: 0,
    });
    expect(withIncident.items!.find((s) => String(s.elementId) === 'archive')).toBeUndefined();
  });
});
