// What happens when an event occurs for a waiting scope (timer fired, message correlated, signal
// broadcast, BPMN error caught): the trigger is recorded, then the catch event completes, the
// activity is interrupted, or a boundary event / event subprocess / new instance is activated.
import type { EngineContext } from '../processors/context';
import type { BpmnElementContext } from '../processors/bpmn/types';
import type { ExecutableElement } from '../model/types';
import type { Key } from '../protocol/keys';
import type { ProcessInstanceValue, ProcessValue, VariableDocument } from '../protocol/values';
import type { EventTrigger } from '../state/element-instances';
import { ownerOf } from './variables';
import { newInstanceValue } from '../protocol/defaults';

export class TriggerBehavior {
  constructor(private readonly ctx: EngineContext) {}

  /** Whether the scope still takes events: active, not interrupted, no trigger already pending. */
  isAccepting(scopeKey: Key): boolean {
    const scope = this.ctx.state.elements.get(scopeKey);
    return (
      !!scope &&
      scope.state === 'ELEMENT_ACTIVATED' &&
      !scope.interruptedBy &&
      !this.ctx.state.trigger(scopeKey)
    );
  }

  /** Triggers `target` for the scope; false when the scope no longer accepts events. */
  trigger(scopeKey: Key, target: ExecutableElement, variables: VariableDocument): boolean {
    if (!this.isAccepting(scopeKey)) return false;
    const { b, state } = this.ctx;
    const scope = b.transitions.scopeContext(scopeKey);
    if (!scope) return false;
    this.triggering(scopeKey, target.id, variables, scope.value);
    const trigger = state.trigger(scopeKey)!;
    if (target === scope.element || scope.element.type === 'EVENT_BASED_GATEWAY') {
      b.transitions.completeElement(scope);
    } else if (target.type === 'BOUNDARY_EVENT') {
      if (target.interrupting) b.transitions.terminateElement(scope.key, scope.value);
      else this.activateBoundary(scope, trigger);
    } else if (target.type === 'START_EVENT' && target.flowScope?.type === 'EVENT_SUB_PROCESS') {
      if (!target.interrupting || b.transitions.terminateChildren(scopeKey))
        this.activateEventSubprocess(scope, trigger);
    }
    return true;
  }

  /** The boundary event of a trigger on this activity, if the trigger is one. */
  boundaryOf(c: BpmnElementContext): { trigger: EventTrigger; boundary: ExecutableElement } | undefined {
    const trigger = this.ctx.state.trigger(c.key);
    if (!trigger) return undefined;
    const boundary = c.process.elements.get(trigger.elementId);
    if (!boundary || boundary.type !== 'BOUNDARY_EVENT' || boundary.attachedTo !== c.element)
      return undefined;
    return { trigger, boundary };
  }

  activateBoundary(activity: BpmnElementContext, trigger: EventTrigger): void {
    const boundary = activity.process.elements.get(trigger.elementId)!;
    const key = this.ctx.keys.next();
    this.ctx.b.variables.setLocalDocument(key, trigger.variables, ownerOf(activity.value));
    this.triggered(activity, trigger, activity.value.flowScopeKey);
    this.ctx.b.transitions.activateChild(activity.value.flowScopeKey, activity.value, boundary, key);
  }

  activateEventSubprocess(scope: BpmnElementContext, trigger: EventTrigger): void {
    const start = scope.process.elements.get(trigger.elementId)!;
    const esp = start.flowScope!;
    const key = this.ctx.keys.next();
    this.triggering(key, start.id, trigger.variables, scope.value);
    this.triggered(scope, trigger, scope.key);
    this.ctx.b.transitions.activateChild(scope.key, scope.value, esp, key);
  }

  /** Records an event for the scope (PROCESS_EVENT TRIGGERING) that activates or completes `targetElementId`. */
  triggering(
    scopeKey: Key,
    targetElementId: string,
    variables: VariableDocument,
    of: { processDefinitionKey: Key; processInstanceKey: Key; tenantId: string },
  ): void {
    this.ctx.w.appendEvent(this.ctx.keys.next(), 'PROCESS_EVENT', 'TRIGGERING', {
      scopeKey,
      activationScopeKey: -1,
      targetElementId,
      variables,
      processDefinitionKey: of.processDefinitionKey,
      processInstanceKey: of.processInstanceKey,
      tenantId: of.tenantId,
    });
  }

  /** Marks a trigger consumed; `activationScopeKey` holds a token until the activated element arrives. */
  triggered(
    scope: { key: Key; value: ProcessInstanceValue },
    trigger: EventTrigger,
    activationScopeKey: Key = -1,
  ): void {
    this.ctx.w.appendEvent(trigger.eventKey, 'PROCESS_EVENT', 'TRIGGERED', {
      scopeKey: scope.key,
      activationScopeKey,
      targetElementId: trigger.elementId,
      variables: {},
      processDefinitionKey: scope.value.processDefinitionKey,
      processInstanceKey: scope.value.processInstanceKey,
      tenantId: scope.value.tenantId,
    });
  }

  /**
   * Activates the start event a container was triggered for (message/timer/signal start, event
   * subprocess), or its none start event. The event's variables become its local variables.
   */
  activateStartEvent(c: BpmnElementContext): void {
    const trigger = this.ctx.state.trigger(c.key);
    // An event subprocess activated without its event (a modification) starts at its start event, as in Zeebe.
    const start = trigger
      ? c.process.elements.get(trigger.elementId)
      : (c.element.noneStartEvent ??
        (c.element.type === 'EVENT_SUB_PROCESS' ? c.element.startEvents[0] : null));
    if (!start) return;
    const key = this.ctx.keys.next();
    if (trigger) {
      this.ctx.b.variables.setLocalDocument(key, trigger.variables, ownerOf(c.value));
      this.triggered(c, trigger);
    }
    this.ctx.b.transitions.activateChild(c.key, c.value, start, key);
  }

  /** Creates a process instance that starts at the given start event (message, timer, signal). */
  startInstance(
    definition: ProcessValue,
    start: ExecutableElement,
    variables: VariableDocument,
    key: Key = this.ctx.keys.next(),
  ): Key {
    const value = newInstanceValue(definition, key);
    this.triggering(key, start.id, variables, value);
    this.ctx.w.appendCommand(key, 'PROCESS_INSTANCE', 'ACTIVATE_ELEMENT', value);
    return key;
  }
}
