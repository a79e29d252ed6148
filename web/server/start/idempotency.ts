// Retry-safe starts: the page sends a key it made once per form; the first request with that key does the work,
// and any repeat of it from the same user within a day — a double click, a resend after a lost answer, a retry
// after the web server crashed or restarted — gets the same answer instead of a second process instance. Kept in
// the database (IdempotencyKey), so the guarantee holds across restarts and replicas. The key records what was
// made as soon as the engine answers (`resultRef`), so even a crash before the answer was stored is resumed from
// the instance rather than started again.
import type { Db } from '../../../domain/db/client';
import { isUniqueViolation } from '../../../domain/db/client';
import { HttpError } from '../http/problem';

const ttlMs = 24 * 3600_000;
/** How long a repeat waits for a first request still at work before calling the outcome unknown. */
const waitMs = 30_000;

export interface IdempotencyScope {
  userId: number;
  route: string;
  key: string;
}

export interface OnceWork<T> {
  /** Does the work; calls `made(ref)` the moment something exists that a retry must not make again. */
  run(made: (ref: string) => Promise<void>): Promise<T>;
  /** The answer for what an earlier request made, from its reference. */
  resume(ref: string): Promise<T>;
}

export async function once<T>(db: Db, scope: IdempotencyScope, work: OnceWork<T>): Promise<T> {
  let id: number;
  try {
    id = (await db.idempotencyKey.create({ data: scope })).id;
  } catch (e) {
    if (!isUniqueViolation(e)) throw e;
    return repeat(db, scope, work);
  }
  try {
    const result = await work.run(async (ref) => {
      await db.idempotencyKey.update({ where: { id }, data: { resultRef: ref } });
    });
    await db.idempotencyKey.update({ where: { id }, data: { result: JSON.stringify(result) } });
    return result;
  } catch (e) {
    // Nothing was made unless a reference was recorded: then the same key may be tried again.
    await db.idempotencyKey.deleteMany({ where: { id, resultRef: null } });
    throw e;
  }
}

async function repeat<T>(db: Db, scope: IdempotencyScope, work: OnceWork<T>): Promise<T> {
  for (;;) {
    const row = await db.idempotencyKey.findUnique({ where: { userId_route_key: scope } });
    if (!row) return once(db, scope, work); // the first attempt failed and gave the key back
    if (Date.now() - row.createdAt.getTime() > ttlMs) {
      await db.idempotencyKey.deleteMany({ where: { id: row.id } });
      return once(db, scope, work);
    }
    if (row.result !== null) return JSON.parse(row.result) as T;
    if (row.resultRef !== null) return work.resume(row.resultRef);
    if (Date.now() - row.createdAt.getTime() > waitMs)
      throw new HttpError(
        409,
        '提交结果不明',
        '同一提交的上一次处理未完成（服务曾中断），请先在“查找”中确认是否已登记，未登记的请重新打开表单提交',
      );
    await new Promise((r) => setTimeout(r, 200));
  }
}

/** Forgets the keys older than a day (the web server runs this with its other periodic purges). */
export async function purgeIdempotencyKeys(db: Db, now = new Date()): Promise<number> {
  const before = new Date(now.getTime() - ttlMs);
  return (await db.idempotencyKey.deleteMany({ where: { createdAt: { lt: before } } })).count;
}
