// Business-rule tasks with `zeebe:calledDecision`: the decision is evaluated when the task
// activates (no job), its result becomes `resultVariable`, and the DECISION_EVALUATION record
// names the process instance and element. A decision that cannot be found raises
// CALLED_DECISION_ERROR, a failed evaluation DECISION_EVALUATION_ERROR; resolving either after
// fixing the cause evaluates again.
import type { EngineContext } from '../context';
import type { BpmnElementContext, BpmnElementProcessor } from './types';
import type { ActivityBehavior } from './activity';
import type { DecisionValue } from '../../protocol/values';
import { evaluateDeployed } from '../decision/evaluation';

export class BusinessRuleTaskProcessor implements BpmnElementProcessor {
  constructor(
    private readonly ctx: EngineContext,
    private readonly activity: ActivityBehavior,
  ) {}

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
    this.activity.activated(c);
    b.triggers.triggering(c.key, c.element.id, { [called.resultVariable]: outcome.output }, c.value);
    b.transitions.completeElement(c);
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

  onComplete(c: BpmnElementContext): void {
    const trigger = this.ctx.state.trigger(c.key);
    if (trigger) this.ctx.b.triggers.triggered(c, trigger);
    this.activity.complete(c, trigger?.variables ?? null);
  }

  onTerminate(c: BpmnElementContext): void {
    this.activity.terminate(c);
  }
}
