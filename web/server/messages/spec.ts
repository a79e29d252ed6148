// What a message form is (routes.ts sends one): a form-js form a person sends into a process that waits for a
// message, offered only while the instance waits where the message is caught and only to those who may send it.
import { can, type Action, type Principal } from '../../../domain/auth/roles';
import type { Db } from '../../../domain/db/client';
import { HttpError } from '../http/problem';

export interface MessageFormContext {
  db: Db;
  principal: Principal;
  /** The caller's unit for unit roles; null for the office, leaders and admins (who see every unit). */
  unitCode: string | null;
  /** The instance's root-scope variables by name. */
  vars: Map<string, unknown>;
  now: Date;
}

export interface MessageFormSpec {
  /** The form's id (processes/forms/<formId>.form) and the path segment of its routes. */
  formId: string;
  label: string;
  processId: string;
  message: string;
  /** The root variable whose value is the message's correlation key. */
  correlationVariable: string;
  /** The catch event. */
  catchEventId: string;
  /**
   * A worker right behind the catch event acts for the person (`actingFor` it): the message then carries the
   * person. When a user task comes next instead, the web's own audit row is the only trace of who sent it.
   */
  workerActsForSender: boolean;
  /** The verb of the web's audit row: `processInstance.<auditVerb>`. */
  auditVerb: string;
  /** The element that is active exactly while the catch event can be reached. */
  waitingElementId: string;
  action: Action;
  /** Who among those holding the action may send it for this instance (unit scoping beyond seeing it). */
  mayAct?(c: MessageFormContext): boolean;
  /** The data the form opens with (its headings read from it). */
  data(c: MessageFormContext): Promise<Record<string, unknown>>;
  /** What the form's rules cannot say; throws a 400 naming the field, or a 409. */
  check(c: MessageFormContext, values: Record<string, unknown>): Promise<Record<string, unknown>>;
  done(values: Record<string, unknown>): string;
}

export interface OfferedForm {
  formId: string;
  label: string;
}

export const fieldError = (field: string, message: string) =>
  new HttpError(400, '输入有误', message, { errors: [{ field, message }] });

export const rootVars = (key: string, vars: { name: string; value: unknown; scopeKey: string }[]) =>
  new Map(vars.filter((v) => v.scopeKey === key).map((v) => [v.name, v.value]));

/** The forms the instance page offers this person now. */
export function offeredForms(
  specs: readonly MessageFormSpec[],
  c: MessageFormContext,
  instance: { processDefinitionId: string; state: string },
  counts: { elementId: string; active: number }[],
): OfferedForm[] {
  if (instance.state !== 'ACTIVE') return [];
  return specs
    .filter(
      (s) =>
        s.processId === instance.processDefinitionId &&
        can(c.principal, s.action) &&
        (s.mayAct?.(c) ?? true) &&
        counts.some((x) => x.elementId === s.waitingElementId && x.active > 0),
    )
    .map((s) => ({ formId: s.formId, label: s.label }));
}
