// Jobs for REST workers (ZEEBE-SEMANTICS §4): activation with long polling (the shared gateway
// implementation), completion (with a task listener's result), failure, BPMN error, and PATCH
// (retries, timeout).
import { z } from 'zod';
import type { RouteModule } from '../context';
import { jobValue, run } from '../context';
import { invalidArgument } from '../problems';
import {
  dateFilter,
  enumFilter,
  int64,
  intFilter,
  jsonObject,
  keyFilter,
  operationReference,
  parse,
  pathKey,
  searchRequest,
  stringFilter,
  tenantId,
} from '../validation';
import { checkTenants } from '../../documents';
import type { ActivatedJob } from '../../../processors/job/streams';
import { jobResult, toJobResult, userTaskOf } from './job-result';

const activation = z.strictObject({
  type: z.string().trim().min(1, 'expected a non-empty job type'),
  worker: z.string().optional(),
  timeout: int64.refine((n) => n >= 1, 'expected at least 1 millisecond'),
  maxJobsToActivate: z.number().int().min(1),
  fetchVariable: z.array(z.string()).optional(),
  requestTimeout: int64.optional(),
  tenantIds: z.array(tenantId).optional(),
});

const completion = z.strictObject({
  variables: jsonObject.nullable().optional(),
  result: jobResult.nullable().optional(),
});

const failure = z.strictObject({
  retries: z.number().int().optional(),
  errorMessage: z.string().optional(),
  retryBackOff: int64.refine((n) => n >= 0, 'expected zero or more milliseconds').optional(),
  variables: jsonObject.optional(),
});

const error = z.strictObject({
  errorCode: z.string().min(1, 'expected a non-empty error code'),
  errorMessage: z.string().nullable().optional(),
  variables: jsonObject.nullable().optional(),
});

const update = z.strictObject({
  changeset: z.strictObject({
    retries: z.number().int().min(1).nullable().optional(),
    timeout: int64
      .refine((n) => n >= 1, 'expected at least 1 millisecond')
      .nullable()
      .optional(),
  }),
  operationReference: operationReference.optional(),
});

function toResult(job: ActivatedJob) {
  const v = job.value;
  return {
    type: v.type,
    processDefinitionId: v.bpmnProcessId,
    processDefinitionVersion: v.processDefinitionVersion,
    elementId: v.elementId,
    customHeaders: v.customHeaders,
    worker: v.worker,
    retries: v.retries,
    deadline: v.deadline,
    variables: JSON.parse(job.variables) as Record<string, unknown>,
    tenantId: v.tenantId,
    jobKey: String(job.key),
    processInstanceKey: String(v.processInstanceKey),
    processDefinitionKey: String(v.processDefinitionKey),
    elementInstanceKey: String(v.elementInstanceKey),
    kind: v.jobKind ?? 'BPMN_ELEMENT',
    listenerEventType: v.jobListenerEventType ?? 'UNSPECIFIED',
    ...(v.jobKind === 'TASK_LISTENER' ? { userTask: userTaskOf(v) } : {}),
  };
}

const JOB_STATES = [
  'CANCELED',
  'COMPLETED',
  'CREATED',
  'ERROR_THROWN',
  'FAILED',
  'MIGRATED',
  'RETRIES_UPDATED',
  'TIMED_OUT',
] as const;
const JOB_KINDS = ['BPMN_ELEMENT', 'EXECUTION_LISTENER', 'TASK_LISTENER', 'AD_HOC_SUB_PROCESS'] as const;
const LISTENER_EVENT_TYPES = [
  'ASSIGNING',
  'CANCELING',
  'COMPLETING',
  'CREATING',
  'END',
  'START',
  'UNSPECIFIED',
  'UPDATING',
] as const;

const searchBody = searchRequest(
  z.strictObject({
    deadline: dateFilter.nullable().optional(),
    deniedReason: stringFilter.optional(),
    elementId: stringFilter.optional(),
    elementInstanceKey: keyFilter.optional(),
    endTime: dateFilter.optional(),
    errorCode: stringFilter.optional(),
    errorMessage: stringFilter.optional(),
    hasFailedWithRetriesLeft: z.boolean().optional(),
    isDenied: z.boolean().nullable().optional(),
    jobKey: keyFilter.optional(),
    kind: enumFilter(JOB_KINDS).optional(),
    listenerEventType: enumFilter(LISTENER_EVENT_TYPES).optional(),
    processDefinitionId: stringFilter.optional(),
    processDefinitionKey: keyFilter.optional(),
    processInstanceKey: keyFilter.optional(),
    retries: intFilter.optional(),
    state: enumFilter(JOB_STATES).optional(),
    tenantId: stringFilter.optional(),
    type: stringFilter.optional(),
    worker: stringFilter.optional(),
  }),
  [
    'deadline',
    'deniedReason',
    'elementId',
    'elementInstanceKey',
    'endTime',
    'errorCode',
    'errorMessage',
    'isDenied',
    'jobKey',
    'kind',
    'listenerEventType',
    'processDefinitionId',
    'processDefinitionKey',
    'processInstanceKey',
    'retries',
    'state',
    'tenantId',
    'type',
    'worker',
  ],
);

export const jobRoutes: RouteModule = (router, ctx) => {
  router.post('/jobs/search', (req, res) => {
    const q = parse(searchBody, req.body);
    res.json(ctx.queries.jobs.search(q.filter, q.sort, q.page));
  });

  router.post('/jobs/activation', async (req, res) => {
    const b = parse(activation, req.body);
    checkTenants(b.tenantIds);
    const jobs = await ctx.polling.activate(
      {
        type: b.type,
        worker: b.worker || 'default',
        timeout: b.timeout,
        maxJobsToActivate: b.maxJobsToActivate,
        fetchVariables: (b.fetchVariable ?? []).filter((n) => n),
        requestTimeout: b.requestTimeout ?? 0,
      },
      (cancel) => res.on('close', () => !res.writableEnded && cancel()),
    );
    if (res.destroyed || res.writableEnded) {
      ctx.polling.yieldBack(jobs);
      return;
    }
    res.json({ jobs: jobs.map(toResult) });
  });

  router.post('/jobs/:key/completion', async (req, res) => {
    const k = pathKey(req.params.key, 'jobKey');
    const b = parse(completion, req.body);
    const result = b.result ? toJobResult(b.result) : undefined;
    await run(ctx.engine, 'JOB', 'COMPLETE', jobValue({ variables: b.variables ?? {}, result }), k);
    res.status(204).end();
  });

  router.post('/jobs/:key/failure', async (req, res) => {
    const k = pathKey(req.params.key, 'jobKey');
    const b = parse(failure, req.body);
    await run(
      ctx.engine,
      'JOB',
      'FAIL',
      jobValue({
        retries: b.retries ?? 0,
        errorMessage: b.errorMessage ?? '',
        retryBackoff: b.retryBackOff ?? 0,
        variables: b.variables ?? {},
      }),
      k,
    );
    res.status(204).end();
  });

  router.post('/jobs/:key/error', async (req, res) => {
    const k = pathKey(req.params.key, 'jobKey');
    const b = parse(error, req.body);
    await run(
      ctx.engine,
      'JOB',
      'THROW_ERROR',
      jobValue({ errorCode: b.errorCode, errorMessage: b.errorMessage ?? '', variables: b.variables ?? {} }),
      k,
    );
    res.status(204).end();
  });

  router.patch('/jobs/:key', async (req, res) => {
    const k = pathKey(req.params.key, 'jobKey');
    const { changeset } = parse(update, req.body);
    if (changeset.retries == null && changeset.timeout == null)
      throw invalidArgument("No update data provided: give 'changeset.retries' or 'changeset.timeout'");
    // The timeout first: it is the one refused for a job that is not activated, before anything changed.
    if (changeset.timeout != null)
      await run(ctx.engine, 'JOB', 'UPDATE_TIMEOUT', jobValue({ timeout: changeset.timeout }), k);
    if (changeset.retries != null)
      await run(ctx.engine, 'JOB', 'UPDATE_RETRIES', jobValue({ retries: changeset.retries }), k);
    res.status(204).end();
  });
};
