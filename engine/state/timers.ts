// Timers waiting to fire: catch events, boundary events, event-subprocess and process start events.
import type { Key } from '../protocol/keys';
import type { TimerValue } from '../protocol/values';
import { DueIndex } from './due-index';

export interface TimersView {
  get(key: Key): TimerValue | undefined;
  byElementInstance(elementInstanceKey: Key): Iterable<Key>;
  byProcessDefinition(processDefinitionKey: Key): Iterable<Key>;
  readonly size: number;
}

export class TimerStore implements TimersView {
  private readonly timers = new Map<Key, TimerValue>();
  private readonly byScope = new Map<Key, Set<Key>>();
  private readonly startTimers = new Map<Key, Set<Key>>();
  readonly due = new DueIndex();

  get(key: Key): TimerValue | undefined {
    return this.timers.get(key);
  }

  byElementInstance(elementInstanceKey: Key): Iterable<Key> {
    return this.byScope.get(elementInstanceKey) ?? [];
  }

  byProcessDefinition(processDefinitionKey: Key): Iterable<Key> {
    return this.startTimers.get(processDefinitionKey) ?? [];
  }

  get size(): number {
    return this.timers.size;
  }

  add(key: Key, timer: TimerValue): void {
    this.timers.set(key, timer);
    const index = timer.elementInstanceKey > 0 ? this.byScope : this.startTimers;
    const owner = timer.elementInstanceKey > 0 ? timer.elementInstanceKey : timer.processDefinitionKey;
    let set = index.get(owner);
    if (!set) index.set(owner, (set = new Set()));
    set.add(key);
    this.due.add(timer.dueDate, key);
  }

  /** A new value with the same owner and due date (a migration). */
  replace(key: Key, timer: TimerValue): void {
    if (this.timers.has(key)) this.timers.set(key, timer);
  }

  remove(key: Key): void {
    const timer = this.timers.get(key);
    if (!timer) return;
    this.timers.delete(key);
    const index = timer.elementInstanceKey > 0 ? this.byScope : this.startTimers;
    const owner = timer.elementInstanceKey > 0 ? timer.elementInstanceKey : timer.processDefinitionKey;
    const set = index.get(owner);
    set?.delete(key);
    if (set?.size === 0) index.delete(owner);
  }

  toJSON(): [Key, TimerValue][] {
    return [...this.timers];
  }

  load(data: [Key, TimerValue][]): void {
    for (const [k, t] of data) this.add(k, t);
  }
}
