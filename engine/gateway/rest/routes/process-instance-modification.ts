// POST /v2/process-instances/{key}/modification (8.8): activate and terminate instructions as one
// PROCESS_INSTANCE_MODIFICATION MODIFY command; 204 once the engine applied it, the engine's rejection as a
// problem otherwise. An ancestorElementInstanceKey of "-1" (or none) lets the engine find the flow scope.
import { z } from 'zod';
import type { RouteModule } from '../context';
import { run } from '../context';
import { DEFAULT_TENANT } from '../../../protocol/values';
import { checkDepth } from '../../documents';
import { bodyKey, jsonObject, key, operationReference, parse, pathKey } from '../validation';

const modification = z.strictObject({
  operationReference: operationReference.optional(),
  activateInstructions: z
    .array(
      z.strictObject({
        elementId: z.string().min(1),
        variableInstructions: z
          .array(z.strictObject({ variables: jsonObject, scopeId: z.string().optional() }))
          .optional(),
        ancestorElementInstanceKey: key.optional(),
      }),
    )
    .optional(),
  terminateInstructions: z.array(z.strictObject({ elementInstanceKey: key })).optional(),
});

export const processInstanceModificationRoutes: RouteModule = (router, ctx) => {
  router.post('/process-instances/:key/modification', async (req, res) => {
    const processInstanceKey = pathKey(req.params.key, 'processInstanceKey');
    const body = parse(modification, req.body);
    const activateInstructions = (body.activateInstructions ?? []).map((a, n) => ({
      elementId: a.elementId,
      ancestorScopeKey:
        a.ancestorElementInstanceKey === undefined || a.ancestorElementInstanceKey === '-1'
          ? -1
          : bodyKey(a.ancestorElementInstanceKey, `activateInstructions[${n}].ancestorElementInstanceKey`),
      variableInstructions: (a.variableInstructions ?? []).map((i, m) => {
        checkDepth(i.variables, `activateInstructions[${n}].variableInstructions[${m}].variables`);
        return { variables: i.variables, elementId: i.scopeId ?? '' };
      }),
      ancestorScopeKeys: [],
    }));
    const terminateInstructions = (body.terminateInstructions ?? []).map((t, n) => ({
      elementInstanceKey: bodyKey(t.elementInstanceKey, `terminateInstructions[${n}].elementInstanceKey`),
    }));
    await run(
      ctx.engine,
      'PROCESS_INSTANCE_MODIFICATION',
      'MODIFY',
      {
        processInstanceKey,
        activateInstructions,
        terminateInstructions,
        ancestorScopeKeys: [],
        createdScopeKeys: [],
        tenantId: DEFAULT_TENANT,
      },
      processInstanceKey,
    );
    res.status(204).end();
  });
};
