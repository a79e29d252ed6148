// "Retry" of an incident on the instance page (admins and the office): optionally set variables first (the
// "edit variable then retry" case), give a failed job its retries back, then resolve the incident — and write
// who did it to the audit log.
import { z } from 'zod';
import type { Principal } from '../../../domain/auth/roles';
import { audit, audited } from '../../../domain/audit';
import type { Db } from '../../../domain/db/client';
import type { EngineApi } from '../engine/client';
import { HttpError } from '../http/problem';
import { engineCall, now } from '../tasks/engine-calls';
import type { IncidentRow } from './instance';
import { visibleInstance } from './instance';

export const retryBody = z.strictObject({
  variables: z
    .record(z.string().regex(/^[A-Za-z_][A-Za-z0-9_]{0,63}$/, '变量名只能含字母、数字和下划线'), z.unknown())
    .refine((v) => Object.keys(v).length <= 20, '一次最多修改 20 个变量')
    .optional(),
  retries: z.number().int().min(1).max(10).default(1),
});

export async function retryIncident(
  db: Db,
  engine: EngineApi,
  principal: Principal,
  rawKey: string,
  incidentKey: string,
  body: unknown,
) {
  const input = retryBody.parse(body ?? {});
  if (!/^[1-9][0-9]{0,18}$/.test(incidentKey)) throw new HttpError(404, '未找到', '未找到该故障');
  const { key } = await visibleInstance(db, engine, principal, rawKey);
  const incident = (await engineCall(
    () => engine.getIncident({ incidentKey } as never, now as never),
    '未找到该故障',
  )) as unknown as IncidentRow & { processInstanceKey: string };
  if (incident.processInstanceKey !== key) throw new HttpError(404, '未找到', '该流程实例没有这个故障');
  if (incident.state !== 'ACTIVE') throw new HttpError(409, '故障已处理', '该故障已经解决，请刷新页面');
  if (input.variables && Object.keys(input.variables).length) {
    await engineCall(() =>
      engine.createElementInstanceVariables({
        elementInstanceKey: incident.elementInstanceKey,
        variables: input.variables,
        local: false,
      } as never),
    );
  }
  if (incident.jobKey) {
    await engineCall(() =>
      engine.updateJob({ jobKey: incident.jobKey, changeset: { retries: input.retries } } as never),
    );
  }
  await engineCall(() => engine.resolveIncident({ incidentKey } as never), '未找到该故障');
  await audited(db, (tx) =>
    audit(
      tx,
      { userId: principal.userId, label: principal.username },
      {
        action: 'processInstance.retryIncident',
        entity: 'processInstance',
        entityId: key,
        before: { incidentKey, elementId: incident.elementId, errorMessage: incident.errorMessage },
        after: { variables: input.variables ?? null, retries: incident.jobKey ? input.retries : null },
      },
    ),
  );
  return { resolved: true, incidentKey };
}
