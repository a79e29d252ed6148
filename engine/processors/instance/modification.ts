// PROCESS_INSTANCE_MODIFICATION MODIFY (gRPC ModifyProcessInstance, REST POST
// /v2/process-instances/{key}/modification) as Zeebe processes it: every check and the whole plan first (any
// failure rejects the command and nothing changes), then the activations — missing flow scopes created by
// events, variables set per scope, ACTIVATE_ELEMENT for each element — then the terminations — the instance
// and everything below it terminated at once (jobs and user tasks cancelled, incidents resolved, subscriptions
// closed), then each flow scope left with nothing to do — and last PROCESS_INSTANCE_MODIFICATION MODIFIED.
import type { EngineContext } from '../context';
import type { EngineRecord } from '../../protocol/record';
import type { Key } from '../../protocol/keys';
import type { ProcessInstanceModificationValue } from '../../protocol/values';
import type { ElementInstance } from '../../state/element-instances';
import { checkModification } from './modification-rules';
import { ModificationPlanner } from './modification-plan';
import { activateAlongPath } from './element-activation';

export type RootEnded = (key: Key) => void;

export class ModificationProcessor {
  constructor(
    private readonly ctx: EngineContext,
    private readonly onRootTerminated: RootEnded,
  ) {}

  modify(command: EngineRecord<'PROCESS_INSTANCE_MODIFICATION'>): void {
    const { w, state } = this.ctx;
    const v = command.value;
    const eventKey = command.key > 0 ? command.key : v.processInstanceKey;
    const root = state.elements.get(v.processInstanceKey);
    // As for a cancellation, an instance already being cancelled is not found.
    if (!root || root.value.bpmnElementType !== 'PROCESS' || root.state === 'ELEMENT_TERMINATING')
      return w.reject(
        'NOT_FOUND',
        `Expected to modify process instance but no process instance found with key '${eventKey}'`,
      );
    if (state.isBanned(root.key))
      return w.reject('INVALID_STATE', `Process instance '${root.key}' is banned`);
    const process = state.definitions.model(root.value.processDefinitionKey);
    const planner = new ModificationPlanner(
      this.ctx,
      { key: root.key, value: root.value, variables: {} },
      process,
    );
    const plan = checkModification(state, process, v) ?? planner.plan(v);
    if ('reason' in plan) return w.reject(plan.type, plan.reason);

    const createdKeys: Key[] = [];
    const activated = plan.activations.map((a) =>
      activateAlongPath(this.ctx, a, plan, createdKeys, planner, root.value),
    );
    const required = new Set(activated.flatMap((a) => a.ancestorScopeKeys));
    for (const { elementInstanceKey } of v.terminateInstructions) {
      // Already gone when an earlier instruction terminated one of its ancestors.
      const instance = state.elements.get(elementInstanceKey);
      if (!instance) continue;
      const flowScopeKey = instance.value.flowScopeKey;
      this.terminate(instance);
      this.terminateIdleScopes(flowScopeKey, required);
    }
    const modified: ProcessInstanceModificationValue = {
      processInstanceKey: v.processInstanceKey,
      activateInstructions: activated,
      terminateInstructions: v.terminateInstructions,
      ancestorScopeKeys: [...required],
      createdScopeKeys: createdKeys.filter((k) => state.elements.get(k)),
      tenantId: root.value.tenantId,
    };
    w.appendEvent(eventKey, 'PROCESS_INSTANCE_MODIFICATION', 'MODIFIED', modified);
    w.respond(modified);
  }

  /** Terminates the instance and everything below it in this step: TERMINATING top-down, TERMINATED bottom-up. */
  private terminate(top: ElementInstance): void {
    const { w, state, b } = this.ctx;
    const pending = [top];
    const terminating: ElementInstance[] = [];
    while (pending.length > 0) {
      const instance = pending.pop()!;
      w.appendEvent(instance.key, 'PROCESS_INSTANCE', 'ELEMENT_TERMINATING', instance.value);
      terminating.push(instance);
      b.jobs.cancel(instance);
      const task = instance.userTaskKey > 0 ? state.userTasks.get(instance.userTaskKey) : undefined;
      // As Zeebe's modification: the task is canceled at once, without its canceling listeners.
      if (task) {
        w.appendEvent(task.key, 'USER_TASK', 'CANCELING', { ...task.value, changedAttributes: [] });
        w.appendEvent(task.key, 'USER_TASK', 'CANCELED', task.value);
        b.taskListeners.answerCanceled(task.key);
      }
      b.incidents.resolveFor(instance);
      b.subscriptions.close(instance.key);
      if (instance.value.bpmnElementType === 'PROCESS') b.compensation.deleteAll(instance.key);
      else if (instance.value.bpmnElementType === 'SUB_PROCESS')
        b.compensation.deleteWithin(instance.value.processInstanceKey, instance.key);
      for (const k of state.elements.children(instance.key)) {
        const child = state.elements.get(k);
        if (child && child.state !== 'ELEMENT_TERMINATING') pending.push(child);
      }
      const called = instance.calledChildKey > 0 ? state.elements.get(instance.calledChildKey) : undefined;
      if (called && called.state !== 'ELEMENT_TERMINATING') pending.push(called);
    }
    while (terminating.length > 0) {
      const instance = terminating.pop()!;
      const isRoot =
        instance.value.bpmnElementType === 'PROCESS' && instance.value.parentProcessInstanceKey <= 0;
      const lock = isRoot ? state.subscriptions.lockOf(instance.key) : undefined;
      w.appendEvent(instance.key, 'PROCESS_INSTANCE', 'ELEMENT_TERMINATED', instance.value);
      if (!isRoot) continue;
      this.onRootTerminated(instance.key);
      if (lock) b.messages.startFromBuffer(lock);
    }
  }

  /** Flow scopes left without active children, tokens or a pending activation of this command end too. */
  private terminateIdleScopes(scopeKey: Key, required: Set<Key>): void {
    const { state } = this.ctx;
    for (let scope = state.elements.get(scopeKey); scope;) {
      if (scope.activeChildren > 0 || scope.activeFlows > 0 || required.has(scope.key)) return;
      const parentKey = scope.value.flowScopeKey;
      this.terminate(scope);
      scope = state.elements.get(parentKey);
    }
  }
}
