// gRPC EvaluateDecision: the engine's DECISION_EVALUATION result as the gateway protocol's
// EvaluateDecisionResponse (int64 as decimal strings, outputs and input values as JSON text).
import type { GatewayEngine } from './gateway-engine';
import type { DecisionEvaluationValue } from '../../protocol/values';
import { emptyEvaluation } from '../../protocol/defaults';
import { checkTenant, parseDocument } from '../documents';
import { int64 } from './convert';
import { runCommand, str, type Req } from './command';

export async function evaluateDecision(engine: GatewayEngine, req: Req) {
  const tenantId = checkTenant(str(req.tenantId));
  const v = (await runCommand(engine, 'DECISION_EVALUATION', 'EVALUATE', {
    ...emptyEvaluation,
    decisionKey: int64(req.decisionKey) || -1,
    decisionId: str(req.decisionId),
    variables: parseDocument(str(req.variables)),
    tenantId,
  })) as DecisionEvaluationValue & { decisionInstanceKey: number };
  return {
    decisionKey: String(v.decisionKey),
    decisionId: v.decisionId,
    decisionName: v.decisionName,
    decisionVersion: v.decisionVersion,
    decisionRequirementsId: v.decisionRequirementsId,
    decisionRequirementsKey: String(v.decisionRequirementsKey),
    decisionOutput: v.decisionOutput,
    evaluatedDecisions: v.evaluatedDecisions.map((d) => ({ ...d, decisionKey: String(d.decisionKey) })),
    failedDecisionId: v.failedDecisionId,
    failureMessage: v.evaluationFailureMessage,
    tenantId: v.tenantId,
    decisionInstanceKey: String(v.decisionInstanceKey),
  };
}
