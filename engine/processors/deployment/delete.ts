// DeleteResource (ZEEBE-SEMANTICS, resource deletion as in Zeebe 8.8): a process definition, a
// decision requirements graph (with every decision in it: DECISION DELETED each, then
// DECISION_REQUIREMENTS DELETED; a decision's own key is not a resource) or a form, by key. A process definition with running instances is refused (INVALID_STATE) and
// nothing changes; otherwise it is gone for new instances — by key NOT_FOUND, by id the newest
// remaining version — and, when it was the latest version, its start events close and the
// previous version's open again. Its version number is never reused. Search history stays.
import type { EngineContext } from '../context';
import type { EngineRecord } from '../../protocol/record';
import type { DecisionRequirementsValue, ProcessValue } from '../../protocol/values';
import { StartEventScheduling } from './start-events';

export class ResourceDeletionProcessor {
  private readonly starts: StartEventScheduling;

  constructor(private readonly ctx: EngineContext) {
    this.starts = new StartEventScheduling(ctx);
  }

  delete(command: EngineRecord<'RESOURCE_DELETION'>): void {
    const { w, state, keys } = this.ctx;
    const resourceKey = command.value.resourceKey;
    const process = state.definitions.process(resourceKey);
    const drg = process ? undefined : state.definitions.decisionRequirements(resourceKey);
    const form = process || drg ? undefined : state.definitions.form(resourceKey);
    if (!process && !drg && !form)
      return w.reject(
        'NOT_FOUND',
        `Expected to delete resource but no resource found with key \`${resourceKey}\``,
      );
    if (
      process &&
      state.elements.hasRunningInstanceOf(process.processDefinitionKey, (k) => state.isBanned(k))
    )
      return w.reject(
        'INVALID_STATE',
        `Expected to delete resource with key \`${resourceKey}\` but there are still running instances`,
      );
    const value = { resourceKey, tenantId: (process ?? drg ?? form)!.tenantId };
    const eventKey = keys.next();
    w.appendEvent(eventKey, 'RESOURCE_DELETION', 'DELETING', value);
    if (process) this.deleteProcess(process);
    else if (drg) this.deleteDecisionRequirements(drg);
    else w.appendEvent(form!.formKey, 'FORM', 'DELETED', { ...form!, resource: '' });
    w.appendEvent(eventKey, 'RESOURCE_DELETION', 'DELETED', value);
    w.respond({ key: eventKey, ...value });
  }

  private deleteDecisionRequirements(drg: DecisionRequirementsValue): void {
    const { w, state, keys } = this.ctx;
    for (const d of state.definitions.decisionsOfRequirements(drg.decisionRequirementsKey))
      w.appendEvent(keys.next(), 'DECISION', 'DELETED', { ...d, duplicate: false });
    // The resource stays in the record, as in Zeebe: exporters may archive what was deleted.
    w.appendEvent(keys.next(), 'DECISION_REQUIREMENTS', 'DELETED', { ...drg, duplicate: false });
  }

  private deleteProcess(process: ProcessValue): void {
    const { w, state } = this.ctx;
    // As Zeebe, without the resource: it would only make the journal heavier.
    const record = { ...process, resource: '', checksum: '' };
    w.appendEvent(process.processDefinitionKey, 'PROCESS', 'DELETING', record);
    const latest = state.definitions.latestProcess(process.bpmnProcessId);
    if (latest?.processDefinitionKey === process.processDefinitionKey) {
      this.starts.closeFor(process);
      const previous = state.definitions.processVersionBefore(process.bpmnProcessId, process.version);
      if (previous) this.starts.reopen(previous);
    }
    w.appendEvent(process.processDefinitionKey, 'PROCESS', 'DELETED', record);
  }
}
