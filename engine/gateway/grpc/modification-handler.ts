// gRPC ModifyProcessInstance: the request's activate and terminate instructions as a
// PROCESS_INSTANCE_MODIFICATION MODIFY command (variables arrive as JSON text; an ancestor key of 0 or -1
// means none was chosen). The response is empty, as in Zeebe.
import type { GatewayEngine } from './gateway-engine';
import { DEFAULT_TENANT } from '../../protocol/values';
import { parseDocument } from '../documents';
import { int64 } from './convert';
import { runCommand, str, type Req } from './command';

const list = (v: unknown) => (Array.isArray(v) ? (v as Req[]) : []);

export async function modifyProcessInstance(engine: GatewayEngine, req: Req) {
  const processInstanceKey = int64(req.processInstanceKey);
  await runCommand(
    engine,
    'PROCESS_INSTANCE_MODIFICATION',
    'MODIFY',
    {
      processInstanceKey,
      activateInstructions: list(req.activateInstructions).map((a) => ({
        elementId: str(a.elementId),
        ancestorScopeKey: int64(a.ancestorElementInstanceKey) > 0 ? int64(a.ancestorElementInstanceKey) : -1,
        variableInstructions: list(a.variableInstructions).map((i) => ({
          variables: parseDocument(str(i.variables), 'variableInstructions.variables'),
          elementId: str(i.scopeId),
        })),
        ancestorScopeKeys: [],
      })),
      terminateInstructions: list(req.terminateInstructions).map((t) => ({
        elementInstanceKey: int64(t.elementInstanceKey),
      })),
      ancestorScopeKeys: [],
      createdScopeKeys: [],
      tenantId: DEFAULT_TENANT,
    },
    processInstanceKey,
  );
  return {};
}
