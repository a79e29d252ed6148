// Incidents: a modelling or runtime failure a person can fix. Raising one leaves the element
// where it is (ACTIVATING / COMPLETING / TERMINATING, or its job disabled); resolving retries it.
import type { EngineContext } from '../processors/context';
import type { ErrorType } from '../protocol/element-types';
import type { Key } from '../protocol/keys';
import type { ElementInstance } from '../state/element-instances';
import { treePath } from '../processors/instance/tree-path';

export class IncidentBehavior {
  constructor(private readonly ctx: EngineContext) {}

  raise(instance: ElementInstance, errorType: ErrorType, message: string, jobKey: Key = -1): void {
    const v = instance.value;
    this.ctx.w.appendEvent(this.ctx.keys.next(), 'INCIDENT', 'CREATED', {
      errorType,
      errorMessage: message,
      bpmnProcessId: v.bpmnProcessId,
      processDefinitionKey: v.processDefinitionKey,
      processInstanceKey: v.processInstanceKey,
      elementId: v.elementId,
      elementInstanceKey: instance.key,
      jobKey,
      variableScopeKey: instance.key,
      tenantId: v.tenantId,
      // as Zeebe 8.8, the incident is placed in the tree of process instances (and keeps it until resolved)
      ...treePath(this.ctx.state, instance.key),
    });
  }

  /** Resolves the incidents of an element (and of its job) — used when the element is terminated. */
  resolveFor(instance: ElementInstance): void {
    const { incidents } = this.ctx.state;
    const keys = [
      incidents.ofElement(instance.key),
      instance.jobKey > 0 ? incidents.ofJob(instance.jobKey) : undefined,
    ];
    for (const key of keys) {
      if (key === undefined) continue;
      const incident = incidents.get(key);
      if (incident) this.ctx.w.appendEvent(key, 'INCIDENT', 'RESOLVED', incident);
    }
  }
}
