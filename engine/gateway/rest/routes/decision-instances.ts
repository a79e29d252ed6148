// Decision instances — one per decision evaluated, required decisions included — searched, and
// one read with its evaluated inputs and matched rules. Their keys are '<evaluation key>-<n>'.
import { z } from 'zod';
import type { RouteModule } from '../context';
import { invalidArgument, notFound } from '../problems';
import { dateFilter, key, keyFilter, parse, searchRequest, tenantId } from '../validation';

const instanceKey = z
  .string()
  .regex(/^[0-9]{1,25}-[0-9]{1,6}$/, 'expected a decision instance key such as 2251799813685251-1');

const searchBody = searchRequest(
  z.strictObject({
    decisionEvaluationInstanceKey: instanceKey.optional(),
    state: z.enum(['EVALUATED', 'FAILED', 'UNSPECIFIED', 'UNKNOWN']).optional(),
    evaluationFailure: z.string().optional(),
    evaluationDate: dateFilter.optional(),
    decisionDefinitionId: z.string().optional(),
    decisionDefinitionName: z.string().optional(),
    decisionDefinitionVersion: z.number().int().optional(),
    decisionDefinitionType: z
      .enum(['DECISION_TABLE', 'LITERAL_EXPRESSION', 'UNSPECIFIED', 'UNKNOWN'])
      .optional(),
    tenantId: tenantId.optional(),
    decisionEvaluationKey: key.optional(),
    processDefinitionKey: key.optional(),
    processInstanceKey: key.optional(),
    decisionDefinitionKey: keyFilter.optional(),
    elementInstanceKey: keyFilter.optional(),
  }),
  [
    'decisionDefinitionId',
    'decisionDefinitionKey',
    'decisionDefinitionName',
    'decisionDefinitionType',
    'decisionDefinitionVersion',
    'decisionEvaluationInstanceKey',
    'decisionEvaluationKey',
    'elementInstanceKey',
    'evaluationDate',
    'evaluationFailure',
    'processDefinitionKey',
    'processInstanceKey',
    'state',
    'tenantId',
  ],
);

export const decisionInstanceRoutes: RouteModule = (router, ctx) => {
  const decisions = ctx.queries.decisions;

  router.post('/decision-instances/search', (req, res) => {
    const q = parse(searchBody, req.body);
    res.json(decisions.searchInstances(q.filter, q.sort, q.page));
  });

  router.get('/decision-instances/:key', (req, res) => {
    const k = String(req.params.key);
    if (!instanceKey.safeParse(k).success)
      throw invalidArgument(
        `Path parameter 'decisionEvaluationInstanceKey' must be a decision instance key such as 2251799813685251-1, but was '${k}'`,
      );
    const instance = decisions.instance(k);
    if (!instance) throw notFound(`Decision instance with key '${k}' not found`);
    res.json(instance);
  });
};
