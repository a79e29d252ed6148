// USER_TASK commands (ZEEBE-SEMANTICS §9): assign, claim, update and complete from the REST API, and
// the engine's own COMPLETE_TASK_LISTENER / DENY_TASK_LISTENER written when a task listener's job
// completes. Each transition writes its transitional event; with task listeners for its event it
// waits there (the client too) until the last listener completed, else it ends at once.
import type { EngineContext } from '../context';
import type { EngineRecord } from '../../protocol/record';
import type { UserTask } from '../../state/user-tasks';
import { differing } from '../../behaviors/task-listeners';

type Command = EngineRecord<'USER_TASK'>;

const DENIED: Record<string, { intent: string; what: string }> = {
  COMPLETING: { intent: 'COMPLETION_DENIED', what: 'Completion' },
  ASSIGNING: { intent: 'ASSIGNMENT_DENIED', what: 'Assignment' },
  CLAIMING: { intent: 'ASSIGNMENT_DENIED', what: 'Assignment' },
  UPDATING: { intent: 'UPDATE_DENIED', what: 'Update' },
};

export class UserTaskProcessors {
  constructor(private readonly ctx: EngineContext) {}

  private find(command: Command, action: string): UserTask | undefined {
    const task = this.ctx.state.userTasks.get(command.key);
    if (!task) {
      this.ctx.w.reject(
        'NOT_FOUND',
        `Expected to ${action} user task with key '${command.key}', but no such user task was found`,
      );
      return undefined;
    }
    if (task.state !== 'CREATED') {
      this.ctx.w.reject(
        'INVALID_STATE',
        `Expected to ${action} user task with key '${command.key}', but it is in state '${task.state}'`,
      );
      return undefined;
    }
    return task;
  }

  assign(command: Command, claim: boolean): void {
    const task = this.find(command, claim ? 'claim' : 'assign');
    if (!task) return;
    const assignee = command.value.assignee;
    if (claim && task.value.assignee && task.value.assignee !== assignee) {
      return this.ctx.w.reject(
        'INVALID_STATE',
        `Expected to claim user task with key '${command.key}', but it has already been assigned`,
      );
    }
    this.ctx.b.userTasks.begin(task, claim ? 'CLAIMING' : 'ASSIGNING', {
      ...task.value,
      assignee,
      changedAttributes: ['assignee'],
      action: command.value.action || (claim ? 'claim' : 'assign'),
      variables: {},
    });
  }

  update(command: Command): void {
    const task = this.find(command, 'update');
    if (!task) return;
    const v = command.value;
    const next = {
      ...task.value,
      variables: {},
      action: v.action || 'update',
      changedAttributes: v.changedAttributes,
    };
    for (const attr of v.changedAttributes) {
      if (attr === 'dueDate') next.dueDate = v.dueDate;
      else if (attr === 'followUpDate') next.followUpDate = v.followUpDate;
      else if (attr === 'candidateGroupsList') next.candidateGroupsList = v.candidateGroupsList;
      else if (attr === 'candidateUsersList') next.candidateUsersList = v.candidateUsersList;
      else if (attr === 'priority') next.priority = v.priority;
    }
    this.ctx.b.userTasks.begin(task, 'UPDATING', next);
  }

  complete(command: Command): void {
    const task = this.find(command, 'complete');
    if (!task) return;
    this.ctx.b.userTasks.begin(task, 'COMPLETING', {
      ...task.value,
      variables: command.value.variables,
      action: command.value.action || 'complete',
      changedAttributes: [],
    });
  }

  /** A listener job completed (with corrections, maybe): the next listener, or the transition's end. */
  completeTaskListener(command: Command): void {
    const task = this.pending(command);
    if (!task?.intermediate) return;
    const { w, state, b } = this.ctx;
    const corrected = differing(command.value, task.intermediate);
    if (corrected.length > 0)
      w.appendEvent(task.key, 'USER_TASK', 'CORRECTED', { ...command.value, changedAttributes: corrected });
    b.userTasks.proceed(state.userTasks.get(task.key)!);
  }

  /** A listener denied the transition: the task goes back to CREATED as it was, corrections dropped. */
  denyTaskListener(command: Command): void {
    const task = this.pending(command);
    if (!task) return;
    const denied = DENIED[task.state];
    if (!denied) {
      return this.ctx.w.reject(
        'INVALID_STATE',
        `Expected to deny a transition of user task with key '${task.key}', but its state '${task.state}' cannot be denied`,
      );
    }
    const reason = command.value.deniedReason ?? '';
    this.ctx.w.appendEvent(task.key, 'USER_TASK', denied.intent, { ...task.value, deniedReason: reason });
    if (task.variableDocument) return this.ctx.b.userTaskVariables.deny(task, reason);
    this.ctx.b.taskListeners.answer(task.key, {
      ok: false,
      rejectionType: 'INVALID_STATE',
      reason: `${denied.what} of the User Task with key '${task.key}' was denied by Task Listener. Reason to deny: '${reason}'`,
    });
  }

  private pending(command: Command): UserTask | undefined {
    const task = this.ctx.state.userTasks.get(command.key);
    if (!task || task.state === 'CREATED') {
      this.ctx.w.reject(
        'INVALID_STATE',
        `Expected user task with key '${command.key}' to wait for its task listeners, but it does not`,
      );
      return undefined;
    }
    return task;
  }
}
