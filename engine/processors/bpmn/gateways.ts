// Gateway processors. Exclusive and inclusive gateways choose flows by their conditions (first
// true wins / all true, default otherwise, CONDITION_ERROR when nothing applies); parallel
// gateways take every flow; joins are handled by the token bookkeeping; an event-based gateway
// waits for the first of its events.
import type { EngineContext } from '../context';
import type { BpmnElementContext, BpmnElementProcessor } from './types';
import type { ExecutableFlow } from '../../model/types';
import type { Result } from '../../feel/expression';
import type { ActivityBehavior } from './activity';
import { ownerOf } from '../../behaviors/variables';

const NO_FLOW = 'Expected at least one condition to evaluate to true, or to have a default flow';

abstract class PassingGateway implements BpmnElementProcessor {
  constructor(
    protected readonly ctx: EngineContext,
    private readonly activity: ActivityBehavior,
  ) {}

  protected abstract choose(c: BpmnElementContext): Result<ExecutableFlow[]> & { conditionError?: boolean };

  onActivate(c: BpmnElementContext): void {
    const { b } = this.ctx;
    // Start listeners may set the variables the conditions read.
    if (!this.activity.startListeners(c)) return;
    const chosen = this.choose(c);
    if (!chosen.ok) {
      b.incidents.raise(
        c.instance,
        chosen.conditionError ? 'CONDITION_ERROR' : 'EXTRACT_VALUE_ERROR',
        chosen.message,
      );
      return;
    }
    b.transitions.activated(c);
    b.transitions.completing(c);
    if (!b.transitions.completed(c)) return;
    b.transitions.takeOutgoingFlows(c, chosen.value);
    b.transitions.afterCompleted(c);
  }

  onComplete(): void {
    // completes within onActivate
  }

  onTerminate(c: BpmnElementContext): void {
    this.ctx.b.jobs.cancel(c.instance);
    this.ctx.b.incidents.resolveFor(c.instance);
    this.ctx.b.transitions.terminated(c);
    this.ctx.b.transitions.afterTerminated(c);
  }

  protected evaluateConditions(
    c: BpmnElementContext,
    all: boolean,
  ): Result<ExecutableFlow[]> & { conditionError?: boolean } {
    const outgoing = c.element.outgoing;
    if (outgoing.length === 0) return { ok: true, value: [] };
    if (outgoing.length === 1 && !outgoing[0].condition) return { ok: true, value: outgoing };
    const lookup = this.ctx.b.variables.lookup(c.key);
    const taken: ExecutableFlow[] = [];
    for (const flow of outgoing) {
      if (flow === c.element.defaultFlow || !flow.condition) continue;
      const r = this.ctx.expressions.boolean(flow.condition, lookup);
      if (!r.ok) return r;
      if (r.value) {
        taken.push(flow);
        if (!all) break;
      }
    }
    if (taken.length > 0) return { ok: true, value: taken };
    if (c.element.defaultFlow) return { ok: true, value: [c.element.defaultFlow] };
    return { ok: false, message: NO_FLOW, conditionError: true };
  }
}

export class ExclusiveGatewayProcessor extends PassingGateway {
  protected choose(c: BpmnElementContext) {
    return this.evaluateConditions(c, false);
  }
}

export class InclusiveGatewayProcessor extends PassingGateway {
  protected choose(c: BpmnElementContext) {
    return this.evaluateConditions(c, true);
  }
}

export class ParallelGatewayProcessor extends PassingGateway {
  protected choose(c: BpmnElementContext): Result<ExecutableFlow[]> {
    return { ok: true, value: c.element.outgoing };
  }
}

export class EventBasedGatewayProcessor implements BpmnElementProcessor {
  constructor(
    private readonly ctx: EngineContext,
    private readonly activity: ActivityBehavior,
  ) {}

  onActivate(c: BpmnElementContext): void {
    if (!this.activity.startListeners(c)) return;
    const failure = this.ctx.b.subscriptions.open(c);
    if (failure) {
      this.ctx.b.incidents.raise(c.instance, failure.errorType, failure.message);
      return;
    }
    this.activity.activated(c);
  }

  /** Takes the flow to the event that occurred; that event starts with the event's variables. */
  onComplete(c: BpmnElementContext): void {
    const { b, state } = this.ctx;
    const trigger = state.trigger(c.key);
    b.subscriptions.close(c.key);
    if (!b.transitions.completed(c)) return;
    const flow = c.element.outgoing.find((f) => f.target.id === trigger?.elementId);
    if (trigger && flow) {
      const targetKey = b.transitions.takeFlow(flow, c);
      if (targetKey !== undefined)
        b.variables.setLocalDocument(targetKey, trigger.variables, ownerOf(c.value));
      b.triggers.triggered(c, trigger);
    }
    b.transitions.afterCompleted(c);
  }

  onTerminate(c: BpmnElementContext): void {
    this.activity.terminate(c);
  }
}
