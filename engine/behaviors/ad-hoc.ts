// What ad-hoc subprocesses share between their element processor and the AD_HOC_SUB_PROCESS_INSTRUCTION commands
// (Zeebe 8.8's BpmnAdHocSubProcessBehavior): activating an inner element in an inner instance of its own, creating
// the job of a subprocess implemented by a job worker, and acting on a fulfilled completion condition.
import type { EngineContext } from '../processors/context';
import type { BpmnElementContext } from '../processors/bpmn/types';
import type { ExecutableElement } from '../model/types';
import type { ProcessInstanceValue, VariableDocument } from '../protocol/values';
import { treePathOf, withTreePath } from '../processors/instance/tree-path';

export class AdHocBehavior {
  constructor(private readonly ctx: EngineContext) {}

  /**
   * The inner instance is written as activated at once (no command), gets the given variables as locals, then the
   * element is activated in it.
   */
  activateElement(
    scope: BpmnElementContext,
    element: ExecutableElement,
    variables: VariableDocument = {},
  ): void {
    const { w, keys, b } = this.ctx;
    const innerKey = keys.next();
    const inner: ProcessInstanceValue = {
      ...scope.value,
      flowScopeKey: scope.key,
      elementId: scope.element.adHoc!.innerInstance.id,
      bpmnElementType: 'AD_HOC_SUB_PROCESS_INNER_INSTANCE',
      bpmnEventType: 'UNSPECIFIED',
    };
    // as Zeebe 8.8: both records carry the inner instance's tree paths
    const written = withTreePath(inner, treePathOf(this.ctx.state, innerKey, inner));
    w.appendEvent(innerKey, 'PROCESS_INSTANCE', 'ELEMENT_ACTIVATING', written);
    w.appendEvent(innerKey, 'PROCESS_INSTANCE', 'ELEMENT_ACTIVATED', written);
    if (Object.keys(variables).length > 0) b.variables.setLocalDocument(innerKey, variables);
    b.transitions.activateChild(innerKey, inner, element);
  }

  /** A new job of the subprocess's type (kind AD_HOC_SUB_PROCESS), with the type and retries its caller evaluated. */
  createJob(scope: BpmnElementContext, job: { type: string; retries: number }): void {
    this.ctx.b.jobs.create(
      scope.element,
      scope.instance,
      job.type,
      job.retries,
      {},
      {
        jobKind: 'AD_HOC_SUB_PROCESS',
      },
    );
  }

  /**
   * The completion condition holds: with cancelRemainingInstances the inner instances are terminated (the
   * subprocess completes once the last one is, see ContainerProcessor.onChildTerminated) or the subprocess
   * completes at once; without, it completes only when nothing is active any more.
   */
  completionConditionFulfilled(
    scope: { key: number; value: ProcessInstanceValue },
    cancelRemaining: boolean,
  ): void {
    const { b } = this.ctx;
    if (cancelRemaining) {
      if (b.transitions.terminateChildren(scope.key)) b.transitions.completeElement(scope);
      return;
    }
    if (b.transitions.canBeCompleted(scope.key)) b.transitions.completeElement(scope);
  }
}
