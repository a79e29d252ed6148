// Conformance: a REST request whose user task transition waits for task listeners longer than the
// request timeout is answered as Camunda 8.8's gateway answers a broker that does not reply in time —
// 504 with its TimeoutException problem — while the transition goes on in the engine: when the
// listener completes, it ends once (one COMPLETED / ASSIGNED / UPDATED, the request's data applied),
// and a retry meanwhile is refused as the task is still in its transitional state. SetVariables over gRPC
// held by an updating listener gets the gRPC gateway's DEADLINE_EXCEEDED. Through the real HTTP port (raw
// fetch and the typed 8.8 client) and gRPC port (a raw client on the SDK's proto) with a 1 s request timeout, and the record stream.
import { rawGateway } from '../support/raw-grpc';
import { boot, closeAfterEach, records, startReview as start, t } from './support/listener-engine';
import { activateListenerJob, listeners, taskEvents } from './support/task-listeners';

jest.setTimeout(60_000);

const REQUEST_TIMEOUT = 1_000;
const TIMED_OUT = {
  type: 'about:blank',
  status: 504,
  title: 'java.util.concurrent.TimeoutException',
  detail: 'Expected to handle REST API request, but request timed out between gateway and broker',
};

beforeEach(() => boot(undefined, { requestTimeoutMillis: REQUEST_TIMEOUT }));
closeAfterEach();

/** A request and how long it took to be answered. */
async function timed<T>(request: Promise<T>): Promise<{ answer: T; millis: number }> {
  const started = Date.now();
  const answer = await request;
  return { answer, millis: Date.now() - started };
}

describe('a transition held by its listeners past the request timeout', () => {
  it('completion: 504 after the timeout; the listener’s completion later completes the task once, with the request’s variables', async () => {
    const { pi, task } = await start(listeners(['completing', 'gate']));
    const { answer, millis } = await timed(
      t.http('POST', `/v2/user-tasks/${task.key}/completion`, { variables: { 结论: '通过' } }),
    );
    expect(answer.status).toBe(504);
    expect(answer.contentType).toContain('application/problem+json');
    expect(answer.json).toMatchObject(TIMED_OUT);
    expect(millis).toBeGreaterThanOrEqual(REQUEST_TIMEOUT - 50);
    expect(taskEvents(records)).toEqual(['CREATING', 'CREATED', 'COMPLETING']);

    // a client retrying after the 504 does not complete it twice: the first completion still runs
    const retry = await t.http('POST', `/v2/user-tasks/${task.key}/completion`, {
      variables: { 结论: '驳回' },
    });
    expect(retry.status).toBe(409);
    expect(retry.json.detail).toContain("it is in state 'COMPLETING'");

    await t.api.completeJob({ jobKey: (await activateListenerJob(t, 'gate')).jobKey });
    await records.waitForInstanceEnd(pi);
    expect(taskEvents(records)).toEqual(['CREATING', 'CREATED', 'COMPLETING', 'COMPLETED']);
    expect(records.variables(pi)).toEqual({ 结论: '通过' });
    expect(records.lifecycle(pi).slice(-2)).toEqual(['p:ELEMENT_COMPLETING', 'p:ELEMENT_COMPLETED']);
  });

  it('the typed 8.8 client sees the 504 problem', async () => {
    const { task } = await start(listeners(['completing', 'gate']));
    await expect(t.api.completeUserTask({ userTaskKey: String(task.key) } as never)).rejects.toMatchObject({
      status: 504,
      title: TIMED_OUT.title,
      detail: TIMED_OUT.detail,
    });
    await t.api.completeJob({ jobKey: (await activateListenerJob(t, 'gate')).jobKey });
    await records.waitForEvent('USER_TASK', 'COMPLETED');
  });

  it('assignment and update: 504 each, then ASSIGNED and UPDATED once the listeners complete', async () => {
    const { task } = await start(listeners(['assigning', 'who'], ['updating', 'what']));
    const assign = await t.http('POST', `/v2/user-tasks/${task.key}/assignment`, { assignee: '王科长' });
    expect(assign.json).toMatchObject(TIMED_OUT);
    await t.api.completeJob({ jobKey: (await activateListenerJob(t, 'who')).jobKey });
    const assigned = await records.waitForEvent('USER_TASK', 'ASSIGNED');
    expect(assigned.value).toMatchObject({ assignee: '王科长' });

    const update = await t.http('PATCH', `/v2/user-tasks/${task.key}`, { changeset: { priority: 80 } });
    expect(update.json).toMatchObject(TIMED_OUT);
    await t.api.completeJob({ jobKey: (await activateListenerJob(t, 'what')).jobKey });
    const updated = await records.waitForEvent('USER_TASK', 'UPDATED');
    expect(updated.value).toMatchObject({ priority: 80 });
    expect(taskEvents(records)).toEqual([
      'CREATING',
      'CREATED',
      'ASSIGNING',
      'ASSIGNED',
      'UPDATING',
      'UPDATED',
    ]);
  });

  it('variables on the task: 504, then set once the updating listener completes', async () => {
    const { pi, task } = await start(listeners(['updating', 'check']));
    const put = await t.http('PUT', `/v2/element-instances/${task.value.elementInstanceKey}/variables`, {
      variables: { 意见: '同意' },
    });
    expect(put.json).toMatchObject(TIMED_OUT);
    expect(records.events('VARIABLE')).toEqual([]);
    await t.api.completeJob({ jobKey: (await activateListenerJob(t, 'check')).jobKey });
    await records.waitForEvent('VARIABLE_DOCUMENT', 'UPDATED');
    expect(records.variables(pi)).toEqual({ 意见: '同意' });
    expect(records.events('VARIABLE_DOCUMENT', 'UPDATED')).toHaveLength(1);
  });

  it('SetVariables over gRPC: DEADLINE_EXCEEDED with Zeebe’s text, then set once the updating listener completes', async () => {
    const { pi, task } = await start(listeners(['updating', 'check']));
    const elementInstanceKey = String(task.value.elementInstanceKey);
    // a raw client: the SDK retries DEADLINE_EXCEEDED, and its retry is refused while the update runs
    const grpc = rawGateway(t.server.grpcAddress);
    try {
      await expect(
        grpc.unary('SetVariables', { elementInstanceKey, variables: '{"意见":"同意"}', local: false }),
      ).rejects.toMatchObject({
        code: 4, // DEADLINE_EXCEEDED
        details: 'Time out between gateway and broker: Request timed out in PT1S',
      });
    } finally {
      grpc.close();
    }
    expect(records.events('VARIABLE')).toEqual([]);
    await t.api.completeJob({ jobKey: (await activateListenerJob(t, 'check')).jobKey });
    await records.waitForEvent('VARIABLE_DOCUMENT', 'UPDATED');
    expect(records.variables(pi)).toEqual({ 意见: '同意' });
    expect(records.events('VARIABLE_DOCUMENT', 'UPDATED')).toHaveLength(1);
  });

  it('a listener that completes within the timeout: the request is answered 204 as before', async () => {
    const { task } = await start(listeners(['completing', 'gate']));
    const completion = t.http('POST', `/v2/user-tasks/${task.key}/completion`, {});
    await t.api.completeJob({ jobKey: (await activateListenerJob(t, 'gate')).jobKey });
    expect((await completion).status).toBe(204);
  });
});
