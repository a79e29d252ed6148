// Turns an activated SDK job into the handler's JobContext, runs the handler and carries out what it decided
// (complete / fail with retries and back-off / BPMN error) through the public gRPC API. Every outcome is one
// structured log line with the job's keys and the time it took.
import type { ZeebeGrpcClient } from '@camunda8/sdk/dist/zeebe';
import type { IProcessVariables, JSONDoc } from '@camunda8/sdk/dist/zeebe/lib/interfaces-1.0';
import { isDatabaseUnavailable } from '../../domain/db/unavailable';
import type { Logger } from '../../domain/log';
import {
  acknowledgement,
  backoffFor,
  BusinessError,
  defaultBackoff,
  type Acknowledgement,
  type JobContext,
  type JobHandler,
  type JsonObject,
} from './handler';
import { actingPersonVariable } from '../../domain/acting-person';
import { actingFor } from './acting-person';
import { once } from './idempotency';
import type { Services } from './services';
import { jobDuration, jobsHandled } from '../../domain/metrics';

/** The fields of an activated job the runtime reads (the SDK's Job has more). */
export interface ActivatedJob {
  key: string;
  type: string;
  processInstanceKey: string;
  bpmnProcessId: string;
  processDefinitionVersion: number;
  elementId: string;
  elementInstanceKey: string;
  retries: number;
  deadline: string;
  tenantId: string;
  variables: unknown;
  customHeaders: unknown;
}

export type JobApi = Pick<ZeebeGrpcClient, 'completeJob' | 'failJob' | 'throwError'>;

/** `path: message; …` for the issues of a zod check (variables, headers, a domain input). */
export function describeIssues(issues: readonly { path: PropertyKey[]; message: string }[]): string {
  return issues.map((i) => `${i.path.map(String).join('.') || '(root)'}: ${i.message}`).join('; ');
}

/** Plain JSON: the SDK's lossless parsing may hand over class instances; variables go back as JSON. */
function plain(value: unknown): JsonObject {
  return JSON.parse(JSON.stringify(value ?? {})) as JsonObject;
}

function decide<V, H, O extends JsonObject>(
  handler: JobHandler<V, H, O>,
  job: ActivatedJob,
  services: Services,
  log: Logger,
): Promise<Acknowledgement> {
  // The acting person is the runtime's business, never a handler's input: taken out before the handler's check.
  const { [actingPersonVariable]: actingValue, ...raw } = plain(job.variables);
  const acting = actingFor(handler, job.type, actingValue);
  const variables = handler.variables.safeParse(raw);
  if (!variables.success) {
    return Promise.resolve(
      acknowledgement({
        kind: 'fail',
        retries: 0,
        message: `job variables do not match what ${handler.type} needs: ${describeIssues(variables.error.issues)}`,
      }),
    );
  }
  const headersSchema = handler.headers;
  const headers = headersSchema ? headersSchema.safeParse(plain(job.customHeaders)) : undefined;
  if (headers && !headers.success) {
    return Promise.resolve(
      acknowledgement({
        kind: 'fail',
        retries: 0,
        message: `task headers do not match what ${handler.type} needs: ${describeIssues(headers.error.issues)}`,
      }),
    );
  }
  const context: JobContext<V, H, O> = {
    key: job.key,
    type: job.type,
    processInstanceKey: job.processInstanceKey,
    bpmnProcessId: job.bpmnProcessId,
    processDefinitionVersion: job.processDefinitionVersion,
    elementId: job.elementId,
    elementInstanceKey: job.elementInstanceKey,
    retries: job.retries,
    deadline: new Date(Number(job.deadline)),
    tenantId: job.tenantId,
    variables: variables.data,
    headers: (headers ? headers.data : plain(job.customHeaders)) as H,
    actor: acting.actor,
    log,
    once: async (fn, options) => (await once(services.db, job, fn, options?.key)).result,
    // Used once: a later visit to this step (or a timer path) must not find the person still there.
    complete: (vars) =>
      acknowledgement({
        kind: 'complete',
        variables: acting.person ? { ...vars, [actingPersonVariable]: null } : (vars ?? {}),
      }),
    fail: (message, options) => acknowledgement({ kind: 'fail', message, ...options }),
    bpmnError: (code, message, vars) =>
      acknowledgement({ kind: 'bpmn-error', code, message, variables: vars ?? {} }),
  };
  return handler.handle(context, services);
}

function errorText(e: unknown): string {
  if (e instanceof Error) return `${e.name === 'Error' ? '' : e.name + ': '}${e.message}`;
  return String(e);
}

// While the database is away every job fails the same way through no fault of its own: it is handed back with
// its retries kept (an outage longer than the retry budget would otherwise turn every job into an incident),
// after a back-off that grows with the outage and is reset by the first job that gets through.
const outageBackoff = { initialMs: 2_000, maxMs: 30_000 };
let outageFailures = 0;

/** Runs one job to its acknowledgement; never throws. */
export async function runJob<V, H, O extends JsonObject>(
  handler: JobHandler<V, H, O>,
  job: ActivatedJob,
  api: JobApi,
  services: Services,
  baseLog: Logger,
): Promise<void> {
  const started = Date.now();
  const log = baseLog.child({
    jobType: job.type,
    jobKey: job.key,
    processInstanceKey: job.processInstanceKey,
    elementId: job.elementId,
  });
  let ack: Acknowledgement;
  try {
    ack = await decide(handler, job, services, log);
  } catch (e) {
    if (isDatabaseUnavailable(e)) {
      const backoffMs = backoffFor(outageBackoff, ++outageFailures);
      log.warn('database unavailable: job handed back with its retries kept', {
        backoffMs,
        error: errorText(e),
      });
      ack = acknowledgement({ kind: 'fail', message: errorText(e), retries: job.retries, backoffMs });
    } else
      ack =
        e instanceof BusinessError
          ? acknowledgement({ kind: 'bpmn-error', code: e.code, message: e.message, variables: e.variables })
          : acknowledgement({ kind: 'fail', message: errorText(e) });
    if (!(e instanceof BusinessError)) log.debug('handler threw', { error: e, stack: (e as Error)?.stack });
  }
  const ms = Date.now() - started;
  jobDuration.observe({ type: job.type }, ms / 1000);
  jobsHandled.inc({ type: job.type, outcome: ack.kind });
  try {
    switch (ack.kind) {
      case 'complete':
        // The SDK's JSON type leaves out null, which Zeebe variables allow.
        await api.completeJob({ jobKey: job.key, variables: ack.variables as IProcessVariables });
        outageFailures = 0;
        log.info('job completed', { ms });
        return;
      case 'bpmn-error':
        await api.throwError({
          jobKey: job.key,
          errorCode: ack.code,
          errorMessage: ack.message,
          variables: ack.variables as JSONDoc,
        });
        log.info('job raised BPMN error', { ms, errorCode: ack.code, reason: ack.message });
        return;
      case 'fail': {
        const retries = Math.max(0, ack.retries ?? job.retries - 1);
        const attempt = Math.max(1, (handler.retries ?? 3) - job.retries + 1);
        const backoffMs =
          retries === 0 ? 0 : (ack.backoffMs ?? backoffFor(handler.backoff ?? defaultBackoff, attempt));
        await api.failJob({
          jobKey: job.key,
          retries,
          errorMessage: ack.message.slice(0, 4000),
          retryBackOff: backoffMs,
        });
        const fields = { ms, retries, backoffMs, error: ack.message };
        if (retries === 0) log.error('job failed, no retries left: incident raised', fields);
        else log.warn('job failed, will be retried', fields);
        return;
      }
    }
  } catch (e) {
    // The job was completed elsewhere, timed out and re-activated, or its instance ended: nothing to undo.
    log.warn('acknowledgement not accepted by the gateway', { action: ack.kind, error: errorText(e) });
  }
}
