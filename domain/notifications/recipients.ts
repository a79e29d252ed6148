// Who receives a unit's mail: the unit's own mailbox and its active people (optionally only some roles), and
// the role groups leaders and coordinators. Addresses are de-duplicated; people without an address are skipped.
import type { Db, Tx } from '../db/client';

export interface Addressee {
  name: string;
  email: string;
}

function unique(list: Addressee[]): Addressee[] {
  const seen = new Set<string>();
  return list.filter((a) => {
    const key = a.email.toLowerCase();
    if (seen.has(key)) return false;
    seen.add(key);
    return true;
  });
}

/** The unit mailbox plus its active users (of the given roles, e.g. ['unit-user', 'unit-lead']). */
export async function unitAddressees(db: Db | Tx, unitCode: string, roles?: string[]): Promise<Addressee[]> {
  const unit = await db.unit.findUnique({
    where: { code: unitCode },
    select: {
      name: true,
      email: true,
      users: {
        where: { active: true, email: { not: null }, ...(roles ? { role: { in: roles } } : {}) },
        select: { displayName: true, email: true },
        orderBy: { id: 'asc' },
      },
    },
  });
  if (!unit) return [];
  return unique([
    ...(unit.email ? [{ name: unit.name, email: unit.email }] : []),
    ...unit.users.map((u) => ({ name: u.displayName, email: u.email as string })),
  ]);
}

/** Active users with one of the roles (leader, coordinator, …), whatever their unit. */
export async function roleAddressees(db: Db | Tx, roles: string[]): Promise<Addressee[]> {
  const users = await db.user.findMany({
    where: { active: true, role: { in: roles }, email: { not: null } },
    select: { displayName: true, email: true },
    orderBy: { id: 'asc' },
  });
  return unique(users.map((u) => ({ name: u.displayName, email: u.email as string })));
}

export const addresses = (list: Addressee[]): string[] => list.map((a) => a.email);
