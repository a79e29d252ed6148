// When a new version of a process is deployed it becomes the one its start events belong to: the
// previous version's start timers and message/signal start subscriptions are closed, the new
// version's opened. Their expressions are evaluated at deployment, without variables; one that
// cannot be evaluated rejects the deployment (checkStartEvents) instead of being skipped.
import type { EngineContext } from '../context';
import type { ProcessValue } from '../../protocol/values';
import type { ExecutableElement, ExecutableProcess } from '../../model/types';
import type { ValidationReport } from '../../model/report';
import { evaluateTimer } from '../../behaviors/timer-due';

interface EvaluatedStarts {
  timers: { start: ExecutableElement; dueDate: number; repetitions: number }[];
  messages: { start: ExecutableElement; name: string }[];
  signals: { start: ExecutableElement; name: string }[];
  problems: { elementId: string; message: string }[];
}

const noVariables = () => undefined;

export class StartEventScheduling {
  constructor(private readonly ctx: EngineContext) {}

  /** Evaluates the start events' timers and message/signal names as the deployment would. */
  private evaluate(model: ExecutableProcess): EvaluatedStarts {
    const { expressions, w } = this.ctx;
    const out: EvaluatedStarts = { timers: [], messages: [], signals: [], problems: [] };
    for (const start of model.timerStartEvents) {
      const timer = start.timer!;
      const due = evaluateTimer(expressions, timer, noVariables, w.now);
      if (due.ok) out.timers.push({ start, ...due.value });
      else
        out.problems.push({
          elementId: start.id,
          message: `Expected the timer of the start event to be evaluated at deployment, without variables, but it failed: ${due.message}`,
        });
    }
    for (const start of model.messageStartEvents) {
      const name = expressions.string(start.message!.name, noVariables);
      if (name.ok) out.messages.push({ start, name: name.value });
      else
        out.problems.push({
          elementId: start.id,
          message: `Expected the message name of the start event to be a constant string, evaluated at deployment without variables, but it failed: ${name.message}`,
        });
    }
    for (const start of model.signalStartEvents) {
      const name = expressions.string(start.signalName!, noVariables);
      if (name.ok) out.signals.push({ start, name: name.value });
      else
        out.problems.push({
          elementId: start.id,
          message: `Expected the signal name of the start event to be a constant string, evaluated at deployment without variables, but it failed: ${name.message}`,
        });
    }
    return out;
  }

  /** Reports every start event whose timer or name cannot be evaluated at deployment. */
  check(model: ExecutableProcess, report: ValidationReport): void {
    for (const p of this.evaluate(model).problems) report.error(p.elementId, p.message);
  }

  scheduleFor(process: ProcessValue): void {
    const { state } = this.ctx;
    const starts = this.evaluate(state.definitions.model(process.processDefinitionKey));
    if (starts.problems.length > 0)
      throw new Error(
        `start events of ${process.bpmnProcessId} were checked before the deployment, but now fail: ${starts.problems[0].message}`,
      );
    const previous = state.definitions.processVersionBefore(process.bpmnProcessId, process.version);
    if (previous) this.closeFor(previous);
    this.openFor(process, starts);
  }

  /** Opens the start events of a version that became the latest again (its successor was deleted). */
  reopen(process: ProcessValue): void {
    const starts = this.evaluate(this.ctx.state.definitions.model(process.processDefinitionKey));
    if (starts.problems.length > 0) throw new Error(starts.problems[0].message);
    this.openFor(process, starts);
  }

  private openFor(process: ProcessValue, starts: EvaluatedStarts): void {
    const { w, keys } = this.ctx;
    for (const { start, dueDate, repetitions } of starts.timers) {
      w.appendEvent(keys.next(), 'TIMER', 'CREATED', {
        elementInstanceKey: -1,
        processInstanceKey: -1,
        processDefinitionKey: process.processDefinitionKey,
        dueDate,
        targetElementId: start.id,
        repetitions,
        tenantId: process.tenantId,
      });
    }
    for (const { start, name } of starts.messages) {
      w.appendEvent(keys.next(), 'MESSAGE_START_EVENT_SUBSCRIPTION', 'CREATED', {
        processDefinitionKey: process.processDefinitionKey,
        bpmnProcessId: process.bpmnProcessId,
        startEventId: start.id,
        messageName: name,
        messageKey: -1,
        processInstanceKey: -1,
        correlationKey: '',
        variables: {},
        tenantId: process.tenantId,
      });
    }
    for (const { start, name } of starts.signals) {
      w.appendEvent(keys.next(), 'SIGNAL_SUBSCRIPTION', 'CREATED', {
        processDefinitionKey: process.processDefinitionKey,
        bpmnProcessId: process.bpmnProcessId,
        catchEventId: start.id,
        catchEventInstanceKey: -1,
        signalName: name,
        tenantId: process.tenantId,
      });
    }
  }

  closeFor(previous: ProcessValue): void {
    const { state, w } = this.ctx;
    for (const key of [...state.timers.byProcessDefinition(previous.processDefinitionKey)]) {
      const t = state.timers.get(key);
      if (t) w.appendEvent(key, 'TIMER', 'CANCELED', t);
    }
    for (const sub of state.subscriptions.messageStartsOf(previous.processDefinitionKey)) {
      w.appendEvent(this.ctx.keys.next(), 'MESSAGE_START_EVENT_SUBSCRIPTION', 'DELETED', sub);
    }
    for (const key of [...state.subscriptions.signalStartsOf(previous.processDefinitionKey)]) {
      const s = state.subscriptions.signal(key);
      if (s) w.appendEvent(key, 'SIGNAL_SUBSCRIPTION', 'DELETED', s);
    }
  }
}
