// Open event subscriptions: messages awaited by running elements, message and signal start events
// of the latest process versions, signal catch events, and the correlation-key lock that keeps a
// second instance from starting by the same message key while the first is active.
import type { Key } from '../protocol/keys';
import type {
  MessageStartEventSubscriptionValue,
  MessageSubscriptionValue,
  SignalSubscriptionValue,
} from '../protocol/values';

const match = (name: string, ck: string) => `${name}\u0000${ck}`;

export interface SubscriptionsView {
  message(key: Key): MessageSubscriptionValue | undefined;
  messagesFor(name: string, correlationKey: string): Iterable<Key>;
  messagesOfElement(elementInstanceKey: Key): Iterable<Key>;
  messageStarts(name: string): Iterable<MessageStartEventSubscriptionValue>;
  messageStartsOf(processDefinitionKey: Key): MessageStartEventSubscriptionValue[];
  signal(key: Key): SignalSubscriptionValue | undefined;
  signalsFor(name: string): Iterable<Key>;
  signalsOfElement(elementInstanceKey: Key): Iterable<Key>;
  signalStartsOf(processDefinitionKey: Key): Iterable<Key>;
  lockedBy(bpmnProcessId: string, correlationKey: string): Key | undefined;
  lockOf(processInstanceKey: Key): { bpmnProcessId: string; correlationKey: string } | undefined;
}

function addTo<K, V>(index: Map<K, Set<V>>, k: K, v: V): void {
  let s = index.get(k);
  if (!s) index.set(k, (s = new Set()));
  s.add(v);
}

function removeFrom<K, V>(index: Map<K, Set<V>>, k: K, v: V): void {
  const s = index.get(k);
  if (!s) return;
  s.delete(v);
  if (s.size === 0) index.delete(k);
}

export class SubscriptionStore implements SubscriptionsView {
  private readonly messageSubs = new Map<Key, MessageSubscriptionValue>();
  private readonly messageIndex = new Map<string, Set<Key>>();
  private readonly messageByElement = new Map<Key, Set<Key>>();
  /** message name → process definition key → start subscription (latest versions only). */
  private readonly startSubs = new Map<string, Map<Key, MessageStartEventSubscriptionValue>>();
  private readonly signalSubs = new Map<Key, SignalSubscriptionValue>();
  private readonly signalIndex = new Map<string, Set<Key>>();
  private readonly signalByElement = new Map<Key, Set<Key>>();
  private readonly signalStarts = new Map<Key, Set<Key>>();
  private readonly locks = new Map<string, Key>();
  private readonly lockOwners = new Map<Key, { bpmnProcessId: string; correlationKey: string }>();

  message(key: Key): MessageSubscriptionValue | undefined {
    return this.messageSubs.get(key);
  }
  messagesFor(name: string, correlationKey: string): Iterable<Key> {
    return this.messageIndex.get(match(name, correlationKey)) ?? [];
  }
  messagesOfElement(elementInstanceKey: Key): Iterable<Key> {
    return this.messageByElement.get(elementInstanceKey) ?? [];
  }
  messageStarts(name: string): Iterable<MessageStartEventSubscriptionValue> {
    return this.startSubs.get(name)?.values() ?? [];
  }
  messageStartsOf(processDefinitionKey: Key): MessageStartEventSubscriptionValue[] {
    const out: MessageStartEventSubscriptionValue[] = [];
    for (const byProcess of this.startSubs.values()) {
      const s = byProcess.get(processDefinitionKey);
      if (s) out.push(s);
    }
    return out;
  }
  signal(key: Key): SignalSubscriptionValue | undefined {
    return this.signalSubs.get(key);
  }
  signalsFor(name: string): Iterable<Key> {
    return this.signalIndex.get(name) ?? [];
  }
  signalsOfElement(elementInstanceKey: Key): Iterable<Key> {
    return this.signalByElement.get(elementInstanceKey) ?? [];
  }
  signalStartsOf(processDefinitionKey: Key): Iterable<Key> {
    return this.signalStarts.get(processDefinitionKey) ?? [];
  }
  lockedBy(bpmnProcessId: string, correlationKey: string): Key | undefined {
    return this.locks.get(match(bpmnProcessId, correlationKey));
  }
  lockOf(processInstanceKey: Key): { bpmnProcessId: string; correlationKey: string } | undefined {
    return this.lockOwners.get(processInstanceKey);
  }

  addMessage(key: Key, v: MessageSubscriptionValue): void {
    this.messageSubs.set(key, v);
    addTo(this.messageIndex, match(v.messageName, v.correlationKey), key);
    addTo(this.messageByElement, v.elementInstanceKey, key);
  }
  /** A new value with the same name, correlation key and element instance (a migration). */
  replaceMessage(key: Key, v: MessageSubscriptionValue): void {
    if (this.messageSubs.has(key)) this.messageSubs.set(key, v);
  }

  replaceSignal(key: Key, v: SignalSubscriptionValue): void {
    if (this.signalSubs.has(key)) this.signalSubs.set(key, v);
  }

  removeMessage(key: Key): void {
    const v = this.messageSubs.get(key);
    if (!v) return;
    this.messageSubs.delete(key);
    removeFrom(this.messageIndex, match(v.messageName, v.correlationKey), key);
    removeFrom(this.messageByElement, v.elementInstanceKey, key);
  }
  addMessageStart(v: MessageStartEventSubscriptionValue): void {
    let byProcess = this.startSubs.get(v.messageName);
    if (!byProcess) this.startSubs.set(v.messageName, (byProcess = new Map()));
    byProcess.set(v.processDefinitionKey, v);
  }
  removeMessageStart(processDefinitionKey: Key, messageName: string): void {
    const byProcess = this.startSubs.get(messageName);
    byProcess?.delete(processDefinitionKey);
    if (byProcess?.size === 0) this.startSubs.delete(messageName);
  }
  addSignal(key: Key, v: SignalSubscriptionValue): void {
    this.signalSubs.set(key, v);
    addTo(this.signalIndex, v.signalName, key);
    if (v.catchEventInstanceKey > 0) addTo(this.signalByElement, v.catchEventInstanceKey, key);
    else addTo(this.signalStarts, v.processDefinitionKey, key);
  }
  removeSignal(key: Key): void {
    const v = this.signalSubs.get(key);
    if (!v) return;
    this.signalSubs.delete(key);
    removeFrom(this.signalIndex, v.signalName, key);
    if (v.catchEventInstanceKey > 0) removeFrom(this.signalByElement, v.catchEventInstanceKey, key);
    else removeFrom(this.signalStarts, v.processDefinitionKey, key);
  }
  lock(bpmnProcessId: string, correlationKey: string, processInstanceKey: Key): void {
    this.locks.set(match(bpmnProcessId, correlationKey), processInstanceKey);
    this.lockOwners.set(processInstanceKey, { bpmnProcessId, correlationKey });
  }
  unlock(processInstanceKey: Key): void {
    const owner = this.lockOwners.get(processInstanceKey);
    if (!owner) return;
    this.lockOwners.delete(processInstanceKey);
    this.locks.delete(match(owner.bpmnProcessId, owner.correlationKey));
  }

  toJSON() {
    return {
      messages: [...this.messageSubs],
      starts: [...this.startSubs.values()].flatMap((m) => [...m.values()]),
      signals: [...this.signalSubs],
      locks: [...this.lockOwners],
    };
  }

  load(data: ReturnType<SubscriptionStore['toJSON']>): void {
    for (const [k, v] of data.messages) this.addMessage(k, v);
    for (const v of data.starts) this.addMessageStart(v);
    for (const [k, v] of data.signals) this.addSignal(k, v);
    for (const [k, o] of data.locks) this.lock(o.bpmnProcessId, o.correlationKey, k);
  }
}
