// At-least-once delivery made effectively once: the effect of a job and a ProcessedJob row keyed by the job key
// (or a business key) commit in one transaction; a redelivered job finds the row and gets the stored result.
import { audited } from '../../domain/audit';
import { isUniqueViolation, type Db, type Prisma, type Tx } from '../../domain/db/client';
import type { JsonObject } from './handler';

export interface JobIdentity {
  key: string;
  type: string;
  processInstanceKey?: string;
}

export interface OnceResult<R> {
  result: R;
  /** True when the work had been done before and the stored result was returned. */
  replayed: boolean;
}

export function idempotencyKey(job: JobIdentity, businessKey?: string): string {
  return businessKey === undefined ? `job:${job.key}` : `${job.type}:${businessKey}`;
}

export async function once<R extends JsonObject>(
  db: Db,
  job: JobIdentity,
  fn: (tx: Tx) => Promise<R>,
  businessKey?: string,
): Promise<OnceResult<R>> {
  const key = idempotencyKey(job, businessKey);
  try {
    return await audited(db, async (tx) => {
      const done = await tx.processedJob.findUnique({ where: { key } });
      if (done) return { result: (done.result ?? {}) as R, replayed: true };
      const result = await fn(tx);
      await tx.processedJob.create({
        data: {
          key,
          jobType: job.type,
          jobKey: job.key,
          processInstanceKey: job.processInstanceKey ?? null,
          result: result as Prisma.InputJsonObject,
        },
      });
      return { result, replayed: false };
    });
  } catch (e) {
    // Two deliveries of the same job raced (PostgreSQL): the other one committed first.
    if (!isUniqueViolation(e)) throw e;
    const done = await db.processedJob.findUnique({ where: { key } });
    if (!done) throw e;
    return { result: (done.result ?? {}) as R, replayed: true };
  }
}
