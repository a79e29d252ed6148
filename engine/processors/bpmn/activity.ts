// The lifecycle steps every activity shares: input mappings and event subscriptions on
// activation, output mappings on completion, and on termination the clean-up plus, when an
// interrupting boundary event caused it, the activation of that boundary event.
import type { EngineContext } from '../context';
import type { BpmnElementContext } from './types';
import type { VariableDocument } from '../../protocol/values';

export class ActivityBehavior {
  constructor(private readonly ctx: EngineContext) {}

  /**
   * Input mappings, then the start listeners one job at a time; false while they run or when an incident was
   * raised. The element's processor is called again as each listener completes, so the mappings run only once.
   */
  startListeners(c: BpmnElementContext): boolean {
    const { b } = this.ctx;
    if (b.listeners.done(c) === 0) {
      const inputs = b.variables.applyInputs(c.element, c.key);
      if (!inputs.ok) {
        b.incidents.raise(c.instance, 'IO_MAPPING_ERROR', inputs.message);
        return false;
      }
    }
    return !b.listeners.next(c, 'start');
  }

  /** Input mappings, start listeners, then subscriptions; false when waiting or an incident was raised. */
  enter(c: BpmnElementContext): boolean {
    const { b } = this.ctx;
    if (!this.startListeners(c)) return false;
    const failure = b.subscriptions.open(c);
    if (failure) {
      b.incidents.raise(c.instance, failure.errorType, failure.message);
      return false;
    }
    return true;
  }

  /** ACTIVATED, then any buffered message for the subscriptions just opened. */
  activated(c: BpmnElementContext): void {
    this.ctx.b.transitions.activated(c);
    this.ctx.b.messages.correlateBuffered(c.key);
  }

  /**
   * Output mappings over the result variables, then the end listeners one job at a time; false while they run
   * or when an incident was raised. Called again as each end listener completes: the mappings run only once.
   */
  leave(c: BpmnElementContext, results: VariableDocument | null, mergeLocals = false): boolean {
    const { b } = this.ctx;
    if (b.listeners.done(c) === 0) {
      const innerInstance = c.instance.loopCounter > 0;
      const out = b.variables.applyOutputs(c.element, c.key, results, { innerInstance, mergeLocals });
      if (!out.ok) {
        b.incidents.raise(c.instance, 'IO_MAPPING_ERROR', out.message);
        return false;
      }
      b.subscriptions.close(c.key);
    }
    return !b.listeners.next(c, 'end');
  }

  /** Completes the activity with the results of its trigger (job, user task, message…). */
  complete(c: BpmnElementContext, results: VariableDocument | null): void {
    if (!this.leave(c, results)) return;
    this.ctx.b.transitions.completeAndLeave(c);
  }

  /** Ends the termination: TERMINATED, then the boundary event that interrupted, or the scope is told. */
  terminate(c: BpmnElementContext): void {
    const { b } = this.ctx;
    b.subscriptions.close(c.key);
    // A running execution listener's job goes with its element.
    b.jobs.cancel(c.instance);
    b.incidents.resolveFor(c.instance);
    // A termination that waited (a user task's canceling listeners) may outlive its scope's activity.
    const scope = this.ctx.state.elements.get(c.value.flowScopeKey);
    const boundary = scope?.state === 'ELEMENT_ACTIVATED' ? b.triggers.boundaryOf(c) : undefined;
    b.transitions.terminated(c);
    if (boundary) b.triggers.activateBoundary(c, boundary.trigger);
    else b.transitions.afterTerminated(c);
  }
}
