// The audit log: every change to a domain record writes one append-only row (who, when, what, before/after) in
// the same transaction as the change. Use-case functions call `audited(db, actor, fn)` and `audit(tx, …)`.
import type { Db, Tx } from './db/client';

export interface Actor {
  userId: number | null;
  /** username, 'system', or 'worker:<job type>' */
  label: string;
  /**
   * The worker step that made the change on the person's behalf ('worker:<job type>'), when a worker carries
   * out a person's user-task completion: the row names the person and still says which step wrote it.
   */
  via?: string;
}

export const systemActor: Actor = { userId: null, label: 'system' };

export interface AuditEntry {
  action: string; // entity.verb, e.g. user.create, ledgerItem.update
  entity: string;
  entityId: string | number;
  unitId?: number | null;
  before?: unknown;
  after?: unknown;
}

const secretKeys = new Set(['passwordHash', 'csrfToken']);

type JsonValue = string | number | boolean | null | JsonValue[] | { [key: string]: JsonValue };

/** Plain JSON of a record for the log: dates as ISO strings, secrets left out. */
export function auditJson(value: unknown): JsonValue {
  if (value === null || value === undefined) return null;
  if (value instanceof Date) return value.toISOString();
  if (Array.isArray(value)) return value.map(auditJson);
  if (typeof value === 'bigint') return value.toString();
  if (typeof value === 'object') {
    const out: { [key: string]: JsonValue } = {};
    for (const [k, v] of Object.entries(value))
      if (!secretKeys.has(k) && v !== undefined) out[k] = auditJson(v);
    return out;
  }
  if (typeof value === 'number' || typeof value === 'string' || typeof value === 'boolean') return value;
  return String(value);
}

/** `after` as stored; a change made on a person's behalf also says through which step (as `via: 'web'` does). */
function afterWithVia(after: unknown, via: string | undefined) {
  const json = after === undefined ? undefined : auditJson(after);
  if (via === undefined) return json ?? undefined;
  if (json && typeof json === 'object' && !Array.isArray(json)) return { ...json, via };
  return json === undefined || json === null ? { via } : { value: json, via };
}

export async function audit(tx: Tx, actor: Actor, entry: AuditEntry): Promise<void> {
  await tx.auditLog.create({
    data: {
      actorId: actor.userId,
      actorLabel: actor.label,
      action: entry.action,
      entity: entry.entity,
      entityId: String(entry.entityId),
      unitId: entry.unitId ?? null,
      before: entry.before === undefined ? undefined : (auditJson(entry.before) ?? undefined),
      after: afterWithVia(entry.after, actor.via),
    },
  });
}

/** Runs `fn` in one transaction: the change and its audit rows commit together or not at all. */
export function audited<T>(db: Db, fn: (tx: Tx) => Promise<T>): Promise<T> {
  return db.$transaction(fn, { timeout: 20_000, maxWait: 10_000 });
}
