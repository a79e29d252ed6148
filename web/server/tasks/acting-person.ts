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
  return personAt(principal, task.elementId, String(task.userTaskKey));
}

/** For a start form: the worker that registers the record at the start event acts for the person. */
export function startingPerson(principal: Principal, startEventId: string): Record<string, ActingPerson> {
  return personAt(principal, startEventId, null);
}

function personAt(principal: Principal, elementId: string, userTaskKey: string | null) {
  return {
    [actingPersonVariable]: {
      userId: principal.userId,
      username: principal.username,
      userTaskKey,
      elementId,
    },
  };
}
