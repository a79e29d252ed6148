// The domain audit names the person who started a process through a start form: the workers that register
// the case or petition inside the new instance only know their job type. Written after the engine accepted
// the start, so a refused start leaves no row claiming it happened.
import { audit, audited } from '../../../domain/audit';
import type { Principal } from '../../../domain/auth/roles';
import type { Db } from '../../../domain/db/client';
import type { StartResult } from './start-forms';

export function auditStart(
  db: Db,
  principal: Principal,
  started: StartResult,
  isoWeek: unknown,
  requestId: string | undefined,
): Promise<void> {
  return audited(db, (tx) =>
    audit(
      tx,
      { userId: principal.userId, label: principal.username },
      {
        action: 'process.start',
        entity: 'processInstance',
        // A weekly round is started by message: its instance may not exist yet when the answer goes out.
        entityId: started.processInstanceKey ?? `${started.processId}:${String(isoWeek)}`,
        unitId: principal.unitId,
        after: {
          processDefinitionId: started.processId,
          processInstanceKey: started.processInstanceKey,
          record: started.record?.number ?? null,
          requestId: requestId ?? null,
          via: 'web',
        },
      },
    ),
  );
}
