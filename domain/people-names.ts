// The names people know. Records keep who acted as a sign-in name (an audit's actorLabel, a score's or a
// sanction's enteredBy, a timeline event's actorLabel) and often the user's id; pages and exports show the
// person's display name instead — `court.user` means nothing to a leader reading 区法院 张三's entry. A record
// made by no person (the system, a worker) is named as such in Chinese; a user since deleted keeps the label.
import type { Db } from './db/client';

export interface Acted {
  /** The user's id where the record keeps it — it outlives a renamed username. */
  id?: number | null;
  /** The sign-in name, `system` or `worker:<job type>`. */
  label: string;
}

export type NameOf = (who: Acted) => string;

const systemName = (label: string) =>
  label === 'system' || label === 'seed' ? '系统' : label.startsWith('worker:') ? '系统（自动处理）' : label;

/** One query for all the people `who` names; the returned function gives each one's display name. */
export async function peopleNames(db: Db, who: Acted[]): Promise<NameOf> {
  const ids = [...new Set(who.flatMap((w) => (w.id ? [w.id] : [])))];
  const usernames = [...new Set(who.map((w) => w.label))];
  const users = who.length
    ? await db.user.findMany({
        where: { OR: [{ id: { in: ids } }, { username: { in: usernames } }] },
        select: { id: true, username: true, displayName: true },
      })
    : [];
  const byId = new Map(users.map((u) => [u.id, u.displayName]));
  const byUsername = new Map(users.map((u) => [u.username, u.displayName]));
  return (w) => (w.id ? byId.get(w.id) : undefined) ?? byUsername.get(w.label) ?? systemName(w.label);
}
