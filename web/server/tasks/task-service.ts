// One task for one user: read it (404 unless it is the user's groups' or the user's own — the same answer as a
// task that does not exist), with its form, the variables it sees and its record; claim, give back, hand to a
// colleague of the same unit; and complete it with the form's variables checked on the server first. A task
// someone else completed or took meanwhile answers 409 with a message a person can act on.
import type { Db } from '../../../domain/db/client';
import type { EngineApi } from '../engine/client';
import { HttpError } from '../http/problem';
import { readFormSchema, type FormSchema } from '../forms/form-schema';
import { completionRefusal, isVisible, type Viewer } from './access';
import { engineCall, now, parseValue, sdkStatus } from './engine-calls';
import { actingPerson } from './acting-person';
import { auditCompletion } from './completion-audit';
import { displayNames, forgetCounts, type EngineTask } from './inbox';

const gone = '该任务不存在，或不属于您的单位';

export async function loadTask(engine: EngineApi, viewer: Viewer, key: string): Promise<EngineTask> {
  if (!/^\d{1,25}$/.test(key)) throw new HttpError(404, '未找到', gone);
  const task = (await engineCall(
    () => engine.getUserTask({ userTaskKey: key } as never, now as never),
    gone,
  )) as unknown as EngineTask;
  if (!isVisible(task, viewer)) throw new HttpError(404, '未找到', gone);
  return task;
}

export async function taskForm(engine: EngineApi, task: EngineTask): Promise<FormSchema | undefined> {
  if (!task.formKey) return undefined;
  const form = (await engineCall(() =>
    engine.getUserTaskForm({ userTaskKey: task.userTaskKey } as never, now as never),
  )) as unknown as { schema?: unknown } | undefined;
  return form?.schema ? readFormSchema(form.schema) : undefined;
}

export async function taskVariables(engine: EngineApi, task: EngineTask): Promise<Record<string, unknown>> {
  const res = (await engineCall(() =>
    engine.searchUserTaskVariables(
      { userTaskKey: task.userTaskKey, truncateValues: false, page: { limit: 1000 } } as never,
      now as never,
    ),
  )) as unknown as { items: { name: string; value: unknown }[] };
  return Object.fromEntries(res.items.map((v) => [v.name, parseValue(v.value)]));
}

async function whoHas(db: Db, username: string): Promise<string> {
  return (await displayNames(db, [username])).get(username) ?? username;
}

/** 409 when the task is no longer open, or is someone else's. */
async function assertOpenFor(db: Db, task: EngineTask, viewer: Viewer, allowOthers = false): Promise<void> {
  if (task.state === 'COMPLETED')
    throw new HttpError(
      409,
      '任务已办结',
      '该任务已由他人办理完成，无需重复提交。请返回待办列表查看其他任务。',
    );
  if (task.state === 'CANCELED')
    throw new HttpError(409, '任务已取消', '该任务所在的流程已变化，任务已取消。');
  if (task.state !== 'CREATED')
    throw new HttpError(409, '任务正在处理', '该任务正在被处理，请稍后刷新再试。');
  if (!allowOthers && task.assignee && task.assignee !== viewer.principal.username)
    throw new HttpError(
      409,
      '任务已被认领',
      `该任务已由${await whoHas(db, task.assignee)}认领，请与其联系或请其退回后再办理。`,
    );
}

export async function claim(db: Db, engine: EngineApi, viewer: Viewer, key: string): Promise<void> {
  const task = await loadTask(engine, viewer, key);
  await assertOpenFor(db, task, viewer);
  if (task.assignee === viewer.principal.username) return;
  forgetCounts();
  await engineCall(() =>
    engine.assignUserTask({
      userTaskKey: key,
      assignee: viewer.principal.username,
      allowOverride: false,
    } as never),
  ).catch(async (e) => {
    // Someone claimed it a moment earlier.
    await assertOpenFor(db, await loadTask(engine, viewer, key), viewer);
    throw e;
  });
  forgetCounts();
}

export async function unclaim(db: Db, engine: EngineApi, viewer: Viewer, key: string): Promise<void> {
  const task = await loadTask(engine, viewer, key);
  await assertOpenFor(db, task, viewer);
  if (!task.assignee) return;
  forgetCounts();
  await engineCall(() => engine.unassignUserTask({ userTaskKey: key } as never));
  forgetCounts();
}

/** Hands the task to a colleague: an active user of the same unit (or, for office tasks, another coordinator). */
export async function assignTo(db: Db, engine: EngineApi, viewer: Viewer, key: string, username: string) {
  const task = await loadTask(engine, viewer, key);
  await assertOpenFor(
    db,
    task,
    viewer,
    viewer.principal.role === 'unit-lead' || viewer.principal.role === 'coordinator',
  );
  const colleague = (await colleagues(db, viewer)).find((c) => c.username === username);
  if (!colleague)
    throw new HttpError(400, '输入有误', '只能转交给本单位在岗的同事', {
      errors: [{ field: 'username', message: '只能转交给本单位在岗的同事' }],
    });
  forgetCounts();
  await engineCall(() =>
    engine.assignUserTask({ userTaskKey: key, assignee: username, allowOverride: true } as never),
  );
  forgetCounts();
  return colleague;
}

export async function colleagues(db: Db, viewer: Viewer) {
  const p = viewer.principal;
  const where =
    p.role === 'coordinator' || p.role === 'leader'
      ? { role: p.role, active: true }
      : { unitId: p.unitId ?? -1, role: { in: ['unit-user', 'unit-lead'] }, active: true };
  return db.user.findMany({
    where: where as never,
    select: { username: true, displayName: true, role: true },
    orderBy: { id: 'asc' },
  });
}

/**
 * Completes the task with `variables` already validated, plus who completes it (for the worker that carries the
 * completion out); claims it first when nobody has; audits who did.
 */
export async function complete(
  db: Db,
  engine: EngineApi,
  viewer: Viewer,
  task: EngineTask,
  variables: Record<string, unknown>,
  requestId?: string,
): Promise<void> {
  const refusal = completionRefusal(task, viewer);
  if (refusal) throw new HttpError(403, '无权办理', refusal);
  await assertOpenFor(db, task, viewer);
  const key = task.userTaskKey;
  forgetCounts();
  try {
    if (!task.assignee)
      await engine.assignUserTask({
        userTaskKey: key,
        assignee: viewer.principal.username,
        allowOverride: false,
      } as never);
    await engine.completeUserTask({
      userTaskKey: key,
      variables: { ...variables, ...actingPerson(viewer.principal, task) },
    } as never);
    forgetCounts();
  } catch (e) {
    return await completionFailed(db, engine, viewer, key, e);
  }
  await auditCompletion(db, viewer.principal, task, requestId);
}

async function completionFailed(
  db: Db,
  engine: EngineApi,
  viewer: Viewer,
  key: string,
  e: unknown,
): Promise<never> {
  if (sdkStatus(e) === undefined) throw await engineCall(() => Promise.reject(e)).catch((x: unknown) => x);
  // The task changed under us (completed, claimed, canceled): say what happened.
  const fresh = await loadTask(engine, viewer, key).catch(() => undefined);
  if (!fresh)
    throw new HttpError(
      409,
      '任务已办结',
      '该任务已由他人办理完成，无需重复提交。请返回待办列表查看其他任务。',
    );
  await assertOpenFor(db, fresh, viewer);
  throw await engineCall(() => Promise.reject(e)).catch((x: unknown) => x);
}
