// The outbox delivering to a real SMTP server on loopback, for tests of what a mail looks like when it arrives:
// `send` enqueues one mail, runs the dispatcher once and returns the message as the server received it.
import { manualClock } from '../../../domain/clock';
import { silentLogger } from '../../../domain/log';
import { mailSettingsFromEnv } from '../../../domain/notifications/compose';
import { startOutboxDispatcher, type OutboxDispatcher } from '../../../domain/notifications/dispatcher';
import { enqueueMail } from '../../../domain/notifications/outbox';
import { smtpTransport } from '../../../domain/notifications/transport';
import type { MailContent } from '../../../domain/notifications/types';
import { freshDatabase, type TestDatabase } from '../../support/databases';
import { startSmtp, type Received, type TestSmtp } from './smtp';

export interface MailBench {
  clock: ReturnType<typeof manualClock>;
  smtp: TestSmtp;
  send(content: MailContent, to?: string[]): Promise<Received>;
  stop(): Promise<void>;
}

export async function startMailBench(): Promise<MailBench> {
  const settings = mailSettingsFromEnv({ MAIL_FROM: '"工作专班办公室" <office@zhuanban.test>' });
  const clock = manualClock('2026-12-01T02:00:00Z');
  const database: TestDatabase = await freshDatabase('sqlite');
  const smtp = await startSmtp();
  const dispatcher: OutboxDispatcher = startOutboxDispatcher({
    db: database.db,
    transport: smtpTransport(smtp.url),
    envelopeFrom: 'office@zhuanban.test',
    clock,
    log: silentLogger,
    intervalMs: 3_600_000,
  });
  let counter = 0;
  return {
    clock,
    smtp,
    async send(content, to = ['unit@zhuanban.test']) {
      const before = smtp.received.length;
      await enqueueMail(database.db, { idempotencyKey: `t${++counter}`, to, content }, settings, clock.now());
      await dispatcher.runOnce();
      return (await smtp.waitFor(before + 1))[before]!;
    },
    async stop() {
      await dispatcher.stop();
      await smtp.stop();
      await database.destroy();
    },
  };
}
