// What a job-type module exports: a typed handler definition. The handler gets the job (typed variables and
// headers, checked by zod) and the injected services, and must return an Acknowledgement made by one of
// job.complete / job.fail / job.bpmnError — a path that returns nothing is a type error. Throwing a
// BusinessError raises a BPMN error too; any other exception is a technical failure, retried with back-off.
import type { ZodType } from 'zod';
import type { Actor } from '../../domain/audit';
import type { Tx } from '../../domain/db/client';
import type { Logger } from '../../domain/log';
import type { Services } from './services';

export type JsonValue = string | number | boolean | null | JsonValue[] | { [key: string]: JsonValue };
export type JsonObject = { [key: string]: JsonValue };

declare const acknowledged: unique symbol;

export type JobAction =
  | { kind: 'complete'; variables: JsonObject }
  | { kind: 'fail'; message: string; retries?: number; backoffMs?: number }
  | { kind: 'bpmn-error'; code: string; message: string; variables: JsonObject };

/** Only the job's own methods make one, so a handler cannot return a look-alike. */
export type Acknowledgement = JobAction & { readonly [acknowledged]: true };

export function acknowledgement(action: JobAction): Acknowledgement {
  return action as Acknowledgement;
}

/** A business outcome the model catches with an error boundary event (errorCode = code). */
export class BusinessError extends Error {
  constructor(
    readonly code: string,
    message: string,
    readonly variables: JsonObject = {},
  ) {
    super(message);
    this.name = 'BusinessError';
  }
}

export interface FailOptions {
  /** Retries left after this failure (default: the job's retries − 1; 0 raises an incident). */
  retries?: number;
  /** Delay before the job is offered again (default: the handler's exponential back-off). */
  backoffMs?: number;
}

export interface OnceOptions {
  /** A business key (e.g. 'ZG-2026-017:yellow:1'); default: the job key. Prefixed with the job type. */
  key?: string;
}

export interface JobContext<V, H, O extends JsonObject> {
  readonly key: string;
  readonly type: string;
  readonly processInstanceKey: string;
  readonly bpmnProcessId: string;
  readonly processDefinitionVersion: number;
  readonly elementId: string;
  readonly elementInstanceKey: string;
  readonly retries: number;
  readonly deadline: Date;
  readonly tenantId: string;
  readonly variables: V;
  readonly headers: H;
  /**
   * Whom the audit names for this job's changes: the person who completed one of the handler's `actingFor`
   * user tasks through the web (with `via: worker:<type>`), otherwise the worker (`worker:<type>`).
   */
  readonly actor: Actor;
  readonly log: Logger;
  /**
   * Runs fn once per key in one transaction (with the record change, its audit row and its outbox mails);
   * a redelivered job gets the stored result back instead of acting twice.
   */
  once<R extends JsonObject>(fn: (tx: Tx) => Promise<R>, options?: OnceOptions): Promise<R>;
  complete(variables?: O): Acknowledgement;
  fail(message: string, options?: FailOptions): Acknowledgement;
  bpmnError(code: string, message: string, variables?: JsonObject): Acknowledgement;
}

export interface BackoffPolicy {
  initialMs: number;
  maxMs: number;
}

export interface JobHandler<V = unknown, H = unknown, O extends JsonObject = JsonObject> {
  /** The zeebe:taskDefinition type, e.g. 'zhuanban.report.remind'. */
  type: string;
  /** Checks and types job.variables; a mismatch is a modelling error and raises an incident at once. */
  variables: ZodType<V>;
  /** Checks and types the zeebe:taskHeaders (default: any string map). */
  headers?: ZodType<H>;
  /** Only these variables are fetched (default: all visible ones). */
  fetchVariables?: string[];
  /**
   * The user tasks (element ids) whose completion this handler carries out: job.actor is then the person who
   * completed it through the web. Leave it out for steps reached by timers, messages or other service tasks.
   */
  actingFor?: readonly string[];
  /** Job activation timeout (default 60 s). */
  timeoutMs?: number;
  /** The retries the model gives the task (default 3): numbers the attempts for the back-off. */
  retries?: number;
  backoff?: BackoffPolicy;
  handle(job: JobContext<V, H, O>, services: Services): Promise<Acknowledgement>;
}

/** Identity function that fixes the type parameters from the schemas: `export default defineHandler({...})`. */
export function defineHandler<V, H = Record<string, string>, O extends JsonObject = JsonObject>(
  handler: JobHandler<V, H, O>,
): JobHandler<V, H, O> {
  return handler;
}

export const defaultBackoff: BackoffPolicy = { initialMs: 5_000, maxMs: 300_000 };

/** Delay before the next attempt: initial · 2^(attempt − 1), capped. attempt 1 = the first failure. */
export function backoffFor(policy: BackoffPolicy, attempt: number): number {
  return Math.min(policy.maxMs, policy.initialMs * 2 ** Math.max(0, attempt - 1));
}
