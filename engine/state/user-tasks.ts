// Camunda user tasks (zeebe:userTask) of running instances with their lifecycle state. While a
// transition waits for its task listeners, the task keeps its persisted value and holds the
// transition's own record (`intermediate`: the command's data with the listeners' corrections).
import type { Key } from '../protocol/keys';
import type { UserTaskValue, VariableDocumentValue } from '../protocol/values';

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
  /** The SetVariables on the task's element that began the pending update; merged when the update ends. */
  variableDocument?: { key: Key; value: VariableDocumentValue };
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
    const current = this.tasks.get(key);
    const document = state === 'UPDATING' ? current?.variableDocument : undefined;
    this.tasks.set(key, {
      key,
      state,
      value: current?.value ?? fallback,
      intermediate,
      commandAttributes: [...intermediate.changedAttributes],
      listenersDone: 0,
      ...(document ? { variableDocument: document } : {}),
    });
  }
  /** A SetVariables on the task's element waits with the update it begins (VARIABLE_DOCUMENT UPDATING). */
  holdDocument(key: Key, document: { key: Key; value: VariableDocumentValue }): void {
    const task = this.tasks.get(key);
    if (task) task.variableDocument = document;
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
