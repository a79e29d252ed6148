// The outbox page's API over the real server: mails with their state, recipients and attachments (read back
// from the stored MIME), unit users limited to their unit's mails, and the admin's resend of a failed mail —
// which the real dispatcher then delivers to a loopback SMTP server.
import { systemClock } from '../../domain/clock';
import { silentLogger } from '../../domain/log';
import { enqueueMail, mailSettingsFromEnv, smtpTransport } from '../../domain/notifications';
import { startOutboxDispatcher } from '../../domain/notifications/dispatcher';
import { startSmtp, type TestSmtp } from '../notifications/support/smtp';
import { providers } from '../support/databases';
import { bootWeb, type TestWeb } from '../support/web-server';

interface Listed {
  total: number;
  counts: Record<string, number>;
  rows: { id: number; status: string; statusLabel: string; kind: string; lastError: string | null }[];
}

describe.each(providers)('outbox API on %s', (provider) => {
  let web: TestWeb;
  let smtp: TestSmtp;
  const ids: Record<string, number> = {};
  beforeAll(async () => {
    [web, smtp] = await Promise.all([bootWeb({ provider }), startSmtp()]);
    const db = web.database.db;
    const unit = async (code: string) => (await db.unit.findUniqueOrThrow({ where: { code } })).id;
    const mail = (key: string, unitId: number, template: string) =>
      enqueueMail(
        db,
        {
          idempotencyKey: key,
          to: ['court@zhuanban.invalid'],
          cc: ['office@zhuanban.invalid'],
          unitId,
          relatedType: 'ledgerItem',
          relatedId: 1,
          content: {
            template,
            subject: `督办通知（${key}）`,
            text: '请于期限内完成整改。',
            html: '<p>请于期限内完成整改。</p>',
            attachments: [
              {
                filename: '督办通知书.txt',
                contentType: 'text/plain',
                content: Buffer.from('督办通知书正文'),
              },
            ],
          },
        },
        mailSettingsFromEnv({}),
        new Date(),
      );
    ids.court = (await mail('test:court', await unit('court'), 'ledger.supervision-notice')).id;
    ids.police = (await mail('test:police', await unit('police'), 'escalation.red')).id;
    ids.sent = (await mail('test:sent', await unit('court'), 'task.assigned')).id;
    await db.outboxMessage.update({
      where: { id: ids.court },
      data: { status: 'failed', attempts: 10, lastError: '550 mailbox unavailable' },
    });
    await db.outboxMessage.update({ where: { id: ids.sent }, data: { status: 'sent', sentAt: new Date() } });
  }, 60_000);
  afterAll(async () => {
    await Promise.all([web?.stop(), smtp?.stop()]);
  });

  it('lists every mail with its state for the office, and only its unit’s mails for a unit user', async () => {
    const coordinator = await web.signedIn('coordinator');
    const all = await coordinator.send<Listed>('GET', '/api/outbox');
    expect(all.status).toBe(200);
    expect(all.body.counts).toMatchObject({ failed: 1, sent: 1, pending: 1 });
    const failed = await coordinator.send<Listed>('GET', '/api/outbox?status=failed');
    expect(failed.body.rows).toEqual([
      expect.objectContaining({
        id: ids.court,
        statusLabel: '发送失败',
        kind: '督办通知书',
        lastError: '550 mailbox unavailable',
      }),
    ]);
    const court = await web.signedIn('court.user');
    const mine = await court.send<Listed>('GET', '/api/outbox');
    expect(mine.body.rows.map((r) => r.id).sort()).toEqual([ids.court, ids.sent].sort());
    expect((await court.send('GET', `/api/outbox/${ids.police}`)).status).toBe(404);
    expect((await court.send('GET', '/api/outbox?status=lost')).status).toBe(400);
  });

  it('shows a mail’s recipients, text and attachments', async () => {
    const court = await web.signedIn('court.lead');
    const res = await court.send<{
      recipients: { to: string[]; cc: string[] };
      text: string;
      attachments: { fileName: string; contentType: string; sizeBytes: number }[];
      relatedHref: string;
    }>('GET', `/api/outbox/${ids.court}`);
    expect(res.status).toBe(200);
    expect(res.body.recipients).toEqual({ to: ['court@zhuanban.invalid'], cc: ['office@zhuanban.invalid'] });
    expect(res.body.text).toContain('请于期限内完成整改');
    expect(res.body.attachments).toEqual([
      {
        fileName: '督办通知书.txt',
        contentType: 'text/plain',
        sizeBytes: Buffer.byteLength('督办通知书正文'),
      },
    ]);
    expect(res.body.relatedHref).toBe('/ledger/1');
  });

  it('lets an admin resend a failed mail, audited, and the dispatcher delivers it', async () => {
    const db = web.database.db;
    const admin = await web.signedIn('admin');
    const res = await admin.send<{ status: string; attempts: number }>(
      'POST',
      `/api/outbox/${ids.court}/resend`,
    );
    expect(res.status).toBe(200);
    expect(res.body).toMatchObject({ status: 'pending', attempts: 0 });
    expect(
      await db.auditLog.findFirst({ where: { action: 'outboxMessage.resend', entityId: String(ids.court) } }),
    ).toMatchObject({ actorLabel: 'admin', before: expect.objectContaining({ status: 'failed' }) });
    const again = await admin.send('POST', `/api/outbox/${ids.sent}/resend`);
    expect(again).toMatchObject({ status: 409, body: { detail: '该邮件已发送成功，无需重发' } });
    const dispatcher = startOutboxDispatcher({
      db,
      transport: smtpTransport(smtp.url),
      envelopeFrom: 'zhuanban@localhost',
      clock: systemClock,
      log: silentLogger,
      intervalMs: 60_000,
    });
    try {
      await dispatcher.runOnce();
    } finally {
      await dispatcher.stop();
    }
    const delivered = smtp.received.find((m) => m.mail.subject === '督办通知（test:court）');
    expect(delivered?.mail.attachments.map((a) => a.filename)).toEqual(['督办通知书.txt']);
    expect(await db.outboxMessage.findUniqueOrThrow({ where: { id: ids.court } })).toMatchObject({
      status: 'sent',
      attempts: 1,
    });
  });
});
