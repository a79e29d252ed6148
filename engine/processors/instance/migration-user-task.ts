// A job-worker user task migrated to a Camunda user task, as Zeebe 8.8.20 does it: the new task keeps what the
// job carried — candidate groups and users, due and follow-up date, the form, the custom headers — and takes
// its priority and initial assignee from the target definition (the job's assignee is not kept). The job is
// canceled. Everything is evaluated before anything is written, so a failure refuses the migration.
import type { EngineContext } from '../context';
import type { ExecutableElement } from '../../model/types';
import type { Key } from '../../protocol/keys';
import type { JobValue, ProcessInstanceValue, UserTaskValue } from '../../protocol/values';
import type { MigrationRejection } from './migration-rules';

const RESERVED = 'io.camunda.zeebe:';

/** The element is a Camunda user task (a multi-instance body's inner activity counts). */
export function isCamundaUserTask(e: ExecutableElement): boolean {
  return e.type === 'USER_TASK' && (e.userTask?.native ?? false);
}

/** The new task's value (key still unset), or why it cannot be made. */
export function planUserTask(
  ctx: EngineContext,
  job: JobValue,
  instanceKey: Key,
  value: ProcessInstanceValue,
  target: ExecutableElement,
): UserTaskValue | MigrationRejection {
  const { expressions, b } = ctx;
  const ut = target.userTask!;
  const lookup = b.variables.lookup(instanceKey);
  const refuse = (message: string): MigrationRejection => ({
    type: 'INVALID_STATE',
    reason: `Expected to migrate process instance '${value.processInstanceKey}' but the job worker user task with id '${job.elementId}' cannot become the Camunda user task with id '${target.id}': ${message}`,
  });
  let assignee = '';
  if (ut.assignee) {
    const r = expressions.string(ut.assignee, lookup);
    if (!r.ok) return refuse(r.message);
    assignee = r.value ?? '';
  }
  let priority = 50;
  if (ut.priority) {
    const r = expressions.integer(ut.priority, lookup);
    if (!r.ok) return refuse(r.message);
    if (r.value < 0 || r.value > 100)
      return refuse(`Expected priority to be in the range [0,100], but was '${r.value}'.`);
    priority = r.value;
  }
  const headers = job.customHeaders;
  const form = formOf(ctx, headers[`${RESERVED}formKey`], value, target);
  if ('reason' in form) return refuse(form.reason);
  const list = (name: string): string[] | MigrationRejection => {
    const raw = headers[`${RESERVED}${name}`];
    if (raw === undefined) return [];
    try {
      const parsed: unknown = JSON.parse(raw);
      if (Array.isArray(parsed) && parsed.every((x) => typeof x === 'string')) return parsed as string[];
    } catch {
      // reported below, as for any value that is not a list of strings
    }
    return refuse(`the job's header '${RESERVED}${name}' is not a list of strings: ${raw}`);
  };
  const candidateGroupsList = list('candidateGroups');
  if (!Array.isArray(candidateGroupsList)) return candidateGroupsList;
  const candidateUsersList = list('candidateUsers');
  if (!Array.isArray(candidateUsersList)) return candidateUsersList;
  return {
    userTaskKey: -1,
    assignee,
    candidateGroupsList,
    candidateUsersList,
    dueDate: headers[`${RESERVED}dueDate`] ?? '',
    followUpDate: headers[`${RESERVED}followUpDate`] ?? '',
    formKey: form.formKey,
    externalFormReference: form.externalFormReference,
    customHeaders: Object.fromEntries(Object.entries(headers).filter(([k]) => !k.startsWith(RESERVED))),
    creationTimestamp: ctx.w.now,
    elementId: value.elementId,
    elementInstanceKey: instanceKey,
    bpmnProcessId: value.bpmnProcessId,
    processDefinitionVersion: value.version,
    processDefinitionKey: value.processDefinitionKey,
    processInstanceKey: value.processInstanceKey,
    priority,
    variables: {},
    changedAttributes: [],
    action: '',
    tenantId: value.tenantId,
  };
}

/**
 * The job's form reference stays; an embedded form (`camunda-forms:bpmn:…`), which a Camunda user task cannot
 * show, gives way to the target's form. No reference on the job: no form, as in Zeebe.
 */
function formOf(
  ctx: EngineContext,
  jobForm: string | undefined,
  value: ProcessInstanceValue,
  target: ExecutableElement,
): { formKey: Key; externalFormReference: string } | { reason: string } {
  const none = { formKey: -1, externalFormReference: '' };
  if (jobForm === undefined) return none;
  if (!jobForm.toLowerCase().includes('bpmn:usertaskform'))
    return { ...none, externalFormReference: jobForm };
  const ut = target.userTask!;
  if (ut.externalFormReference) return { ...none, externalFormReference: ut.externalFormReference };
  if (!ut.formId) return none;
  const { definitions } = ctx.state;
  const process = definitions.process(value.processDefinitionKey);
  const form =
    ut.formBindingType === 'deployment'
      ? process && definitions.formInDeployment(process.deploymentKey, ut.formId)
      : ut.formBindingType === 'versionTag'
        ? definitions.latestFormWithTag(ut.formId, ut.formVersionTag ?? '')
        : definitions.latestForm(ut.formId);
  if (!form)
    return { reason: `no form with id '${ut.formId}' (binding type '${ut.formBindingType}') is deployed` };
  return { ...none, formKey: form.formKey };
}

/** CREATING (with the assignee, as on activation), CREATED without it, the assignment, then the job canceled. */
export function writeUserTask(
  ctx: EngineContext,
  task: UserTaskValue,
  job: { key: Key; value: JobValue },
): Key {
  const { w, keys } = ctx;
  const key = keys.next();
  const value = { ...task, userTaskKey: key };
  w.appendEvent(key, 'USER_TASK', 'CREATING', value);
  w.appendEvent(key, 'USER_TASK', 'CREATED', { ...value, assignee: '' });
  if (value.assignee) {
    const assigned = { ...value, changedAttributes: ['assignee'], action: 'assign' };
    w.appendEvent(key, 'USER_TASK', 'ASSIGNING', assigned);
    w.appendEvent(key, 'USER_TASK', 'ASSIGNED', assigned);
  }
  w.appendEvent(job.key, 'JOB', 'CANCELED', job.value);
  return key;
}
