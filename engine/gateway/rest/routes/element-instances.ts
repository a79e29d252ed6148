// Element instances: search, get, and PUT …/variables (SetVariables on an element instance scope).
import { z } from 'zod';
import type { RouteModule } from '../context';
import { runHeld } from '../context';
import { notFound } from '../problems';
import {
  dateFilter,
  enumFilter,
  jsonObject,
  key,
  operationReference,
  parse,
  pathKey,
  searchRequest,
  tenantId,
} from '../validation';
import { elementStates } from './instance-filter';
import { DEFAULT_TENANT } from '../../../protocol/values';
import { BPMN_ELEMENT_TYPES } from '../../../protocol/element-types';

// The REST API's element types: Zeebe's, and UNKNOWN.
const ELEMENT_TYPES = [...BPMN_ELEMENT_TYPES, 'UNKNOWN'] as const;

const filter = z.strictObject({
  processDefinitionId: z.string().optional(),
  state: enumFilter(elementStates).optional(),
  type: z.enum(ELEMENT_TYPES).optional(),
  elementId: z.string().optional(),
  elementName: z.string().optional(),
  hasIncident: z.boolean().optional(),
  tenantId: tenantId.optional(),
  elementInstanceKey: key.optional(),
  processInstanceKey: key.optional(),
  processDefinitionKey: key.optional(),
  incidentKey: key.optional(),
  startDate: dateFilter.optional(),
  endDate: dateFilter.optional(),
  elementInstanceScopeKey: key.optional(),
});

const searchBody = searchRequest(filter, [
  'elementInstanceKey',
  'processInstanceKey',
  'processDefinitionKey',
  'processDefinitionId',
  'startDate',
  'endDate',
  'elementId',
  'elementName',
  'type',
  'state',
  'incidentKey',
  'tenantId',
]);

const setVariables = z.strictObject({
  variables: jsonObject,
  local: z.boolean().optional(),
  operationReference: operationReference.optional(),
});

export const elementInstanceRoutes: RouteModule = (router, ctx) => {
  const elements = ctx.queries.elementInstances;

  router.post('/element-instances/search', (req, res) => {
    const q = parse(searchBody, req.body);
    res.json(elements.search(q.filter, q.sort, q.page));
  });

  router.get('/element-instances/:key', (req, res) => {
    const k = pathKey(req.params.key, 'elementInstanceKey');
    const item = elements.get(k);
    if (!item) throw notFound(`Element instance with key '${k}' not found`);
    res.json(item);
  });

  router.put('/element-instances/:key/variables', async (req, res) => {
    const scopeKey = pathKey(req.params.key, 'elementInstanceKey');
    const body = parse(setVariables, req.body);
    await runHeld(ctx, 'VARIABLE_DOCUMENT', 'UPDATE', {
      scopeKey,
      updateSemantics: body.local ? 'LOCAL' : 'PROPAGATE',
      variables: body.variables,
      tenantId: DEFAULT_TENANT,
    });
    res.status(204).end();
  });
};
