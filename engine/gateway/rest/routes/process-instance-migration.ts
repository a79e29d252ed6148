// POST /v2/process-instances/{key}/migration (8.8): the target definition and the mapping instructions as one
// PROCESS_INSTANCE_MIGRATION MIGRATE command; 204 once the engine migrated the instance, the engine's rejection
// as a problem otherwise.
import { z } from 'zod';
import type { RouteModule } from '../context';
import { run } from '../context';
import { DEFAULT_TENANT } from '../../../protocol/values';
import { bodyKey, key, operationReference, parse, pathKey } from '../validation';

const migration = z.strictObject({
  operationReference: operationReference.optional(),
  targetProcessDefinitionKey: key,
  mappingInstructions: z.array(
    z.strictObject({ sourceElementId: z.string().min(1), targetElementId: z.string().min(1) }),
  ),
});

export const processInstanceMigrationRoutes: RouteModule = (router, ctx) => {
  router.post('/process-instances/:key/migration', async (req, res) => {
    const processInstanceKey = pathKey(req.params.key, 'processInstanceKey');
    const body = parse(migration, req.body);
    await run(
      ctx.engine,
      'PROCESS_INSTANCE_MIGRATION',
      'MIGRATE',
      {
        processInstanceKey,
        targetProcessDefinitionKey: bodyKey(body.targetProcessDefinitionKey, 'targetProcessDefinitionKey'),
        mappingInstructions: body.mappingInstructions,
        tenantId: DEFAULT_TENANT,
      },
      processInstanceKey,
    );
    res.status(204).end();
  });
};
