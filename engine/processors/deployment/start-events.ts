// When a new version of a process is deployed it becomes the one its start events belong to: the
// previous version's start timers and message/signal start subscriptions are closed, the new
// version's opened (timer expressions are evaluated now, without variables).
import type { EngineContext } from '../context';
import type { ProcessValue } from '../../protocol/values';
import { evaluateTimer } from '../../behaviors/timer-due';

export class StartEventScheduling {
  constructor(private readonly ctx: EngineContext) {}

  scheduleFor(process: ProcessValue): void {
    const { state, w, keys, expressions } = this.ctx;
    const previous =
      process.version > 1
        ? state.definitions.processVersion(process.bpmnProcessId, process.version - 1)
        : undefined;
    if (previous) this.closeFor(previous);
    const model = state.definitions.model(process.processDefinitionKey);
    const noVariables = () => undefined;
    for (const start of model.timerStartEvents) {
      const due = evaluateTimer(expressions, start.timer!, noVariables, w.now);
      if (!due.ok) continue; // validated at deploy for static values; a failing expression cannot start anything
      w.appendEvent(keys.next(), 'TIMER', 'CREATED', {
        elementInstanceKey: -1,
        processInstanceKey: -1,
        processDefinitionKey: process.processDefinitionKey,
        dueDate: due.value.dueDate,
        targetElementId: start.id,
        repetitions: due.value.repetitions,
        tenantId: process.tenantId,
      });
    }
    for (const start of model.messageStartEvents) {
      const name = expressions.string(start.message!.name, noVariables);
      if (!name.ok) continue;
      w.appendEvent(keys.next(), 'MESSAGE_START_EVENT_SUBSCRIPTION', 'CREATED', {
        processDefinitionKey: process.processDefinitionKey,
        bpmnProcessId: process.bpmnProcessId,
        startEventId: start.id,
        messageName: name.value,
        messageKey: -1,
        processInstanceKey: -1,
        correlationKey: '',
        variables: {},
        tenantId: process.tenantId,
      });
    }
    for (const start of model.signalStartEvents) {
      const name = expressions.string(start.signalName!, noVariables);
      if (!name.ok) continue;
      w.appendEvent(keys.next(), 'SIGNAL_SUBSCRIPTION', 'CREATED', {
        processDefinitionKey: process.processDefinitionKey,
        bpmnProcessId: process.bpmnProcessId,
        catchEventId: start.id,
        catchEventInstanceKey: -1,
        signalName: name.value,
        tenantId: process.tenantId,
      });
    }
  }

  private closeFor(previous: ProcessValue): void {
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
