// AD_HOC_SUB_PROCESS_INSTRUCTION commands, as Zeebe 8.8 processes them (its AdHocSubProcessInstructionActivate-
// and …CompleteProcessor). ACTIVATE comes from the REST activation or from an ad-hoc subprocess job's result:
// each named element is activated in an inner instance of its own (with the given variables as the inner
// instance's locals), then, with cancelRemainingInstances, the inner instances that were active before are
// terminated. COMPLETE comes from a job result that fulfils the completion condition.
import type { EngineContext } from '../context';
import type { EngineRecord } from '../../protocol/record';
import type { ElementInstance } from '../../state/element-instances';

type Instruction = EngineRecord<'AD_HOC_SUB_PROCESS_INSTRUCTION'>;

const ACTIVATE = 'Expected to activate activities for ad-hoc sub-process';

/** Zeebe's list of element ids in a message: Java's List.toString. */
export const javaList = (ids: string[]): string => `[${ids.join(', ')}]`;

export class AdHocInstructionProcessors {
  constructor(private readonly ctx: EngineContext) {}

  activate(command: Instruction): void {
    const { w, state, b } = this.ctx;
    const v = command.value;
    const key = v.adHocSubProcessInstanceKey;
    const instance = state.elements.get(Number(key));
    if (!instance || instance.value.bpmnElementType !== 'AD_HOC_SUB_PROCESS')
      return w.reject('NOT_FOUND', `${ACTIVATE} but no ad-hoc sub-process instance found with key '${key}'.`);
    if (instance.state !== 'ELEMENT_ACTIVATED')
      return w.reject('INVALID_STATE', `${ACTIVATE} with key '${key}', but it is not active.`);
    const ids = v.activateElements.map((e) => e.elementId);
    if (new Set(ids).size !== ids.length)
      return w.reject(
        'INVALID_ARGUMENT',
        `${ACTIVATE} with key '${key}', but duplicate activities were given.`,
      );
    const scope = b.transitions.scopeContext(instance.key)!;
    const adHoc = scope.element.adHoc!;
    const unknown = ids.filter((id) => !adHoc.activities.some((a) => a.id === id));
    if (unknown.length > 0) {
      return w.reject(
        'NOT_FOUND',
        `${ACTIVATE} with key '${key}', but the given elements ${javaList(unknown)} do not exist.`,
      );
    }
    const before = [...state.elements.children(instance.key)];
    for (const element of v.activateElements) {
      const target = adHoc.activities.find((a) => a.id === element.elementId)!;
      b.adHoc.activateElement(scope, target, element.variables);
    }
    if (v.cancelRemainingInstances) {
      for (const childKey of before) {
        const child = state.elements.get(childKey);
        if (child && child.state !== 'ELEMENT_TERMINATING')
          b.transitions.terminateElement(child.key, child.value);
      }
    }
    w.appendEvent(command.key, 'AD_HOC_SUB_PROCESS_INSTRUCTION', 'ACTIVATED', v);
    w.respond({});
  }

  complete(command: Instruction): void {
    const { w, state, b } = this.ctx;
    const v = command.value;
    const key = v.adHocSubProcessInstanceKey;
    const instance: ElementInstance | undefined = state.elements.get(Number(key));
    if (!instance)
      return w.reject(
        'NOT_FOUND',
        `Expected to complete ad-hoc sub-process, but no element instance found with key '${key}'.`,
      );
    if (instance.value.bpmnElementType !== 'AD_HOC_SUB_PROCESS')
      return w.reject(
        'INVALID_ARGUMENT',
        `Expected to complete ad-hoc sub-process, but element instance with key '${key}' is not an ad-hoc sub-process.`,
      );
    if (instance.state !== 'ELEMENT_ACTIVATED')
      return w.reject(
        'INVALID_STATE',
        `Expected to complete ad-hoc sub-process, but element instance with key '${key}' is not active.`,
      );
    b.adHoc.completionConditionFulfilled(instance, v.cancelRemainingInstances);
    w.appendEvent(command.key, 'AD_HOC_SUB_PROCESS_INSTRUCTION', 'COMPLETED', v);
    w.respond({});
  }
}
