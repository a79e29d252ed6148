// The message forms a person may send into an instance now, for the task page and a case's page: what the
// instance page's 可办理事项 offers (same specs, same rules), so a unit drafting a reply finds 申请延期 beside its
// task and the office 会议改期 beside a case's task and on the case's page. Only for processes that have message forms, and only when the person
// may see the instance.
import type { Principal } from '../../../domain/auth/roles';
import type { Db } from '../../../domain/db/client';
import type { EngineApi } from '../engine/client';
import { HttpError } from '../http/problem';
import { instanceStatistics } from '../monitor/engine-reads';
import { visibleInstance } from '../monitor/instance';
import { messageForms } from './index';
import { offeredForms, rootVars, type OfferedForm } from './spec';

export async function offeredForInstance(
  db: Db,
  engine: EngineApi,
  principal: Principal,
  task: { processDefinitionId: string; processInstanceKey: string },
): Promise<OfferedForm[]> {
  if (!messageForms.some((s) => s.processId === task.processDefinitionId)) return [];
  let seen: Awaited<ReturnType<typeof visibleInstance>>;
  try {
    seen = await visibleInstance(db, engine, principal, task.processInstanceKey);
  } catch (e) {
    // A task the person may see on an instance their unit is not named in (a candidate user): nothing to offer.
    if (e instanceof HttpError && e.status === 404) return [];
    throw e;
  }
  const counts = await instanceStatistics(engine, seen.key);
  return offeredForms(
    messageForms,
    { db, principal, unitCode: seen.unitCode, vars: rootVars(seen.key, seen.vars), now: new Date() },
    seen.instance,
    counts,
  );
}
