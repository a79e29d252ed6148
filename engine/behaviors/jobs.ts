// Jobs for service-like elements: creation with type, retries and headers evaluated from the
// model, cancellation when the element ends, and the push of activatable jobs to open streams.
import type { EngineContext } from '../processors/context';
import type { ElementInstance } from '../state/element-instances';
import type { ExecutableElement } from '../model/types';
import type { Expression, Result } from '../feel/expression';
import type { JobValue } from '../protocol/values';
import { JOB_USER_TASK_TYPE } from '../model/element-kinds';

export class JobBehavior {
  constructor(private readonly ctx: EngineContext) {}

  /** Evaluates job type and retries first, so a failure writes nothing but the incident. */
  evaluate(element: ExecutableElement, instance: ElementInstance): Result<{ type: string; retries: number }> {
    if (!element.jobType) return { ok: false, message: 'no job type' };
    return this.evaluateTypeAndRetries(element.jobType, element.jobRetries, instance);
  }

  /** A job's type (a non-empty string) and retries (3 when the model names none), seen from the instance. */
  evaluateTypeAndRetries(
    typeExpression: Expression,
    retriesExpression: Expression | null,
    instance: ElementInstance,
  ): Result<{ type: string; retries: number }> {
    const { expressions, b } = this.ctx;
    const lookup = b.variables.lookup(instance.key);
    const type = expressions.string(typeExpression, lookup);
    if (!type.ok) return type;
    if (type.value.trim() === '') {
      return {
        ok: false,
        message: `Expected result of the expression '${typeExpression.text}' to be a non-empty string, but was empty`,
      };
    }
    const retries = retriesExpression
      ? expressions.integer(retriesExpression, lookup)
      : { ok: true as const, value: 3 };
    if (!retries.ok) return retries;
    return { ok: true, value: { type: type.value, retries: retries.value } };
  }

  create(
    element: ExecutableElement,
    instance: ElementInstance,
    type: string,
    retries: number,
    extraHeaders: Record<string, string> = {},
    kind: Pick<JobValue, 'jobKind' | 'jobListenerEventType'> = {},
  ): void {
    const v = instance.value;
    const value: JobValue = {
      type,
      worker: '',
      retries,
      retryBackoff: 0,
      recurringTime: -1,
      deadline: -1,
      timeout: -1,
      errorMessage: '',
      errorCode: '',
      customHeaders: { ...element.taskHeaders, ...extraHeaders },
      variables: {},
      elementId: v.elementId,
      elementInstanceKey: instance.key,
      processInstanceKey: v.processInstanceKey,
      bpmnProcessId: v.bpmnProcessId,
      processDefinitionVersion: v.version,
      processDefinitionKey: v.processDefinitionKey,
      tenantId: v.tenantId,
      ...kind,
    };
    this.ctx.w.appendEvent(this.ctx.keys.next(), 'JOB', 'CREATED', value);
    this.ctx.jobsAvailable.add(type);
  }

  /** Cancels the element's job and resolves the job's incident (the job is gone afterwards). */
  cancel(instance: ElementInstance): void {
    if (instance.jobKey <= 0) return;
    const { state, w } = this.ctx;
    const job = state.jobs.get(instance.jobKey);
    if (!job) return;
    w.appendEvent(job.key, 'JOB', 'CANCELED', job.value);
    const incidentKey = state.incidents.ofJob(job.key);
    const incident = incidentKey === undefined ? undefined : state.incidents.get(incidentKey);
    if (incidentKey !== undefined && incident) w.appendEvent(incidentKey, 'INCIDENT', 'RESOLVED', incident);
  }

  isUserTaskJob(type: string): boolean {
    return type === JOB_USER_TASK_TYPE;
  }
}
