// Process instances: create (optionally awaiting completion), search, get, cancel, the taken
// sequence flows and the per-element statistics of one instance.
import { z } from 'zod';
import type { Engine } from '../../../engine';
import type { ProcessInstanceResultValue } from '../../../protocol/values';
import type { RouteModule } from '../context';
import { instanceValue, run } from '../context';
import { Problem, notFound, rejection } from '../problems';
import {
  bodyKey,
  int64,
  jsonObject,
  key,
  operationReference,
  parse,
  pathKey,
  searchRequest,
  tenantId,
  unsupported,
} from '../validation';
import { checkTenant } from '../../documents';
import { instanceFilter } from './instance-filter';

/** How long `awaitCompletion` waits when the request names no `requestTimeout`. */
export const DEFAULT_AWAIT_MILLIS = 15_000;

const creation = z
  .strictObject({
    processDefinitionId: z.string().min(1).optional(),
    processDefinitionVersion: z.number().int().optional(),
    processDefinitionKey: key.optional(),
    variables: jsonObject.nullable().optional(),
    tenantId: tenantId.optional(),
    operationReference: operationReference.optional(),
    startInstructions: z.array(z.strictObject({ elementId: z.string() })).optional(),
    runtimeInstructions: z.array(z.unknown()).optional(),
    awaitCompletion: z.boolean().optional(),
    fetchVariables: z.array(z.string()).optional(),
    requestTimeout: int64.refine((n) => n >= 0, 'expected zero or more milliseconds').optional(),
    tags: z.array(z.string()).optional(),
  })
  .refine((b) => (b.processDefinitionId === undefined) !== (b.processDefinitionKey === undefined), {
    message: "give exactly one of 'processDefinitionId' and 'processDefinitionKey'",
  });

const searchBody = searchRequest(instanceFilter, [
  'processInstanceKey',
  'processDefinitionId',
  'processDefinitionName',
  'processDefinitionVersion',
  'processDefinitionVersionTag',
  'processDefinitionKey',
  'parentProcessInstanceKey',
  'parentElementInstanceKey',
  'startDate',
  'endDate',
  'state',
  'hasIncident',
  'tenantId',
]);

const cancellation = z.strictObject({ operationReference: operationReference.optional() });

async function create(engine: Engine, body: z.infer<typeof creation>) {
  if (body.runtimeInstructions?.length)
    unsupported('runtimeInstructions', 'is not supported by this engine yet');
  if (body.tags?.length) unsupported('tags', 'is not supported by this engine yet');
  const value = {
    bpmnProcessId: body.processDefinitionId ?? '',
    version:
      body.processDefinitionVersion && body.processDefinitionVersion > 0 ? body.processDefinitionVersion : -1,
    processDefinitionKey: body.processDefinitionKey
      ? bodyKey(body.processDefinitionKey, 'processDefinitionKey')
      : -1,
    processInstanceKey: -1,
    variables: body.variables ?? {},
    startInstructions: body.startInstructions ?? [],
    fetchVariables: body.fetchVariables ?? [],
    tenantId: checkTenant(body.tenantId),
  };
  if (!body.awaitCompletion) {
    const v = (await run(engine, 'PROCESS_INSTANCE_CREATION', 'CREATE', value)) as {
      processDefinitionKey: number;
      bpmnProcessId: string;
      version: number;
      processInstanceKey: number;
      tenantId: string;
    };
    return {
      processDefinitionId: v.bpmnProcessId,
      processDefinitionVersion: v.version,
      tenantId: v.tenantId,
      variables: {},
      processDefinitionKey: String(v.processDefinitionKey),
      processInstanceKey: String(v.processInstanceKey),
    };
  }
  const timeout = body.requestTimeout || DEFAULT_AWAIT_MILLIS;
  let timer: NodeJS.Timeout | undefined;
  const expired = new Promise<never>((_, reject) => {
    timer = setTimeout(
      () =>
        reject(
          new Problem(
            504,
            'DEADLINE_EXCEEDED',
            `Expected the process instance to complete within ${timeout} ms, but it did not; it goes on running`,
          ),
        ),
      timeout,
    );
  });
  try {
    const result = await Promise.race([
      engine.execute('PROCESS_INSTANCE_CREATION', 'CREATE_WITH_AWAITING_RESULT', value),
      expired,
    ]);
    if (!result.ok) throw rejection('CREATE_WITH_AWAITING_RESULT', result.rejectionType, result.reason);
    const v = result.value as ProcessInstanceResultValue;
    return {
      processDefinitionId: v.bpmnProcessId,
      processDefinitionVersion: v.version,
      tenantId: v.tenantId,
      variables: v.variables,
      processDefinitionKey: String(v.processDefinitionKey),
      processInstanceKey: String(v.processInstanceKey),
    };
  } finally {
    clearTimeout(timer);
  }
}

export const processInstanceRoutes: RouteModule = (router, ctx) => {
  const instances = ctx.queries.processInstances;
  const existing = (raw: unknown) => {
    const k = pathKey(raw, 'processInstanceKey');
    if (!instances.get(k)) throw notFound(`Process instance with key '${k}' not found`);
    return k;
  };

  router.post('/process-instances', async (req, res) => {
    res.json(await create(ctx.engine, parse(creation, req.body)));
  });

  router.post('/process-instances/search', (req, res) => {
    const q = parse(searchBody, req.body);
    res.json(instances.search(q.filter, q.sort, q.page));
  });

  router.get('/process-instances/:key', (req, res) => {
    res.json(instances.get(existing(req.params.key)));
  });

  router.post('/process-instances/:key/cancellation', async (req, res) => {
    const k = pathKey(req.params.key, 'processInstanceKey');
    parse(cancellation, req.body ?? undefined);
    await run(ctx.engine, 'PROCESS_INSTANCE', 'CANCEL', instanceValue(k), k);
    res.status(204).end();
  });

  router.get('/process-instances/:key/sequence-flows', (req, res) => {
    res.json({ items: instances.sequenceFlows(existing(req.params.key)) });
  });

  router.get('/process-instances/:key/statistics/element-instances', (req, res) => {
    res.json({ items: ctx.queries.elementInstances.instanceStatistics(existing(req.params.key)) });
  });
};
