// Conformance: what a migration keeps, as Zeebe 8.8 keeps it (its MIGRATED records copy the entity and change
// only the definition and element): a Camunda user task keeps the candidate users and groups it was created with
// even when the target element names others; a job keeps its retries, error message, worker and deadline — the
// migrated job times out at the deadline its activation gave it and runs again in the target. Under a pinned
// clock, so no test waits for real time.
import { chain, serviceTask, userTask } from './support/bpmn';
import { pinnedEngineForEachTest } from './support/harness';
import { deployed, migrate, recordsFromMigrate } from './support/migration';
import { completeNext, nextJob, waitForElement } from './support/work';
import type { UserTaskValue } from '../../engine/protocol/values';

jest.setTimeout(30_000);

const T0 = Date.parse('2026-12-07T08:00:00Z');
const { t, pin } = pinnedEngineForEachTest(T0);

const assigned = (groups: string, users: string) =>
  userTask('T', `<zeebe:assignmentDefinition candidateGroups="${groups}" candidateUsers="${users}" />`);

it("keeps a user task's candidate users and groups when the target element names others", async () => {
  await deployed(t, 'p.bpmn', chain('p', assigned('police', '=reviewers')));
  const { processInstanceKey: pi } = await t.zeebe.createProcessInstance({
    bpmnProcessId: 'p',
    variables: { reviewers: ['li', 'wang'] },
  });
  const created = await t.records.waitForEvent('USER_TASK', 'CREATED');
  const target = await deployed(
    t,
    'p.bpmn',
    chain('p', assigned('court', 'judge'), serviceTask('after', 'after')),
  );

  await migrate(t, pi, target, [['T', 'T']]);

  expect(recordsFromMigrate(t)).toContain('EVENT USER_TASK MIGRATED T');
  const moved = t.records.events('USER_TASK', 'MIGRATED')[0];
  expect(moved.key).toBe(created.key);
  expect(moved.value).toMatchObject({
    processDefinitionKey: Number(target),
    processDefinitionVersion: 2,
    candidateGroupsList: ['police'],
    candidateUsersList: ['li', 'wang'],
  });
  // the target's lists were not evaluated: the engine's state holds the task as it was created
  const { userTasks } = JSON.parse(t.server.engine.stateJson()) as { userTasks: { value: UserTaskValue }[] };
  expect(userTasks.map((u) => [u.value.candidateGroupsList, u.value.candidateUsersList])).toEqual([
    [['police'], ['li', 'wang']],
  ]);

  const value = { ...moved.value, variables: {}, action: '' } as UserTaskValue;
  expect((await t.server.engine.execute('USER_TASK', 'COMPLETE', value, created.key)).ok).toBe(true);
  await completeNext(t, 'after');
  await waitForElement(t, 'p', 'ELEMENT_COMPLETED', pi);
});

it('keeps a job its retries, error message, worker and deadline; it times out there and runs again in v2', async () => {
  await deployed(t, 'p.bpmn', chain('p', serviceTask('A', 'a')));
  const { processInstanceKey: pi } = await t.zeebe.createProcessInstance({
    bpmnProcessId: 'p',
    variables: {},
  });
  const first = await nextJob(t, 'a', { worker: 'w1' });
  await t.zeebe.failJob({ jobKey: first.key, retries: 2, errorMessage: '接口超时', retryBackOff: 0 });
  await pin(T0 + 1_000);
  const second = await nextJob(t, 'a', { worker: 'w2', timeout: 30_000 });
  expect([second.key, Number(second.deadline)]).toEqual([first.key, T0 + 31_000]);
  const target = await deployed(t, 'p.bpmn', chain('p', serviceTask('A2', 'a'), serviceTask('B', 'b')));

  await migrate(t, pi, target, [['A', 'A2']]);

  const moved = t.records.events('JOB', 'MIGRATED')[0];
  expect(moved.key).toBe(Number(first.key));
  expect(moved.value).toMatchObject({
    elementId: 'A2',
    processDefinitionVersion: 2,
    type: 'a',
    retries: 2,
    errorMessage: '接口超时',
    worker: 'w2',
    deadline: T0 + 31_000,
  });

  // the deadline still holds: not timed out just before it, timed out at it
  await pin(T0 + 30_999);
  expect(t.records.events('JOB', 'TIMED_OUT')).toEqual([]);
  await pin(T0 + 31_000);
  await t.records.waitForEvent('JOB', 'TIMED_OUT');
  const [timedOut] = t.records.events('JOB', 'TIMED_OUT');
  expect([timedOut.key, timedOut.value.elementId, timedOut.value.retries]).toEqual([
    Number(first.key),
    'A2',
    2,
  ]);
  const again = await nextJob(t, 'a', { worker: 'w3' });
  expect([again.key, again.elementId, again.retries, again.processDefinitionVersion]).toEqual([
    first.key,
    'A2',
    2,
    2,
  ]);
  await t.zeebe.completeJob({ jobKey: again.key, variables: {} });
  await completeNext(t, 'b');
  await waitForElement(t, 'p', 'ELEMENT_COMPLETED', pi);
});
