// SetVariables on a Camunda user task's own element instance (Zeebe 8.8): not a plain merge but the task's
// `updating` transition with `changedAttributes: ["variables"]`. VARIABLE_DOCUMENT UPDATING and USER_TASK
// UPDATING are written, the updating listeners run, and only when the update ends are the variables merged
// (USER_TASK UPDATED, VARIABLE_DOCUMENT UPDATED) and the request answered; a denial writes UPDATE_DENIED and
// VARIABLE_DOCUMENT UPDATE_DENIED and the variables are never set.
import type { EngineContext } from '../processors/context';
import type { CommandResult } from '../processors/writers';
import type { EngineRecord } from '../protocol/record';
import type { UserTask } from '../state/user-tasks';

type HeldDocument = NonNullable<UserTask['variableDocument']>;

export class UserTaskVariableUpdates {
  constructor(private readonly ctx: EngineContext) {}

  /** Begins the update for the task whose element is the command's scope. */
  begin(command: EngineRecord<'VARIABLE_DOCUMENT'>, task: UserTask): void {
    const { w, keys, b, state } = this.ctx;
    if (task.state !== 'CREATED') {
      return w.reject(
        'INVALID_STATE',
        `Expected to trigger update transition for user task with key '${task.key}', but it is in state '${task.state}'`,
      );
    }
    w.appendEvent(keys.next(), 'VARIABLE_DOCUMENT', 'UPDATING', command.value);
    b.userTasks.begin(state.userTasks.get(task.key)!, 'UPDATING', {
      ...task.value,
      variables: command.value.variables,
      changedAttributes: ['variables'],
    });
  }

  /** The update ends: first the held variables are merged (before USER_TASK UPDATED, as in Zeebe)… */
  merge(document: HeldDocument): void {
    const { scopeKey, variables, updateSemantics } = document.value;
    if (updateSemantics === 'LOCAL') this.ctx.b.variables.setLocalDocument(scopeKey, variables);
    else this.ctx.b.variables.propagate(scopeKey, variables);
  }

  /** …then, after UPDATED, the document is UPDATED and the request answered with its key. */
  updated(task: UserTask, document: HeldDocument): void {
    this.ctx.w.appendEvent(document.key, 'VARIABLE_DOCUMENT', 'UPDATED', document.value);
    this.answer(task, { ok: true, value: { key: document.key } });
  }

  /** A listener denied the update: the variables are dropped and the request refused with Zeebe's text. */
  deny(task: UserTask, reason: string): void {
    const document = task.variableDocument;
    if (!document) return;
    this.ctx.w.appendEvent(document.key, 'VARIABLE_DOCUMENT', 'UPDATE_DENIED', document.value);
    this.answer(task, {
      ok: false,
      rejectionType: 'INVALID_STATE',
      reason: `Variable update for user task instance with key '${task.value.elementInstanceKey}' was denied by Task Listener. Reason to deny: '${reason}'`,
    });
  }

  private answer(task: UserTask, result: CommandResult): void {
    const { w, b, userTaskRequests } = this.ctx;
    if (userTaskRequests.has(task.key)) b.taskListeners.answer(task.key, result);
    else if (w.command.valueType === 'VARIABLE_DOCUMENT' && result.ok) w.respond(result.value);
  }
}
