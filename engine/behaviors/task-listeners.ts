// User task listeners at run time (ZEEBE-SEMANTICS §9.3): a transition of a Camunda user task
// (creating, assigning, updating, completing, canceling) waits in its transitional state while its
// listeners run one after another, each as a job of kind TASK_LISTENER carrying the task's data in
// reserved headers. The request that began the transition is answered when the transition ends.
import type { EngineContext } from '../processors/context';
import type { CommandResult } from '../processors/writers';
import type { TaskListener, TaskListenerEventType } from '../model/task-listeners';
import type { ExecutableElement } from '../model/types';
import type { JobListenerEventType, UserTaskCorrections, UserTaskValue } from '../protocol/values';
import type { UserTask, UserTaskState } from '../state/user-tasks';

const EVENT_OF_STATE: Partial<Record<UserTaskState, TaskListenerEventType>> = {
  CREATING: 'creating',
  ASSIGNING: 'assigning',
  CLAIMING: 'assigning',
  UPDATING: 'updating',
  COMPLETING: 'completing',
  CANCELING: 'canceling',
};

/** Attributes a listener may correct, by their record names; the same names list what changed. */
export const CORRECTABLE: (keyof UserTaskCorrections)[] = [
  'assignee',
  'candidateGroupsList',
  'candidateUsersList',
  'dueDate',
  'followUpDate',
  'priority',
];

function same(a: unknown, b: unknown): boolean {
  return JSON.stringify(a) === JSON.stringify(b);
}

/** The correctable attributes whose values differ between two records of the task. */
export function differing(a: UserTaskValue, b: UserTaskValue): string[] {
  return CORRECTABLE.filter((name) => !same(a[name], b[name]));
}

export class TaskListenerBehavior {
  constructor(private readonly ctx: EngineContext) {}

  private element(task: UserTask): ExecutableElement | undefined {
    const v = task.value;
    return this.ctx.state.definitions.model(v.processDefinitionKey).elements.get(v.elementId);
  }

  /** The task's listeners for the event of its current transitional state. */
  listeners(task: UserTask): TaskListener[] {
    const event = EVENT_OF_STATE[task.state];
    if (!event) return [];
    return this.element(task)?.userTask?.taskListeners.filter((l) => l.eventType === event) ?? [];
  }

  /** Whether the element has listeners for this event (asked before the transition is written). */
  has(element: ExecutableElement, event: TaskListenerEventType): boolean {
    return element.userTask?.taskListeners.some((l) => l.eventType === event) ?? false;
  }

  /**
   * Creates the job of the transition's next listener, or raises the incident its expressions cause.
   * True when the transition must wait (a job or an incident); false when every listener completed.
   */
  next(task: UserTask): boolean {
    const listeners = this.listeners(task);
    const index = task.listenersDone ?? 0;
    if (index >= listeners.length) return false;
    const { state, b } = this.ctx;
    const instance = state.elements.get(task.value.elementInstanceKey);
    const element = this.element(task);
    if (!instance || !element) return true;
    const listener = listeners[index];
    const job = b.jobs.evaluateTypeAndRetries(listener.type, listener.retries, instance);
    if (!job.ok) {
      b.incidents.raise(instance, 'EXTRACT_VALUE_ERROR', job.message);
      return true;
    }
    b.jobs.create(element, instance, job.value.type, job.value.retries, this.headers(task), {
      jobKind: 'TASK_LISTENER',
      jobListenerEventType: listener.eventType.toUpperCase() as JobListenerEventType,
    });
    return true;
  }

  /** The task's data as Zeebe hands it to a listener: reserved `io.camunda.zeebe:` headers. */
  private headers(task: UserTask): Record<string, string> {
    const v = task.intermediate ?? task.value;
    const changed = new Set([...(task.commandAttributes ?? []), ...differing(v, task.value)]);
    const headers: Record<string, string> = {};
    const put = (name: string, value: string) => {
      if (value !== '') headers[`io.camunda.zeebe:${name}`] = value;
    };
    const list = (values: string[]) => (values.length > 0 ? JSON.stringify(values) : '');
    put('action', v.action);
    put('changedAttributes', list([...changed].sort()));
    put('priority', v.priority > 0 ? String(v.priority) : '');
    put('userTaskKey', String(task.key));
    put('assignee', v.assignee);
    put('candidateGroups', list(v.candidateGroupsList));
    put('candidateUsers', list(v.candidateUsersList));
    put('dueDate', v.dueDate);
    put('followUpDate', v.followUpDate);
    put('formKey', v.formKey > 0 ? String(v.formKey) : '');
    return headers;
  }

  /** Keeps the current command's client waiting until the transition ends. */
  hold(taskKey: number): void {
    const responder = this.ctx.w.detachResponder();
    if (responder) this.ctx.userTaskRequests.set(taskKey, responder);
  }

  /** A client waiting for a transition its listeners held learns that the task was canceled. */
  answerCanceled(taskKey: number): void {
    this.answer(taskKey, {
      ok: false,
      rejectionType: 'INVALID_STATE',
      reason: `The user task with key '${taskKey}' was canceled before its task listeners completed`,
    });
  }

  /** Answers the client that began the task's transition, if it still waits (after commit). */
  answer(taskKey: number, result: CommandResult): void {
    const responder = this.ctx.userTaskRequests.get(taskKey);
    if (!responder) return;
    this.ctx.userTaskRequests.delete(taskKey);
    this.ctx.w.sideEffect(() => responder(result));
  }
}
