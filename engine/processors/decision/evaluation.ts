// Shared by the EvaluateDecision command and business-rule tasks: finding the decision to evaluate,
// evaluating it with its DRG, and the DECISION_EVALUATION record value Zeebe writes for it.
import type { EngineContext } from '../context';
import type { Key } from '../../protocol/keys';
import type {
  DecisionEvaluationValue,
  DecisionValue,
  EvaluatedDecisionValue,
  VariableDocument,
} from '../../protocol/values';
import type { VariableLookup } from '../../feel/feel';
import { evaluateDecision, type DecisionOutcome } from '../../dmn/evaluate';

export interface EvaluationOrigin {
  bpmnProcessId: string;
  processDefinitionKey: Key;
  processInstanceKey: Key;
  elementInstanceKey: Key;
  elementId: string;
}

export const NO_ORIGIN: EvaluationOrigin = {
  bpmnProcessId: '',
  processDefinitionKey: -1,
  processInstanceKey: -1,
  elementInstanceKey: -1,
  elementId: '',
};

export function evaluateDeployed(
  ctx: EngineContext,
  decision: DecisionValue,
  lookup: VariableLookup,
  variables: VariableDocument,
  origin: EvaluationOrigin,
): { value: DecisionEvaluationValue; outcome: DecisionOutcome } {
  const requirements = ctx.state.definitions.decisionRequirements(decision.decisionRequirementsKey);
  const prepared = requirements ? ctx.models.drg(requirements.checksum) : undefined;
  if (!requirements || !prepared?.drg)
    throw new Error(`the decision requirements of decision ${decision.decisionKey} were not prepared`);
  const outcome = evaluateDecision(prepared.drg, decision.decisionId, lookup, ctx.w.now);
  // Required decisions are reported with the keys and versions deployed with this graph.
  const sameGraph = new Map<string, DecisionValue>();
  for (const d of ctx.state.definitions.decisions())
    if (d.decisionRequirementsKey === decision.decisionRequirementsKey) sameGraph.set(d.decisionId, d);
  const evaluatedDecisions: EvaluatedDecisionValue[] = outcome.evaluated.map((e) => {
    const deployed = sameGraph.get(e.decisionId);
    return {
      decisionId: e.decisionId,
      decisionName: prepared.drg!.decisions.get(e.decisionId)?.name ?? e.decisionId,
      decisionKey: deployed?.decisionKey ?? -1,
      decisionVersion: deployed?.version ?? -1,
      decisionType: e.decisionType,
      decisionOutput: JSON.stringify(e.output),
      evaluatedInputs: e.evaluatedInputs.map((i) => ({ ...i, inputValue: JSON.stringify(i.inputValue) })),
      matchedRules: e.matchedRules.map((r) => ({
        ...r,
        evaluatedOutputs: r.evaluatedOutputs.map((o) => ({
          ...o,
          outputValue: JSON.stringify(o.outputValue),
        })),
      })),
      tenantId: decision.tenantId,
    };
  });
  const value: DecisionEvaluationValue = {
    decisionKey: decision.decisionKey,
    decisionId: decision.decisionId,
    decisionName: decision.decisionName,
    decisionVersion: decision.version,
    decisionRequirementsId: decision.decisionRequirementsId,
    decisionRequirementsKey: decision.decisionRequirementsKey,
    decisionOutput: JSON.stringify(outcome.output),
    variables,
    ...origin,
    evaluatedDecisions,
    evaluationFailureMessage: outcome.failure?.message ?? '',
    failedDecisionId: outcome.failure?.decisionId ?? '',
    tenantId: decision.tenantId,
  };
  return { value, outcome };
}
