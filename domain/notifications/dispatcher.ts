// Delivers the outbox's mail rows over SMTP: the stored MIME bytes go unchanged to the envelope's recipients
// (delivery-loop.ts claims, retries and marks the rows); a permanent SMTP reply (5xx) fails the row at once.
import type { Db } from '../db/client';
import type { Clock } from '../clock';
import type { Logger } from '../log';
import { isPermanentSmtpError, type MailTransport } from './transport';
import { mailsDelivered } from '../metrics';
import { startDeliveryLoop, type OutboxDispatcher } from './delivery-loop';

export { backoffDelay, type OutboxDispatcher } from './delivery-loop';

export interface DispatcherOptions {
  db: Db;
  transport: MailTransport;
  /** The envelope sender (address only). */
  envelopeFrom: string;
  clock: Clock;
  log: Logger;
  intervalMs?: number;
  maxAttempts?: number;
  initialBackoffMs?: number;
  maxBackoffMs?: number;
  leaseMs?: number;
  batchSize?: number;
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
  const { transport, ...timing } = options;
  return startDeliveryLoop({
    ...timing,
    channels: ['mail'],
    noun: 'mail',
    describe: transport.describe(),
    counter: mailsDelivered,
    isPermanent: isPermanentSmtpError,
    async send(row) {
      const result = await transport.send(
        { from: options.envelopeFrom, to: envelopeTo(row.recipients) },
        row.mime,
      );
      return {
        response: result.response,
        messageId: /^Message-ID:\s*(<[^>]+>)/im.exec(row.mime)?.[1] ?? null,
      };
    },
    onStop: () => transport.close(),
  });
}
