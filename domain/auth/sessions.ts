// Password login with lock-out, and server-side sessions stored in the domain database. The cookie carries a
// random token; the table stores only its sha256, so a copy of the table does not let anyone in. Sessions
// expire after a period of inactivity and at an absolute limit, whichever comes first.
import { createHash, randomBytes } from 'node:crypto';
import { audit, audited } from '../audit';
import type { Db } from '../db/client';
import { dummyHashPromise, verifyPassword } from './password';
import { isRole, type Principal } from './roles';

export interface SessionPolicy {
  idleMinutes: number;
  absoluteHours: number;
  maxFailedLogins: number;
  lockMinutes: number;
}

export const defaultSessionPolicy: SessionPolicy = {
  idleMinutes: 30,
  absoluteHours: 12,
  maxFailedLogins: 5,
  lockMinutes: 15,
};

export type LoginResult =
  | { ok: true; principal: Principal; token: string; csrfToken: string; expiresAt: Date }
  | { ok: false; reason: 'invalid' | 'locked'; lockedUntil?: Date };

const anonymous = { userId: null, label: 'anonymous' };
const hashToken = (token: string) => createHash('sha256').update(token).digest('hex');
/** The session row id of a cookie token. */
export const sessionIdOf = hashToken;
export const newToken = () => randomBytes(32).toString('base64url');

function principalOf(user: {
  id: number;
  username: string;
  role: string;
  unitId: number | null;
  mustChangePassword: boolean;
}): Principal {
  if (!isRole(user.role)) throw new Error(`user ${user.username} has an unknown role '${user.role}'`);
  return {
    userId: user.id,
    username: user.username,
    role: user.role,
    unitId: user.unitId,
    mustChangePassword: user.mustChangePassword,
  };
}

function expiry(createdAt: Date, now: Date, policy: SessionPolicy): Date {
  return new Date(
    Math.min(
      now.getTime() + policy.idleMinutes * 60_000,
      createdAt.getTime() + policy.absoluteHours * 3_600_000,
    ),
  );
}

export async function login(
  db: Db,
  username: string,
  password: string,
  meta: { ip?: string; userAgent?: string },
  policy = defaultSessionPolicy,
  now = new Date(),
): Promise<LoginResult> {
  const user = await db.user.findUnique({ where: { username } });
  if (!user || !user.active) {
    await verifyPassword(password, await dummyHashPromise); // same work as a real check: timing tells nothing
    await audited(db, (tx) =>
      audit(tx, anonymous, {
        action: 'login.failed',
        entity: 'login',
        entityId: username.slice(0, 100),
        after: { ip: meta.ip ?? null, reason: user ? 'inactive' : 'unknown-user' },
      }),
    );
    return { ok: false, reason: 'invalid' };
  }
  const actor = { userId: user.id, label: user.username };
  if (user.lockedUntil && user.lockedUntil > now) {
    await audited(db, (tx) =>
      audit(tx, actor, {
        action: 'login.refusedLocked',
        entity: 'user',
        entityId: user.id,
        after: { ip: meta.ip ?? null, lockedUntil: user.lockedUntil },
      }),
    );
    return { ok: false, reason: 'locked', lockedUntil: user.lockedUntil };
  }
  if (!(await verifyPassword(password, user.passwordHash))) {
    const lockedUntil = new Date(now.getTime() + policy.lockMinutes * 60_000);
    // One atomic increment per failure: concurrent wrong passwords each count (no lost updates), and the one
    // that reaches the limit locks the account.
    const lockedNow = await audited(db, async (tx) => {
      const counted = await tx.user.update({
        where: { id: user.id },
        data: { failedLogins: { increment: 1 } },
        select: { failedLogins: true },
      });
      let locked = false;
      if (counted.failedLogins >= policy.maxFailedLogins) {
        const lock = await tx.user.updateMany({
          where: { id: user.id, failedLogins: { gte: policy.maxFailedLogins } },
          data: { failedLogins: 0, lockedUntil },
        });
        locked = lock.count > 0;
      }
      await audit(tx, actor, {
        action: locked ? 'user.locked' : 'user.loginFailed',
        entity: 'user',
        entityId: user.id,
        after: {
          failedLogins: locked ? 0 : counted.failedLogins,
          lockedUntil: locked ? lockedUntil : null,
          ip: meta.ip ?? null,
        },
      });
      return locked;
    });
    return lockedNow ? { ok: false, reason: 'locked', lockedUntil } : { ok: false, reason: 'invalid' };
  }
  const token = newToken();
  const csrfToken = newToken();
  const expiresAt = expiry(now, now, policy);
  await audited(db, async (tx) => {
    await tx.user.update({
      where: { id: user.id },
      data: { failedLogins: 0, lockedUntil: null, lastLoginAt: now },
    });
    await tx.session.create({
      data: {
        id: hashToken(token),
        userId: user.id,
        csrfToken,
        createdAt: now,
        lastSeenAt: now,
        expiresAt,
        ip: meta.ip?.slice(0, 100),
        userAgent: meta.userAgent?.slice(0, 300),
      },
    });
    await audit(tx, actor, {
      action: 'user.login',
      entity: 'user',
      entityId: user.id,
      after: { ip: meta.ip ?? null },
    });
  });
  return { ok: true, principal: principalOf(user), token, csrfToken, expiresAt };
}

export interface ActiveSession {
  principal: Principal;
  csrfToken: string;
  expiresAt: Date;
}

interface SessionRow {
  createdAt: Date | string | number;
  lastSeenAt: Date | string | number;
  expiresAt: Date | string | number;
  csrfToken: string;
  userId: number | bigint;
  username: string;
  role: string;
  unitId: number | bigint | null;
  mustChangePassword: boolean | number | bigint;
  active: boolean | number | bigint;
}

// Every request reads its session: one plain statement (quoted for PostgreSQL, read the same by SQLite) costs
// a fifth of the CPU of the ORM's compiled query with its include, which was half of a shared dashboard load.
// SQLite hands back booleans as 0/1 and may hand dates back as text; both are read into their types here.
async function sessionWithUser(db: Db, id: string) {
  const rows = await db.$queryRaw<SessionRow[]>`
    SELECT s."createdAt", s."lastSeenAt", s."expiresAt", s."csrfToken", s."userId",
           u."username", u."role", u."unitId", u."mustChangePassword", u."active"
    FROM "Session" s JOIN "User" u ON u."id" = s."userId"
    WHERE s."id" = ${id}`;
  const r = rows[0];
  if (!r) return undefined;
  return {
    createdAt: new Date(r.createdAt),
    lastSeenAt: new Date(r.lastSeenAt),
    expiresAt: new Date(r.expiresAt),
    csrfToken: r.csrfToken,
    user: {
      id: Number(r.userId),
      username: r.username,
      role: r.role,
      unitId: r.unitId === null ? null : Number(r.unitId),
      mustChangePassword: Boolean(r.mustChangePassword),
      active: Boolean(r.active),
    },
  };
}

/** The session behind a cookie token, extended on use; undefined when unknown, expired or the user is gone. */
export async function resumeSession(db: Db, token: string, policy = defaultSessionPolicy, now = new Date()) {
  const id = hashToken(token);
  const session = await sessionWithUser(db, id);
  if (!session) return undefined;
  if (session.expiresAt <= now || !session.user.active) {
    await db.session.deleteMany({ where: { id } });
    return undefined;
  }
  let expiresAt = session.expiresAt;
  if (now.getTime() - session.lastSeenAt.getTime() > 60_000) {
    expiresAt = expiry(session.createdAt, now, policy);
    await db.session.update({ where: { id }, data: { lastSeenAt: now, expiresAt } });
  }
  return {
    principal: principalOf(session.user),
    csrfToken: session.csrfToken,
    expiresAt,
  } satisfies ActiveSession;
}

export async function logout(db: Db, token: string, principal: Principal): Promise<void> {
  await audited(db, async (tx) => {
    await tx.session.deleteMany({ where: { id: hashToken(token) } });
    await audit(
      tx,
      { userId: principal.userId, label: principal.username },
      {
        action: 'user.logout',
        entity: 'user',
        entityId: principal.userId,
      },
    );
  });
}

/** Ends the session of a cookie token without an audit row (it is replaced by a new sign-in right away). */
export async function endSession(db: Db, token: string): Promise<void> {
  await db.session.deleteMany({ where: { id: hashToken(token) } });
}

export async function purgeExpiredSessions(db: Db, now = new Date()): Promise<number> {
  return (await db.session.deleteMany({ where: { expiresAt: { lte: now } } })).count;
}
