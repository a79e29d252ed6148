// Decision definitions: search, get, the DMN XML they were deployed in, and POST …/evaluation: a
// decision by decisionDefinitionKey or by decisionDefinitionId (its latest version), evaluated with
// the given variables. A failed evaluation answers 200 with failedDecisionDefinitionId and
// failureMessage, as in Camunda.
import { z } from 'zod';
import type { RouteModule } from '../context';
import { run } from '../context';
import { bodyKey, jsonObject, key, parse, pathKey, searchRequest, tenantId } from '../validation';
import { invalidArgument, notFound } from '../problems';
import { checkTenant } from '../../documents';
import { emptyEvaluation } from '../../../protocol/defaults';
import type { DecisionEvaluationValue } from '../../../protocol/values';

const evaluation = z.strictObject({
  decisionDefinitionId: z.string().min(1, 'expected a non-empty decision id').optional(),
  decisionDefinitionKey: key.optional(),
  variables: jsonObject.optional(),
  tenantId: tenantId.optional(),
});

const searchBody = searchRequest(
  z.strictObject({
    decisionDefinitionId: z.string().optional(),
    name: z.string().optional(),
    version: z.number().int().optional(),
    decisionRequirementsId: z.string().optional(),
    tenantId: tenantId.optional(),
    decisionDefinitionKey: key.optional(),
    decisionRequirementsKey: key.optional(),
  }),
  [
    'decisionDefinitionKey',
    'decisionDefinitionId',
    'name',
    'version',
    'decisionRequirementsId',
    'decisionRequirementsKey',
    'tenantId',
  ],
);

export const decisionDefinitionRoutes: RouteModule = (router, ctx) => {
  const decisions = ctx.queries.decisions;
  const existing = (raw: unknown) => {
    const k = pathKey(raw, 'decisionDefinitionKey');
    if (!decisions.definition(k)) throw notFound(`Decision definition with key '${k}' not found`);
    return k;
  };

  router.post('/decision-definitions/search', (req, res) => {
    const q = parse(searchBody, req.body);
    res.json(decisions.searchDefinitions(q.filter, q.sort, q.page));
  });

  router.get('/decision-definitions/:key', (req, res) => {
    res.json(decisions.definition(existing(req.params.key)));
  });

  router.get('/decision-definitions/:key/xml', (req, res) => {
    res.type('text/xml').send(decisions.definitionXml(existing(req.params.key)));
  });

  router.post('/decision-definitions/evaluation', async (req, res) => {
    const body = parse(evaluation, req.body);
    if ((body.decisionDefinitionId === undefined) === (body.decisionDefinitionKey === undefined))
      throw invalidArgument('Expected exactly one of decisionDefinitionId and decisionDefinitionKey');
    const tenant = checkTenant(body.tenantId);
    const v = (await run(ctx.engine, 'DECISION_EVALUATION', 'EVALUATE', {
      ...emptyEvaluation,
      decisionKey: body.decisionDefinitionKey
        ? bodyKey(body.decisionDefinitionKey, 'decisionDefinitionKey')
        : -1,
      decisionId: body.decisionDefinitionId ?? '',
      variables: body.variables ?? {},
      tenantId: tenant,
    })) as DecisionEvaluationValue & { decisionInstanceKey: number };
    res.json({
      decisionDefinitionId: v.decisionId,
      decisionDefinitionName: v.decisionName,
      decisionDefinitionVersion: v.decisionVersion,
      decisionRequirementsId: v.decisionRequirementsId,
      output: v.decisionOutput,
      failedDecisionDefinitionId: v.failedDecisionId,
      failureMessage: v.evaluationFailureMessage,
      tenantId: v.tenantId,
      decisionDefinitionKey: String(v.decisionKey),
      decisionRequirementsKey: String(v.decisionRequirementsKey),
      decisionInstanceKey: String(v.decisionInstanceKey),
      decisionEvaluationKey: String(v.decisionInstanceKey),
      evaluatedDecisions: v.evaluatedDecisions.map((d) => ({
        decisionDefinitionId: d.decisionId,
        decisionDefinitionName: d.decisionName,
        decisionDefinitionVersion: d.decisionVersion,
        decisionDefinitionType: d.decisionType,
        output: d.decisionOutput,
        tenantId: d.tenantId,
        matchedRules: d.matchedRules,
        evaluatedInputs: d.evaluatedInputs,
        decisionDefinitionKey: String(d.decisionKey),
      })),
    });
  });
};
