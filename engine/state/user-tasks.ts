// Camunda user tasks (zeebe:userTask) of running instances with their lifecycle state. While a
// transition waits for its task listeners, the task keeps its persisted value and holds the
// transition's own record (`intermediate`: the command's data with the listeners' corrections).
import type { Key } from '../protocol/keys';
import type { UserTaskValue } from '../protocol/values';

export type UserTaskState =
  'CREATING' | 'CREATED' | 'ASSIGNING' | 'CLAIMING' | 'UPDATING' | 'COMPLETING' | 'CANCELING';

export interface UserTask {
  key: Key;
  state: UserTaskState;
  value: UserTaskValue;
  /** The pending transition's record (absent when no transition is pending). */
  intermediate?: UserTaskValue;
  /** The attributes the transition's command changed (the listener jobs' changedAttributes start from them). */
  commandAttributes?: string[];
  /** Task listeners of the pending transition completed so far. */
  listenersDone?: number;
}

export interface UserTasksView {
  get(key: Key): UserTask | undefined;
  readonly size: number;
}

export class UserTaskStore implements UserTasksView {
  private readonly tasks = new Map<Key, UserTask>();

  get(key: Key): UserTask | undefined {
    return this.tasks.get(key);
  }
  get size(): number {
    return this.tasks.size;
  }
  /** A settled state: the value is persisted, no transition is pending. */
  put(key: Key, state: UserTaskState, value: UserTaskValue): void {
    this.tasks.set(key, { key, state, value });
  }
  /** A transition begins: the persisted value stays, the transition's record waits beside it. */
  begin(key: Key, state: UserTaskState, intermediate: UserTaskValue, fallback: UserTaskValue): void {
    const value = this.tasks.get(key)?.value ?? fallback;
    this.tasks.set(key, {
      key,
      state,
      value,
      intermediate,
      commandAttributes: [...intermediate.changedAttributes],
      listenersDone: 0,
    });
  }
  remove(key: Key): void {
    this.tasks.delete(key);
  }
  toJSON(): UserTask[] {
    return [...this.tasks.values()];
  }
  load(data: UserTask[]): void {
    for (const t of data) this.tasks.set(t.key, t);
  }
}
