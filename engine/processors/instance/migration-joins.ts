// Tokens waiting at a joining parallel or inclusive gateway, moved by a migration as Zeebe 8.8 moves them: the
// gateway must be mapped to a gateway of the same type in the same flow scope with at least as many incoming
// flows, and each waiting token's flow goes to its mapped flow (or the flow of the same id) into that gateway.
// The scope then holds the same tokens on the target's flows, so the join fires as it would have.
import type { ElementInstance } from '../../state/element-instances';
import type { ExecutableElement, ExecutableProcess } from '../../model/types';
import type { MigrationRejection } from './migration-rules';

/** One token waiting at a join: taken on `from` (source flow id), to be taken again on `to` (target flow id). */
export interface MovedToken {
  from: string;
  to: string;
}

interface JoinCheck {
  scope: ElementInstance;
  /** The scope's element in the target process. */
  targetScope: ExecutableElement;
  source: ExecutableProcess;
  target: ExecutableProcess;
  mapping: Map<string, string>;
  /** Whether the gateway's activation is written but not yet processed in the scope. */
  activationPending: (scopeKey: number, gatewayId: string) => boolean;
}

const refuse = (pi: number, reason: string): MigrationRejection => ({
  type: 'INVALID_STATE',
  reason: `Expected to migrate process instance '${pi}' but ${reason}`,
});

/** The tokens of the scope's joins with their target flows, or the first rule they break. */
export function planJoins(c: JoinCheck): MovedToken[] | MigrationRejection {
  const pi = c.scope.value.processInstanceKey;
  const moved: MovedToken[] = [];
  for (const [gatewayId, waiting] of Object.entries(c.scope.joins ?? {})) {
    const gateway = c.source.elements.get(gatewayId)!;
    if (c.activationPending(c.scope.key, gatewayId))
      return refuse(
        pi,
        'a concurrent command was executed on the process instance. Please retry the migration.',
      );
    const targetId = c.mapping.get(gatewayId);
    if (targetId === undefined)
      return refuse(
        pi,
        `the joining gateway with id '${gatewayId}' has taken incoming sequence flows and no mapping instruction. A joining gateway with taken sequence flows must be mapped to a gateway in the target process definition.`,
      );
    const targetGateway = c.target.elements.get(targetId);
    if (!targetGateway || targetGateway.type !== gateway.type)
      return refuse(
        pi,
        `the joining gateway with id '${gatewayId}' and type '${gateway.type}' is mapped to an element with id '${targetId}' and different type '${targetGateway?.type ?? 'SEQUENCE_FLOW'}'. Joining gateways must be mapped to gateways of the same type.`,
      );
    if ((targetGateway.flowScope?.id ?? '') !== c.targetScope.id)
      return refuse(
        pi,
        `the flow scope of the joining gateway with id '${gatewayId}' is changed. The flow scope of the gateway is expected to be '${c.targetScope.id}' but was '${targetGateway.flowScope?.id ?? ''}'. The flow scope of a gateway cannot be changed during migration.`,
      );
    if (targetGateway.incoming.length < gateway.incoming.length)
      return refuse(
        pi,
        `the joining gateway with id '${gatewayId}' has ${gateway.incoming.length} incoming sequence flows and is mapped to the gateway with id '${targetId}' that has ${targetGateway.incoming.length}. The target gateway must have at least as many incoming sequence flows as the source gateway.`,
      );
    const incoming = new Set(targetGateway.incoming.map((f) => f.id));
    const taken = new Map<string, string>();
    for (const [flowId, tokens] of Object.entries(waiting)) {
      const to = c.mapping.get(flowId) ?? flowId;
      if (!incoming.has(to))
        return refuse(
          pi,
          `the taken sequence flow with id '${flowId}' of the joining gateway with id '${gatewayId}' is mapped to '${to}', which is not an incoming sequence flow of the target gateway with id '${targetId}'. Please map the taken sequence flow to an incoming sequence flow of the target gateway.`,
        );
      if (taken.has(to))
        return refuse(
          pi,
          `the taken sequence flows with ids '${taken.get(to)}' and '${flowId}' of the joining gateway with id '${gatewayId}' are mapped to the same sequence flow with id '${to}'. Taken sequence flows cannot be merged by migration.`,
        );
      taken.set(to, flowId);
      for (let i = 0; i < tokens; i++) moved.push({ from: flowId, to });
    }
  }
  return moved;
}

/** Tokens taken in the scope whose target was not activated yet, other than those waiting at a join. */
export function tokensInFlight(scope: ElementInstance): number {
  let waiting = 0;
  for (const flows of Object.values(scope.joins ?? {})) for (const n of Object.values(flows)) waiting += n;
  return scope.activeFlows - waiting;
}
