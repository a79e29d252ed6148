// USER_TASK commands from the REST API: assign, claim, update and complete (ZEEBE-SEMANTICS §9).
// Each writes the transitional and the final event, as Zeebe does when no task listener blocks.
import type { EngineContext } from '../context';
import type { EngineRecord } from '../../protocol/record';
import type { UserTask } from '../../state/user-tasks';

type Command = EngineRecord<'USER_TASK'>;

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
    const { w } = this.ctx;
    const assignee = command.value.assignee;
    if (claim && task.value.assignee && task.value.assignee !== assignee) {
      return w.reject(
        'INVALID_STATE',
        `Expected to claim user task with key '${command.key}', but it has already been assigned`,
      );
    }
    const changed = {
      ...task.value,
      assignee,
      changedAttributes: ['assignee'],
      action: command.value.action || (claim ? 'claim' : 'assign'),
      variables: {},
    };
    w.appendEvent(task.key, 'USER_TASK', 'ASSIGNING', changed);
    w.appendEvent(task.key, 'USER_TASK', 'ASSIGNED', changed);
    w.respond({});
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
    this.ctx.w.appendEvent(task.key, 'USER_TASK', 'UPDATING', next);
    this.ctx.w.appendEvent(task.key, 'USER_TASK', 'UPDATED', next);
    this.ctx.w.respond({});
  }

  complete(command: Command): void {
    const task = this.find(command, 'complete');
    if (!task) return;
    const { w, state, b } = this.ctx;
    const done = {
      ...task.value,
      variables: command.value.variables,
      action: command.value.action || 'complete',
      changedAttributes: [],
    };
    w.appendEvent(task.key, 'USER_TASK', 'COMPLETING', done);
    w.appendEvent(task.key, 'USER_TASK', 'COMPLETED', done);
    w.respond({});
    const instance = state.elements.get(task.value.elementInstanceKey);
    if (instance && instance.state === 'ELEMENT_ACTIVATED') b.transitions.completeElement(instance);
  }
}
