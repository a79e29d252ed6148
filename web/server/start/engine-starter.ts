// The pending start's engine calls over the REST API v2 (domain/ledger/ledger-process.ts): create an instance,
// cancel a surplus one, and find a running instance by its business key — the variable that carries the record's
// number — before starting another.
import type { ProcessStarter } from '../../../domain/ledger/ledger-process';
import type { EngineApi } from '../engine/client';
import { now } from '../tasks/engine-calls';

interface Page<T> {
  items: T[];
}

export function engineStarter(engine: EngineApi): ProcessStarter {
  return {
    async start(processId, variables) {
      const created = (await engine.createProcessInstance({
        processDefinitionId: processId,
        variables,
      } as never)) as unknown as { processInstanceKey: string };
      return String(created.processInstanceKey);
    },
    async cancel(processInstanceKey) {
      await engine.cancelProcessInstance({ processInstanceKey } as never);
    },
    async activeInstanceWith(processId, name, value) {
      const vars = (await engine.searchVariables(
        { filter: { name, value: JSON.stringify(value) }, page: { limit: 100 } } as never,
        now as never,
      )) as unknown as Page<{ processInstanceKey: string }>;
      const keys = [...new Set(vars.items.map((v) => String(v.processInstanceKey)))];
      if (!keys.length) return null;
      const found = (await engine.searchProcessInstances(
        {
          filter: { processInstanceKey: { $in: keys }, processDefinitionId: processId, state: 'ACTIVE' },
          page: { limit: 1 },
        } as never,
        now as never,
      )) as unknown as Page<{ processInstanceKey: string }>;
      return found.items[0] ? String(found.items[0].processInstanceKey) : null;
    },
  };
}
