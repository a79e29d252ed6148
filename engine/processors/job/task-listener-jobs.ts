// Completion of a task listener's job (ZEEBE-SEMANTICS §9.3): its result either denies the user
// task's pending transition or corrects the task's attributes for the listeners after it and for the
// transition's end. Zeebe's refusals: no variables, no denial together with corrections — and no
// denial of a creation, which Zeebe's documentation rules out.
import type { EngineContext } from '../context';
import type { JobValue } from '../../protocol/values';
import type { Job } from '../../state/jobs';

export class TaskListenerJobs {
  constructor(private readonly ctx: EngineContext) {}

  complete(job: Job, command: JobValue): void {
    const { w, state } = this.ctx;
    const result = command.result;
    if (Object.keys(command.variables).length > 0) {
      return w.reject(
        'INVALID_ARGUMENT',
        `Task Listener job completion with variables payload provided is not yet supported (job key '${job.key}', type '${job.value.type}', processInstanceKey '${job.value.processInstanceKey}')`,
      );
    }
    if (result?.denied && result.correctedAttributes.length > 0) {
      return w.reject(
        'INVALID_ARGUMENT',
        'Expected to complete task listener job with corrections, but the job result is denied. The corrections would be reverted by the denial. Either complete the job with corrections without setting denied, or complete the job with a denied result but no corrections.',
      );
    }
    if (result?.denied && job.value.jobListenerEventType === 'CREATING') {
      return w.reject(
        'INVALID_ARGUMENT',
        `Expected to complete task listener job with key '${job.key}', but a 'creating' task listener cannot deny the creation of a user task`,
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
