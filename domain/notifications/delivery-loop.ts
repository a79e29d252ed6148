// The outbox's delivery loop, shared by every channel (mail, group chats): claims due pending rows of its
// channels (a lease, so a crashed sender's rows are taken up again and two senders never send the same row at
// once), hands each to the channel's sender, marks it sent. A failure is retried with exponential back-off;
// after maxAttempts, or on a refusal a retry cannot fix, the row is marked failed with the reason and stays
// visible for a person to resend. Stored first, sent after: a crash loses nothing.
import type { Counter } from 'prom-client';
import type { Clock } from '../clock';
import type { Db } from '../db/client';
import type { Logger } from '../log';

export interface DueRow {
  id: number;
  attempts: number;
  recipients: unknown;
  mime: string;
  idempotencyKey: string;
  channel: string;
  unitId: number | null;
}

export interface LoopOptions {
  db: Db;
  clock: Clock;
  log: Logger;
  /** The outbox channels this loop delivers ('mail', or the chat platforms). */
  channels: string[];
  /** Sends one row; resolves with the receiver's answer (and the Message-ID for mail). */
  send(row: DueRow): Promise<{ response: string; messageId?: string | null }>;
  /** A failure no retry can fix: the row is marked failed at once. */
  isPermanent(e: unknown): boolean;
  /** What the loop sends, for the logs: 'mail', 'chat'. */
  noun: string;
  describe: string;
  counter?: Counter<'result'>;
  onStop?(): void;
  /** How often due rows are looked for (default 2000 ms). */
  intervalMs?: number;
  /** Attempts before a row is marked failed (default 10). */
  maxAttempts?: number;
  /** First retry delay, doubled per attempt up to maxBackoffMs (defaults 30 s and 1 h). */
  initialBackoffMs?: number;
  maxBackoffMs?: number;
  /**
   * How long a claimed row is left to its sender before another may take it (default 2 min): longer than a send
   * can last (the SMTP and chat timeouts), short enough that a message whose sender was killed mid-send goes out
   * soon after the next sender starts.
   */
  leaseMs?: number;
  batchSize?: number;
}

export interface OutboxDispatcher {
  /** Runs one delivery pass now; resolves with the number of messages sent. */
  runOnce(): Promise<number>;
  stop(): Promise<void>;
}

export const defaultLeaseMs = 120_000;

export function backoffDelay(attempt: number, initialMs: number, maxMs: number): number {
  return Math.min(maxMs, initialMs * 2 ** Math.max(0, attempt - 1));
}

export function startDeliveryLoop(options: LoopOptions): OutboxDispatcher {
  const { db, clock, log, noun } = options;
  const intervalMs = options.intervalMs ?? 2000;
  const maxAttempts = options.maxAttempts ?? 10;
  const initialBackoffMs = options.initialBackoffMs ?? 30_000;
  const maxBackoffMs = options.maxBackoffMs ?? 3_600_000;
  const leaseMs = options.leaseMs ?? defaultLeaseMs;
  const batchSize = options.batchSize ?? 20;
  let stopped = false;
  let timer: NodeJS.Timeout | undefined;
  let running: Promise<number> | undefined;

  async function deliver(row: DueRow): Promise<boolean> {
    const now = clock.now();
    const claimed = await db.outboxMessage.updateMany({
      where: { id: row.id, status: 'pending', attempts: row.attempts },
      data: { attempts: row.attempts + 1, nextAttemptAt: new Date(now.getTime() + leaseMs) },
    });
    if (claimed.count !== 1) return false; // another dispatcher has it
    const attempt = row.attempts + 1;
    try {
      const result = await options.send(row);
      await db.outboxMessage.update({
        where: { id: row.id },
        data: { status: 'sent', sentAt: clock.now(), messageId: result.messageId ?? null, lastError: null },
      });
      options.counter?.inc({ result: 'sent' });
      log.info(`${noun} sent`, {
        outboxId: row.id,
        key: row.idempotencyKey,
        attempt,
        response: result.response,
      });
      return true;
    } catch (e) {
      const message = e instanceof Error ? e.message : String(e);
      const permanent = options.isPermanent(e);
      const giveUp = permanent || attempt >= maxAttempts;
      const delay = backoffDelay(attempt, initialBackoffMs, maxBackoffMs);
      await db.outboxMessage.update({
        where: { id: row.id },
        data: giveUp
          ? { status: 'failed', lastError: message.slice(0, 2000) }
          : { lastError: message.slice(0, 2000), nextAttemptAt: new Date(clock.now().getTime() + delay) },
      });
      options.counter?.inc({ result: giveUp ? 'failed' : 'retry' });
      const fields = { outboxId: row.id, key: row.idempotencyKey, attempt, error: message };
      if (giveUp)
        log.error(permanent ? `${noun} rejected permanently` : `${noun} failed, retries exhausted`, fields);
      else log.warn(`${noun} not sent, will retry`, { ...fields, retryInMs: delay });
      return false;
    }
  }

  async function pass(): Promise<number> {
    const due = await db.outboxMessage.findMany({
      where: { status: 'pending', channel: { in: options.channels }, nextAttemptAt: { lte: clock.now() } },
      orderBy: { id: 'asc' },
      take: batchSize,
      select: {
        id: true,
        attempts: true,
        recipients: true,
        mime: true,
        idempotencyKey: true,
        channel: true,
        unitId: true,
      },
    });
    let sent = 0;
    for (const row of due) {
      if (stopped) break;
      if (await deliver(row)) sent++;
    }
    return sent;
  }

  function runOnce(): Promise<number> {
    // One pass at a time: a manual call while the timer's pass runs waits for it, then runs its own.
    const previous = running ?? Promise.resolve(0);
    const next = previous.catch(() => 0).then(() => pass());
    running = next;
    return next;
  }

  function schedule() {
    if (stopped) return;
    timer = setTimeout(() => {
      runOnce()
        .catch((e: unknown) => log.error('outbox pass failed', { error: e }))
        .finally(schedule);
    }, intervalMs);
  }
  schedule();
  log.info(`outbox ${noun} delivery started`, { via: options.describe, intervalMs });

  return {
    runOnce,
    async stop() {
      stopped = true;
      if (timer) clearTimeout(timer);
      await running?.catch(() => undefined);
      options.onStop?.();
    },
  };
}
