// The reserved variable that carries the person completing a user task into the engine, for the worker that
// carries the completion out (domain/acting-person.ts). Only the web sets it, from the session; a submission
// that names it is refused rather than quietly dropped, so a forged attempt shows up as an error.
import { actingPersonVariable, type ActingPerson } from '../../../domain/acting-person';
import type { Principal } from '../../../domain/auth/roles';
import { HttpError } from '../http/problem';
import type { EngineTask } from './inbox';

export function refuseReservedVariables(submitted: Record<string, unknown>): void {
  if (!Object.hasOwn(submitted, actingPersonVariable)) return;
  const message = '办理人由系统按当前登录用户记录，不能在表单中填写';
  throw new HttpError(400, '输入有误', `${actingPersonVariable}：${message}`, {
    errors: [{ field: actingPersonVariable, message }],
  });
}

export function actingPerson(principal: Principal, task: EngineTask): Record<string, ActingPerson> {
  return {
    [actingPersonVariable]: {
      userId: principal.userId,
      username: principal.username,
      userTaskKey: String(task.userTaskKey),
      elementId: task.elementId,
    },
  };
}
