// REST API v2: POST /v2/jobs/search and POST /v2/message-subscriptions/search with Camunda 8.8's
// filter, sort and page shapes, through the real HTTP port with the typed 8.8 client (every
// response validated against the 8.8 schemas).
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

/** start → charge (job) → paid (message, correlated by orderId) → end */
const order = definitions(
  process(
    'order',
    [
      '<bpmn:startEvent id="start" />',
      serviceTask(
        'charge',
        'charge',
        '<zeebe:taskHeaders><zeebe:header key="unit" value="法院" /></zeebe:taskHeaders>',
      ),
      element('intermediateCatchEvent', 'paid', { body: '<bpmn:messageEventDefinition messageRef="m" />' }),
      '<bpmn:endEvent id="end" />',
      flow('f0', 'start', 'charge'),
      flow('f1', 'charge', 'paid'),
      flow('f2', 'paid', 'end'),
    ].join('\n'),
  ),
  '<bpmn:message id="m" name="payment"><bpmn:extensionElements><zeebe:subscription correlationKey="=orderId" /></bpmn:extensionElements></bpmn:message>',
);

async function start(orderId: string): Promise<string> {
  return (await t.rest.createProcessInstance({ processDefinitionId: 'order', variables: { orderId } }))
    .processInstanceKey;
}

it('jobs: states, worker, retries and errors as the jobs move; filters, sort and cursor paging', async () => {
  await t.deploy({ name: 'order.bpmn', content: order });
  const keys = [await start('a'), await start('b'), await start('c')];
  const jobs = await t.zeebe.activateJobs({
    type: 'charge',
    worker: 'cashier',
    maxJobsToActivate: 3,
    timeout: 60_000,
    requestTimeout: 5_000,
  });
  expect(jobs).toHaveLength(3);
  const byInstance = new Map(jobs.map((j) => [j.processInstanceKey, j]));
  await t.zeebe.completeJob({ jobKey: byInstance.get(keys[0])!.key, variables: {} });
  await t.zeebe.failJob({
    jobKey: byInstance.get(keys[1])!.key,
    retries: 2,
    errorMessage: 'card declined',
    retryBackOff: 0,
  });
  await t.caughtUp();

  const all = await eventually(
    () => t.api.searchJobs({ sort: [{ field: 'processInstanceKey' }] }, now),
    (r) => r.items.some((j) => j.state === 'FAILED'),
  );
  expect(all.page.totalItems).toBe(3);
  const [done, failed, open] = all.items;
  expect(done).toMatchObject({
    jobKey: byInstance.get(keys[0])!.key,
    type: 'charge',
    worker: 'cashier',
    state: 'COMPLETED',
    kind: 'BPMN_ELEMENT',
    listenerEventType: 'UNSPECIFIED',
    elementId: 'charge',
    processDefinitionId: 'order',
    processInstanceKey: keys[0],
    customHeaders: { unit: '法院' },
    hasFailedWithRetriesLeft: false,
    retries: 3,
    tenantId: '<default>',
  });
  expect(typeof done.endTime).toBe('string');
  expect(failed).toMatchObject({
    state: 'FAILED',
    retries: 2,
    errorMessage: 'card declined',
    hasFailedWithRetriesLeft: true,
  });
  expect(open).toMatchObject({ state: 'CREATED', worker: 'cashier', retries: 3 });
  expect(Date.parse(String(open.deadline))).toBeGreaterThan(Date.now());
  expect(open.endTime).toBeUndefined();

  const failedOnly = await t.api.searchJobs({ filter: { hasFailedWithRetriesLeft: true } }, now);
  expect(failedOnly.items.map((j) => j.processInstanceKey)).toEqual([keys[1]]);
  const notDone = await t.api.searchJobs(
    { filter: { state: { $in: ['CREATED', 'FAILED'] }, retries: { $gte: 2 } } },
    now,
  );
  expect(notDone.items.map((j) => j.processInstanceKey).sort()).toEqual([keys[1], keys[2]].sort());
  const byWorker = await t.api.searchJobs({ filter: { worker: { $like: 'cash*' }, type: 'charge' } }, now);
  expect(byWorker.page.totalItems).toBe(3);

  // descending by key, two per page, then the rest after the cursor
  const first = await t.api.searchJobs(
    { sort: [{ field: 'jobKey', order: 'DESC' }], page: { limit: 2 } },
    now,
  );
  expect(first.items).toHaveLength(2);
  const rest = await t.api.searchJobs(
    { sort: [{ field: 'jobKey', order: 'DESC' }], page: { limit: 2, after: first.page.endCursor as never } },
    now,
  );
  const seen = [...first.items, ...rest.items].map((j) => BigInt(j.jobKey));
  expect(seen).toEqual([...seen].sort((a, b) => (a < b ? 1 : -1)));
  expect(seen).toHaveLength(3);

  const bad = await t.http('POST', '/v2/jobs/search', { filter: { state: 'ACTIVATED' } });
  expect(bad.status).toBe(400);
  const badSort = await t.http('POST', '/v2/jobs/search', { sort: [{ field: 'variables' }] });
  expect(badSort.status).toBe(400);
});

it('message subscriptions: created when an instance waits, correlated by the message; filters and sort', async () => {
  await t.deploy({ name: 'order.bpmn', content: order });
  const keys = [await start('o-1'), await start('o-2')];
  const jobs = await t.zeebe.activateJobs({
    type: 'charge',
    worker: 'cashier',
    maxJobsToActivate: 2,
    timeout: 60_000,
    requestTimeout: 5_000,
  });
  for (const j of jobs) await t.zeebe.completeJob({ jobKey: j.key, variables: {} });
  const waiting = await eventually(
    async () => {
      await t.caughtUp();
      return t.api.searchMessageSubscriptions({ sort: [{ field: 'correlationKey', order: 'ASC' }] }, now);
    },
    (r) => r.items?.length === 2,
  );
  expect(
    waiting.items!.map((s) => [s.correlationKey, s.messageSubscriptionState, s.processInstanceKey]),
  ).toEqual([
    ['o-1', 'CREATED', keys[0]],
    ['o-2', 'CREATED', keys[1]],
  ]);
  expect(waiting.items![0]).toMatchObject({
    messageName: 'payment',
    elementId: 'paid',
    processDefinitionId: 'order',
    tenantId: '<default>',
  });

  await t.rest.publishMessage({ name: 'payment', correlationKey: 'o-2', timeToLive: 0, variables: {} });
  const correlated = await eventually(
    async () => {
      await t.caughtUp();
      return t.api.searchMessageSubscriptions({ filter: { messageSubscriptionState: 'CORRELATED' } }, now);
    },
    (r) => r.items?.length === 1,
  );
  expect(correlated.items![0]).toMatchObject({ correlationKey: 'o-2', processInstanceKey: keys[1] });
  const open = await t.api.searchMessageSubscriptions(
    { filter: { messageName: 'payment', messageSubscriptionState: { $neq: 'CORRELATED' } } },
    now,
  );
  expect(open.items!.map((s) => s.correlationKey)).toEqual(['o-1']);

  await t.rest.cancelProcessInstance({ processInstanceKey: keys[0] });
  const deleted = await eventually(
    async () => {
      await t.caughtUp();
      return t.api.searchMessageSubscriptions({ filter: { processInstanceKey: keys[0] as never } }, now);
    },
    (r) => r.items?.[0]?.messageSubscriptionState === 'DELETED',
  );
  expect(deleted.page.totalItems).toBe(1);
});

it('execution listener jobs: REST activation and the job search name their kind and event type', async () => {
  const listened = definitions(
    process(
      'listened',
      [
        '<bpmn:startEvent id="start" />',
        serviceTask(
          'task',
          'work',
          '<zeebe:executionListeners><zeebe:executionListener eventType="start" type="check" /><zeebe:executionListener eventType="end" type="audit" /></zeebe:executionListeners>',
        ),
        '<bpmn:endEvent id="end" />',
        flow('f0', 'start', 'task'),
        flow('f1', 'task', 'end'),
      ].join('\n'),
    ),
  );
  await t.deploy({ name: 'listened.bpmn', content: listened });
  const { processInstanceKey } = await t.rest.createProcessInstance({
    processDefinitionId: 'listened',
    variables: {},
  });
  const take = async (type: string) => {
    const { jobs } = await t.api.activateJobs({
      type,
      timeout: 60_000,
      maxJobsToActivate: 1,
      requestTimeout: 2_000,
    });
    expect(jobs).toHaveLength(1);
    await t.api.completeJob({ jobKey: jobs[0].jobKey, variables: {} });
    return jobs[0];
  };
  expect(await take('check')).toMatchObject({ kind: 'EXECUTION_LISTENER', listenerEventType: 'START' });
  expect(await take('work')).toMatchObject({ kind: 'BPMN_ELEMENT', listenerEventType: 'UNSPECIFIED' });
  expect(await take('audit')).toMatchObject({ kind: 'EXECUTION_LISTENER', listenerEventType: 'END' });
  await t.caughtUp();
  // the typed client brands keys; the one the engine returned is the one to filter by
  const instance = processInstanceKey as never;
  const found = await eventually(
    () =>
      t.api.searchJobs(
        { filter: { processInstanceKey: instance, kind: 'EXECUTION_LISTENER' }, sort: [{ field: 'jobKey' }] },
        now,
      ),
    (r) => r.items.length === 2 && r.items.every((j) => j.state === 'COMPLETED'),
  );
  expect(found.items.map((j) => [j.type, j.kind, j.listenerEventType])).toEqual([
    ['check', 'EXECUTION_LISTENER', 'START'],
    ['audit', 'EXECUTION_LISTENER', 'END'],
  ]);
  const ends = await t.api.searchJobs(
    { filter: { processInstanceKey: instance, listenerEventType: 'END' } },
    now,
  );
  expect(ends.items.map((j) => j.type)).toEqual(['audit']);
});
