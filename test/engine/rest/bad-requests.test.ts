// REST API v2 bad requests: wrong types, unknown properties, malformed JSON, oversized bodies,
// unknown routes and keys get RFC 9457 problem+json naming what is wrong — and change nothing
// (no command reaches the engine). Back-pressure answers 503 RESOURCE_EXHAUSTED.
import { chain, serviceTask, userTask } from '../support/bpmn';
import { startRestEngine, type RawResponse, type RestTestEngine } from './support/rest-harness';

jest.setTimeout(20_000);

let t: RestTestEngine;
let userTaskKey: string;
let jobKey: string;

beforeAll(async () => {
  t = await startRestEngine();
  await t.deploy({ name: 'p.bpmn', content: chain('p', userTask('approve'), serviceTask('work', 'work')) });
  const pi = await t.rest.createProcessInstance({ processDefinitionId: 'p', variables: {} });
  // The user task is created by follow-up commands that may still be in flight when the creation is answered.
  for (let found: { userTaskKey: string } | undefined; !found;) {
    await t.caughtUp();
    found = (await t.rest.searchUserTasks({ filter: { processInstanceKey: pi.processInstanceKey } }))
      .items[0];
    userTaskKey = found?.userTaskKey ?? '';
  }
  await t.rest.completeUserTask({ userTaskKey, variables: {} });
  const jobs = await t.api.activateJobs({
    type: 'work',
    timeout: 60_000,
    maxJobsToActivate: 1,
    requestTimeout: 2_000,
  });
  jobKey = jobs.jobs[0].jobKey;
  await t.caughtUp();
});
afterAll(async () => {
  await t.close();
});

function expectProblem(r: RawResponse, status: number, title: string, detail: RegExp): void {
  expect(r.contentType).toMatch(/^application\/problem\+json/);
  expect(r.status).toBe(status);
  expect(r.json).toMatchObject({ type: 'about:blank', title, status });
  expect(String(r.json.detail)).toMatch(detail);
  expect(typeof r.json.instance).toBe('string');
}

const cases: [string, string, string, unknown, RegExp][] = [
  [
    'a wrong type in a filter',
    'POST',
    '/v2/process-instances/search',
    { filter: { state: 5 } },
    /'filter\.state'/,
  ],
  [
    'an unknown filter property',
    'POST',
    '/v2/user-tasks/search',
    { filter: { followupDate: 'x' } },
    /'filter\.followupDate' is unknown/,
  ],
  ['an unknown top-level property', 'POST', '/v2/variables/search', { filters: {} }, /'filters' is unknown/],
  [
    'an unknown advanced operator',
    'POST',
    '/v2/user-tasks/search',
    { filter: { priority: { $between: [1, 2] } } },
    /'filter\.priority\.\$between' is unknown/,
  ],
  [
    'a page limit of the wrong type',
    'POST',
    '/v2/incidents/search',
    { page: { limit: 'ten' } },
    /'page\.limit'/,
  ],
  [
    'an unknown sort field',
    'POST',
    '/v2/element-instances/search',
    { sort: [{ field: 'colour' }] },
    /'sort\[0\]\.field'/,
  ],
  [
    'a date that is no date',
    'POST',
    '/v2/user-tasks/search',
    { filter: { dueDate: { $gt: 'tomorrow' } } },
    /'filter\.dueDate\.\$gt'.*ISO-8601/,
  ],
  [
    'variables that are an array',
    'POST',
    '/v2/process-instances',
    { processDefinitionId: 'p', variables: [1] },
    /'variables'/,
  ],
  [
    'an unknown creation property',
    'POST',
    '/v2/process-instances',
    { processDefinitionId: 'p', bpmnProcessId: 'p' },
    /'bpmnProcessId' is unknown/,
  ],
  ['no process to create', 'POST', '/v2/process-instances', { variables: {} }, /processDefinitionId/],
  [
    'a start instruction without an element id',
    'POST',
    '/v2/process-instances',
    { processDefinitionId: 'p', startInstructions: [{ elementId: 5 }] },
    /startInstructions/,
  ],
  [
    'a modification with an unknown property',
    'POST',
    '/v2/process-instances/2251799813685251/modification',
    { activateInstructions: [{ elementId: 'work', ancestorScopeKey: '1' }] },
    /ancestorScopeKey/,
  ],
  ['a message name of the wrong type', 'POST', '/v2/messages/publication', { name: 1 }, /'name'/],
  ['a missing body', 'POST', '/v2/messages/correlation', undefined, /'name' is required/],
  ['a signal without a name', 'POST', '/v2/signals/broadcast', { signalName: '' }, /'signalName'/],
  [
    'a clock without a timestamp',
    'PUT',
    '/v2/clock',
    { time: 5 },
    /'timestamp' is required|'time' is unknown/,
  ],
  ['an empty assignee', 'POST', '/v2/user-tasks/1/assignment', { assignee: '' }, /'assignee'/],
  [
    'completion variables that are text',
    'POST',
    '/v2/user-tasks/1/completion',
    { variables: 'x' },
    /'variables'/,
  ],
  [
    'a priority above 100',
    'PATCH',
    '/v2/user-tasks/1',
    { changeset: { priority: 101 } },
    /'changeset\.priority'/,
  ],
  [
    'activation of zero jobs',
    'POST',
    '/v2/jobs/activation',
    { type: 'work', timeout: 1000, maxJobsToActivate: 0 },
    /'maxJobsToActivate'/,
  ],
  [
    'an ad-hoc subprocess job result naming no element',
    'POST',
    '/v2/jobs/1/completion',
    { result: { type: 'adHocSubProcess', activateElements: [{ elementId: '' }] } },
    /'result\.activateElements\[0\]\.elementId'/,
  ],
  [
    'an ad-hoc activity activation without elements',
    'POST',
    '/v2/element-instances/ad-hoc-activities/1/activation',
    { cancelRemainingInstances: true },
    /'elements'/,
  ],
  [
    'a task listener correction out of range',
    'POST',
    '/v2/jobs/1/completion',
    { result: { type: 'userTask', corrections: { priority: 101 } } },
    /'result\.corrections\.priority'/,
  ],
  ['a job update without changes', 'PATCH', '/v2/jobs/1', { changeset: {} }, /No update data provided/],
  [
    'another tenant',
    'POST',
    '/v2/messages/publication',
    { name: 'm', tenantId: 'other' },
    /multi-tenancy is disabled/,
  ],
  ['a key that is no number', 'GET', '/v2/process-instances/abc', undefined, /'processInstanceKey'/],
  [
    'a key in a filter that is no number',
    'POST',
    '/v2/variables/search',
    { filter: { scopeKey: 'abc' } },
    /'filter\.scopeKey'/,
  ],
];

describe('invalid requests', () => {
  it.each(cases)('%s → 400 naming it, nothing changes', async (_name, method, path, body, detail) => {
    const before = t.server.engine.lastPosition;
    const r = await t.http(method, path, body as object | undefined);
    expectProblem(r, 400, r.json.title === 'Bad Request' ? 'Bad Request' : 'INVALID_ARGUMENT', detail);
    expect(t.server.engine.lastPosition).toBe(before);
  });

  it('malformed JSON is a 400 Bad Request', async () => {
    const before = t.server.engine.lastPosition;
    const r = await t.http('POST', '/v2/process-instances', '{"processDefinitionId": "p",');
    expectProblem(r, 400, 'Bad Request', /not valid JSON/);
    // A body not declared as JSON is refused before parsing (browser-guard.test.ts: the no-preflight form post).
    const text = await t.http('POST', '/v2/messages/publication', 'name=m', { 'content-type': 'text/plain' });
    expectProblem(text, 415, 'Unsupported Media Type', /must be application\/json/);
    expect(t.server.engine.lastPosition).toBe(before);
  });

  it('a body over the limit is a 413, also for deployments', async () => {
    const before = t.server.engine.lastPosition;
    const huge = JSON.stringify({
      processDefinitionId: 'p',
      variables: { blob: 'x'.repeat(5 * 1024 * 1024) },
    });
    expectProblem(
      await t.http('POST', '/v2/process-instances', huge),
      413,
      'Payload Too Large',
      /larger than the limit/,
    );
    const form = new FormData();
    form.append('resources', new Blob(['x'.repeat(5 * 1024 * 1024)]), 'big.bpmn');
    const res = await fetch(`${t.address}/v2/deployments`, { method: 'POST', body: form });
    expect(res.status).toBe(413);
    expect(res.headers.get('content-type')).toMatch(/^application\/problem\+json/);
    expect(t.server.engine.lastPosition).toBe(before);
  });

  it('unknown routes and unknown entities are 404 problems', async () => {
    expectProblem(
      await t.http('GET', '/v2/nothing-here'),
      404,
      'NOT_FOUND',
      /No endpoint GET \/v2\/nothing-here/,
    );
    expectProblem(
      await t.http('GET', '/v2/incidents/2251799813999999'),
      404,
      'NOT_FOUND',
      /Incident with key/,
    );
    expectProblem(
      await t.http('GET', '/v2/variables/2251799813999999'),
      404,
      'NOT_FOUND',
      /Variable with key/,
    );
    expectProblem(
      await t.http('GET', '/v2/element-instances/2251799813999999'),
      404,
      'NOT_FOUND',
      /Element instance/,
    );
  });

  it('commands the engine refuses keep its rejection type as title', async () => {
    const done = await t.http('POST', `/v2/user-tasks/${userTaskKey}/assignment`, { assignee: 'x' });
    expectProblem(done, 404, 'NOT_FOUND', /^Command 'ASSIGN' rejected with code 'NOT_FOUND'/);
    const noRetries = await t.http('PATCH', `/v2/jobs/${jobKey}`, { changeset: { retries: 0 } });
    expectProblem(noRetries, 400, 'INVALID_ARGUMENT', /'changeset\.retries'/);
    const wrongError = await t.http('POST', `/v2/jobs/${jobKey}/error`, { errorMessage: 'no code' });
    expectProblem(wrongError, 400, 'INVALID_ARGUMENT', /'errorCode' is required/);
  });
});

describe('back-pressure', () => {
  it('answers 503 RESOURCE_EXHAUSTED when the engine takes no more commands, and writes nothing', async () => {
    const busy = await startRestEngine({ maxQueuedCommands: 0 });
    try {
      const before = busy.server.engine.lastPosition;
      const r = await busy.http('POST', '/v2/messages/publication', { name: 'm' });
      expectProblem(r, 503, 'RESOURCE_EXHAUSTED', /back-pressure/);
      expect(busy.server.engine.lastPosition).toBe(before);
    } finally {
      await busy.close();
    }
  });
});
