// The domain audit names the person who completed a user task through the web — the workers that act on the
// completion only know their job type. Written after the engine accepted the completion, so a refused or
// failed completion leaves no row claiming it happened.
import { audit, audited } from '../../../domain/audit';
import type { Db } from '../../../domain/db/client';
import type { Principal } from '../../../domain/auth/roles';
import type { EngineTask } from './inbox';

export function auditCompletion(
  db: Db,
  principal: Principal,
  task: EngineTask,
  requestId: string | undefined,
): Promise<void> {
  return audited(db, (tx) =>
    audit(
      tx,
      { userId: principal.userId, label: principal.username },
      {
        action: 'userTask.complete',
        entity: 'userTask',
        entityId: task.userTaskKey,
        unitId: principal.unitId,
        after: {
          userTaskKey: task.userTaskKey,
          elementId: task.elementId,
          taskName: task.name ?? null,
          processInstanceKey: task.processInstanceKey,
          processDefinitionId: task.processDefinitionId,
          requestId: requestId ?? null,
          via: 'web',
        },
      },
    ),
  );
}
