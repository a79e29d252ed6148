// Appliers for job events: creation, activation (one batch event per activation), completion,
// failure with retries and back-off, BPMN errors, time-outs, yields and cancellation.
import type { Applier } from './types';
import type { State } from '../state/state';
import type { JobState } from '../state/jobs';
import type { JobValue } from '../protocol/values';

type J = Applier<'JOB'>;

function update(state: State, key: number, s: JobState, patch: Partial<JobValue>): void {
  const job = state.jobs.get(key);
  if (!job) return;
  state.jobs.put(key, s, { ...job.value, ...patch, variables: {} });
}

const created: J = (state, r) => {
  state.jobs.put(r.key, 'ACTIVATABLE', { ...r.value, variables: {} });
  const instance = state.elements.get(r.value.elementInstanceKey);
  if (instance) instance.jobKey = r.key;
};

const removed: J = (state, r) => {
  state.jobs.remove(r.key);
  const instance = state.elements.get(r.value.elementInstanceKey);
  if (instance && instance.jobKey === r.key) instance.jobKey = -1;
};

const failed: J = (state, r) => {
  const v = r.value;
  const s: JobState = v.retries > 0 ? (v.retryBackoff > 0 ? 'BACKOFF' : 'ACTIVATABLE') : 'FAILED';
  update(state, r.key, s, {
    retries: v.retries,
    retryBackoff: v.retryBackoff,
    recurringTime: v.retryBackoff > 0 ? r.timestamp + v.retryBackoff : -1,
    errorMessage: v.errorMessage,
    worker: v.worker,
    deadline: -1,
  });
};

const activatable: J = (state, r) => update(state, r.key, 'ACTIVATABLE', { deadline: -1, worker: '' });

const completed: J = (state, r) => {
  removed(state, r);
  if (r.value.jobKind === 'EXECUTION_LISTENER') {
    // A listener's result is not the element's trigger: it only moves the element to its next listener.
    const instance = state.elements.get(r.value.elementInstanceKey);
    if (instance) instance.listenersDone += 1;
    return;
  }
  // An ad-hoc subprocess's job steers its inner elements (instruction commands); it never completes the subprocess.
  if (r.value.jobKind === 'AD_HOC_SUB_PROCESS') return;
  if (r.value.jobKind === 'TASK_LISTENER') {
    // Nor is a task listener's: it moves the user task's pending transition to its next listener.
    const instance = state.elements.get(r.value.elementInstanceKey);
    const task = instance && state.userTasks.get(instance.userTaskKey);
    if (task) task.listenersDone = (task.listenersDone ?? 0) + 1;
    return;
  }
  state.triggers.set(r.value.elementInstanceKey, {
    eventKey: r.key,
    elementId: r.value.elementId,
    variables: r.value.variables,
  });
};

export const jobAppliers: Record<string, J> = {
  CREATED: created,
  COMPLETED: completed,
  CANCELED: removed,
  FAILED: failed,
  ERROR_THROWN: (state, r) =>
    update(state, r.key, 'ERROR_THROWN', {
      errorCode: r.value.errorCode,
      errorMessage: r.value.errorMessage,
    }),
  TIMED_OUT: activatable,
  YIELDED: activatable,
  RECURRED_AFTER_BACKOFF: activatable,
  RETRIES_UPDATED: (state, r) => {
    const job = state.jobs.get(r.key);
    if (job) update(state, r.key, job.state, { retries: r.value.retries });
  },
  TIMEOUT_UPDATED: (state, r) => {
    const job = state.jobs.get(r.key);
    if (job) update(state, r.key, job.state, { deadline: r.value.deadline });
  },
};

export const jobBatchAppliers: Record<string, Applier<'JOB_BATCH'>> = {
  ACTIVATED: (state, r) => {
    const deadline = r.timestamp + r.value.timeout;
    for (const key of r.value.jobKeys) update(state, key, 'ACTIVATED', { deadline, worker: r.value.worker });
  },
};
