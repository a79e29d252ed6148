// Variables (SetVariables), incident resolution, timers firing, signals, and the engine clock.
import type { EngineContext } from '../context';
import type { EngineRecord } from '../../protocol/record';
import type { BpmnProcessors } from '../bpmn';
import { nextCycleTimerDue } from '../../behaviors/timer-due';

export class MiscProcessors {
  constructor(
    private readonly ctx: EngineContext,
    private readonly bpmn: BpmnProcessors,
  ) {}

  setVariables(command: EngineRecord<'VARIABLE_DOCUMENT'>): void {
    const { w, state, b } = this.ctx;
    const v = command.value;
    const instance = state.elements.get(v.scopeKey);
    // As Zeebe: a scope being terminated (e.g. a user task whose canceling listeners run) counts as gone.
    if (!instance || instance.state === 'ELEMENT_TERMINATING') {
      return w.reject(
        'NOT_FOUND',
        `Expected to update variables for element with key '${v.scopeKey}', but no such element was found`,
      );
    }
    // Variables set on a Camunda user task's own element update the task (its updating listeners run first).
    const task = instance.userTaskKey > 0 ? state.userTasks.get(instance.userTaskKey) : undefined;
    if (task) return b.userTaskVariables.begin(command, task);
    const key = this.ctx.keys.next();
    if (v.updateSemantics === 'LOCAL') b.variables.setLocalDocument(v.scopeKey, v.variables);
    else b.variables.propagate(v.scopeKey, v.variables);
    w.appendEvent(key, 'VARIABLE_DOCUMENT', 'UPDATED', v);
    w.respond({ key });
  }

  resolveIncident(command: EngineRecord<'INCIDENT'>): void {
    const { w, state } = this.ctx;
    const incident = state.incidents.get(command.key);
    if (!incident)
      return w.reject(
        'NOT_FOUND',
        `Expected to resolve incident with key '${command.key}', but no such incident was found`,
      );
    if (incident.jobKey > 0) {
      const job = state.jobs.get(incident.jobKey);
      if (job && job.value.retries <= 0) {
        return w.reject(
          'INVALID_STATE',
          `Expected to resolve incident with key '${command.key}', but job with key '${incident.jobKey}' has no retries left. Please update the job retries and retry resolving the incident.`,
        );
      }
      w.appendEvent(command.key, 'INCIDENT', 'RESOLVED', incident);
      if (job) this.ctx.jobsAvailable.add(job.value.type);
      w.respond({});
      return;
    }
    w.appendEvent(command.key, 'INCIDENT', 'RESOLVED', incident);
    w.respond({});
    // A task listener whose type or retries failed to evaluate: the user task's transition tries it again.
    const instance = state.elements.get(incident.elementInstanceKey);
    const task = instance && instance.userTaskKey > 0 ? state.userTasks.get(instance.userTaskKey) : undefined;
    const pending = instance?.state === 'ELEMENT_ACTIVATED' || task?.state === 'CANCELING';
    if (pending && task?.intermediate) this.ctx.b.userTasks.proceed(task);
    else this.bpmn.continueAfterIncident(incident.elementInstanceKey);
  }

  triggerTimer(command: EngineRecord<'TIMER'>): void {
    const { w, state, b } = this.ctx;
    const timer = state.timers.get(command.key);
    if (!timer)
      return w.reject(
        'NOT_FOUND',
        `Expected to trigger timer with key '${command.key}', but no such timer was found`,
      );
    if (timer.dueDate > w.now)
      return w.reject(
        'INVALID_STATE',
        `Expected timer '${command.key}' to be due, but it is due at ${new Date(timer.dueDate).toISOString()}`,
      );
    const model = state.definitions.model(timer.processDefinitionKey);
    const target = model.elements.get(timer.targetElementId);
    if (!target)
      return w.reject(
        'INVALID_STATE',
        `Timer '${command.key}' points at unknown element '${timer.targetElementId}'`,
      );
    if (timer.elementInstanceKey > 0 && !b.triggers.isAccepting(timer.elementInstanceKey)) {
      return w.reject(
        'INVALID_STATE',
        `Expected the scope of timer '${command.key}' to accept events, but it does not`,
      );
    }
    w.appendEvent(command.key, 'TIMER', 'TRIGGERED', timer);
    if (timer.elementInstanceKey > 0) {
      b.triggers.trigger(timer.elementInstanceKey, target, {});
    } else {
      const definition = state.definitions.process(timer.processDefinitionKey);
      if (definition) b.triggers.startInstance(definition, target, {});
    }
    // Cycles go on (a non-interrupting boundary or event-subprocess timer, or a start timer).
    const repeats = timer.repetitions === -1 || timer.repetitions > 1;
    const stillWaiting = timer.elementInstanceKey < 0 || !target.interrupting;
    if (
      target.timer?.kind === 'cycle' &&
      repeats &&
      stillWaiting &&
      (timer.elementInstanceKey < 0 || state.elements.get(timer.elementInstanceKey))
    ) {
      const lookup =
        timer.elementInstanceKey > 0 ? b.variables.lookup(timer.elementInstanceKey) : () => undefined;
      const dueDate = nextCycleTimerDue(this.ctx.expressions, target.timer, lookup, timer.dueDate, w.now);
      if (dueDate !== undefined) {
        w.appendEvent(this.ctx.keys.next(), 'TIMER', 'CREATED', {
          ...timer,
          dueDate,
          repetitions: timer.repetitions === -1 ? -1 : timer.repetitions - 1,
        });
      }
    }
  }

  broadcastSignal(command: EngineRecord<'SIGNAL'>): void {
    const v = command.value;
    const key = this.ctx.b.signals.broadcast(v.signalName, v.variables, v.tenantId);
    this.ctx.w.respond({ key, tenantId: v.tenantId });
  }

  pinClock(command: EngineRecord<'CLOCK'>): void {
    if (!Number.isSafeInteger(command.value.time) || command.value.time < 0) {
      return this.ctx.w.reject(
        'INVALID_ARGUMENT',
        `Expected the clock to be pinned to a non-negative epoch millisecond, but got '${command.value.time}'`,
      );
    }
    this.ctx.w.appendEvent(this.ctx.keys.next(), 'CLOCK', 'PINNED', command.value);
    this.ctx.w.respond({ time: command.value.time });
  }

  resetClock(): void {
    this.ctx.w.appendEvent(this.ctx.keys.next(), 'CLOCK', 'RESETTED', { time: Date.now() });
    this.ctx.w.respond({});
  }
}
