// Business-rule tasks with `zeebe:calledDecision`: the decision is evaluated when the task
// activates (no job), its result becomes `resultVariable`, and the DECISION_EVALUATION record
// names the process instance and element. A decision that cannot be found raises
// CALLED_DECISION_ERROR, a failed evaluation DECISION_EVALUATION_ERROR; resolving either after
// fixing the cause evaluates again.
import type { BpmnElementContext } from './types';
import { ImmediateResultTaskProcessor } from './tasks';
import type { DecisionValue } from '../../protocol/values';
import { evaluateDeployed } from '../decision/evaluation';

export class BusinessRuleTaskProcessor extends ImmediateResultTaskProcessor {
  onActivate(c: BpmnElementContext): void {
    const { b, expressions, w, keys } = this.ctx;
    if (!this.activity.enter(c)) return;
    const called = c.element.calledDecision!;
    const lookup = b.variables.lookup(c.key);
    const id = expressions.string(called.decisionId, lookup);
    if (!id.ok) {
      b.incidents.raise(c.instance, 'EXTRACT_VALUE_ERROR', id.message);
      return;
    }
    const decision = this.resolve(c, id.value);
    if (!decision) {
      b.incidents.raise(
        c.instance,
        'CALLED_DECISION_ERROR',
        `Expected to evaluate decision '${id.value}'${called.bindingType === 'latest' ? '' : ` (binding type '${called.bindingType}')`}, but no decision found for id '${id.value}'`,
      );
      return;
    }
    const { value, outcome } = evaluateDeployed(
      this.ctx,
      decision,
      lookup,
      {},
      {
        bpmnProcessId: c.value.bpmnProcessId,
        processDefinitionKey: c.value.processDefinitionKey,
        processInstanceKey: c.value.processInstanceKey,
        elementInstanceKey: c.key,
        elementId: c.element.id,
      },
    );
    w.appendEvent(keys.next(), 'DECISION_EVALUATION', outcome.failure ? 'FAILED' : 'EVALUATED', value);
    if (outcome.failure) {
      b.incidents.raise(c.instance, 'DECISION_EVALUATION_ERROR', outcome.failure.message);
      return;
    }
    this.finish(c, called.resultVariable, outcome.output);
  }

  private resolve(c: BpmnElementContext, decisionId: string): DecisionValue | undefined {
    const { definitions } = this.ctx.state;
    const called = c.element.calledDecision!;
    if (called.bindingType === 'deployment') {
      const own = definitions.process(c.value.processDefinitionKey);
      return own && definitions.decisionInDeployment(own.deploymentKey, decisionId);
    }
    if (called.bindingType === 'versionTag')
      return definitions.latestDecisionWithTag(decisionId, called.versionTag ?? '');
    return definitions.latestDecision(decisionId);
  }
}
