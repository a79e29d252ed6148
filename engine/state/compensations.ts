// Compensation subscriptions of running process instances (Zeebe's CompensationSubscriptionState): one per
// completed compensable activity, until its handler completed or its scope went away.
import type { Key } from '../protocol/keys';
import type { CompensationSubscriptionValue } from '../protocol/values';

export interface CompensationSubscription {
  key: Key;
  value: CompensationSubscriptionValue;
}

export interface CompensationsView {
  /** The instance's subscriptions in the order they were created. */
  ofProcessInstance(processInstanceKey: Key): CompensationSubscription[];
  readonly size: number;
}

export class CompensationStore implements CompensationsView {
  private readonly subscriptions = new Map<Key, CompensationSubscriptionValue>();
  private readonly byInstance = new Map<Key, Set<Key>>();

  ofProcessInstance(processInstanceKey: Key): CompensationSubscription[] {
    const keys = this.byInstance.get(processInstanceKey);
    if (!keys) return [];
    // Keys grow with creation, so sorting them gives creation order whatever the replay order of the map.
    return [...keys].sort((a, b) => a - b).map((key) => ({ key, value: this.subscriptions.get(key)! }));
  }

  get size(): number {
    return this.subscriptions.size;
  }

  put(key: Key, value: CompensationSubscriptionValue): void {
    this.subscriptions.set(key, value);
    let keys = this.byInstance.get(value.processInstanceKey);
    if (!keys) this.byInstance.set(value.processInstanceKey, (keys = new Set()));
    keys.add(key);
  }

  remove(key: Key): void {
    const value = this.subscriptions.get(key);
    if (!value) return;
    this.subscriptions.delete(key);
    const keys = this.byInstance.get(value.processInstanceKey);
    keys?.delete(key);
    if (keys?.size === 0) this.byInstance.delete(value.processInstanceKey);
  }

  toJSON(): [Key, CompensationSubscriptionValue][] {
    return [...this.subscriptions];
  }

  load(data: [Key, CompensationSubscriptionValue][] = []): void {
    for (const [k, v] of data) this.put(k, v);
  }
}
