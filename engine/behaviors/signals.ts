// Signal broadcast (ZEEBE-SEMANTICS §8.2 signal events): every matching catch subscription in
// every instance is triggered, and one new instance is started per process with a matching
// signal start event (latest version).
import type { EngineContext } from '../processors/context';
import type { Key } from '../protocol/keys';
import type { VariableDocument } from '../protocol/values';

export class SignalBehavior {
  constructor(private readonly ctx: EngineContext) {}

  broadcast(signalName: string, variables: VariableDocument, tenantId: string): Key {
    const { state, w, keys, b } = this.ctx;
    const key = keys.next();
    w.appendEvent(key, 'SIGNAL', 'BROADCASTED', { signalName, variables, tenantId });
    for (const subKey of [...state.subscriptions.signalsFor(signalName)]) {
      const sub = state.subscriptions.signal(subKey);
      if (!sub) continue;
      const model = state.definitions.model(sub.processDefinitionKey);
      const target = model.elements.get(sub.catchEventId);
      if (!target) continue;
      if (sub.catchEventInstanceKey > 0) {
        b.triggers.trigger(sub.catchEventInstanceKey, target, variables);
      } else {
        const definition = state.definitions.process(sub.processDefinitionKey);
        if (definition) b.triggers.startInstance(definition, target, variables);
      }
    }
    return key;
  }
}
