// Execution listeners at run time: the element's next listener of the phase becomes a job of kind
// EXECUTION_LISTENER; the element goes on only when its last listener's job completed (the
// PROCESS_INSTANCE COMPLETE_EXECUTION_LISTENER command brings it back to its processor).
import type { EngineContext } from '../processors/context';
import type { BpmnElementContext } from '../processors/bpmn/types';
import type { ExecutionListener } from '../model/types';
import type { VariableDocument } from '../protocol/values';
import type { Job } from '../state/jobs';

export type ListenerPhase = 'start' | 'end';

export class ExecutionListenerBehavior {
  constructor(private readonly ctx: EngineContext) {}

  private of(c: BpmnElementContext, phase: ListenerPhase): ExecutionListener[] {
    return c.element.executionListeners.filter((l) => l.eventType === phase);
  }

  /** Listeners of the phase completed so far: 0 means the phase's own step (mappings) has not run yet. */
  done(c: BpmnElementContext): number {
    return c.instance.listenersDone ?? 0;
  }

  /**
   * Creates the job of the phase's next listener, or raises the incident its expressions cause.
   * True when the element must wait (a job or an incident); false when every listener of the phase completed.
   */
  next(c: BpmnElementContext, phase: ListenerPhase): boolean {
    const listeners = this.of(c, phase);
    const index = this.done(c);
    if (index >= listeners.length) return false;
    const { b, expressions } = this.ctx;
    const listener = listeners[index];
    const lookup = b.variables.lookup(c.key);
    const type = expressions.string(listener.type, lookup);
    if (!type.ok) {
      b.incidents.raise(c.instance, 'EXTRACT_VALUE_ERROR', type.message);
      return true;
    }
    if (type.value.trim() === '') {
      b.incidents.raise(
        c.instance,
        'EXTRACT_VALUE_ERROR',
        `Expected result of the expression '${listener.type.text}' to be a non-empty string, but was empty`,
      );
      return true;
    }
    const retries = expressions.integer(listener.retries, lookup);
    if (!retries.ok) {
      b.incidents.raise(c.instance, 'EXTRACT_VALUE_ERROR', retries.message);
      return true;
    }
    b.jobs.create(c.element, c.instance, type.value, retries.value, listener.headers, {
      jobKind: 'EXECUTION_LISTENER',
      jobListenerEventType: phase === 'start' ? 'START' : 'END',
    });
    return true;
  }

  /**
   * A listener job completed with these variables: a start listener's become the element's locals, an end
   * listener's go to the enclosing scope as the output mappings' do.
   */
  applyResult(job: Job, variables: VariableDocument): void {
    const instance = this.ctx.state.elements.get(job.value.elementInstanceKey);
    if (!instance || Object.keys(variables).length === 0) return;
    // A process has no enclosing scope: its end listeners' variables stay its own (a caller collects them).
    const local = job.value.jobListenerEventType === 'START' || instance.value.flowScopeKey <= 0;
    if (local) this.ctx.b.variables.setLocalDocument(instance.key, variables);
    else this.ctx.b.variables.propagate(instance.value.flowScopeKey, variables);
  }
}
