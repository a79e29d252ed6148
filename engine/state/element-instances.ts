// Element instances of running process instances: their lifecycle state, token counts and the
// links the processors need (job, user task, called child, pending event trigger). An instance
// leaves the store when it completes or terminates.
import type { Key } from '../protocol/keys';
import type { ProcessInstanceValue, VariableDocument } from '../protocol/values';

export type ElementState =
  'ELEMENT_ACTIVATING' | 'ELEMENT_ACTIVATED' | 'ELEMENT_COMPLETING' | 'ELEMENT_TERMINATING';

export interface EventTrigger {
  /** Key of the event (timer, message, signal, error) that triggered. */
  eventKey: Key;
  elementId: string;
  variables: VariableDocument;
}

export interface ElementInstance {
  key: Key;
  state: ElementState;
  value: ProcessInstanceValue;
  /** Child element instances that are active (activating … completing/terminating). */
  activeChildren: number;
  /** Sequence flows taken in this scope whose target has not been activated yet. */
  activeFlows: number;
  /** Joining gateways: gatewayId → incoming flowId → tokens waiting. */
  joins: Record<string, Record<string, number>> | null;
  jobKey: Key;
  userTaskKey: Key;
  calledChildKey: Key;
  /** Multi-instance inner instance index (1-based), 0 otherwise. */
  loopCounter: number;
  /** Multi-instance body: inner instances created so far, and how many completed / terminated. */
  createdInstances: number;
  completedChildren: number;
  terminatedChildren: number;
  /** Set when an interrupting event hit this scope: the id of the event element to activate. */
  interruptedBy: string | null;
  /** Set when a terminate end event ended this scope's children: the scope then completes. */
  terminatedByEnd: boolean;
  /** Ad-hoc subprocess: a job worker declared its completion condition fulfilled (the COMPLETED instruction). */
  completionConditionFulfilled?: boolean;
  /** Execution listeners of the current phase (start while activating, end while completing) completed so far. */
  listenersDone: number;
  /** Start time (record timestamp of ELEMENT_ACTIVATING). */
  startedAt: number;
}

export interface ElementInstancesView {
  get(key: Key): ElementInstance | undefined;
  children(scopeKey: Key): Iterable<Key>;
  /** Whether a process instance of the definition runs (banned ones excepted). */
  hasRunningInstanceOf(processDefinitionKey: Key, isBanned: (processInstanceKey: Key) => boolean): boolean;
  readonly size: number;
}

export class ElementInstanceStore implements ElementInstancesView {
  readonly instances = new Map<Key, ElementInstance>();
  private readonly childIndex = new Map<Key, Set<Key>>();

  get(key: Key): ElementInstance | undefined {
    return this.instances.get(key);
  }

  children(scopeKey: Key): Iterable<Key> {
    return this.childIndex.get(scopeKey) ?? [];
  }

  hasRunningInstanceOf(processDefinitionKey: Key, isBanned: (processInstanceKey: Key) => boolean): boolean {
    for (const i of this.instances.values()) {
      const v = i.value;
      if (
        v.bpmnElementType === 'PROCESS' &&
        v.processDefinitionKey === processDefinitionKey &&
        !isBanned(i.key)
      )
        return true;
    }
    return false;
  }

  get size(): number {
    return this.instances.size;
  }

  create(key: Key, value: ProcessInstanceValue, timestamp: number): ElementInstance {
    const instance: ElementInstance = {
      key,
      state: 'ELEMENT_ACTIVATING',
      value,
      activeChildren: 0,
      activeFlows: 0,
      joins: null,
      jobKey: -1,
      userTaskKey: -1,
      calledChildKey: -1,
      loopCounter: 0,
      createdInstances: 0,
      completedChildren: 0,
      terminatedChildren: 0,
      interruptedBy: null,
      terminatedByEnd: false,
      listenersDone: 0,
      startedAt: timestamp,
    };
    this.instances.set(key, instance);
    if (value.flowScopeKey > 0) {
      let set = this.childIndex.get(value.flowScopeKey);
      if (!set) this.childIndex.set(value.flowScopeKey, (set = new Set()));
      set.add(key);
    }
    return instance;
  }

  remove(key: Key): void {
    const instance = this.instances.get(key);
    if (!instance) return;
    this.instances.delete(key);
    this.childIndex.delete(key);
    const siblings = this.childIndex.get(instance.value.flowScopeKey);
    if (siblings) {
      siblings.delete(key);
      if (siblings.size === 0) this.childIndex.delete(instance.value.flowScopeKey);
    }
  }

  toJSON(): ElementInstance[] {
    return [...this.instances.values()];
  }

  load(instances: ElementInstance[]): void {
    for (const i of instances) {
      this.instances.set(i.key, i);
      if (i.value.flowScopeKey > 0) {
        let set = this.childIndex.get(i.value.flowScopeKey);
        if (!set) this.childIndex.set(i.value.flowScopeKey, (set = new Set()));
        set.add(i.key);
      }
    }
  }
}
