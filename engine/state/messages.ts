// Published messages buffered for their time to live, and which process ids each has been
// correlated to (a message correlates at most once per process id).
import type { Key } from '../protocol/keys';
import type { MessageValue } from '../protocol/values';
import { DueIndex } from './due-index';

export interface BufferedMessage {
  key: Key;
  value: MessageValue;
  correlatedProcessIds: string[];
}

export interface MessagesView {
  get(key: Key): BufferedMessage | undefined;
  /** Buffered messages with this name and correlation key, oldest first. */
  matching(name: string, correlationKey: string): Iterable<Key>;
  existsWithId(name: string, correlationKey: string, messageId: string): boolean;
  readonly size: number;
}

const match = (name: string, ck: string) => `${name}\u0000${ck}`;

export class MessageStore implements MessagesView {
  private readonly messages = new Map<Key, BufferedMessage>();
  private readonly byNameAndKey = new Map<string, Set<Key>>();
  private readonly ids = new Set<string>();
  readonly ttl = new DueIndex();

  get(key: Key): BufferedMessage | undefined {
    return this.messages.get(key);
  }

  matching(name: string, correlationKey: string): Iterable<Key> {
    return this.byNameAndKey.get(match(name, correlationKey)) ?? [];
  }

  existsWithId(name: string, correlationKey: string, messageId: string): boolean {
    return this.ids.has(`${match(name, correlationKey)}\u0000${messageId}`);
  }

  get size(): number {
    return this.messages.size;
  }

  add(key: Key, value: MessageValue, correlatedProcessIds: string[] = []): void {
    this.messages.set(key, { key, value, correlatedProcessIds });
    const m = match(value.name, value.correlationKey);
    let set = this.byNameAndKey.get(m);
    if (!set) this.byNameAndKey.set(m, (set = new Set()));
    set.add(key);
    if (value.messageId) this.ids.add(`${m}\u0000${value.messageId}`);
    this.ttl.add(value.deadline, key);
  }

  markCorrelated(key: Key, bpmnProcessId: string): void {
    const m = this.messages.get(key);
    if (m && !m.correlatedProcessIds.includes(bpmnProcessId)) m.correlatedProcessIds.push(bpmnProcessId);
  }

  remove(key: Key): void {
    const msg = this.messages.get(key);
    if (!msg) return;
    this.messages.delete(key);
    const m = match(msg.value.name, msg.value.correlationKey);
    const set = this.byNameAndKey.get(m);
    set?.delete(key);
    if (set?.size === 0) this.byNameAndKey.delete(m);
    if (msg.value.messageId) this.ids.delete(`${m}\u0000${msg.value.messageId}`);
  }

  toJSON(): BufferedMessage[] {
    return [...this.messages.values()];
  }

  load(data: BufferedMessage[]): void {
    for (const m of data) this.add(m.key, m.value, m.correlatedProcessIds);
  }
}
