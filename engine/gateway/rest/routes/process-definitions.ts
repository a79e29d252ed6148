// Process definitions: search, get, the BPMN XML, the start form, and the per-element
// statistics of the definition (the numbers on a live diagram), optionally narrowed by a
// process-instance filter.
import { z } from 'zod';
import type { RouteModule } from '../context';
import { notFound } from '../problems';
import { key, parse, pathKey, searchRequest, stringFilter, tenantId } from '../validation';
import { baseInstanceFilter } from './instance-filter';

const filter = z.strictObject({
  name: stringFilter.optional(),
  isLatestVersion: z.boolean().optional(),
  resourceName: z.string().optional(),
  version: z.number().int().optional(),
  versionTag: z.string().optional(),
  processDefinitionId: stringFilter.optional(),
  tenantId: tenantId.optional(),
  processDefinitionKey: key.optional(),
  hasStartForm: z.boolean().optional(),
});

const searchBody = searchRequest(filter, [
  'processDefinitionKey',
  'name',
  'resourceName',
  'version',
  'versionTag',
  'processDefinitionId',
  'tenantId',
]);

const statisticsBody = z.strictObject({
  filter: baseInstanceFilter.extend({ $or: z.array(baseInstanceFilter).optional() }).optional(),
});

export const processDefinitionRoutes: RouteModule = (router, ctx) => {
  const definitions = ctx.queries.definitions;
  const existing = (raw: unknown) => {
    const k = pathKey(raw, 'processDefinitionKey');
    const definition = definitions.get(k);
    if (!definition) throw notFound(`Process definition with key '${k}' not found`);
    return k;
  };

  router.post('/process-definitions/search', (req, res) => {
    const q = parse(searchBody, req.body);
    res.json(definitions.search(q.filter, q.sort, q.page));
  });

  router.get('/process-definitions/:key', (req, res) => {
    res.json(definitions.get(existing(req.params.key)));
  });

  router.get('/process-definitions/:key/xml', (req, res) => {
    res.type('text/xml').send(definitions.xml(existing(req.params.key)));
  });

  router.get('/process-definitions/:key/form', (req, res) => {
    const form = definitions.startForm(existing(req.params.key));
    if (form) res.json(form);
    else res.status(204).end();
  });

  router.post('/process-definitions/:key/statistics/element-instances', (req, res) => {
    const k = existing(req.params.key);
    const q = parse(statisticsBody, req.body);
    res.json({ items: ctx.queries.elementInstances.definitionStatistics(k, q.filter) });
  });
};
