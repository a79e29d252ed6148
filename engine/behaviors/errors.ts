// BPMN errors and escalations: find the catch event for a code, walking outward from where it was
// thrown through subprocesses, multi-instance bodies and call activities (a specific code wins over a
// catch-all within one scope), and hand it to the trigger behaviour.
import type { EngineContext } from '../processors/context';
import type { ExecutableElement } from '../model/types';
import type { Key } from '../protocol/keys';
import type { VariableDocument } from '../protocol/values';

export interface ErrorCatch {
  scopeKey: Key;
  catchEvent: ExecutableElement;
}

type Caught = 'ERROR' | 'ESCALATION';
const codeOf = (c: ExecutableElement, kind: Caught) => (kind === 'ERROR' ? c.errorCode : c.escalationCode);

function pick(candidates: ExecutableElement[], code: string, kind: Caught): ExecutableElement | undefined {
  return (
    candidates.find((c) => codeOf(c, kind)?.static && codeOf(c, kind)!.text === code) ??
    candidates.find((c) => codeOf(c, kind) === null)
  );
}

export class ErrorBehavior {
  constructor(private readonly ctx: EngineContext) {}

  /** Searches outward starting at the given element instance (the one that threw). */
  findCatch(fromKey: Key, code: string, kind: Caught = 'ERROR'): ErrorCatch | undefined {
    const { state } = this.ctx;
    let key = fromKey;
    while (key > 0) {
      const instance = state.elements.get(key);
      if (!instance) return undefined;
      const element = state.definitions
        .model(instance.value.processDefinitionKey)
        .elements.get(instance.value.elementId);
      if (!element) return undefined;
      const v = instance.value;
      const isBody = v.bpmnElementType === 'MULTI_INSTANCE_BODY';
      const isInner = !!element.loop && !isBody;
      if (!isBody && element.eventSubprocesses.length > 0) {
        const starts = element.eventSubprocesses.flatMap((esp) =>
          esp.startEvents.filter((s) => s.eventType === kind),
        );
        const found = pick(starts, code, kind);
        if (found && this.ctx.b.triggers.isAccepting(key)) return { scopeKey: key, catchEvent: found };
      }
      if (!isInner && element.boundaryEvents.length > 0) {
        const found = pick(
          element.boundaryEvents.filter((b) => b.eventType === kind),
          code,
          kind,
        );
        if (found && this.ctx.b.triggers.isAccepting(key)) return { scopeKey: key, catchEvent: found };
      }
      key = v.bpmnElementType === 'PROCESS' ? v.parentElementInstanceKey : v.flowScopeKey;
    }
    return undefined;
  }

  /** Throws the error; false when nothing catches it (the caller raises the incident). */
  throwError(fromKey: Key, code: string, variables: VariableDocument): boolean {
    const found = this.findCatch(fromKey, code);
    if (!found) return false;
    return this.ctx.b.triggers.trigger(found.scopeKey, found.catchEvent, variables);
  }

  uncaughtMessage(code: string, message: string): string {
    return `Expected to throw an error event with the code '${code}'${message ? ` with message '${message}'` : ''}, but it was not caught. No error events are available in the scope.`;
  }
}
