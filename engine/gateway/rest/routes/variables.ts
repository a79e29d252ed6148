// Variables: search (values may be truncated) and get by key (the full value, as JSON text).
import { z } from 'zod';
import type { RouteModule } from '../context';
import { notFound } from '../problems';
import {
  keyFilter,
  parse,
  pathKey,
  searchRequest,
  stringFilter,
  tenantId,
  truncateValues,
} from '../validation';

export const VARIABLE_SORT = [
  'value',
  'name',
  'tenantId',
  'variableKey',
  'scopeKey',
  'processInstanceKey',
] as const;

const filter = z.strictObject({
  name: stringFilter.optional(),
  value: stringFilter.optional(),
  tenantId: tenantId.optional(),
  isTruncated: z.boolean().optional(),
  variableKey: keyFilter.optional(),
  scopeKey: keyFilter.optional(),
  processInstanceKey: keyFilter.optional(),
});

const searchBody = searchRequest(filter, VARIABLE_SORT);

export const variableRoutes: RouteModule = (router, ctx) => {
  router.post('/variables/search', (req, res) => {
    const q = parse(searchBody, req.body);
    res.json(
      ctx.queries.variables.search(q.filter, q.sort, q.page, truncateValues(req.query.truncateValues)),
    );
  });

  router.get('/variables/:key', (req, res) => {
    const k = pathKey(req.params.key, 'variableKey');
    const item = ctx.queries.variables.get(k);
    if (!item) throw notFound(`Variable with key '${k}' not found`);
    res.json(item);
  });
};
