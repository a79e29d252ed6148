// Delivers the outbox: claims due pending rows (a lease, so a crashed sender's rows are taken up again and two
// dispatchers never send the same row at once), sends the stored MIME bytes, marks them sent. A failure is
// retried with exponential back-off; after maxAttempts, or on a permanent SMTP reply (5xx), the row is marked
// failed and stays visible for a person to resend. Stored first, sent after: a crash loses nothing.
import type { Db } from '../db/client';
import type { Clock } from '../clock';
import type { Logger } from '../log';
import { isPermanentSmtpError, type MailTransport } from './transport';
import { mailsDelivered } from '../metrics';

export interface DispatcherOptions {
  db: Db;
  transport: MailTransport;
  /** The envelope sender (address only). */
  envelopeFrom: string;
  clock: Clock;
  log: Logger;
  /** How often due rows are looked for (default 2000 ms). */
  intervalMs?: number;
  /** Attempts before a row is marked failed (default 10). */
  maxAttempts?: number;
  /** First retry delay, doubled per attempt up to maxBackoffMs (defaults 30 s and 1 h). */
  initialBackoffMs?: number;
  maxBackoffMs?: number;
  /** How long a claimed row is left to its sender before another may take it (default 5 min). */
  leaseMs?: number;
  batchSize?: number;
}

export interface OutboxDispatcher {
  /** Runs one delivery pass now; resolves with the number of mails sent. */
  runOnce(): Promise<number>;
  stop(): Promise<void>;
}

export function backoffDelay(attempt: number, initialMs: number, maxMs: number): number {
  return Math.min(maxMs, initialMs * 2 ** Math.max(0, attempt - 1));
}

interface Recipients {
  to?: unknown;
  cc?: unknown;
}

function envelopeTo(recipients: unknown): string[] {
  const r = (recipients ?? {}) as Recipients;
  const list = (v: unknown) => (Array.isArray(v) ? v.filter((x): x is string => typeof x === 'string') : []);
  return [...list(r.to), ...list(r.cc)];
}

export function startOutboxDispatcher(options: DispatcherOptions): OutboxDispatcher {
  const { db, transport, clock, log } = options;
  const intervalMs = options.intervalMs ?? 2000;
  const maxAttempts = options.maxAttempts ?? 10;
  const initialBackoffMs = options.initialBackoffMs ?? 30_000;
  const maxBackoffMs = options.maxBackoffMs ?? 3_600_000;
  const leaseMs = options.leaseMs ?? 300_000;
  const batchSize = options.batchSize ?? 20;
  let stopped = false;
  let timer: NodeJS.Timeout | undefined;
  let running: Promise<number> | undefined;

  async function deliver(row: {
    id: number;
    attempts: number;
    recipients: unknown;
    mime: string;
    idempotencyKey: string;
  }): Promise<boolean> {
    const now = clock.now();
    const claimed = await db.outboxMessage.updateMany({
      where: { id: row.id, status: 'pending', attempts: row.attempts },
      data: { attempts: row.attempts + 1, nextAttemptAt: new Date(now.getTime() + leaseMs) },
    });
    if (claimed.count !== 1) return false; // another dispatcher has it
    const attempt = row.attempts + 1;
    try {
      const result = await transport.send(
        { from: options.envelopeFrom, to: envelopeTo(row.recipients) },
        row.mime,
      );
      const messageId = /^Message-ID:\s*(<[^>]+>)/im.exec(row.mime)?.[1] ?? null;
      await db.outboxMessage.update({
        where: { id: row.id },
        data: { status: 'sent', sentAt: clock.now(), messageId, lastError: null },
      });
      mailsDelivered.inc({ result: 'sent' });
      log.info('mail sent', {
        outboxId: row.id,
        key: row.idempotencyKey,
        attempt,
        response: result.response,
      });
      return true;
    } catch (e) {
      const message = e instanceof Error ? e.message : String(e);
      const permanent = isPermanentSmtpError(e);
      const giveUp = permanent || attempt >= maxAttempts;
      const delay = backoffDelay(attempt, initialBackoffMs, maxBackoffMs);
      await db.outboxMessage.update({
        where: { id: row.id },
        data: giveUp
          ? { status: 'failed', lastError: message.slice(0, 2000) }
          : { lastError: message.slice(0, 2000), nextAttemptAt: new Date(clock.now().getTime() + delay) },
      });
      mailsDelivered.inc({ result: giveUp ? 'failed' : 'retry' });
      const fields = { outboxId: row.id, key: row.idempotencyKey, attempt, error: message };
      if (giveUp)
        log.error(permanent ? 'mail rejected permanently' : 'mail failed, retries exhausted', fields);
      else log.warn('mail not sent, will retry', { ...fields, retryInMs: delay });
      return false;
    }
  }

  async function pass(): Promise<number> {
    const due = await db.outboxMessage.findMany({
      where: { status: 'pending', nextAttemptAt: { lte: clock.now() } },
      orderBy: { id: 'asc' },
      take: batchSize,
      select: { id: true, attempts: true, recipients: true, mime: true, idempotencyKey: true },
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
  log.info('outbox delivery started', { via: transport.describe(), intervalMs });

  return {
    runOnce,
    async stop() {
      stopped = true;
      if (timer) clearTimeout(timer);
      await running?.catch(() => undefined);
      transport.close();
    },
  };
}
