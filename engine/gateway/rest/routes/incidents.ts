// Incidents: search, get, and POST …/resolution (the job's retries must be raised first for
// job incidents, as in Zeebe).
import { z } from 'zod';
import type { RouteModule } from '../context';
import { incidentValue, run } from '../context';
import { notFound } from '../problems';
import { dateFilter, key, operationReference, parse, pathKey, searchRequest, tenantId } from '../validation';

const ERROR_TYPES = [
  'UNSPECIFIED',
  'UNKNOWN',
  'IO_MAPPING_ERROR',
  'JOB_NO_RETRIES',
  'EXECUTION_LISTENER_NO_RETRIES',
  'TASK_LISTENER_NO_RETRIES',
  'AD_HOC_SUB_PROCESS_NO_RETRIES',
  'CONDITION_ERROR',
  'EXTRACT_VALUE_ERROR',
  'CALLED_ELEMENT_ERROR',
  'UNHANDLED_ERROR_EVENT',
  'MESSAGE_SIZE_EXCEEDED',
  'CALLED_DECISION_ERROR',
  'DECISION_EVALUATION_ERROR',
  'FORM_NOT_FOUND',
  'RESOURCE_NOT_FOUND',
] as const;

const filter = z.strictObject({
  processDefinitionId: z.string().optional(),
  errorType: z.enum(ERROR_TYPES).optional(),
  errorMessage: z.string().optional(),
  elementId: z.string().optional(),
  creationTime: dateFilter.optional(),
  state: z.enum(['ACTIVE', 'MIGRATED', 'RESOLVED', 'PENDING']).optional(),
  tenantId: tenantId.optional(),
  incidentKey: key.optional(),
  processDefinitionKey: key.optional(),
  processInstanceKey: key.optional(),
  elementInstanceKey: key.optional(),
  jobKey: key.optional(),
});

const searchBody = searchRequest(filter, [
  'incidentKey',
  'processDefinitionKey',
  'processDefinitionId',
  'processInstanceKey',
  'errorType',
  'errorMessage',
  'elementId',
  'elementInstanceKey',
  'creationTime',
  'state',
  'jobKey',
  'tenantId',
]);

const resolution = z.strictObject({ operationReference: operationReference.optional() });

export const incidentRoutes: RouteModule = (router, ctx) => {
  router.post('/incidents/search', (req, res) => {
    const q = parse(searchBody, req.body);
    res.json(ctx.queries.incidents.search(q.filter, q.sort, q.page));
  });

  router.get('/incidents/:key', (req, res) => {
    const k = pathKey(req.params.key, 'incidentKey');
    const item = ctx.queries.incidents.get(k);
    if (!item) throw notFound(`Incident with key '${k}' not found`);
    res.json(item);
  });

  router.post('/incidents/:key/resolution', async (req, res) => {
    const k = pathKey(req.params.key, 'incidentKey');
    parse(resolution, req.body ?? undefined);
    await run(ctx.engine, 'INCIDENT', 'RESOLVE', incidentValue(), k);
    res.status(204).end();
  });
};
