// Conformance: variables set on a Camunda user task's element instance are the task's `updating`
// transition (Camunda 8.8, VariableDocumentUpdateProcessor): VARIABLE_DOCUMENT UPDATING and USER_TASK
// UPDATING with `changedAttributes: ["variables"]`, the updating listeners as TASK_LISTENER jobs, and
// only then the variables (USER_TASK UPDATED, VARIABLE_DOCUMENT UPDATED) and the answer; a denial writes
// UPDATE_DENIED and VARIABLE_DOCUMENT UPDATE_DENIED, refuses the request with Zeebe's text and sets
// nothing. Through the real REST port (typed 8.8 client) and the real gRPC port (the SDK's
// SetVariables), the record stream, and a restart whose journal-only replay equals the live state.
import { journalOnlyState } from '../support/replay';
import { boot, closeAfterEach, dataFolder, now, records, startReview, t } from './support/listener-engine';
import { activateListenerJob, jobTrail, listeners, taskEvents } from './support/task-listeners';

jest.setTimeout(60_000);

closeAfterEach();

/** `review` with the extension elements, started with 意见 = 无. */
const start = (ext: string) => startReview(ext, { 意见: '无' });

/** `VALUETYPE INTENT` of the user task, variable document and variable events, in order. */
function variableTrail(): string[] {
  return records.all
    .filter(
      (r) =>
        r.recordType === 'EVENT' &&
        ['USER_TASK', 'VARIABLE_DOCUMENT', 'VARIABLE'].includes(r.valueType) &&
        !(r.valueType === 'USER_TASK' && ['CREATING', 'CREATED'].includes(r.intent)) &&
        !(
          r.valueType === 'VARIABLE' &&
          (r.value as { name: string }).name === '意见' &&
          r.intent === 'CREATED'
        ),
    )
    .map((r) => `${r.valueType} ${r.intent}`);
}

/** The instance's variables as the search shows them, name → value, with their scope. */
async function variablesOf(pi: string): Promise<Record<string, { value: string; scopeKey: string }>> {
  await t.caughtUp();
  const found = await t.api.searchVariables({ filter: { processInstanceKey: pi } } as never, now);
  return Object.fromEntries(
    found.items.map((v) => [v.name, { value: v.value, scopeKey: String(v.scopeKey) }]),
  );
}

describe('variables set on a user task trigger its updating listeners', () => {
  beforeEach(() => boot());

  it('without listeners: the update is written around the variables at once', async () => {
    const { pi, task } = await start('');
    const elementInstanceKey = String(task.value.elementInstanceKey);
    await t.api.createElementInstanceVariables({
      elementInstanceKey,
      variables: { 意见: '同意' },
    } as never);
    expect(variableTrail()).toEqual([
      'VARIABLE_DOCUMENT UPDATING',
      'USER_TASK UPDATING',
      'VARIABLE UPDATED',
      'USER_TASK UPDATED',
      'VARIABLE_DOCUMENT UPDATED',
    ]);
    const updated = records.events('USER_TASK', 'UPDATED')[0];
    expect(updated.value).toMatchObject({ changedAttributes: ['variables'], variables: { 意见: '同意' } });
    // not local: the variable is propagated to where it lives, the process scope
    expect(await variablesOf(pi)).toEqual({ 意见: { value: '"同意"', scopeKey: pi } });
  });

  it('over gRPC with an updating listener: SetVariables is answered, and the variables set, only after the listener', async () => {
    const { pi, task } = await start(listeners(['updating', 'check']));
    const elementInstanceKey = String(task.value.elementInstanceKey);
    let answered = false;
    const set = t.zeebe
      .setVariables({ elementInstanceKey, variables: { 结论: '通过' }, local: true })
      .then(() => {
        answered = true;
      });
    const job = await activateListenerJob(t, 'check');
    expect(job.listenerEventType).toBe('UPDATING');
    expect(job.customHeaders).toMatchObject({ 'io.camunda.zeebe:changedAttributes': '["variables"]' });
    expect(job.userTask).toMatchObject({ changedAttributes: ['variables'] });
    expect(answered).toBe(false);
    expect(variableTrail()).toEqual(['VARIABLE_DOCUMENT UPDATING', 'USER_TASK UPDATING']);
    await t.caughtUp();
    expect((await t.api.getUserTask({ userTaskKey: String(task.key) } as never, now)).state).toBe('UPDATING');
    // a second update waits its turn: refused while the first is pending
    const second = await t.http('PUT', `/v2/element-instances/${elementInstanceKey}/variables`, {
      variables: { 结论: '驳回' },
    });
    expect(second.status).toBe(409);
    expect(second.json.detail).toContain(
      `Expected to trigger update transition for user task with key '${task.key}', but it is in state 'UPDATING'`,
    );

    await t.api.completeJob({ jobKey: job.jobKey });
    // the SDK types SetVariables' answer as void: that it arrives, after the listener, is what it shows
    await set;
    expect(answered).toBe(true);
    expect(variableTrail()).toEqual([
      'VARIABLE_DOCUMENT UPDATING',
      'USER_TASK UPDATING',
      'VARIABLE CREATED',
      'USER_TASK UPDATED',
      'VARIABLE_DOCUMENT UPDATED',
    ]);
    // local: on the task's own scope
    expect((await variablesOf(pi)).结论).toEqual({ value: '"通过"', scopeKey: elementInstanceKey });
    expect(jobTrail(records)).toEqual([
      'CREATED check TASK_LISTENER/UPDATING',
      'COMPLETED check TASK_LISTENER/UPDATING',
    ]);
  });

  it('a denial refuses the REST request with Zeebe’s text and sets nothing; the task is CREATED again', async () => {
    const { pi, task } = await start(listeners(['updating', 'check']));
    const elementInstanceKey = String(task.value.elementInstanceKey);
    const set = t.http('PUT', `/v2/element-instances/${elementInstanceKey}/variables`, {
      variables: { 意见: '不同意' },
    });
    const job = await activateListenerJob(t, 'check');
    await t.api.completeJob({
      jobKey: job.jobKey,
      result: { type: 'userTask', denied: true, deniedReason: '意见须由组长填写' },
    });
    const answer = await set;
    expect(answer.status).toBe(409);
    expect(answer.json.detail).toContain(
      `Variable update for user task instance with key '${elementInstanceKey}' was denied by Task Listener. Reason to deny: '意见须由组长填写'`,
    );
    expect(variableTrail()).toEqual([
      'VARIABLE_DOCUMENT UPDATING',
      'USER_TASK UPDATING',
      'USER_TASK UPDATE_DENIED',
      'VARIABLE_DOCUMENT UPDATE_DENIED',
    ]);
    expect(await variablesOf(pi)).toEqual({ 意见: { value: '"无"', scopeKey: pi } });
    await t.caughtUp();
    expect((await t.api.getUserTask({ userTaskKey: String(task.key) } as never, now)).state).toBe('CREATED');
    await t.api.completeUserTask({ userTaskKey: String(task.key) } as never);
    await records.waitForInstanceEnd(pi);
  });

  it('variables set on the process instance are no user task update', async () => {
    const { pi } = await start(listeners(['updating', 'check']));
    await t.api.createElementInstanceVariables({
      elementInstanceKey: pi,
      variables: { 意见: '改' },
    } as never);
    expect(variableTrail()).toEqual(['VARIABLE UPDATED', 'VARIABLE_DOCUMENT UPDATED']);
    expect(records.events('JOB', 'CREATED')).toHaveLength(0);
  });
});

describe('variables on a scope being terminated or gone are refused NOT_FOUND (as Zeebe 8.8)', () => {
  beforeEach(() => boot());

  const gone = (key: string) =>
    `Command 'UPDATE' rejected with code 'NOT_FOUND': Expected to update variables for element with key '${key}', but no such element was found`;

  it('while the canceling listener runs, the task’s element and the process are TERMINATING: REST 404, gRPC NOT_FOUND, nothing set', async () => {
    const { pi, task } = await start(listeners(['canceling', 'archive']));
    const elementInstanceKey = String(task.value.elementInstanceKey);
    await t.rest.cancelProcessInstance({ processInstanceKey: pi });
    const job = await activateListenerJob(t, 'archive');
    const before = records.all.length;

    for (const key of [elementInstanceKey, pi]) {
      const put = await t.http('PUT', `/v2/element-instances/${key}/variables`, {
        variables: { 意见: '改' },
      });
      expect(put.status).toBe(404);
      expect(put.json).toMatchObject({ title: 'NOT_FOUND', detail: gone(key) });
    }
    await expect(
      t.zeebe.setVariables({ elementInstanceKey, variables: { 意见: '改' }, local: true }),
    ).rejects.toMatchObject({ code: 5, details: gone(elementInstanceKey) });
    // the typed 8.8 client sees the same problem
    await expect(
      t.api.createElementInstanceVariables({ elementInstanceKey: pi, variables: { 意见: '改' } } as never),
    ).rejects.toMatchObject({ status: 404, detail: gone(pi) });

    // only the rejections were written: no document, no variable, no user task update
    const written = records.all.slice(before);
    expect(written.filter((r) => r.recordType === 'EVENT')).toEqual([]);
    expect(written.filter((r) => r.recordType === 'COMMAND_REJECTION')).toHaveLength(4);
    expect(records.variables(pi)).toEqual({ 意见: '无' });

    // the cancellation is unaffected; afterwards the element is gone, which is refused the same way
    await t.api.completeJob({ jobKey: job.jobKey });
    await records.waitForInstanceEnd(pi);
    expect(taskEvents(records)).toEqual(['CREATING', 'CREATED', 'CANCELING', 'CANCELED']);
    const after = await t.http('PUT', `/v2/element-instances/${elementInstanceKey}/variables`, {
      variables: { 意见: '改' },
    });
    expect(after.status).toBe(404);
    expect(after.json.detail).toBe(gone(elementInstanceKey));
    expect(records.events('VARIABLE_DOCUMENT')).toEqual([]);
  });
});

describe('a variable update held by its listener across a restart', () => {
  it('the journal-only replay equals the live state; after the restart the listener’s completion sets the variables', async () => {
    const dir = dataFolder('variable-update-listeners-');
    await boot(dir);
    const { pi, task } = await start(listeners(['updating', 'check']));
    const elementInstanceKey = String(task.value.elementInstanceKey);
    const set = t
      .http('PUT', `/v2/element-instances/${elementInstanceKey}/variables`, { variables: { 意见: '同意' } })
      .catch(() => ({ status: 0 }));
    const job = await activateListenerJob(t, 'check');
    const live = t.server.engine.stateJson();
    expect(JSON.parse(live).userTasks[0]).toMatchObject({
      state: 'UPDATING',
      variableDocument: { value: { variables: { 意见: '同意' }, updateSemantics: 'PROPAGATE' } },
    });
    expect(await journalOnlyState(dir, 'journal-only')).toBe(live);
    await t.close();
    expect((await set).status).not.toBe(204);

    await boot(dir);
    expect(t.server.engine.stateJson()).toBe(live);
    await t.api.completeJob({ jobKey: job.jobKey });
    await records.waitForEvent('VARIABLE_DOCUMENT', 'UPDATED');
    expect(await variablesOf(pi)).toEqual({ 意见: { value: '"同意"', scopeKey: pi } });
    expect(JSON.parse(t.server.engine.stateJson()).userTasks[0]).toMatchObject({ state: 'CREATED' });
    expect(JSON.parse(t.server.engine.stateJson()).userTasks[0].variableDocument).toBeUndefined();
  });
});
