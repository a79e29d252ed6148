// DECISION_EVALUATION EVALUATE (gRPC EvaluateDecision, REST /v2/decision-definitions/evaluation):
// the decision by key, or the latest version of its id, evaluated against the given variables.
// As in Zeebe a failed evaluation is no rejection: DECISION_EVALUATION FAILED is written and the
// client gets the failed decision and the message in the response.
import type { EngineContext } from '../context';
import type { EngineRecord } from '../../protocol/record';
import type { DecisionValue } from '../../protocol/values';
import { evaluateDeployed, NO_ORIGIN } from './evaluation';

export class DecisionEvaluationProcessor {
  constructor(private readonly ctx: EngineContext) {}

  evaluate(command: EngineRecord<'DECISION_EVALUATION'>): void {
    const { w, keys, state } = this.ctx;
    const v = command.value;
    let decision: DecisionValue | undefined;
    if (v.decisionKey > 0) {
      decision = state.definitions.decision(v.decisionKey);
      if (!decision)
        return w.reject(
          'NOT_FOUND',
          `Expected to evaluate decision with key '${v.decisionKey}', but no such decision found`,
        );
    } else if (v.decisionId) {
      decision = state.definitions.latestDecision(v.decisionId);
      if (!decision)
        return w.reject(
          'NOT_FOUND',
          `Expected to evaluate decision '${v.decisionId}', but no decision found for id '${v.decisionId}'`,
        );
    } else {
      return w.reject(
        'INVALID_ARGUMENT',
        'Expected either a decision id or a valid decision key, but none provided',
      );
    }
    const variables = v.variables ?? {};
    const lookup = (name: string) => (Object.hasOwn(variables, name) ? variables[name] : undefined);
    const { value, outcome } = evaluateDeployed(this.ctx, decision, lookup, variables, NO_ORIGIN);
    const key = keys.next();
    w.appendEvent(key, 'DECISION_EVALUATION', outcome.failure ? 'FAILED' : 'EVALUATED', value);
    w.respond({ decisionInstanceKey: key, ...value });
  }
}
