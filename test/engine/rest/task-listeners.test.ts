// Conformance: user task listeners (zeebe:taskListeners, Camunda 8.8) — creating, assigning, updating
// and completing listeners as TASK_LISTENER jobs run one after another while the task waits in its
// transitional state; denial (the REST request answered 409 as in 8.8, the task back to CREATED and
// completable afterwards), corrections, TASK_LISTENER_NO_RETRIES and its resolution, the job search's
// denial filters, and a restart in the middle of a listener. Through the real HTTP and gRPC ports
// with the typed 8.8 client (strict response validation) and the record stream.
import { chain, userTask } from '../support/bpmn';
import { copyJournal, replayedState } from '../support/replay';
import { boot, closeAfterEach, dataFolder, now, records, t } from './support/listener-engine';
import { eventually } from './support/rest-harness';
import {
  activateListenerJob,
  jobTrail as jobEvents,
  listeners,
  taskEvents as userTaskTrail,
} from './support/task-listeners';
import type { EngineRecord } from '../../../engine/protocol/record';

jest.setTimeout(30_000);

closeAfterEach();

async function deploy(ext: string) {
  const task = userTask(
    'review',
    `<zeebe:taskHeaders><zeebe:header key="unit" value="法院" /></zeebe:taskHeaders>${ext}`,
  );
  await t.deploy({ name: 'p.bpmn', content: chain('p', task) });
}

async function start(variables: Record<string, unknown> = {}): Promise<string> {
  return (await t.rest.createProcessInstance({ processDefinitionId: 'p', variables })).processInstanceKey;
}

function listenerJob(type: string) {
  return activateListenerJob(t, type);
}

function taskEvents(): string[] {
  return userTaskTrail(records);
}

function jobTrail(): string[] {
  return jobEvents(records);
}

async function createdTask() {
  return (await records.waitForEvent('USER_TASK', 'CREATED')) as EngineRecord<'USER_TASK'>;
}

async function taskState(key: number | string) {
  await t.caughtUp();
  return t.api.getUserTask({ userTaskKey: String(key) } as never, now);
}

describe('task listeners per event type', () => {
  beforeEach(() => boot());

  it('creating and assigning listeners hold the task in CREATING, then ASSIGNING, with its data in the job', async () => {
    await deploy(
      '<zeebe:assignmentDefinition assignee="=initiator" candidateGroups="court" />' +
        '<zeebe:priorityDefinition priority="70" />' +
        listeners(['creating', 'on-create'], ['assigning', 'on-assign'], ['creating', 'on-create-2']),
    );
    await start({ initiator: 'zhang' });
    const created = await listenerJob('on-create');
    expect(created.kind).toBe('TASK_LISTENER');
    expect(created.listenerEventType).toBe('CREATING');
    expect(created.customHeaders).toMatchObject({ unit: '法院' });
    expect(created.userTask).toMatchObject({ assignee: 'zhang', candidateGroups: ['court'], priority: 70 });
    const userTaskKey = String(created.userTask!.userTaskKey);
    // the search shows the transitional state while the listener runs
    expect((await taskState(userTaskKey)).state).toBe('CREATING');
    expect(taskEvents()).toEqual(['CREATING']);
    // a task still being created cannot be completed yet
    const early = await t.http('POST', `/v2/user-tasks/${userTaskKey}/completion`, {});
    expect(early.status).toBe(409);
    expect(early.json.detail).toContain("it is in state 'CREATING'");

    await t.api.completeJob({ jobKey: created.jobKey });
    const second = await listenerJob('on-create-2');
    expect(second.listenerEventType).toBe('CREATING');
    await t.api.completeJob({ jobKey: second.jobKey });

    const assigning = await listenerJob('on-assign');
    expect(assigning.listenerEventType).toBe('ASSIGNING');
    expect(assigning.userTask).toMatchObject({
      assignee: 'zhang',
      action: 'assign',
      changedAttributes: ['assignee'],
    });
    expect((await taskState(userTaskKey)).state).toBe('ASSIGNING');
    await t.api.completeJob({ jobKey: assigning.jobKey });
    await records.waitForEvent('USER_TASK', 'ASSIGNED');
    expect(taskEvents()).toEqual(['CREATING', 'CREATED', 'ASSIGNING', 'ASSIGNED']);
    expect(jobTrail()).toEqual([
      'CREATED on-create TASK_LISTENER/CREATING',
      'COMPLETED on-create TASK_LISTENER/CREATING',
      'CREATED on-create-2 TASK_LISTENER/CREATING',
      'COMPLETED on-create-2 TASK_LISTENER/CREATING',
      'CREATED on-assign TASK_LISTENER/ASSIGNING',
      'COMPLETED on-assign TASK_LISTENER/ASSIGNING',
    ]);
    expect(await taskState(userTaskKey)).toMatchObject({ state: 'CREATED', assignee: 'zhang' });
  });

  it('an updating listener holds the REST update until it completes; the update then applies', async () => {
    await deploy(listeners(['updating', 'on-update']));
    await start();
    const task = await createdTask();
    const update = t.http('PATCH', `/v2/user-tasks/${task.key}`, {
      changeset: { priority: 90 },
      action: '改期',
    });
    const job = await listenerJob('on-update');
    expect(job.userTask).toMatchObject({ priority: 90, action: '改期', changedAttributes: ['priority'] });
    expect((await taskState(task.key)).state).toBe('UPDATING');
    await t.api.completeJob({ jobKey: job.jobKey });
    expect((await update).status).toBe(204);
    expect(taskEvents().slice(-2)).toEqual(['UPDATING', 'UPDATED']);
    expect(await taskState(task.key)).toMatchObject({ state: 'CREATED', priority: 90 });
  });

  it('a completing listener holds the completion; its approval completes the task and the element', async () => {
    await deploy(listeners(['completing', 'check-1'], ['completing', 'check-2']));
    const pi = await start();
    const task = await createdTask();
    const completion = t.http('POST', `/v2/user-tasks/${task.key}/completion`, { variables: { ok: 1 } });
    const first = await listenerJob('check-1');
    expect(first.listenerEventType).toBe('COMPLETING');
    expect(first.userTask).toMatchObject({ action: 'complete' });
    await t.api.completeJob({ jobKey: first.jobKey, result: { type: 'userTask', denied: false } });
    // the gRPC client completes listener jobs too (its proto has no result: an approval)
    const second = await t.zeebe.activateJobs({
      type: 'check-2',
      worker: 'grpc',
      maxJobsToActivate: 1,
      timeout: 60_000,
      requestTimeout: 3_000,
    });
    await t.zeebe.completeJob({ jobKey: second[0].key, variables: {} });
    expect((await completion).status).toBe(204);
    await records.waitForInstanceEnd(pi);
    expect(taskEvents().slice(-2)).toEqual(['COMPLETING', 'COMPLETED']);
    expect(records.variables(pi)).toMatchObject({ ok: 1 });
  });
});

describe('denial and corrections', () => {
  beforeEach(() => boot());

  it('a denied completion answers 409 as 8.8 does, puts the task back to CREATED; it completes later', async () => {
    await deploy(listeners(['completing', 'gate']));
    const pi = await start();
    const task = await createdTask();
    const denied = t.http('POST', `/v2/user-tasks/${task.key}/completion`, { variables: { draft: true } });
    const job = await listenerJob('gate');
    expect((await taskState(task.key)).state).toBe('COMPLETING');
    await t.api.completeJob({
      jobKey: job.jobKey,
      result: { type: 'userTask', denied: true, deniedReason: '材料不全' },
    });
    const answer = await denied;
    expect(answer.status).toBe(409);
    expect(answer.json.detail).toContain(
      `Completion of the User Task with key '${task.key}' was denied by Task Listener. Reason to deny: '材料不全'`,
    );
    expect(taskEvents()).toEqual(['CREATING', 'CREATED', 'COMPLETING', 'COMPLETION_DENIED']);
    expect(records.events('USER_TASK', 'COMPLETION_DENIED')[0].value.deniedReason).toBe('材料不全');
    expect(await taskState(task.key)).toMatchObject({ state: 'CREATED' });
    expect(records.variables(pi)).not.toHaveProperty('draft');

    // the job search tells denied from approving listener jobs
    const search = await eventually(
      () => t.api.searchJobs({ filter: { isDenied: true } }, now),
      (r) => r.items.length === 1,
    );
    expect(search.items[0]).toMatchObject({
      jobKey: job.jobKey,
      kind: 'TASK_LISTENER',
      listenerEventType: 'COMPLETING',
      isDenied: true,
      deniedReason: '材料不全',
    });

    const again = t.http('POST', `/v2/user-tasks/${task.key}/completion`, { variables: { done: true } });
    await t.api.completeJob({ jobKey: (await listenerJob('gate')).jobKey });
    expect((await again).status).toBe(204);
    await records.waitForInstanceEnd(pi);
    expect(records.variables(pi)).toMatchObject({ done: true });
    await t.caughtUp();
    const approving = await t.api.searchJobs({ filter: { isDenied: false, kind: 'TASK_LISTENER' } }, now);
    expect(approving.items.map((j) => j.isDenied)).toEqual([false]);
    const byReason = await t.api.searchJobs(
      { filter: { deniedReason: '材料不全', listenerEventType: 'COMPLETING' } },
      now,
    );
    expect(byReason.items).toHaveLength(1);
  });

  it('an assigning listener corrects the assignee: CORRECTED, then ASSIGNED with the correction', async () => {
    await deploy(listeners(['assigning', 'route'], ['assigning', 'audit']));
    await start();
    const task = await createdTask();
    const assign = t.http('POST', `/v2/user-tasks/${task.key}/assignment`, { assignee: 'zhang' });
    const route = await listenerJob('route');
    await t.api.completeJob({
      jobKey: route.jobKey,
      result: { type: 'userTask', corrections: { assignee: 'li', priority: 80 } },
    });
    // the next listener sees the corrected data, the corrections listed as changed
    const audit = await listenerJob('audit');
    expect(audit.userTask).toMatchObject({
      assignee: 'li',
      priority: 80,
      changedAttributes: ['assignee', 'priority'],
    });
    await t.api.completeJob({ jobKey: audit.jobKey });
    expect((await assign).status).toBe(204);
    expect(taskEvents().slice(-3)).toEqual(['ASSIGNING', 'CORRECTED', 'ASSIGNED']);
    expect(records.events('USER_TASK', 'ASSIGNED')[0].value).toMatchObject({ assignee: 'li', priority: 80 });
    expect(await taskState(task.key)).toMatchObject({ state: 'CREATED', assignee: 'li', priority: 80 });
  });

  it('a claim writes CLAIMING, runs the assigning listeners and ends ASSIGNED; the search shows ASSIGNING', async () => {
    await deploy(listeners(['assigning', 'route']));
    await start();
    const task = await createdTask();
    const claim = t.http('POST', `/v2/user-tasks/${task.key}/assignment`, {
      assignee: 'wang',
      allowOverride: false,
    });
    const job = await listenerJob('route');
    expect(job.listenerEventType).toBe('ASSIGNING');
    expect(job.userTask).toMatchObject({
      assignee: 'wang',
      action: 'claim',
      changedAttributes: ['assignee'],
    });
    expect((await taskState(task.key)).state).toBe('ASSIGNING');
    await t.api.completeJob({ jobKey: job.jobKey });
    expect((await claim).status).toBe(204);
    expect(taskEvents().slice(-2)).toEqual(['CLAIMING', 'ASSIGNED']);
    expect(await taskState(task.key)).toMatchObject({ state: 'CREATED', assignee: 'wang' });
  });

  it('a denied assignment keeps the former assignee and drops earlier corrections', async () => {
    await deploy(listeners(['assigning', 'route'], ['assigning', 'veto']));
    await start();
    const task = await createdTask();
    const assign = t.http('POST', `/v2/user-tasks/${task.key}/assignment`, { assignee: 'zhang' });
    await t.api.completeJob({
      jobKey: (await listenerJob('route')).jobKey,
      result: { type: 'userTask', corrections: { priority: 10 } },
    });
    await t.api.completeJob({
      jobKey: (await listenerJob('veto')).jobKey,
      result: { type: 'userTask', denied: true, deniedReason: '非本单位人员' },
    });
    const answer = await assign;
    expect(answer.status).toBe(409);
    expect(answer.json.detail).toContain(
      `Assignment of the User Task with key '${task.key}' was denied by Task Listener. Reason to deny: '非本单位人员'`,
    );
    expect(taskEvents().slice(-3)).toEqual(['ASSIGNING', 'CORRECTED', 'ASSIGNMENT_DENIED']);
    const state = await taskState(task.key);
    expect(state).toMatchObject({ state: 'CREATED', priority: 50 });
    expect(state.assignee ?? null).toBeNull();
  });

  it('refuses a result that denies and corrects at once, variables, and a BPMN error; nothing changes', async () => {
    await deploy(listeners(['completing', 'gate']));
    await start();
    const task = await createdTask();
    // the completion waits for the listener; the engine's close ends it
    void t.http('POST', `/v2/user-tasks/${task.key}/completion`, {}).catch(() => undefined);
    const job = await listenerJob('gate');
    const both = await t.http('POST', `/v2/jobs/${job.jobKey}/completion`, {
      result: { type: 'userTask', denied: true, corrections: { assignee: 'li' } },
    });
    expect(both.status).toBe(400);
    // Zeebe 8.8's texts (JobCompleteProcessor), the job named in both
    const named = `(job key '${job.jobKey}', type 'gate', processInstanceKey '${job.processInstanceKey}')`;
    expect(both.json.detail).toContain(
      `Expected to complete task listener job with corrections, but the job result is denied ${named}. The corrections would be reverted by the denial. Either complete the job with corrections without setting denied, or complete the job with a denied result but no corrections.`,
    );
    const vars = await t.http('POST', `/v2/jobs/${job.jobKey}/completion`, { variables: { x: 1 } });
    expect(vars.status).toBe(400);
    expect(vars.json.detail).toContain(
      `Task Listener job completion with variables payload provided is not yet supported ${named}. Support will be enabled with the resolution of issue #23702.`,
    );
    const unknown = await t.http('POST', `/v2/jobs/${job.jobKey}/completion`, {
      result: { corrections: { name: '改名' } },
    });
    expect(unknown.status).toBe(400);
    const error = await t.http('POST', `/v2/jobs/${job.jobKey}/error`, { errorCode: 'E' });
    expect(error.status).toBe(409);
    expect(error.json.detail).toContain('Cannot throw BPMN error from TASK_LISTENER job');
    expect(records.events('JOB', 'COMPLETED')).toHaveLength(0);
    expect((await taskState(task.key)).state).toBe('COMPLETING');
  });
});

describe('incidents', () => {
  beforeEach(() => boot());

  it('a listener job out of retries raises TASK_LISTENER_NO_RETRIES; resolved, only that listener runs again', async () => {
    await deploy(listeners(['completing', 'first'], ['completing', 'flaky', 1]));
    const pi = await start();
    const task = await createdTask();
    const completion = t.http('POST', `/v2/user-tasks/${task.key}/completion`, {});
    await t.api.completeJob({ jobKey: (await listenerJob('first')).jobKey });
    const flaky = await listenerJob('flaky');
    await t.api.failJob({ jobKey: flaky.jobKey, retries: 0, errorMessage: '督办系统不可用' });
    const incident = (await records.waitForEvent('INCIDENT', 'CREATED')) as EngineRecord<'INCIDENT'>;
    expect(incident.value).toMatchObject({
      errorType: 'TASK_LISTENER_NO_RETRIES',
      errorMessage: '督办系统不可用',
      elementId: 'review',
      jobKey: Number(flaky.jobKey),
    });
    expect((await taskState(task.key)).state).toBe('COMPLETING');
    await t.api.updateJob({ jobKey: flaky.jobKey, changeset: { retries: 1 } });
    await t.api.resolveIncident({ incidentKey: String(incident.key) } as never);
    const again = await listenerJob('flaky');
    expect(again.jobKey).toBe(flaky.jobKey);
    await t.api.completeJob({ jobKey: again.jobKey });
    expect((await completion).status).toBe(204);
    await records.waitForInstanceEnd(pi);
    expect(records.events('JOB', 'CREATED').map((r) => r.value.type)).toEqual(['first', 'flaky']);
  });

  it('a listener type that does not evaluate raises EXTRACT_VALUE_ERROR; resolved, the transition runs its listeners again', async () => {
    await deploy(listeners(['creating', 'first'], ['creating', '=kind']));
    const pi = await start({ kind: 7 });
    await t.api.completeJob({ jobKey: (await listenerJob('first')).jobKey });
    const incident = (await records.waitForEvent('INCIDENT', 'CREATED')) as EngineRecord<'INCIDENT'>;
    expect(incident.value).toMatchObject({
      errorType: 'EXTRACT_VALUE_ERROR',
      elementId: 'review',
      jobKey: -1,
    });
    expect(incident.value.errorMessage).toContain("'kind'");
    expect(records.events('JOB', 'CREATED')).toHaveLength(1);
    await t.api.createElementInstanceVariables({
      elementInstanceKey: pi,
      variables: { kind: 'made' },
    } as never);
    await t.api.resolveIncident({ incidentKey: String(incident.key) } as never);
    // as in Zeebe, the whole creation is retried: the first listener runs again
    await t.api.completeJob({ jobKey: (await listenerJob('first')).jobKey });
    await t.api.completeJob({ jobKey: (await listenerJob('made')).jobKey });
    await records.waitForEvent('USER_TASK', 'CREATED');
    expect(jobTrail()).toEqual([
      'CREATED first TASK_LISTENER/CREATING',
      'COMPLETED first TASK_LISTENER/CREATING',
      'CREATED first TASK_LISTENER/CREATING',
      'COMPLETED first TASK_LISTENER/CREATING',
      'CREATED made TASK_LISTENER/CREATING',
      'COMPLETED made TASK_LISTENER/CREATING',
    ]);
  });
});

describe('deployment and cancellation', () => {
  beforeEach(() => boot());

  it.each([
    ['an unknown event type', 'starting', 'x', "Expected the task listener's eventType to be one of"],
    [
      'a blank type',
      'completing',
      ' ',
      "Expected the completing task listener to have a non-empty 'type' attribute",
    ],
  ])('refuses a user task with %s', async (_label, eventType, type, message) => {
    await expect(deploy(listeners([eventType, type]))).rejects.toThrow(message);
  });

  it('refuses task listeners on job-worker user tasks and on other elements', async () => {
    const jobWorker = `<bpmn:userTask id="review"><bpmn:extensionElements>${listeners(['completing', 'x'])}</bpmn:extensionElements></bpmn:userTask>`;
    await expect(t.deploy({ name: 'a.bpmn', content: chain('p', jobWorker) })).rejects.toThrow(
      'Task listeners are only supported on Camunda user tasks',
    );
    const service = `<bpmn:serviceTask id="s"><bpmn:extensionElements><zeebe:taskDefinition type="w" />${listeners(['completing', 'x'])}</bpmn:extensionElements></bpmn:serviceTask>`;
    await expect(t.deploy({ name: 'b.bpmn', content: chain('p', service) })).rejects.toThrow(
      'Task listeners (zeebe:taskListeners) are only allowed on user tasks',
    );
  });

  it('canceling the instance while a listener holds a completion cancels the job and answers the client', async () => {
    await deploy(listeners(['completing', 'gate']));
    const pi = await start();
    const task = await createdTask();
    const completion = t.http('POST', `/v2/user-tasks/${task.key}/completion`, {});
    const job = await listenerJob('gate');
    await t.api.cancelProcessInstance({ processInstanceKey: pi } as never);
    const answer = await completion;
    expect(answer.status).toBe(409);
    expect(answer.json.detail).toContain('was canceled before its task listeners completed');
    expect(taskEvents().slice(-3)).toEqual(['COMPLETING', 'CANCELING', 'CANCELED']);
    expect(jobTrail().slice(-1)).toEqual(['CANCELED gate TASK_LISTENER/COMPLETING']);
    const late = await t.http('POST', `/v2/jobs/${job.jobKey}/completion`, {});
    expect(late.status).toBe(404);
  });
});

describe('durability', () => {
  /** The journal of the data folder replayed alone (its snapshots dropped) by a fresh engine. */
  async function replayedFromJournal(dir: string): Promise<string> {
    const { json, fromSnapshot } = await replayedState(await copyJournal(dir, 'journal-only', false));
    expect(fromSnapshot).toBe(false);
    return json;
  }

  it('a restart in the middle of a listener: replay equals the live state; the task completes afterwards', async () => {
    const dir = dataFolder('task-listeners-');
    await boot(dir);
    await deploy(listeners(['completing', 'gate'], ['completing', 'after']));
    const pi = await start();
    const task = await createdTask();
    const completion = t
      .http('POST', `/v2/user-tasks/${task.key}/completion`, { variables: { n: 1 } })
      .catch(() => ({ status: 0 }));
    await t.api.completeJob({
      jobKey: (await listenerJob('gate')).jobKey,
      result: { type: 'userTask', corrections: { priority: 99 } },
    });
    await records.waitForEvent('JOB', 'CREATED', (v) => v.type === 'after');
    const live = t.server.engine.stateJson();
    expect(JSON.parse(live).userTasks[0]).toMatchObject({ state: 'COMPLETING', listenersDone: 1 });
    expect(await replayedFromJournal(dir)).toBe(live);
    await t.close();
    // the engine stopped before the transition ended: the waiting client is not told it succeeded
    expect((await completion).status).not.toBe(204);

    await boot(dir);
    expect(t.server.engine.stateJson()).toBe(live);
    expect((await taskState(task.key)).state).toBe('COMPLETING');
    await t.api.completeJob({ jobKey: (await listenerJob('after')).jobKey });
    await records.waitForInstanceEnd(pi);
    expect(records.events('USER_TASK', 'COMPLETED')[0].value).toMatchObject({
      priority: 99,
      variables: { n: 1 },
    });
    expect(await taskState(task.key)).toMatchObject({ state: 'COMPLETED', priority: 99 });
  });
});
