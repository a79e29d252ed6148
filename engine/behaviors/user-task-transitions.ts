// The lifecycle transitions of a Camunda user task (ZEEBE-SEMANTICS §9.3), shared by the user task's
// activation and the USER_TASK commands: a transition writes its transitional event, waits there
// while its task listeners run, and ends with the transition's record — the command's data with the
// listeners' corrections.
import type { EngineContext } from '../processors/context';
import type { UserTaskValue } from '../protocol/values';
import type { UserTask } from '../state/user-tasks';
import { differing } from './task-listeners';

/** A claim ends as an assignment does (Zeebe writes CLAIMING, then ASSIGNED). */
const ENDS = {
  ASSIGNING: 'ASSIGNED',
  CLAIMING: 'ASSIGNED',
  UPDATING: 'UPDATED',
  COMPLETING: 'COMPLETED',
} as const;

export class UserTaskTransitionBehavior {
  constructor(private readonly ctx: EngineContext) {}

  /** Writes the transitional event; the transition ends now unless a listener makes it wait. */
  begin(task: UserTask, intent: keyof typeof ENDS, next: UserTaskValue): void {
    const { w, state } = this.ctx;
    w.appendEvent(task.key, 'USER_TASK', intent, next);
    this.proceed(state.userTasks.get(task.key)!);
  }

  /**
   * The pending transition's next listener, or its end when every listener completed. A cancellation
   * holds no client of its own: the command that terminates the task (a cancel, a boundary event, a
   * modification) is answered at once.
   */
  proceed(task: UserTask): void {
    const { b } = this.ctx;
    if (!b.taskListeners.next(task)) this.finish(task);
    else if (task.state !== 'CANCELING') b.taskListeners.hold(task.key);
  }

  /** Ends the task's pending transition with its record. */
  private finish(task: UserTask): void {
    const { w, state, b } = this.ctx;
    const v = task.intermediate ?? task.value;
    if (task.state === 'CREATING') return this.created(task, v);
    if (task.state === 'CANCELING') return this.canceled(task, v);
    const changed = [...new Set([...(task.commandAttributes ?? []), ...differing(v, task.value)])];
    const intent = ENDS[task.state as keyof typeof ENDS];
    const document = intent === 'UPDATED' ? task.variableDocument : undefined;
    if (document) b.userTaskVariables.merge(document);
    w.appendEvent(task.key, 'USER_TASK', intent, { ...v, changedAttributes: changed });
    if (document) b.userTaskVariables.updated(task, document);
    else if (this.ctx.userTaskRequests.has(task.key))
      b.taskListeners.answer(task.key, { ok: true, value: {} });
    else if (w.command.valueType === 'USER_TASK' && w.command.key === task.key) w.respond({});
    if (intent !== 'COMPLETED') return;
    const instance = state.elements.get(task.value.elementInstanceKey);
    if (instance && instance.state === 'ELEMENT_ACTIVATED') b.transitions.completeElement(instance);
  }

  /** The canceling listeners are done: CANCELED, and the element's termination, held till now, goes on. */
  canceled(task: UserTask, v: UserTaskValue): void {
    const { w, state } = this.ctx;
    w.appendEvent(task.key, 'USER_TASK', 'CANCELED', v);
    const instance = state.elements.get(task.value.elementInstanceKey);
    if (instance?.state === 'ELEMENT_TERMINATING')
      w.appendCommand(instance.key, 'PROCESS_INSTANCE', 'CONTINUE_TERMINATING_ELEMENT', instance.value);
  }

  /**
   * Creation ends: CREATED without an assignee, then the assignment as its own transition — with the
   * model's assignee, or else the one a creating listener set (Zeebe's rule).
   */
  private created(task: UserTask, v: UserTaskValue): void {
    const { w, state } = this.ctx;
    w.appendEvent(task.key, 'USER_TASK', 'CREATED', { ...v, assignee: '', changedAttributes: [] });
    const assignee = task.value.assignee || v.assignee;
    if (!assignee) return;
    const created = state.userTasks.get(task.key)!;
    this.begin(created, 'ASSIGNING', {
      ...created.value,
      assignee,
      changedAttributes: ['assignee'],
      action: 'assign',
    });
  }
}
