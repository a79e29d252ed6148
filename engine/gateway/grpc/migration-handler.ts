// gRPC MigrateProcessInstance: the migration plan as a PROCESS_INSTANCE_MIGRATION MIGRATE command. The response
// is empty, as in Zeebe.
import type { GatewayEngine } from './gateway-engine';
import { DEFAULT_TENANT } from '../../protocol/values';
import { int64 } from './convert';
import { runCommand, str, type Req } from './command';

export async function migrateProcessInstance(engine: GatewayEngine, req: Req) {
  const processInstanceKey = int64(req.processInstanceKey);
  const plan = (req.migrationPlan ?? {}) as Req;
  const instructions = Array.isArray(plan.mappingInstructions) ? (plan.mappingInstructions as Req[]) : [];
  await runCommand(
    engine,
    'PROCESS_INSTANCE_MIGRATION',
    'MIGRATE',
    {
      processInstanceKey,
      targetProcessDefinitionKey: int64(plan.targetProcessDefinitionKey),
      mappingInstructions: instructions.map((m) => ({
        sourceElementId: str(m.sourceElementId),
        targetElementId: str(m.targetElementId),
      })),
      tenantId: DEFAULT_TENANT,
    },
    processInstanceKey,
  );
  return {};
}
