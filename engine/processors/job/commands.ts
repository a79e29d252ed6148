// Job commands from workers and from the engine's own clock: complete, fail, throw a BPMN error,
// update retries or timeout, time out, recur after back-off, yield; and JOB_BATCH ACTIVATE for
// polling workers (ZEEBE-SEMANTICS §4).
import type { EngineContext } from '../context';
import type { EngineRecord } from '../../protocol/record';
import type { Job } from '../../state/jobs';
import type { JobActivation } from './activation';
import { TaskListenerJobs } from './task-listener-jobs';
import { AdHocSubProcessJobs } from './ad-hoc-jobs';

type JobCommand = EngineRecord<'JOB'>;

export class JobProcessors {
  private readonly taskListeners: TaskListenerJobs;
  private readonly adHocSubProcesses: AdHocSubProcessJobs;

  constructor(
    private readonly ctx: EngineContext,
    private readonly activation: JobActivation,
  ) {
    this.taskListeners = new TaskListenerJobs(ctx);
    this.adHocSubProcesses = new AdHocSubProcessJobs(ctx);
  }

  private find(command: JobCommand, action: string, states: Job['state'][]): Job | undefined {
    const job = this.ctx.state.jobs.get(command.key);
    if (!job) {
      this.ctx.w.reject(
        'NOT_FOUND',
        `Expected to ${action} job with key '${command.key}', but no such job was found`,
      );
      return undefined;
    }
    if (!states.includes(job.state)) {
      const why =
        job.state === 'FAILED'
          ? 'it has no retries left (an incident is open)'
          : `it is in state '${job.state}'`;
      this.ctx.w.reject('INVALID_STATE', `Expected to ${action} job with key '${command.key}', but ${why}`);
      return undefined;
    }
    return job;
  }

  complete(command: JobCommand): void {
    const job = this.find(command, 'complete', ['ACTIVATED', 'ACTIVATABLE']);
    if (!job) return;
    const { w, state, b } = this.ctx;
    if (job.value.jobKind === 'TASK_LISTENER') return this.taskListeners.complete(job, command.value);
    if (job.value.jobKind === 'AD_HOC_SUB_PROCESS')
      return this.adHocSubProcesses.complete(job, command.value);
    // As Zeebe 8.8's JobCompleteProcessor: the job's kind decides what a result means, never the result's type; a
    // result on any other job is kept in its COMPLETED record and changes nothing.
    const result = command.value.result;
    w.appendEvent(job.key, 'JOB', 'COMPLETED', {
      ...job.value,
      variables: command.value.variables,
      ...(result ? { result } : {}),
    });
    w.respond({});
    const instance = state.elements.get(job.value.elementInstanceKey);
    if (job.value.jobKind === 'EXECUTION_LISTENER') {
      b.listeners.applyResult(job, command.value.variables);
      if (instance)
        w.appendCommand(instance.key, 'PROCESS_INSTANCE', 'COMPLETE_EXECUTION_LISTENER', instance.value);
      return;
    }
    if (instance && instance.state === 'ELEMENT_ACTIVATED') b.transitions.completeElement(instance);
  }

  fail(command: JobCommand): void {
    const job = this.find(command, 'fail', ['ACTIVATED', 'ACTIVATABLE']);
    if (!job) return;
    const { w, state, b } = this.ctx;
    const v = command.value;
    const retries = v.retries;
    w.appendEvent(job.key, 'JOB', 'FAILED', {
      ...job.value,
      retries,
      retryBackoff: retries > 0 ? Math.max(0, v.retryBackoff) : 0,
      errorMessage: v.errorMessage,
      worker: job.value.worker,
      variables: {},
    });
    const instance = state.elements.get(job.value.elementInstanceKey);
    if (instance && Object.keys(v.variables).length > 0)
      b.variables.setLocalDocument(instance.key, v.variables);
    if (retries <= 0 && instance) {
      const type =
        job.value.jobKind === 'EXECUTION_LISTENER'
          ? 'EXECUTION_LISTENER_NO_RETRIES'
          : job.value.jobKind === 'TASK_LISTENER'
            ? 'TASK_LISTENER_NO_RETRIES'
            : job.value.jobKind === 'AD_HOC_SUB_PROCESS'
              ? 'AD_HOC_SUB_PROCESS_NO_RETRIES'
              : 'JOB_NO_RETRIES';
      b.incidents.raise(instance, type, v.errorMessage || 'No more retries left.', job.key);
    } else if (retries > 0 && v.retryBackoff <= 0) {
      this.ctx.jobsAvailable.add(job.value.type);
    }
    w.respond({});
  }

  throwError(command: JobCommand): void {
    const job = this.find(command, 'throw an error for', ['ACTIVATED', 'ACTIVATABLE']);
    if (!job) return;
    const { w, state, b } = this.ctx;
    const v = command.value;
    if (!v.errorCode) return w.reject('INVALID_ARGUMENT', 'Expected an error code, but it was empty');
    if (job.value.jobKind === 'EXECUTION_LISTENER' || job.value.jobKind === 'TASK_LISTENER') {
      // As Zeebe: a listener cannot steer the flow with a BPMN error; the job stays as it is.
      return w.reject(
        'INVALID_STATE',
        `Cannot throw BPMN error from ${job.value.jobKind} job with key '${job.key}', type '${job.value.type}' and processInstanceKey '${job.value.processInstanceKey}'`,
      );
    }
    w.appendEvent(job.key, 'JOB', 'ERROR_THROWN', {
      ...job.value,
      errorCode: v.errorCode,
      errorMessage: v.errorMessage,
      variables: {},
    });
    w.respond({});
    const instance = state.elements.get(job.value.elementInstanceKey);
    if (!instance) return;
    if (!b.errors.throwError(instance.key, v.errorCode, v.variables)) {
      b.incidents.raise(
        instance,
        'UNHANDLED_ERROR_EVENT',
        b.errors.uncaughtMessage(v.errorCode, v.errorMessage),
        job.key,
      );
    }
  }

  updateRetries(command: JobCommand): void {
    if (command.value.retries < 1) {
      return this.ctx.w.reject(
        'INVALID_ARGUMENT',
        `Expected retries to be greater than zero, but it was '${command.value.retries}'`,
      );
    }
    const job = this.find(command, 'update retries of', [
      'ACTIVATED',
      'ACTIVATABLE',
      'FAILED',
      'ERROR_THROWN',
      'BACKOFF',
    ]);
    if (!job) return;
    this.ctx.w.appendEvent(job.key, 'JOB', 'RETRIES_UPDATED', {
      ...job.value,
      retries: command.value.retries,
      variables: {},
    });
    this.ctx.w.respond({});
  }

  updateTimeout(command: JobCommand): void {
    const job = this.find(command, 'update the timeout of', ['ACTIVATED']);
    if (!job) return;
    const deadline = this.ctx.w.now + command.value.timeout;
    this.ctx.w.appendEvent(job.key, 'JOB', 'TIMEOUT_UPDATED', {
      ...job.value,
      deadline,
      timeout: command.value.timeout,
      variables: {},
    });
    this.ctx.w.respond({});
  }

  timeOut(command: JobCommand): void {
    const job = this.ctx.state.jobs.get(command.key);
    if (!job || job.state !== 'ACTIVATED' || job.value.deadline > this.ctx.w.now) {
      return this.ctx.w.reject(
        'INVALID_STATE',
        `Expected to time out activated job with key '${command.key}', but it is not due`,
      );
    }
    this.ctx.w.appendEvent(job.key, 'JOB', 'TIMED_OUT', { ...job.value, variables: {} });
    this.ctx.jobsAvailable.add(job.value.type);
  }

  recurAfterBackoff(command: JobCommand): void {
    const job = this.ctx.state.jobs.get(command.key);
    if (!job || job.state !== 'BACKOFF') {
      return this.ctx.w.reject(
        'INVALID_STATE',
        `Expected job with key '${command.key}' to wait for its back-off, but it does not`,
      );
    }
    this.ctx.w.appendEvent(job.key, 'JOB', 'RECURRED_AFTER_BACKOFF', { ...job.value, variables: {} });
    this.ctx.jobsAvailable.add(job.value.type);
  }

  yield(command: JobCommand): void {
    const job = this.ctx.state.jobs.get(command.key);
    if (!job || job.state !== 'ACTIVATED')
      return this.ctx.w.reject('INVALID_STATE', `Job '${command.key}' is not activated`);
    this.ctx.w.appendEvent(job.key, 'JOB', 'YIELDED', { ...job.value, variables: {} });
    this.ctx.jobsAvailable.add(job.value.type);
  }

  activateBatch(command: EngineRecord<'JOB_BATCH'>): void {
    const { state, w } = this.ctx;
    const v = command.value;
    const keys: number[] = [];
    for (const key of state.jobs.activatable(v.type)) {
      if (keys.length >= v.maxJobsToActivate) break;
      keys.push(key);
    }
    const jobs = this.activation.activate(
      v.type,
      keys,
      v.worker,
      v.timeout,
      v.fetchVariables,
      v.maxJobsToActivate,
    );
    w.respond(jobs);
  }
}
