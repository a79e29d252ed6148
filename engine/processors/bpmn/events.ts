// Event processors: start events, boundary events, end events (none, terminate, error, signal, escalation,
// compensation) and intermediate throw events (none, signal, link, escalation, compensation — which waits for its
// handlers). Message throw and end events are job-worker elements and handled by the task processor.
import type { EngineContext } from '../context';
import type { BpmnElementContext, BpmnElementProcessor } from './types';
import type { ActivityBehavior } from './activity';

/** Start and boundary events: their variables (the trigger's) are merged into the scope. */
export class StartOrBoundaryEventProcessor implements BpmnElementProcessor {
  constructor(
    private readonly ctx: EngineContext,
    private readonly activity: ActivityBehavior,
  ) {}

  onActivate(c: BpmnElementContext): void {
    this.ctx.b.transitions.activated(c);
    this.ctx.b.transitions.completeElement(c);
  }

  onComplete(c: BpmnElementContext): void {
    const mergeLocals = !(c.element.type === 'BOUNDARY_EVENT' && c.element.eventType === 'ERROR');
    if (!this.activity.leave(c, null, mergeLocals)) return;
    this.ctx.b.transitions.completeAndLeave(c);
  }

  onTerminate(c: BpmnElementContext): void {
    this.activity.terminate(c);
  }
}

/** None/signal throw events and none/terminate/error/signal end events. */
export class ThrowEventProcessor implements BpmnElementProcessor {
  constructor(
    private readonly ctx: EngineContext,
    private readonly activity: ActivityBehavior,
  ) {}

  onActivate(c: BpmnElementContext): void {
    const { b, expressions } = this.ctx;
    if (!this.activity.startListeners(c)) return;
    const lookup = b.variables.lookup(c.key);
    if (c.element.eventType === 'ERROR') {
      const code = expressions.string(c.element.errorCode!, lookup);
      if (!code.ok) {
        b.incidents.raise(c.instance, 'EXTRACT_VALUE_ERROR', code.message);
        return;
      }
      // Caught: the catching scope terminates this event with everything else. Uncaught: it
      // stays activating with an incident.
      if (b.errors.throwError(c.value.flowScopeKey, code.value, {})) b.transitions.activated(c);
      else b.incidents.raise(c.instance, 'UNHANDLED_ERROR_EVENT', b.errors.uncaughtMessage(code.value, ''));
      return;
    }
    if (c.element.eventType === 'ESCALATION') {
      const code = expressions.string(c.element.escalationCode!, lookup);
      if (!code.ok) {
        b.incidents.raise(c.instance, 'EXTRACT_VALUE_ERROR', code.message);
        return;
      }
      // Caught: the catch event is triggered; an interrupting one terminates this event with its scope, a
      // non-interrupting one lets it go on. Not caught: the escalation is recorded and the event goes on.
      const found = b.errors.findCatch(c.value.flowScopeKey, code.value, 'ESCALATION');
      const caught = !!found && b.triggers.trigger(found.scopeKey, found.catchEvent, {});
      this.ctx.w.appendEvent(this.ctx.keys.next(), 'ESCALATION', caught ? 'ESCALATED' : 'NOT_ESCALATED', {
        processInstanceKey: c.value.processInstanceKey,
        escalationCode: code.value,
        throwElementId: c.element.id,
        catchElementId: caught ? found.catchEvent.id : '',
      });
      b.transitions.activated(c);
      if (caught && found.catchEvent.interrupting) return;
      b.transitions.completeElement(c);
      return;
    }
    if (c.element.eventType === 'COMPENSATION') {
      // The event waits for the handlers it invoked; the last one to complete completes it.
      b.transitions.activated(c);
      if (!b.compensation.trigger(c)) b.transitions.completeElement(c);
      return;
    }
    if (c.element.eventType === 'SIGNAL') {
      const name = expressions.string(c.element.signalName!, lookup);
      if (!name.ok) {
        b.incidents.raise(c.instance, 'EXTRACT_VALUE_ERROR', name.message);
        return;
      }
      b.transitions.activated(c);
      // The signal carries the event's local variables (its input mappings).
      b.signals.broadcast(name.value, b.variables.localDocument(c.key), c.value.tenantId);
    } else {
      b.transitions.activated(c);
    }
    b.transitions.completeElement(c);
  }

  onComplete(c: BpmnElementContext): void {
    const { b } = this.ctx;
    if (!this.activity.leave(c, null)) return;
    if (!b.transitions.completed(c)) return;
    // A link throw jumps to its catch event in the same scope instead of leaving by sequence flows.
    if (c.element.eventType === 'LINK' && c.element.linkCatch)
      b.transitions.activateChild(c.value.flowScopeKey, c.value, c.element.linkCatch);
    else if (c.element.type === 'INTERMEDIATE_THROW_EVENT') b.transitions.takeOutgoingFlows(c);
    if (c.element.eventType === 'TERMINATE') {
      const scope = b.transitions.scopeContext(c.value.flowScopeKey);
      if (scope && b.transitions.terminateChildren(scope.key)) b.transitions.completeElement(scope);
      return;
    }
    b.transitions.afterCompleted(c);
  }

  onTerminate(c: BpmnElementContext): void {
    this.activity.terminate(c);
  }
}
