// Compensation as Zeebe 8.8 runs it (its BpmnCompensationSubscriptionBehaviour): a completed activity with a
// compensation boundary event leaves a subscription, and so does a completed subprocess or multi-instance body
// holding such subscriptions (without a handler: it stands for its children). A compensation throw or end event
// triggers the untriggered subscriptions of its scope (and, inside an event subprocess, of the scope around
// it), each once, top down through completed subprocesses: the boundary event is written as passed and the
// handler activated in the throw event's scope. The throw event waits until every subscription it triggered is
// completed, bottom up. Subscriptions go with their subprocess when it is terminated and with the instance.
import type { EngineContext } from '../processors/context';
import type { BpmnElementContext } from '../processors/bpmn/types';
import type { Key } from '../protocol/keys';
import type { CompensationSubscriptionValue, ProcessInstanceValue } from '../protocol/values';
import type { CompensationSubscription } from '../state/compensations';
import { compensationBoundary, type ExecutableElement } from '../model/types';
import { treePathOf, withTreePath } from '../processors/instance/tree-path';

const NONE = -1;

export class CompensationBehavior {
  constructor(private readonly ctx: EngineContext) {}

  private subscriptionsOf(processInstanceKey: Key): CompensationSubscription[] {
    return this.ctx.state.compensations.ofProcessInstance(processInstanceKey);
  }

  /** Before an activity's ELEMENT_COMPLETED: its subscription, when it can be compensated. */
  subscribe(c: BpmnElementContext): void {
    const v = c.value;
    // Inner instances of a multi-instance activity are compensated through their body, which has the boundary.
    const boundary = c.instance.loopCounter > 0 ? undefined : compensationBoundary(c.element);
    const holdsSubscriptions =
      (v.bpmnElementType === 'SUB_PROCESS' ||
        v.bpmnElementType === 'AD_HOC_SUB_PROCESS' ||
        v.bpmnElementType === 'MULTI_INSTANCE_BODY') &&
      this.subscriptionsOf(v.processInstanceKey).some((s) => s.value.compensableActivityScopeKey === c.key);
    if (!boundary && !holdsSubscriptions) return;
    const value: CompensationSubscriptionValue = {
      tenantId: v.tenantId,
      processInstanceKey: v.processInstanceKey,
      processDefinitionKey: v.processDefinitionKey,
      compensableActivityId: c.element.id,
      compensableActivityScopeKey: v.flowScopeKey,
      compensableActivityInstanceKey: c.key,
      throwEventId: '',
      throwEventInstanceKey: NONE,
      compensationHandlerId: boundary?.compensationHandler?.id ?? '',
      compensationHandlerInstanceKey: NONE,
      variables: {},
    };
    this.ctx.w.appendEvent(this.ctx.keys.next(), 'COMPENSATION_SUBSCRIPTION', 'CREATED', value);
  }

  /**
   * A compensation throw or end event, activated: triggers what it compensates and returns true, or false when
   * nothing was to compensate (the event then completes at once).
   */
  trigger(c: BpmnElementContext): boolean {
    const scopes = [c.value.flowScopeKey];
    if (c.element.flowScope?.type === 'EVENT_SUB_PROCESS') {
      const esp = this.ctx.state.elements.get(c.value.flowScopeKey);
      if (esp) scopes.push(esp.value.flowScopeKey);
    }
    const open = this.subscriptionsOf(c.value.processInstanceKey).filter((s) => s.value.throwEventId === '');
    const target = c.element.compensationActivity;
    const hit = open.filter(
      (s) =>
        scopes.includes(s.value.compensableActivityScopeKey) &&
        (!target || s.value.compensableActivityId === target.id),
    );
    for (const s of hit) this.triggerOne(c, open, s);
    return hit.length > 0;
  }

  private triggerOne(
    c: BpmnElementContext,
    open: CompensationSubscription[],
    s: CompensationSubscription,
  ): void {
    const handlerKey = s.value.compensationHandlerId
      ? this.activateHandler(c, s.value.compensableActivityId)
      : NONE;
    this.ctx.w.appendEvent(s.key, 'COMPENSATION_SUBSCRIPTION', 'TRIGGERED', {
      ...s.value,
      throwEventId: c.element.id,
      throwEventInstanceKey: c.key,
      compensationHandlerInstanceKey: handlerKey,
    });
    for (const child of open)
      if (child.value.compensableActivityScopeKey === s.value.compensableActivityInstanceKey)
        this.triggerOne(c, open, child);
  }

  /** The boundary event passes at once (four events, no command); the handler is activated in the throw's scope. */
  private activateHandler(c: BpmnElementContext, activityId: string): Key {
    const { w, keys } = this.ctx;
    const activity = c.process.elements.get(activityId)!;
    const boundary = compensationBoundary(activity)!;
    const handler = boundary.compensationHandler!;
    const like = (
      e: ExecutableElement,
      type: ProcessInstanceValue['bpmnElementType'],
    ): ProcessInstanceValue => ({
      ...c.value,
      elementId: e.id,
      bpmnElementType: type,
      bpmnEventType: 'COMPENSATION',
    });
    const boundaryKey = keys.next();
    // as Zeebe 8.8: the four records of the passing boundary event carry its tree paths
    const bare = like(boundary, 'BOUNDARY_EVENT');
    const passed = withTreePath(bare, treePathOf(this.ctx.state, boundaryKey, bare));
    for (const intent of [
      'ELEMENT_ACTIVATING',
      'ELEMENT_ACTIVATED',
      'ELEMENT_COMPLETING',
      'ELEMENT_COMPLETED',
    ])
      w.appendEvent(boundaryKey, 'PROCESS_INSTANCE', intent, passed);
    const handlerKey = keys.next();
    w.appendCommand(
      handlerKey,
      'PROCESS_INSTANCE',
      'ACTIVATE_ELEMENT',
      like(handler, handler.loop ? 'MULTI_INSTANCE_BODY' : handler.type),
    );
    return handlerKey;
  }

  /** After a handler's ELEMENT_COMPLETED: its subscription completes, then its finished scopes, then the throw. */
  handlerCompleted(c: BpmnElementContext): void {
    const done = this.subscriptionsOf(c.value.processInstanceKey).find(
      (s) => s.value.throwEventId !== '' && s.value.compensationHandlerInstanceKey === c.key,
    );
    if (!done) return;
    this.ctx.w.appendEvent(done.key, 'COMPENSATION_SUBSCRIPTION', 'COMPLETED', done.value);
    this.completeScopes(c.value.processInstanceKey, done.value.compensableActivityScopeKey);
    const throwKey = done.value.throwEventInstanceKey;
    const waiting = this.subscriptionsOf(c.value.processInstanceKey).some(
      (s) => s.value.throwEventInstanceKey === throwKey,
    );
    const throwEvent = this.ctx.state.elements.get(throwKey);
    if (!waiting && throwEvent) this.ctx.b.transitions.completeElement(throwEvent);
  }

  /** A subprocess's (or body's) subscription completes once none of its children's is left. */
  private completeScopes(processInstanceKey: Key, scopeKey: Key): void {
    const all = this.subscriptionsOf(processInstanceKey);
    if (all.some((s) => s.value.compensableActivityScopeKey === scopeKey)) return;
    const scope = all.find(
      (s) => s.value.compensableActivityInstanceKey === scopeKey && !s.value.compensationHandlerId,
    );
    if (!scope) return;
    this.ctx.w.appendEvent(scope.key, 'COMPENSATION_SUBSCRIPTION', 'COMPLETED', scope.value);
    this.completeScopes(processInstanceKey, scope.value.compensableActivityScopeKey);
  }

  /** The process instance ends: every subscription it still has is deleted. */
  deleteAll(processInstanceKey: Key): void {
    for (const s of this.subscriptionsOf(processInstanceKey)) this.delete(s);
  }

  /** A subprocess is terminated: the subscriptions inside it go, top down. */
  deleteWithin(processInstanceKey: Key, scopeKey: Key): void {
    const all = this.subscriptionsOf(processInstanceKey);
    const walk = (key: Key) => {
      for (const s of all)
        if (s.value.compensableActivityScopeKey === key) {
          this.delete(s);
          walk(s.value.compensableActivityInstanceKey);
        }
    };
    walk(scopeKey);
  }

  private delete(s: CompensationSubscription): void {
    this.ctx.w.appendEvent(s.key, 'COMPENSATION_SUBSCRIPTION', 'DELETED', s.value);
  }
}
