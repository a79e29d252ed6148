// Message correlation (ZEEBE-SEMANTICS §6): to waiting subscriptions (at most once per process
// id), to message start events (honouring the correlation-key lock), and from the buffer when a
// subscription opens or a lock is released.
import type { EngineContext } from '../processors/context';
import type { Key } from '../protocol/keys';
import type { MessageValue } from '../protocol/values';

export interface Correlation {
  processInstanceKeys: Key[];
  /** The instance a start event created, preferred in the CorrelateMessage response. */
  startedInstanceKey: Key | undefined;
}

export class MessageBehavior {
  constructor(private readonly ctx: EngineContext) {}

  correlate(messageKey: Key, message: MessageValue, alreadyCorrelated: string[] = []): Correlation {
    const done = new Set(alreadyCorrelated);
    const result: Correlation = { processInstanceKeys: [], startedInstanceKey: undefined };
    const started = this.correlateToStartEvents(messageKey, message, done);
    if (started !== undefined) {
      result.startedInstanceKey = started;
      result.processInstanceKeys.push(started);
    }
    const { state } = this.ctx;
    for (const subKey of [...state.subscriptions.messagesFor(message.name, message.correlationKey)]) {
      const sub = state.subscriptions.message(subKey);
      if (!sub || done.has(sub.bpmnProcessId)) continue;
      if (this.correlateSubscription(subKey, messageKey, message)) {
        done.add(sub.bpmnProcessId);
        result.processInstanceKeys.push(sub.processInstanceKey);
      }
    }
    return result;
  }

  private correlateSubscription(subKey: Key, messageKey: Key, message: MessageValue): boolean {
    const { state, b, w } = this.ctx;
    const sub = state.subscriptions.message(subKey);
    if (!sub || !b.triggers.isAccepting(sub.elementInstanceKey)) return false;
    const target = state.definitions.model(sub.processDefinitionKey).elements.get(sub.elementId);
    if (!target) return false;
    w.appendEvent(subKey, 'MESSAGE_SUBSCRIPTION', 'CORRELATED', {
      ...sub,
      messageKey,
      variables: message.variables,
    });
    return b.triggers.trigger(sub.elementInstanceKey, target, message.variables);
  }

  private correlateToStartEvents(messageKey: Key, message: MessageValue, done: Set<string>): Key | undefined {
    const { state, b, w, keys } = this.ctx;
    let first: Key | undefined;
    for (const sub of [...state.subscriptions.messageStarts(message.name)]) {
      if (done.has(sub.bpmnProcessId)) continue;
      if (
        message.correlationKey !== '' &&
        state.subscriptions.lockedBy(sub.bpmnProcessId, message.correlationKey) !== undefined
      )
        continue;
      const definition = state.definitions.process(sub.processDefinitionKey);
      if (!definition) continue;
      const model = state.definitions.model(sub.processDefinitionKey);
      const start = model.elements.get(sub.startEventId);
      if (!start) continue;
      const processInstanceKey = keys.next();
      w.appendEvent(keys.next(), 'MESSAGE_START_EVENT_SUBSCRIPTION', 'CORRELATED', {
        ...sub,
        messageKey,
        processInstanceKey,
        correlationKey: message.correlationKey,
        variables: message.variables,
      });
      b.triggers.startInstance(definition, start, message.variables, processInstanceKey);
      done.add(sub.bpmnProcessId);
      first ??= processInstanceKey;
    }
    return first;
  }

  /**
   * After an element opened its subscriptions: the oldest buffered message for each, if any; a
   * non-interrupting subscription goes on with the next buffered message, as Zeebe's does.
   */
  correlateBuffered(elementInstanceKey: Key): void {
    const { state } = this.ctx;
    for (const subKey of [...state.subscriptions.messagesOfElement(elementInstanceKey)]) {
      const sub = state.subscriptions.message(subKey);
      if (!sub) continue;
      for (const messageKey of [...state.messages.matching(sub.messageName, sub.correlationKey)]) {
        const message = state.messages.get(messageKey);
        if (!message || message.correlatedProcessIds.includes(sub.bpmnProcessId)) continue;
        if (this.correlateSubscription(subKey, messageKey, message.value) && sub.interrupting) break;
      }
      if (!this.ctx.b.triggers.isAccepting(elementInstanceKey)) return;
    }
  }

  /**
   * When an instance started by a keyed message has ended (its lock is gone), the oldest buffered
   * message with that key starts the next instance of the latest version.
   */
  startFromBuffer(lock: { bpmnProcessId: string; correlationKey: string }): void {
    const { state, b, w, keys } = this.ctx;
    const definition = state.definitions.latestProcess(lock.bpmnProcessId);
    if (!definition) return;
    const model = state.definitions.model(definition.processDefinitionKey);
    for (const sub of state.subscriptions.messageStartsOf(definition.processDefinitionKey)) {
      for (const messageKey of [...state.messages.matching(sub.messageName, lock.correlationKey)]) {
        const message = state.messages.get(messageKey);
        if (!message || message.correlatedProcessIds.includes(lock.bpmnProcessId)) continue;
        const start = model.elements.get(sub.startEventId);
        if (!start) return;
        const processInstanceKey = keys.next();
        w.appendEvent(keys.next(), 'MESSAGE_START_EVENT_SUBSCRIPTION', 'CORRELATED', {
          ...sub,
          messageKey,
          processInstanceKey,
          correlationKey: lock.correlationKey,
          variables: message.value.variables,
        });
        b.triggers.startInstance(definition, start, message.value.variables, processInstanceKey);
        return;
      }
    }
  }
}
