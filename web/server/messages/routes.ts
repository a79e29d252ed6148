// Message forms: what a person sends into a running process that waits for a message rather than a task — the
// office moving a case's coordination meeting (会议改期), a unit asking to extend a petition's handling period
// (申请延期). Each is a form-js form of processes/forms, offered on the instance page only while the instance
// waits where the message is caught and only to those who may send it. The submission is checked against the
// form's own rules and the spec's, then the message is correlated — not published: if the process no longer
// waits, nothing is buffered to surprise a later step, and the person gets a 409 — with the person who sent it
// (zhuanbanActor, elementId = the catch event), so the worker behind the catch event names that person.
import { actingPersonVariable } from '../../../domain/acting-person';
import { audit, audited } from '../../../domain/audit';
import type { Db } from '../../../domain/db/client';
import type { Principal } from '../../../domain/auth/roles';
import type { AppContext } from '../context';
import type { EngineApi } from '../engine/client';
import type { FormSchema } from '../forms/form-schema';
import { validateSubmission } from '../forms/form-validation';
import { repoForm } from '../forms/repo-forms';
import { HttpError } from '../http/problem';
import { visibleInstance } from '../monitor/instance';
import type { AnyRoute } from '../routes/define';
import { refuseReservedVariables } from '../tasks/acting-person';
import { engineCall, engineOf, sdkStatus } from '../tasks/engine-calls';
import { rootVars, type MessageFormContext, type MessageFormSpec } from './spec';

async function opened(ctx: AppContext, spec: MessageFormSpec, principal: Principal, raw: string) {
  const engine = engineOf(ctx);
  const { key, instance, vars, unitCode } = await visibleInstance(ctx.db, engine, principal, raw);
  const c: MessageFormContext = {
    db: ctx.db,
    principal,
    unitCode,
    vars: rootVars(key, vars),
    now: new Date(),
  };
  const correlationKey = c.vars.get(spec.correlationVariable);
  if (instance.processDefinitionId !== spec.processId || typeof correlationKey !== 'string')
    throw new HttpError(409, `无法${spec.label}`, `该流程实例不能${spec.label}`);
  if (spec.mayAct && !spec.mayAct(c)) throw new HttpError(403, '无权访问', `只有承办单位可以${spec.label}`);
  return { engine, key, c, correlationKey };
}

async function correlate(
  engine: EngineApi,
  spec: MessageFormSpec,
  principal: Principal,
  correlationKey: string,
  variables: Record<string, unknown>,
) {
  try {
    await engine.correlateMessage({
      name: spec.message,
      correlationKey,
      variables: spec.workerActsForSender
        ? {
            ...variables,
            [actingPersonVariable]: {
              userId: principal.userId,
              username: principal.username,
              userTaskKey: null,
              elementId: spec.catchEventId,
            },
          }
        : variables,
    } as never);
  } catch (e) {
    if (sdkStatus(e) === 404)
      throw new HttpError(409, `无法${spec.label}`, `该事项当前不在可以${spec.label}的环节，请刷新后查看`);
    await engineCall(() => Promise.reject(e));
  }
}

/** Written after the engine accepted the message, so a refused one leaves no row claiming it was sent. */
function auditSent(
  db: Db,
  principal: Principal,
  spec: MessageFormSpec,
  processInstanceKey: string,
  correlationKey: string,
  variables: Record<string, unknown>,
) {
  return audited(db, (tx) =>
    audit(
      tx,
      { userId: principal.userId, label: principal.username },
      {
        action: `processInstance.${spec.auditVerb}`,
        entity: 'processInstance',
        entityId: processInstanceKey,
        unitId: principal.unitId,
        after: { message: spec.message, correlationKey, ...variables, via: 'web' },
      },
    ),
  );
}

export function messageFormRoutes(ctx: AppContext, specs: readonly MessageFormSpec[]): AnyRoute[] {
  return specs.flatMap((spec): AnyRoute[] => [
    {
      method: 'get',
      path: `/instances/:key/${spec.formId}`,
      action: spec.action,
      async handler({ req, principal }) {
        const { c } = await opened(ctx, spec, principal, String(req.params.key));
        const form: FormSchema = repoForm(spec.formId);
        return { formId: spec.formId, label: spec.label, form, data: await spec.data(c) };
      },
    },
    {
      method: 'post',
      path: `/instances/:key/${spec.formId}`,
      action: spec.action,
      async handler({ req, principal }) {
        const { engine, key, c, correlationKey } = await opened(ctx, spec, principal, String(req.params.key));
        const submitted = (req.body as { variables?: unknown } | undefined)?.variables;
        if (submitted && typeof submitted === 'object')
          refuseReservedVariables(submitted as Record<string, unknown>);
        const values = validateSubmission(repoForm(spec.formId), submitted);
        const variables = await spec.check(c, values);
        await correlate(engine, spec, principal, correlationKey, variables);
        await auditSent(ctx.db, principal, spec, key, correlationKey, variables);
        return { message: spec.done(variables) };
      },
    },
  ]);
}
