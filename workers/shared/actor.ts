// Who the audit log names for a worker's change: 'worker:<job type>' (no user: the engine ran the step).
import type { Actor } from '../../domain/audit';

export function workerActor(jobType: string): Actor {
  return { userId: null, label: `worker:${jobType}` };
}
