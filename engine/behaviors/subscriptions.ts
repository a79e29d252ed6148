// Opening and closing the event subscriptions of an element instance: timers, message and signal
// subscriptions for its own catch event, its boundary events, the start events of the event
// subprocesses of a scope, or the events after an event-based gateway. Every expression is
// evaluated before anything is written, so a failure leaves only the incident.
import type { EngineContext } from '../processors/context';
import type { BpmnElementContext } from '../processors/bpmn/types';
import type { ExecutableElement } from '../model/types';
import type { ErrorType } from '../protocol/element-types';
import type { Key } from '../protocol/keys';
import type { MessageSubscriptionValue, SignalSubscriptionValue, TimerValue } from '../protocol/values';
import type { VariableLookup } from '../feel/feel';
import { evaluateTimer } from './timer-due';

export type Failure = { errorType: ErrorType; message: string };

export type Planned =
  | { kind: 'timer'; value: TimerValue }
  | { kind: 'message'; value: MessageSubscriptionValue }
  | { kind: 'signal'; value: SignalSubscriptionValue };

export class SubscriptionBehavior {
  constructor(private readonly ctx: EngineContext) {}

  /** The events an element instance waits for, by element kind. */
  eventsOf(c: BpmnElementContext): ExecutableElement[] {
    const e = c.element;
    const events: ExecutableElement[] = [];
    const isInner = c.value.bpmnElementType !== 'MULTI_INSTANCE_BODY' && !!e.loop;
    // Errors and escalations are thrown inside the instance and looked up then (behaviors/errors.ts), compensation
    // boundary events only mark the activity compensable (behaviors/compensation.ts): no subscription.
    const thrownWithin = (t: string) => t === 'ERROR' || t === 'ESCALATION' || t === 'COMPENSATION';
    if (!isInner) events.push(...e.boundaryEvents.filter((b) => !thrownWithin(b.eventType)));
    if (e.eventSubprocesses.length > 0) {
      if (!(c.value.bpmnElementType === 'MULTI_INSTANCE_BODY')) {
        for (const esp of e.eventSubprocesses)
          events.push(...esp.startEvents.filter((s) => !thrownWithin(s.eventType)));
      }
    }
    if ((e.type === 'INTERMEDIATE_CATCH_EVENT' || e.type === 'RECEIVE_TASK') && !isInner) {
      if (!e.incoming.some((f) => f.source.type === 'EVENT_BASED_GATEWAY')) events.push(e);
    }
    if (e.type === 'RECEIVE_TASK' && isInner) events.push(e);
    if (e.type === 'EVENT_BASED_GATEWAY') events.push(...e.eventGatewayTargets);
    return events;
  }

  /** Evaluates and opens every subscription of the instance; undefined on success. */
  open(c: BpmnElementContext, events = this.eventsOf(c)): Failure | undefined {
    if (events.length === 0) return undefined;
    const planned = this.prepare(c, events, this.ctx.b.variables.lookup(c.key));
    if (!Array.isArray(planned)) return planned;
    this.write(planned);
    return undefined;
  }

  /** Evaluates the subscriptions of the given events without writing them (a migration checks first). */
  prepare(c: BpmnElementContext, events: ExecutableElement[], lookup: VariableLookup): Planned[] | Failure {
    const planned: Planned[] = [];
    for (const ev of events) {
      const p = this.plan(c, ev, lookup);
      if ('errorType' in p) return p;
      planned.push(p);
    }
    return planned;
  }

  /** As Zeebe's CatchEventBehavior subscribes: the message events first, then the timers, then the signals. */
  write(planned: Planned[]): void {
    const { w, keys } = this.ctx;
    for (const p of planned)
      if (p.kind === 'message') w.appendEvent(keys.next(), 'MESSAGE_SUBSCRIPTION', 'CREATED', p.value);
    for (const p of planned) if (p.kind === 'timer') w.appendEvent(keys.next(), 'TIMER', 'CREATED', p.value);
    for (const p of planned)
      if (p.kind === 'signal') w.appendEvent(keys.next(), 'SIGNAL_SUBSCRIPTION', 'CREATED', p.value);
  }

  /** Evaluates the subscriptions an instance would open, against the given variables, writing nothing. */
  check(c: BpmnElementContext, lookup: VariableLookup): Failure | undefined {
    for (const ev of this.eventsOf(c)) {
      const p = this.plan(c, ev, lookup);
      if ('errorType' in p) return p;
    }
    return undefined;
  }

  private plan(c: BpmnElementContext, ev: ExecutableElement, lookup: VariableLookup): Planned | Failure {
    const v = c.value;
    const { expressions } = this.ctx;
    if (ev.eventType === 'TIMER' && ev.timer) {
      const due = evaluateTimer(expressions, ev.timer, lookup, this.ctx.w.now);
      if (!due.ok) return { errorType: 'EXTRACT_VALUE_ERROR', message: due.message };
      return {
        kind: 'timer',
        value: {
          elementInstanceKey: c.key,
          processInstanceKey: v.processInstanceKey,
          processDefinitionKey: v.processDefinitionKey,
          dueDate: due.value.dueDate,
          targetElementId: ev.id,
          repetitions: due.value.repetitions,
          tenantId: v.tenantId,
        },
      };
    }
    if (ev.eventType === 'MESSAGE' && ev.message) {
      const name = expressions.string(ev.message.name, lookup);
      if (!name.ok) return { errorType: 'EXTRACT_VALUE_ERROR', message: name.message };
      const ck = ev.message.correlationKey
        ? expressions.correlationKey(ev.message.correlationKey, lookup)
        : { ok: true as const, value: '' };
      if (!ck.ok) return { errorType: 'EXTRACT_VALUE_ERROR', message: ck.message };
      return {
        kind: 'message',
        value: {
          processInstanceKey: v.processInstanceKey,
          elementInstanceKey: c.key,
          processDefinitionKey: v.processDefinitionKey,
          bpmnProcessId: v.bpmnProcessId,
          elementId: ev.id,
          messageName: name.value,
          correlationKey: ck.value,
          messageKey: -1,
          variables: {},
          interrupting:
            ev.interrupting || ev.type === 'INTERMEDIATE_CATCH_EVENT' || ev.type === 'RECEIVE_TASK',
          tenantId: v.tenantId,
        },
      };
    }
    if (ev.eventType === 'SIGNAL' && ev.signalName) {
      const name = expressions.string(ev.signalName, lookup);
      if (!name.ok) return { errorType: 'EXTRACT_VALUE_ERROR', message: name.message };
      return {
        kind: 'signal',
        value: {
          processDefinitionKey: v.processDefinitionKey,
          bpmnProcessId: v.bpmnProcessId,
          catchEventId: ev.id,
          catchEventInstanceKey: c.key,
          signalName: name.value,
          tenantId: v.tenantId,
        },
      };
    }
    return { errorType: 'UNKNOWN', message: `Unexpected event '${ev.id}' of type ${ev.eventType}` };
  }

  /** Closes every subscription the instance holds. */
  close(instanceKey: Key): void {
    const { state, w } = this.ctx;
    for (const key of [...state.timers.byElementInstance(instanceKey)]) {
      const t = state.timers.get(key);
      if (t) w.appendEvent(key, 'TIMER', 'CANCELED', t);
    }
    for (const key of [...state.subscriptions.messagesOfElement(instanceKey)]) {
      const s = state.subscriptions.message(key);
      if (s) w.appendEvent(key, 'MESSAGE_SUBSCRIPTION', 'DELETED', s);
    }
    for (const key of [...state.subscriptions.signalsOfElement(instanceKey)]) {
      const s = state.subscriptions.signal(key);
      if (s) w.appendEvent(key, 'SIGNAL_SUBSCRIPTION', 'DELETED', s);
    }
  }
}
