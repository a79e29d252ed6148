// Job results of REST jobs (Camunda 8.8): a task listener's completion `result` (denial or corrections) or an
// ad-hoc subprocess job's (elements to activate, completion condition fulfilled) turned into the engine's job
// result, and the `userTask` an activated task listener job carries, read back from the reserved headers the
// engine gave the job.
import { z } from 'zod';
import { dateTime, jsonObject } from '../validation';
import type { JobResult, JobValue, UserTaskCorrections } from '../../../protocol/values';

const clearableDate = z.union([z.literal(''), dateTime]);

/** `null` or absence keeps an attribute; `''` / `[]` clears it. */
const corrections = z.strictObject({
  assignee: z.string().nullable().optional(),
  dueDate: clearableDate.nullable().optional(),
  followUpDate: clearableDate.nullable().optional(),
  candidateUsers: z.array(z.string()).nullable().optional(),
  candidateGroups: z.array(z.string()).nullable().optional(),
  priority: z.number().int().min(0).max(100).nullable().optional(),
});

/** An inner element an ad-hoc subprocess's job activates, with the variables of its inner instance. */
const activateElement = z.strictObject({
  elementId: z.string().min(1, 'expected a non-empty element id'),
  variables: jsonObject.nullable().optional(),
});

export const jobResult = z.strictObject({
  type: z.enum(['userTask', 'adHocSubProcess']).optional(),
  denied: z.boolean().nullable().optional(),
  deniedReason: z.string().nullable().optional(),
  corrections: corrections.nullable().optional(),
  activateElements: z.array(activateElement).nullable().optional(),
  isCompletionConditionFulfilled: z.boolean().nullable().optional(),
  isCancelRemainingInstances: z.boolean().nullable().optional(),
});

/** The REST names of the correctable attributes against the record's names. */
const RECORD_NAMES: Record<string, keyof UserTaskCorrections> = {
  assignee: 'assignee',
  dueDate: 'dueDate',
  followUpDate: 'followUpDate',
  candidateUsers: 'candidateUsersList',
  candidateGroups: 'candidateGroupsList',
  priority: 'priority',
};

export function toJobResult(r: z.infer<typeof jobResult>): JobResult {
  const adHoc =
    r.type === 'adHocSubProcess' ||
    (r.type === undefined &&
      [r.activateElements, r.isCompletionConditionFulfilled, r.isCancelRemainingInstances].some(
        (f) => f !== undefined && f !== null,
      ));
  if (adHoc) {
    return {
      type: 'AD_HOC_SUB_PROCESS',
      denied: false,
      deniedReason: '',
      correctedAttributes: [],
      corrections: {},
      activateElements: (r.activateElements ?? []).map((e) => ({
        elementId: e.elementId,
        variables: e.variables ?? {},
      })),
      isCompletionConditionFulfilled: r.isCompletionConditionFulfilled ?? false,
      isCancelRemainingInstances: r.isCancelRemainingInstances ?? false,
    };
  }
  const result: JobResult = {
    denied: r.denied ?? false,
    deniedReason: r.deniedReason ?? '',
    correctedAttributes: [],
    corrections: {},
  };
  for (const [name, value] of Object.entries(r.corrections ?? {})) {
    if (value === null || value === undefined) continue;
    const recordName = RECORD_NAMES[name];
    result.correctedAttributes.push(recordName);
    Object.assign(result.corrections, { [recordName]: value });
  }
  return result;
}

/** The activated job's `userTask` (task listener jobs only), as Camunda 8.8 shows it. */
export function userTaskOf(v: JobValue): Record<string, unknown> | undefined {
  if (v.jobKind !== 'TASK_LISTENER') return undefined;
  const h = (name: string) => v.customHeaders[`io.camunda.zeebe:${name}`];
  const list = (name: string) => (h(name) ? (JSON.parse(h(name)) as string[]) : []);
  return {
    action: h('action') ?? '',
    assignee: h('assignee') ?? null,
    candidateGroups: list('candidateGroups'),
    candidateUsers: list('candidateUsers'),
    changedAttributes: list('changedAttributes'),
    dueDate: h('dueDate') ?? null,
    followUpDate: h('followUpDate') ?? null,
    ...(h('formKey') ? { formKey: h('formKey') } : {}),
    priority: h('priority') ? Number(h('priority')) : null,
    userTaskKey: h('userTaskKey') ?? null,
  };
}
