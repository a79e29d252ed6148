// Camunda user tasks (zeebe:userTask): the engine owns their lifecycle. Assignment, candidates,
// schedule, priority and the linked form are evaluated on activation, and creation waits for the
// creating task listeners; completion comes from the USER_TASK COMPLETE command (REST API),
// termination cancels the task.
import type { EngineContext } from '../context';
import type { BpmnElementContext, BpmnElementProcessor } from './types';
import type { ActivityBehavior } from './activity';
import type { Result } from '../../feel/expression';
import type { Key } from '../../protocol/keys';
import type { UserTaskValue } from '../../protocol/values';

export class UserTaskProcessor implements BpmnElementProcessor {
  constructor(
    private readonly ctx: EngineContext,
    private readonly activity: ActivityBehavior,
  ) {}

  onActivate(c: BpmnElementContext): void {
    const { b, w, keys } = this.ctx;
    if (!this.activity.enter(c)) return;
    const task = this.evaluate(c);
    if (!task.ok) {
      b.incidents.raise(c.instance, task.errorType ?? 'EXTRACT_VALUE_ERROR', task.message);
      return;
    }
    const key = keys.next();
    // The model's assignee rides on CREATING; the task is created without one and assigned after.
    w.appendEvent(key, 'USER_TASK', 'CREATING', { ...task.value, userTaskKey: key });
    this.activity.activated(c);
    b.userTasks.proceed(this.ctx.state.userTasks.get(key)!);
  }

  private evaluate(
    c: BpmnElementContext,
  ): Result<UserTaskValue> & { errorType?: 'EXTRACT_VALUE_ERROR' | 'FORM_NOT_FOUND' } {
    const { b, expressions, state } = this.ctx;
    const ut = c.element.userTask!;
    const lookup = b.variables.lookup(c.key);
    const fail = (message: string) => ({
      ok: false as const,
      message,
      errorType: 'EXTRACT_VALUE_ERROR' as const,
    });
    let assignee = '';
    if (ut.assignee) {
      const r = expressions.evaluate(ut.assignee, lookup);
      if (!r.ok) return fail(r.message);
      if (r.value !== null && typeof r.value !== 'string')
        return fail(
          `Expected result of the expression '${ut.assignee.text}' to be 'STRING', but was '${typeof r.value}'.`,
        );
      assignee = (r.value as string | null) ?? '';
    }
    const lists: Record<string, string[]> = { candidateGroups: [], candidateUsers: [] };
    for (const name of ['candidateGroups', 'candidateUsers'] as const) {
      const expr = ut[name];
      if (!expr) continue;
      const r = expressions.stringList(expr, lookup);
      if (!r.ok) return fail(r.message);
      lists[name] = r.value;
    }
    const dates: Record<string, string> = { dueDate: '', followUpDate: '' };
    for (const name of ['dueDate', 'followUpDate'] as const) {
      const expr = ut[name];
      if (!expr) continue;
      const r = expressions.optionalDateTime(expr, lookup);
      if (!r.ok) return fail(r.message);
      dates[name] = r.value ?? '';
    }
    let priority = 50;
    if (ut.priority) {
      const r = expressions.integer(ut.priority, lookup);
      if (!r.ok) return fail(r.message);
      if (r.value < 0 || r.value > 100)
        return fail(`Expected priority to be in the range [0,100], but was '${r.value}'.`);
      priority = r.value;
    }
    let formKey: Key = -1;
    if (ut.formId) {
      const process = state.definitions.process(c.value.processDefinitionKey);
      const form =
        ut.formBindingType === 'deployment'
          ? process && state.definitions.formInDeployment(process.deploymentKey, ut.formId)
          : ut.formBindingType === 'versionTag'
            ? state.definitions.latestFormWithTag(ut.formId, ut.formVersionTag ?? '')
            : state.definitions.latestForm(ut.formId);
      if (!form) {
        return {
          ok: false,
          errorType: 'FORM_NOT_FOUND',
          message: `Expected to find a form with id '${ut.formId}' (binding type '${ut.formBindingType}'), but no such form is deployed. To resolve the incident, deploy a form with this id.`,
        };
      }
      formKey = form.formKey;
    }
    const v = c.value;
    return {
      ok: true,
      value: {
        userTaskKey: -1,
        assignee,
        candidateGroupsList: lists.candidateGroups,
        candidateUsersList: lists.candidateUsers,
        dueDate: dates.dueDate,
        followUpDate: dates.followUpDate,
        formKey,
        externalFormReference: ut.externalFormReference ?? '',
        customHeaders: c.element.taskHeaders,
        creationTimestamp: this.ctx.w.now,
        elementId: v.elementId,
        elementInstanceKey: c.key,
        bpmnProcessId: v.bpmnProcessId,
        processDefinitionVersion: v.version,
        processDefinitionKey: v.processDefinitionKey,
        processInstanceKey: v.processInstanceKey,
        priority,
        variables: {},
        changedAttributes: [],
        action: '',
        tenantId: v.tenantId,
      },
    };
  }

  onComplete(c: BpmnElementContext): void {
    this.activity.complete(c, this.ctx.state.trigger(c.key)?.variables ?? null);
  }

  /**
   * The task is canceled (Zeebe 8.8): a pending transition's listener job, the subscriptions and the
   * incidents go, CANCELING is written, and with canceling listeners the element stays TERMINATING until
   * the last one completed (CONTINUE_TERMINATING_ELEMENT brings it back here, the task gone by then).
   */
  onTerminate(c: BpmnElementContext): void {
    const { state, w, b } = this.ctx;
    const task = c.instance.userTaskKey > 0 ? state.userTasks.get(c.instance.userTaskKey) : undefined;
    if (task?.state === 'CANCELING') return;
    if (task) {
      b.jobs.cancel(c.instance);
      b.subscriptions.close(c.key);
      b.incidents.resolveFor(c.instance);
      w.appendEvent(task.key, 'USER_TASK', 'CANCELING', { ...task.value, changedAttributes: [] });
      b.taskListeners.answerCanceled(task.key);
      if (b.taskListeners.has(c.element, 'canceling')) {
        b.userTasks.proceed(state.userTasks.get(task.key)!);
        return;
      }
      w.appendEvent(task.key, 'USER_TASK', 'CANCELED', task.value);
    }
    this.activity.terminate(c);
  }
}
