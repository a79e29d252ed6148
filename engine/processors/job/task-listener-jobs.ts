// Completion of a task listener's job (ZEEBE-SEMANTICS §9.3): its result either denies the user
// task's pending transition or corrects the task's attributes for the listeners after it and for the
// transition's end. Zeebe's refusals: no variables, no denial of a creation or a cancellation, no
// denial together with corrections.
import type { EngineContext } from '../context';
import type { JobListenerEventType, JobValue } from '../../protocol/values';
import type { Job } from '../../state/jobs';

const DENIABLE: JobListenerEventType[] = ['ASSIGNING', 'COMPLETING', 'UPDATING'];

export class TaskListenerJobs {
  constructor(private readonly ctx: EngineContext) {}

  complete(job: Job, command: JobValue): void {
    const { w, state } = this.ctx;
    const result = command.result;
    if (Object.keys(command.variables).length > 0) {
      return w.reject(
        'INVALID_ARGUMENT',
        `Task Listener job completion with variables payload provided is not yet supported (job key '${job.key}', type '${job.value.type}', processInstanceKey '${job.value.processInstanceKey}'). Support will be enabled with the resolution of issue #23702.`,
      );
    }
    const event = job.value.jobListenerEventType ?? 'UNSPECIFIED';
    if (result?.denied && !DENIABLE.includes(event)) {
      return w.reject(
        'INVALID_ARGUMENT',
        `Denying result is not supported for '${event}' task listener jobs (job key '${job.key}', type '${job.value.type}', processInstanceKey '${job.value.processInstanceKey}'). Only the following listener event types support denying: [${DENIABLE.join(', ')}].`,
      );
    }
    if (result?.denied && result.correctedAttributes.length > 0) {
      return w.reject(
        'INVALID_ARGUMENT',
        `Expected to complete task listener job with corrections, but the job result is denied (job key '${job.key}', type '${job.value.type}', processInstanceKey '${job.value.processInstanceKey}'). The corrections would be reverted by the denial. Either complete the job with corrections without setting denied, or complete the job with a denied result but no corrections.`,
      );
    }
    const instance = state.elements.get(job.value.elementInstanceKey);
    const task = instance && state.userTasks.get(instance.userTaskKey);
    w.appendEvent(job.key, 'JOB', 'COMPLETED', { ...job.value, variables: {}, result });
    w.respond({});
    if (!task?.intermediate) return;
    if (result?.denied) {
      w.appendCommand(task.key, 'USER_TASK', 'DENY_TASK_LISTENER', {
        ...task.intermediate,
        deniedReason: result.deniedReason,
      });
      return;
    }
    const corrected = { ...task.intermediate };
    for (const name of result?.correctedAttributes ?? []) {
      const value = result!.corrections[name];
      if (value !== undefined) Object.assign(corrected, { [name]: value });
    }
    w.appendCommand(task.key, 'USER_TASK', 'COMPLETE_TASK_LISTENER', corrected);
  }
}
