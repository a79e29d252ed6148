// The outbox on both databases with a real SMTP server on loopback: a mail is stored first and sent after, once
// per idempotency key; when the server is down it is retried with back-off and delivered when it is back; a
// permanent refusal marks it failed; a sender that crashed after claiming a row leaves it to the next one.
import net from 'node:net';
import { manualClock } from '../../domain/clock';
import { createLogger, type LogRecord } from '../../domain/log';
import { mailSettingsFromEnv } from '../../domain/notifications/compose';
import { defaultLeaseMs } from '../../domain/notifications/delivery-loop';
import { startOutboxDispatcher, type OutboxDispatcher } from '../../domain/notifications/dispatcher';
import { enqueueMail } from '../../domain/notifications/outbox';
import { reminder } from '../../domain/notifications/templates';
import { smtpTransport } from '../../domain/notifications/transport';
import type { OutgoingMail } from '../../domain/notifications/types';
import { freshDatabase, providers, type TestDatabase } from '../support/databases';
import { startSmtp, type TestSmtp } from './support/smtp';

const settings = mailSettingsFromEnv({ MAIL_FROM: '"工作专班办公室" <office@zhuanban.test>' });

function mail(key: string): OutgoingMail {
  return {
    idempotencyKey: key,
    to: ['court@zhuanban.test'],
    cc: ['office@zhuanban.test'],
    content: reminder({
      recipient: '区法院',
      taskName: '填报本周工作周报',
      businessKey: '2026-W48',
      dueAt: new Date('2026-11-27T09:00:00Z'), // 17:00 Asia/Shanghai
      overdue: false,
    }),
    relatedType: 'weeklyReport',
  };
}

describe.each(providers)('outbox on %s', (provider) => {
  let database: TestDatabase;
  let smtp: TestSmtp;
  let dispatcher: OutboxDispatcher | undefined;
  const clock = manualClock('2026-11-27T07:00:00Z');
  const logs: LogRecord[] = [];

  beforeAll(async () => {
    database = await freshDatabase(provider);
    smtp = await startSmtp();
  });
  afterEach(async () => {
    await dispatcher?.stop();
    dispatcher = undefined;
  });
  afterAll(async () => {
    await smtp.stop();
    await database.destroy();
  });

  const start = (overrides: { maxAttempts?: number; leaseMs?: number } = {}) => {
    dispatcher = startOutboxDispatcher({
      db: database.db,
      transport: smtpTransport(smtp.url),
      envelopeFrom: 'office@zhuanban.test',
      clock,
      log: createLogger('outbox', { sink: (r) => logs.push(r) }),
      intervalMs: 3_600_000, // passes are run by the test
      initialBackoffMs: 30_000,
      ...overrides,
    });
    return dispatcher;
  };

  it('stores the mail, then sends it once to every recipient, with the stored Message-ID', async () => {
    const key = `${provider}:once`;
    const first = await enqueueMail(database.db, mail(key), settings, clock.now());
    const second = await enqueueMail(database.db, mail(key), settings, clock.now());
    expect(first.created).toBe(true);
    expect(second).toEqual({ id: first.id, created: false });
    const before = smtp.received.length;
    const d = start();
    expect(await d.runOnce()).toBe(1);
    expect(await d.runOnce()).toBe(0);
    const [got] = smtp.received.slice(before);
    expect(smtp.received).toHaveLength(before + 1);
    expect(got.envelope).toEqual({
      from: 'office@zhuanban.test',
      to: ['court@zhuanban.test', 'office@zhuanban.test'],
    });
    expect(got.mail.subject).toBe('【催办提醒】填报本周工作周报（2026-W48）将于2026年11月27日 17:00到期');
    expect(got.mail.text).toContain('区法院：');
    expect(got.mail.text).toContain('目前尚未办结，请抓紧办理');
    const row = await database.db.outboxMessage.findUniqueOrThrow({ where: { id: first.id } });
    expect(row).toMatchObject({ status: 'sent', attempts: 1, messageId: got.mail.messageId });
  });

  it('retries with back-off while the SMTP server is down and delivers once when it is back', async () => {
    const key = `${provider}:retry`;
    const { id } = await enqueueMail(database.db, mail(key), settings, clock.now());
    const before = smtp.received.length;
    await smtp.stop();
    const d = start();
    expect(await d.runOnce()).toBe(0);
    let row = await database.db.outboxMessage.findUniqueOrThrow({ where: { id } });
    expect(row).toMatchObject({ status: 'pending', attempts: 1 });
    expect(row.lastError).toMatch(/ECONNREFUSED|connect/i);
    expect(row.nextAttemptAt.getTime()).toBe(clock.now().getTime() + 30_000);
    clock.advance(10_000);
    expect(await d.runOnce()).toBe(0); // not due yet: no attempt
    expect((await database.db.outboxMessage.findUniqueOrThrow({ where: { id } })).attempts).toBe(1);
    clock.advance(20_000);
    expect(await d.runOnce()).toBe(0); // due, still down: second attempt, back-off doubles
    row = await database.db.outboxMessage.findUniqueOrThrow({ where: { id } });
    expect(row.attempts).toBe(2);
    expect(row.nextAttemptAt.getTime()).toBe(clock.now().getTime() + 60_000);
    await smtp.start();
    clock.advance(60_000);
    expect(await d.runOnce()).toBe(1);
    expect(await d.runOnce()).toBe(0);
    expect(smtp.received.length).toBe(before + 1);
    row = await database.db.outboxMessage.findUniqueOrThrow({ where: { id } });
    expect(row).toMatchObject({ status: 'sent', attempts: 3, lastError: null });
    expect(logs.some((l) => l.message === 'mail not sent, will retry' && l.fields.outboxId === id)).toBe(
      true,
    );
  });

  it('marks a mail failed on a permanent refusal and after the last attempt', async () => {
    const permanent = await enqueueMail(database.db, mail(`${provider}:550`), settings, clock.now());
    smtp.refuseWith = 550;
    const d = start({ maxAttempts: 2 });
    await d.runOnce();
    expect(await database.db.outboxMessage.findUniqueOrThrow({ where: { id: permanent.id } })).toMatchObject({
      status: 'failed',
      attempts: 1,
    });
    const temporary = await enqueueMail(database.db, mail(`${provider}:451`), settings, clock.now());
    smtp.refuseWith = 451;
    await d.runOnce();
    clock.advance(30_000);
    await d.runOnce();
    smtp.refuseWith = undefined;
    const row = await database.db.outboxMessage.findUniqueOrThrow({ where: { id: temporary.id } });
    expect(row).toMatchObject({ status: 'failed', attempts: 2 });
    expect(row.lastError).toMatch(/451/);
  });

  it('takes up a row whose sender crashed after claiming it, once its lease ran out', async () => {
    const { id } = await enqueueMail(database.db, mail(`${provider}:lease`), settings, clock.now());
    // What a dispatcher leaves behind when it dies between claiming and sending.
    await database.db.outboxMessage.update({
      where: { id },
      data: { attempts: 1, nextAttemptAt: new Date(clock.now().getTime() + 300_000) },
    });
    const before = smtp.received.length;
    const d = start();
    expect(await d.runOnce()).toBe(0);
    clock.advance(300_000);
    expect(await d.runOnce()).toBe(1);
    expect(smtp.received.length).toBe(before + 1);
  });

  it('gives up on a server that never greets within the SMTP timeouts, the row claimed for one lease meanwhile', async () => {
    const silent = net.createServer((socket) => socket.on('error', () => undefined)); // accepts, says nothing
    await new Promise<void>((resolve) => silent.listen(0, '127.0.0.1', resolve));
    const { port } = silent.address() as net.AddressInfo;
    const timeouts = { connectionTimeout: 2_000, greetingTimeout: 300, socketTimeout: 2_000 };
    const d = startOutboxDispatcher({
      db: database.db,
      transport: smtpTransport(`smtp://127.0.0.1:${port}`, timeouts),
      envelopeFrom: 'office@zhuanban.test',
      clock,
      log: createLogger('outbox', { sink: () => undefined }),
      intervalMs: 3_600_000,
      initialBackoffMs: 30_000,
    });
    try {
      const { id } = await enqueueMail(database.db, mail(`${provider}:silent`), settings, clock.now());
      const started = Date.now();
      const pass = d.runOnce();
      let claimed = await database.db.outboxMessage.findUniqueOrThrow({ where: { id } });
      while (claimed.attempts === 0) {
        await new Promise((r) => setTimeout(r, 20));
        claimed = await database.db.outboxMessage.findUniqueOrThrow({ where: { id } });
      }
      expect(claimed.nextAttemptAt.getTime()).toBe(clock.now().getTime() + defaultLeaseMs);
      expect(await pass).toBe(0);
      expect(Date.now() - started).toBeLessThan(defaultLeaseMs);
      const row = await database.db.outboxMessage.findUniqueOrThrow({ where: { id } });
      expect(row).toMatchObject({ status: 'pending', attempts: 1 });
      expect(row.lastError).toMatch(/greeting/i);
      expect(row.nextAttemptAt.getTime()).toBe(clock.now().getTime() + 30_000);
    } finally {
      await d.stop();
      await new Promise((resolve) => silent.close(resolve));
    }
  });

  it('lets only one of two dispatchers send a row', async () => {
    const { id } = await enqueueMail(database.db, mail(`${provider}:race`), settings, clock.now());
    const before = smtp.received.length;
    const a = start();
    const b = startOutboxDispatcher({
      db: database.db,
      transport: smtpTransport(smtp.url),
      envelopeFrom: 'office@zhuanban.test',
      clock,
      log: createLogger('outbox', { sink: () => undefined }),
      intervalMs: 3_600_000,
    });
    try {
      const sent = await Promise.all([a.runOnce(), b.runOnce()]);
      expect(sent[0] + sent[1]).toBe(1);
      expect(smtp.received.length).toBe(before + 1);
      expect((await database.db.outboxMessage.findUniqueOrThrow({ where: { id } })).status).toBe('sent');
    } finally {
      await b.stop();
    }
  });
});
