// Decision requirements graphs: search, get, and the DMN XML they were deployed from.
import { z } from 'zod';
import type { RouteModule } from '../context';
import { notFound } from '../problems';
import { key, parse, pathKey, searchRequest, tenantId } from '../validation';

const searchBody = searchRequest(
  z.strictObject({
    decisionRequirementsName: z.string().optional(),
    version: z.number().int().optional(),
    decisionRequirementsId: z.string().optional(),
    tenantId: tenantId.optional(),
    decisionRequirementsKey: key.optional(),
    resourceName: z.string().optional(),
  }),
  ['decisionRequirementsKey', 'decisionRequirementsName', 'version', 'decisionRequirementsId', 'tenantId'],
);

export const decisionRequirementsRoutes: RouteModule = (router, ctx) => {
  const decisions = ctx.queries.decisions;
  const existing = (raw: unknown) => {
    const k = pathKey(raw, 'decisionRequirementsKey');
    if (!decisions.requirements(k)) throw notFound(`Decision requirements with key '${k}' not found`);
    return k;
  };

  router.post('/decision-requirements/search', (req, res) => {
    const q = parse(searchBody, req.body);
    res.json(decisions.searchRequirements(q.filter, q.sort, q.page));
  });

  router.get('/decision-requirements/:key', (req, res) => {
    res.json(decisions.requirements(existing(req.params.key)));
  });

  router.get('/decision-requirements/:key/xml', (req, res) => {
    res.type('text/xml').send(decisions.requirementsXml(existing(req.params.key)));
  });
};
