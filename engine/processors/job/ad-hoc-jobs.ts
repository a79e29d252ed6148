// Completion of an ad-hoc subprocess's job, as Zeebe 8.8's JobCompleteProcessor does it: the result names only
// elements the subprocess can activate, does not both activate elements and fulfil the completion condition, and
// the subprocess is still active. Then the job is COMPLETED and the result becomes instructions to the subprocess
// (ACTIVATE for the elements, COMPLETE for a fulfilled condition); the job's variables are merged from the
// subprocess's scope outwards.
import type { EngineContext } from '../context';
import type { AdHocSubProcessInstructionValue, JobValue } from '../../protocol/values';
import type { Job } from '../../state/jobs';
import { javaList } from '../instance/ad-hoc-instructions';

export class AdHocSubProcessJobs {
  constructor(private readonly ctx: EngineContext) {}

  complete(job: Job, command: JobValue): void {
    const { w, state, b } = this.ctx;
    const result = command.result;
    const activate = result?.activateElements ?? [];
    const fulfilled = result?.isCompletionConditionFulfilled === true;
    const scopeKey = job.value.elementInstanceKey;
    const instance = state.elements.get(scopeKey);
    const adHoc = instance && b.transitions.scopeContext(instance.key)?.element.adHoc;
    const unknown = activate
      .map((e) => e.elementId)
      .filter((id) => !adHoc?.activities.some((a) => a.id === id));
    if (adHoc && unknown.length > 0) {
      return w.reject(
        'NOT_FOUND',
        `Expected to activate activities for ad-hoc sub-process with key '${scopeKey}', but the given elements ${javaList(unknown)} do not exist.`,
      );
    }
    if (fulfilled && activate.length > 0) {
      return w.reject(
        'INVALID_ARGUMENT',
        `No elements can be activated for ad-hoc sub-process with key '${scopeKey}' because the completion condition is fulfilled.`,
      );
    }
    if (instance && instance.state !== 'ELEMENT_ACTIVATED') {
      return w.reject(
        'INVALID_STATE',
        `Expected to complete ad-hoc sub-process job, but the ad-hoc sub-process instance is not active (job key '${job.key}', type '${job.value.type}', processInstanceKey '${job.value.processInstanceKey}')`,
      );
    }
    w.appendEvent(job.key, 'JOB', 'COMPLETED', { ...job.value, variables: command.variables, result });
    w.respond({});
    if (!instance) return;
    const instruction: AdHocSubProcessInstructionValue = {
      adHocSubProcessInstanceKey: String(scopeKey),
      activateElements: activate,
      cancelRemainingInstances: result?.isCancelRemainingInstances === true,
      completionConditionFulfilled: fulfilled,
      tenantId: job.value.tenantId,
    };
    if (activate.length > 0)
      w.appendCommand(scopeKey, 'AD_HOC_SUB_PROCESS_INSTRUCTION', 'ACTIVATE', instruction);
    if (fulfilled) w.appendCommand(scopeKey, 'AD_HOC_SUB_PROCESS_INSTRUCTION', 'COMPLETE', instruction);
    if (Object.keys(command.variables).length > 0) b.variables.propagate(scopeKey, command.variables);
  }
}
