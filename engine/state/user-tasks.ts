// Camunda user tasks (zeebe:userTask) of running instances with their lifecycle state.
import type { Key } from '../protocol/keys';
import type { UserTaskValue } from '../protocol/values';

export type UserTaskState = 'CREATING' | 'CREATED' | 'ASSIGNING' | 'UPDATING' | 'COMPLETING' | 'CANCELING';

export interface UserTask {
  key: Key;
  state: UserTaskState;
  value: UserTaskValue;
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
  put(key: Key, state: UserTaskState, value: UserTaskValue): void {
    this.tasks.set(key, { key, state, value });
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
