// PROCESS_INSTANCE_MIGRATION MIGRATE (gRPC MigrateProcessInstance, REST POST
// /v2/process-instances/{key}/migration) as Zeebe 8.8 processes it: every element instance, from the process
// down, is checked and planned first (any failure rejects the command and nothing changes); then each is moved to
// its target element — ELEMENT_MIGRATED, tokens waiting at its joins moved, then its job (or the Camunda user task
// replacing a job-worker one), incidents, user task and local variables MIGRATED; then (the process: after the
// compensation subscriptions of completed activities) the subscriptions of catch events no mapping names closed,
// those new in the target opened and the mapped ones MIGRATED (a message subscription's process side, with the
// message side's MIGRATE as a follow-up command) — and last PROCESS_INSTANCE_MIGRATION MIGRATED.
import type { EngineContext } from '../context';
import type { EngineRecord } from '../../protocol/record';
import type { Key } from '../../protocol/keys';
import type { ProcessInstanceValue, ProcessValue, UserTaskValue } from '../../protocol/values';
import type { Job } from '../../state/jobs';
import type { ExecutableElement, ExecutableProcess } from '../../model/types';
import type { ElementInstance } from '../../state/element-instances';
import type { BpmnElementContext } from '../bpmn/types';
import type { Planned } from '../../behaviors/subscriptions';
import { checkDuplicates, checkElement, checkInstructions, type MigrationRejection } from './migration-rules';
import { planJoins, type MovedToken } from './migration-joins';
import { planCompensations, type MovedSubscription } from './migration-compensation';
import { isCamundaUserTask, planUserTask, writeUserTask } from './migration-user-task';
import { treePath, treePathOf, withTreePath } from './tree-path';

interface PlannedElement {
  instance: ElementInstance;
  target: ExecutableElement;
  value: ProcessInstanceValue;
  /** Subscriptions of catch events new to the element, evaluated before anything is written. */
  subscribe: Planned[];
  /** Tokens waiting at the scope's joining gateways, moved to the target's flows. */
  tokens: MovedToken[];
  /** A job-worker user task becoming a Camunda user task: the new task, and the job it replaces. */
  userTask?: { value: UserTaskValue; job: Job };
}

interface MappedSubscriptions {
  messages: Key[];
  timers: Key[];
  signals: Key[];
}

export class MigrationProcessor {
  constructor(private readonly ctx: EngineContext) {}

  migrate(command: EngineRecord<'PROCESS_INSTANCE_MIGRATION'>): void {
    const { w, state } = this.ctx;
    const v = command.value;
    const root = state.elements.get(v.processInstanceKey);
    if (!root || root.value.bpmnElementType !== 'PROCESS' || root.state === 'ELEMENT_TERMINATING')
      return w.reject(
        'NOT_FOUND',
        `Expected to migrate process instance but no process instance found with key '${v.processInstanceKey}'`,
      );
    if (state.isBanned(root.key))
      return w.reject('INVALID_STATE', `Process instance '${root.key}' is banned`);
    const duplicates = checkDuplicates(v);
    if (duplicates) return w.reject(duplicates.type, duplicates.reason);
    const definition = state.definitions.process(v.targetProcessDefinitionKey);
    if (!definition)
      return w.reject(
        'NOT_FOUND',
        `Expected to migrate process instance to process definition but no process definition found with key '${v.targetProcessDefinitionKey}'`,
      );
    const source = state.definitions.model(root.value.processDefinitionKey);
    const target = state.definitions.model(definition.processDefinitionKey);
    const refused = this.checkCorrelationKey(root, definition) ?? checkInstructions(v, source, target);
    if (refused) return w.reject(refused.type, refused.reason);

    const mapping = new Map(v.mappingInstructions.map((m) => [m.sourceElementId, m.targetElementId]));
    mapping.set(source.id, target.id);
    const plan = this.plan(root, source, target, definition, mapping);
    if (!Array.isArray(plan)) return w.reject(plan.type, plan.reason);
    const compensations = planCompensations({
      state,
      processInstanceKey: root.key,
      source,
      target,
      targetDefinitionKey: definition.processDefinitionKey,
      mapping,
    });
    if (!Array.isArray(compensations)) return w.reject(compensations.type, compensations.reason);

    for (const p of plan) this.write(p, mapping, p.instance === root ? compensations : []);
    const migrated = { ...v, tenantId: root.value.tenantId };
    w.appendEvent(root.key, 'PROCESS_INSTANCE_MIGRATION', 'MIGRATED', migrated);
    w.respond(migrated);
  }

  /** With a new process id, the target must not already run an instance started by this correlation key. */
  private checkCorrelationKey(
    root: ElementInstance,
    definition: ProcessValue,
  ): MigrationRejection | undefined {
    const { state } = this.ctx;
    if (definition.bpmnProcessId === root.value.bpmnProcessId) return undefined;
    if (state.subscriptions.messageStartsOf(definition.processDefinitionKey).length === 0) return undefined;
    const lock = state.subscriptions.lockOf(root.key);
    if (!lock || state.subscriptions.lockedBy(definition.bpmnProcessId, lock.correlationKey) === undefined)
      return undefined;
    return {
      type: 'INVALID_STATE',
      reason: `Expected to migrate process instance '${root.key}' but target process definition '${definition.processDefinitionKey}' has an active instance triggered by a message start event with correlation key '${lock.correlationKey}'. Only one instance per correlation key is allowed for message start events.`,
    };
  }

  /** Every element instance, the process first and each scope before its children, checked and planned. */
  private plan(
    root: ElementInstance,
    source: ExecutableProcess,
    target: ExecutableProcess,
    definition: ProcessValue,
    mapping: Map<string, string>,
  ): PlannedElement[] | MigrationRejection {
    const { state } = this.ctx;
    const out: PlannedElement[] = [];
    const queue = [root];
    while (queue.length > 0) {
      const instance = queue.shift()!;
      const element = checkElement({ state, instance, source, target, mapping });
      if (!('id' in element)) return element;
      const value: ProcessInstanceValue = {
        ...instance.value,
        processDefinitionKey: definition.processDefinitionKey,
        bpmnProcessId: definition.bpmnProcessId,
        version: definition.version,
        elementId: element.id,
      };
      const subscribe = this.newSubscriptions(instance, element, value, target, mapping);
      if (!Array.isArray(subscribe)) return subscribe;
      const tokens = planJoins({
        scope: instance,
        targetScope: element,
        source,
        target,
        mapping,
        activationPending: (scopeKey, gatewayId) => this.ctx.isActivationPending(scopeKey, gatewayId),
      });
      if (!Array.isArray(tokens)) return tokens;
      const userTask = this.newUserTask(instance, element, value);
      if (userTask && 'reason' in userTask) return userTask;
      out.push({ instance, target: element, value, subscribe, tokens, userTask });
      for (const k of state.elements.children(instance.key)) queue.push(state.elements.get(k)!);
    }
    return out;
  }

  /** A job-worker user task mapped to a Camunda user task gets one; its job must be free of incidents. */
  private newUserTask(
    instance: ElementInstance,
    element: ExecutableElement,
    value: ProcessInstanceValue,
  ): PlannedElement['userTask'] | MigrationRejection {
    const { state } = this.ctx;
    if (instance.userTaskKey > 0 || instance.jobKey <= 0 || !isCamundaUserTask(element)) return undefined;
    const job = state.jobs.get(instance.jobKey);
    if (!job) return undefined;
    if (state.incidents.ofJob(job.key) !== undefined)
      return {
        type: 'INVALID_STATE',
        reason: `Expected to migrate process instance '${value.processInstanceKey}' but the job of the job worker user task with id '${instance.value.elementId}' has an incident. Resolve the incident before migrating the task to a Camunda user task.`,
      };
    const task = planUserTask(this.ctx, job.value, instance.key, value, element);
    return 'reason' in task ? task : { value: task, job };
  }

  /**
   * Catch events of the target element that no mapping instruction targets are subscribed to anew — once the
   * element is activated (one still activating subscribes when it activates, as in Zeebe).
   */
  private newSubscriptions(
    instance: ElementInstance,
    element: ExecutableElement,
    value: ProcessInstanceValue,
    target: ExecutableProcess,
    mapping: Map<string, string>,
  ): Planned[] | MigrationRejection {
    if (instance.state === 'ELEMENT_ACTIVATING') return [];
    const { b, state } = this.ctx;
    const c: BpmnElementContext = { key: instance.key, value, element, process: target, instance };
    const targeted = new Set(mapping.values());
    const events = b.subscriptions.eventsOf(c).filter((e) => !targeted.has(e.id));
    const planned = b.subscriptions.prepare(c, events, b.variables.lookup(instance.key));
    const pi = value.processInstanceKey;
    if (!Array.isArray(planned))
      return {
        type: 'INVALID_STATE',
        reason: `Expected to migrate process instance '${pi}' but active element with id '${instance.value.elementId}' is mapped to element with id '${element.id}' that must be subscribed to a message catch event. ${planned.message}`,
      };
    const subscribed = new Set(
      [...state.subscriptions.messagesOfElement(instance.key)].map(
        (k) => state.subscriptions.message(k)!.messageName,
      ),
    );
    for (const p of planned)
      if (p.kind === 'message' && subscribed.has(p.value.messageName))
        return {
          type: 'INVALID_STATE',
          reason: `Expected to migrate process instance '${pi}' but active element with id '${instance.value.elementId}' attempts to subscribe to a message it is already subscribed to with name '${p.value.messageName}'. Migrating active elements that subscribe to a message they are already subscribed to is not possible yet. Please provide a mapping instruction to message catch event with id '${p.value.elementId}' to migrate the respective message subscription.`,
        };
    return planned;
  }

  private write(p: PlannedElement, mapping: Map<string, string>, compensations: MovedSubscription[]): void {
    const { w, state, b } = this.ctx;
    const { instance, value } = p;
    const moved = {
      processDefinitionKey: value.processDefinitionKey,
      bpmnProcessId: value.bpmnProcessId,
      elementId: value.elementId,
    };
    const before = instance.value;
    // As Zeebe 8.8, the record carries the element's tree paths recomputed for the target (its incidents too).
    const paths = treePathOf(state, instance.key, value);
    w.appendEvent(instance.key, 'PROCESS_INSTANCE', 'ELEMENT_MIGRATED', withTreePath(value, paths));
    this.moveTokens(instance.key, before, value, p.tokens);
    const taskKey = instance.userTaskKey;
    const job = instance.jobKey > 0 ? state.jobs.get(instance.jobKey) : undefined;
    if (p.userTask) writeUserTask(this.ctx, p.userTask.value, p.userTask.job);
    else if (job)
      w.appendEvent(job.key, 'JOB', 'MIGRATED', {
        ...job.value,
        ...moved,
        processDefinitionVersion: value.version,
        variables: {},
      });
    for (const incidentKey of [
      state.incidents.ofElement(instance.key),
      job && state.incidents.ofJob(job.key),
    ]) {
      const incident = incidentKey === undefined ? undefined : state.incidents.get(incidentKey);
      if (incident) w.appendEvent(incidentKey!, 'INCIDENT', 'MIGRATED', { ...incident, ...moved, ...paths });
    }
    const task = taskKey > 0 ? state.userTasks.get(taskKey) : undefined;
    if (task)
      w.appendEvent(task.key, 'USER_TASK', 'MIGRATED', {
        ...task.value,
        ...moved,
        processDefinitionVersion: value.version,
        variables: {},
      });
    // As in Zeebe, the migrated variable records carry no value (it did not change).
    for (const [name, entry] of state.variables.locals(instance.key) ?? [])
      w.appendEvent(entry.key, 'VARIABLE', 'MIGRATED', {
        name,
        value: 'null',
        scopeKey: instance.key,
        processInstanceKey: value.processInstanceKey,
        processDefinitionKey: value.processDefinitionKey,
        bpmnProcessId: value.bpmnProcessId,
        tenantId: value.tenantId,
      });
    if (instance.state !== 'ELEMENT_ACTIVATING') {
      // As Zeebe's ProcessInstanceMigrationCatchEventBehaviour: with the process, the compensation subscriptions
      // (the deleted ones, then the moved ones); then the subscriptions of unmapped events closed, those of the
      // target's new events opened, and last the mapped ones moved — each step messages, timers, signals.
      for (const c of compensations)
        if (!c.after) w.appendEvent(c.key, 'COMPENSATION_SUBSCRIPTION', 'DELETED', c.before);
      for (const c of compensations)
        if (c.after) w.appendEvent(c.key, 'COMPENSATION_SUBSCRIPTION', 'MIGRATED', c.after);
      const moves = this.closeUnmapped(instance.key, mapping);
      b.subscriptions.write(p.subscribe);
      this.moveMapped(moves, value, mapping);
    }
    if (instance.calledChildKey > 0) this.markCalledTree(instance.calledChildKey);
  }

  /**
   * As Zeebe: every element instance of the called tree, nested called instances included, gets ANCESTOR_MIGRATED
   * with its paths as they are now (the definition path names the caller's target definition); the called
   * instances themselves stay in their definitions.
   */
  private markCalledTree(childKey: Key): void {
    const { w, state } = this.ctx;
    const queue = [childKey];
    while (queue.length > 0) {
      const instance = state.elements.get(queue.shift()!);
      if (!instance) continue;
      w.appendEvent(
        instance.key,
        'PROCESS_INSTANCE',
        'ANCESTOR_MIGRATED',
        withTreePath(instance.value, treePath(state, instance.key)),
      );
      if (instance.calledChildKey > 0) queue.push(instance.calledChildKey);
      queue.push(...state.elements.children(instance.key));
    }
  }

  /** As Zeebe, each waiting token's flow is deleted in the source and taken again in the target. */
  private moveTokens(
    scopeKey: Key,
    before: ProcessInstanceValue,
    value: ProcessInstanceValue,
    tokens: MovedToken[],
  ): void {
    const { w, keys } = this.ctx;
    const flow = (v: ProcessInstanceValue, elementId: string): ProcessInstanceValue => ({
      ...v,
      elementId,
      bpmnElementType: 'SEQUENCE_FLOW',
      bpmnEventType: 'UNSPECIFIED',
      flowScopeKey: scopeKey,
    });
    for (const t of tokens) {
      w.appendEvent(keys.next(), 'PROCESS_INSTANCE', 'SEQUENCE_FLOW_DELETED', flow(before, t.from));
      w.appendEvent(keys.next(), 'PROCESS_INSTANCE', 'SEQUENCE_FLOW_TAKEN', flow(value, t.to));
    }
  }

  /** Closes the subscriptions of catch events no mapping names; returns those that move. */
  private closeUnmapped(key: Key, mapping: Map<string, string>): MappedSubscriptions {
    const { w, state } = this.ctx;
    const moves: MappedSubscriptions = { messages: [], timers: [], signals: [] };
    for (const k of [...state.subscriptions.messagesOfElement(key)]) {
      const s = state.subscriptions.message(k)!;
      if (mapping.has(s.elementId)) moves.messages.push(k);
      else w.appendEvent(k, 'MESSAGE_SUBSCRIPTION', 'DELETED', s);
    }
    for (const k of [...state.timers.byElementInstance(key)]) {
      const timer = state.timers.get(k)!;
      if (mapping.has(timer.targetElementId)) moves.timers.push(k);
      else w.appendEvent(k, 'TIMER', 'CANCELED', timer);
    }
    for (const k of [...state.subscriptions.signalsOfElement(key)]) {
      const s = state.subscriptions.signal(k)!;
      if (mapping.has(s.catchEventId)) moves.signals.push(k);
      else w.appendEvent(k, 'SIGNAL_SUBSCRIPTION', 'DELETED', s);
    }
    return moves;
  }

  /** The subscriptions of mapped catch events move to their target events, keeping key and due date. */
  private moveMapped(
    moves: MappedSubscriptions,
    value: ProcessInstanceValue,
    mapping: Map<string, string>,
  ): void {
    const { w, state } = this.ctx;
    const target = state.definitions.model(value.processDefinitionKey);
    const definition = {
      processDefinitionKey: value.processDefinitionKey,
      bpmnProcessId: value.bpmnProcessId,
    };
    for (const k of moves.messages) {
      const s = state.subscriptions.message(k)!;
      const to = mapping.get(s.elementId)!;
      const e = target.elements.get(to)!;
      const interrupting =
        e.type === 'INTERMEDIATE_CATCH_EVENT' || e.type === 'RECEIVE_TASK' || e.interrupting;
      // As Zeebe's ProcessInstanceMigrationCatchEventBehaviour: the process side MIGRATED — the stored value with
      // the target's process id, element and interrupting only (its processDefinitionKey stays the source's, as
      // Zeebe writes it) — then (one partition: not distributed) the message side's MIGRATE as a follow-up
      // command, a fresh value without message or variables; its MIGRATED comes when that command is processed,
      // after this command's records.
      const processSide = { bpmnProcessId: value.bpmnProcessId, elementId: to, interrupting };
      w.appendEvent(k, 'PROCESS_MESSAGE_SUBSCRIPTION', 'MIGRATED', {
        ...s,
        ...processSide,
        subscriptionPartitionId: 1,
      });
      w.appendCommand(k, 'MESSAGE_SUBSCRIPTION', 'MIGRATE', {
        ...s,
        ...definition,
        ...processSide,
        messageKey: -1,
        variables: {},
      });
    }
    for (const k of moves.timers) {
      const timer = state.timers.get(k)!;
      w.appendEvent(k, 'TIMER', 'MIGRATED', {
        ...timer,
        processDefinitionKey: value.processDefinitionKey,
        targetElementId: mapping.get(timer.targetElementId)!,
      });
    }
    for (const k of moves.signals) {
      const s = state.subscriptions.signal(k)!;
      w.appendEvent(k, 'SIGNAL_SUBSCRIPTION', 'MIGRATED', {
        ...s,
        ...definition,
        catchEventId: mapping.get(s.catchEventId)!,
      });
    }
  }
}
