// Scopes that hold other elements: the process, embedded subprocesses, event subprocesses and the inner
// instances of ad-hoc subprocesses (whose own rules are in ad-hoc.ts, which hands termination over to here).
// A scope completes when no child is active and no flow is in flight; an interrupting event
// subprocess first terminates every child; a terminate end event ends the scope as completed.
import type { EngineContext } from '../context';
import type { BpmnContainerProcessor, BpmnElementContext } from './types';
import type { ActivityBehavior } from './activity';
import type { VariableDocument } from '../../protocol/values';

export class ContainerProcessor implements BpmnContainerProcessor {
  constructor(
    private readonly ctx: EngineContext,
    private readonly activity: ActivityBehavior,
    private readonly onProcessEnded: (
      c: BpmnElementContext,
      outcome: 'completed' | 'terminated',
      variables: VariableDocument,
    ) => void,
  ) {}

  onActivate(c: BpmnElementContext): void {
    if (!this.activity.enter(c)) return;
    this.activity.activated(c);
    this.ctx.b.triggers.activateStartEvent(c);
  }

  onComplete(c: BpmnElementContext): void {
    const { b, state } = this.ctx;
    if (c.element.type !== 'PROCESS') {
      this.activity.complete(c, null);
      return;
    }
    // No event subprocess may start once the process is completing, even while its end listeners run.
    if (b.listeners.done(c) === 0) b.subscriptions.close(c.key);
    if (b.listeners.next(c, 'end')) return;
    // Collected after the end listeners: a called process hands their variables to its call activity.
    const variables = b.variables.collect(c.key);
    const lock = state.subscriptions.lockOf(c.key);
    b.compensation.deleteAll(c.key);
    if (!b.transitions.completed(c)) return;
    this.onProcessEnded(c, 'completed', variables);
    if (lock) b.messages.startFromBuffer(lock);
  }

  onTerminate(c: BpmnElementContext): void {
    const { b } = this.ctx;
    b.subscriptions.close(c.key);
    b.incidents.resolveFor(c.instance);
    if (c.element.type === 'PROCESS') b.compensation.deleteAll(c.key);
    else if (c.value.bpmnElementType === 'SUB_PROCESS' || c.value.bpmnElementType === 'AD_HOC_SUB_PROCESS')
      b.compensation.deleteWithin(c.value.processInstanceKey, c.key);
    if (b.transitions.terminateChildren(c.key)) this.finishTermination(c);
  }

  private finishTermination(c: BpmnElementContext): void {
    const { b, state } = this.ctx;
    if (c.element.type === 'PROCESS') {
      const lock = state.subscriptions.lockOf(c.key);
      // A process canceled while a listener of its own runs takes that listener's job with it.
      b.jobs.cancel(c.instance);
      b.transitions.terminated(c);
      this.onProcessEnded(c, 'terminated', {});
      if (lock) b.messages.startFromBuffer(lock);
    } else {
      this.activity.terminate(c);
    }
  }

  onChildCompleted(scope: BpmnElementContext, _child: BpmnElementContext): void {
    const { b } = this.ctx;
    if (scope.instance.state !== 'ELEMENT_ACTIVATED') return;
    if (b.transitions.canBeCompleted(scope.key)) {
      b.transitions.completeElement(scope);
      return;
    }
    this.fireReadyInclusiveJoins(scope);
  }

  onChildTerminated(scope: BpmnElementContext, _child: BpmnElementContext): void {
    const { b, state } = this.ctx;
    const instance = scope.instance;
    if (instance.activeChildren > 0) {
      if (instance.state === 'ELEMENT_ACTIVATED' && !instance.interruptedBy)
        this.fireReadyInclusiveJoins(scope);
      return;
    }
    if (instance.state === 'ELEMENT_TERMINATING') {
      this.finishTermination(scope);
      return;
    }
    const trigger = state.trigger(scope.key);
    if (instance.interruptedBy && trigger) {
      b.triggers.activateEventSubprocess(scope, trigger);
      return;
    }
    if (instance.state === 'ELEMENT_ACTIVATED' && b.transitions.canBeCompleted(scope.key))
      b.transitions.completeElement(scope);
  }

  /** An inclusive join waiting for a path that can no longer come fires now. */
  private fireReadyInclusiveJoins(scope: BpmnElementContext): void {
    const { b } = this.ctx;
    const joins = scope.instance.joins;
    if (!joins) return;
    for (const gatewayId of Object.keys(joins)) {
      const gateway = scope.process.elements.get(gatewayId);
      if (gateway?.type !== 'INCLUSIVE_GATEWAY') continue;
      if (b.transitions.joinReady(gateway, scope.key, scope.process)) {
        b.transitions.activateChild(scope.key, scope.value, gateway);
      }
    }
  }
}
