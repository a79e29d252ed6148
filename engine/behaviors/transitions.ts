// Element lifecycle transitions (the records ELEMENT_ACTIVATING … ELEMENT_TERMINATED), taking
// sequence flows with their join bookkeeping, activating children, and telling a container when
// one of its paths ended so it can decide whether it completes.
import type { EngineContext } from '../processors/context';
import type { BpmnContainerProcessor, BpmnElementContext } from '../processors/bpmn/types';
import type { ExecutableElement, ExecutableFlow, ExecutableProcess } from '../model/types';
import type { ProcessInstanceValue } from '../protocol/values';
import type { Key } from '../protocol/keys';
import type { ElementState } from '../state/element-instances';
import { isJoin } from '../appliers/process-instance';
import { isActivity } from '../model/element-kinds';

export type ContainerLookup = (value: ProcessInstanceValue) => BpmnContainerProcessor;

export class TransitionBehavior {
  containers!: ContainerLookup;

  constructor(private readonly ctx: EngineContext) {}

  private write(
    c: BpmnElementContext,
    intent: ElementState | 'ELEMENT_COMPLETED' | 'ELEMENT_TERMINATED',
  ): void {
    this.ctx.w.appendEvent(c.key, 'PROCESS_INSTANCE', intent, c.value);
  }

  activated(c: BpmnElementContext): void {
    this.write(c, 'ELEMENT_ACTIVATED');
  }

  /** Asks for completion through a command, as Zeebe does for elements that finish on their own. */
  completeElement(c: { key: Key; value: ProcessInstanceValue }): void {
    this.ctx.w.appendCommand(c.key, 'PROCESS_INSTANCE', 'COMPLETE_ELEMENT', c.value);
  }

  terminateElement(key: Key, value: ProcessInstanceValue): void {
    this.ctx.w.appendCommand(key, 'PROCESS_INSTANCE', 'TERMINATE_ELEMENT', value);
  }

  /** Completing → completed in one step, for elements without a wait state. */
  completing(c: BpmnElementContext): void {
    this.write(c, 'ELEMENT_COMPLETING');
  }

  /**
   * Writes ELEMENT_COMPLETED after the container's last word (multi-instance output collection);
   * returns false when that raised an incident instead.
   */
  completed(c: BpmnElementContext): boolean {
    const scope = this.scopeContext(c.value.flowScopeKey);
    if (scope) {
      const container = this.containers(scope.value);
      const failure = container.beforeChildCompleted?.(scope, c);
      if (failure) {
        this.ctx.b.incidents.raise(c.instance, 'EXTRACT_VALUE_ERROR', failure);
        return false;
      }
    }
    const activity = isActivity(c.element.type);
    if (activity) this.ctx.b.compensation.subscribe(c);
    this.write(c, 'ELEMENT_COMPLETED');
    if (activity && c.value.bpmnEventType === 'COMPENSATION') this.ctx.b.compensation.handlerCompleted(c);
    return true;
  }

  terminated(c: BpmnElementContext): void {
    this.write(c, 'ELEMENT_TERMINATED');
  }

  /** Completes the element, takes all its outgoing flows and tells its scope. */
  completeAndLeave(c: BpmnElementContext): void {
    if (!this.completed(c)) return;
    // An inner instance of a multi-instance activity ends its path there: the body takes the flows.
    if (c.instance.loopCounter === 0) this.takeOutgoingFlows(c);
    this.afterCompleted(c);
  }

  takeOutgoingFlows(c: BpmnElementContext, flows: ExecutableFlow[] = c.element.outgoing): void {
    for (const flow of flows) this.takeFlow(flow, c);
  }

  /** SEQUENCE_FLOW_TAKEN, then activation of the target unless it is a join still waiting. Returns the target key. */
  takeFlow(flow: ExecutableFlow, from: BpmnElementContext): Key | undefined {
    const v = from.value;
    const scopeKey = v.flowScopeKey;
    this.ctx.w.appendEvent(this.ctx.keys.next(), 'PROCESS_INSTANCE', 'SEQUENCE_FLOW_TAKEN', {
      ...v,
      elementId: flow.id,
      bpmnElementType: 'SEQUENCE_FLOW',
      bpmnEventType: 'UNSPECIFIED',
    });
    const target = flow.target;
    if (isJoin(target) && !this.joinReady(target, scopeKey, from.process)) return undefined;
    return this.activateChild(scopeKey, v, target);
  }

  /** A parallel join fires when every incoming flow has a token; an inclusive one when no other can come. */
  joinReady(gateway: ExecutableElement, scopeKey: Key, process: ExecutableProcess): boolean {
    const scope = this.ctx.state.elements.get(scopeKey);
    const waiting = scope?.joins?.[gateway.id];
    if (!scope || !waiting || this.ctx.isActivationPending(scopeKey, gateway.id)) return false;
    const missing = gateway.incoming.filter((f) => !(waiting[f.id] > 0));
    if (missing.length === 0) return true;
    if (gateway.type === 'PARALLEL_GATEWAY') return false;
    return !this.ctx.b.reachability.canStillReach(scopeKey, missing, process);
  }

  /** Writes ACTIVATE_ELEMENT for a child of the scope whose value is given (for its process data). */
  activateChild(
    scopeKey: Key,
    like: ProcessInstanceValue,
    element: ExecutableElement,
    key: Key = this.ctx.keys.next(),
  ): Key {
    const type =
      element.loop && like.bpmnElementType !== 'MULTI_INSTANCE_BODY' ? 'MULTI_INSTANCE_BODY' : element.type;
    this.ctx.w.appendCommand(key, 'PROCESS_INSTANCE', 'ACTIVATE_ELEMENT', {
      ...like,
      elementId: element.id,
      flowScopeKey: scopeKey,
      bpmnElementType: type,
      bpmnEventType: element.eventType,
    });
    return key;
  }

  afterCompleted(c: BpmnElementContext): void {
    const scope = this.scopeContext(c.value.flowScopeKey);
    if (scope) this.containers(scope.value).onChildCompleted(scope, c);
  }

  afterTerminated(c: BpmnElementContext): void {
    const scope = this.scopeContext(c.value.flowScopeKey);
    if (scope) this.containers(scope.value).onChildTerminated(scope, c);
  }

  /** Asks every active child of the scope to terminate; true when none was active. */
  terminateChildren(scopeKey: Key): boolean {
    let any = false;
    for (const childKey of [...this.ctx.state.elements.children(scopeKey)]) {
      const child = this.ctx.state.elements.get(childKey);
      if (!child) continue;
      any = true;
      if (child.state !== 'ELEMENT_TERMINATING') this.terminateElement(child.key, child.value);
    }
    return !any;
  }

  canBeCompleted(scopeKey: Key): boolean {
    const scope = this.ctx.state.elements.get(scopeKey);
    return !!scope && scope.activeChildren === 0 && scope.activeFlows === 0;
  }

  scopeContext(key: Key): BpmnElementContext | undefined {
    const instance = this.ctx.state.elements.get(key);
    if (!instance) return undefined;
    const process = this.ctx.state.definitions.model(instance.value.processDefinitionKey);
    const element = process.elements.get(instance.value.elementId);
    if (!element) return undefined;
    return { key, value: instance.value, element, process, instance };
  }
}
