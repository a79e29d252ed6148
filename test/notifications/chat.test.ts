// Group-chat notices through the outbox, on both databases, against a loopback receiver that checks each
// platform's signature and message shape: a reminder to a unit with a robot goes to its group once (and by mail
// as before), signed as 钉钉 / 企业微信 / 飞书 require, with the link to the page; a refusal in an HTTP 200 answer
// fails the row with the platform's reason; a receiver in trouble is retried with back-off, then shown failed,
// and an admin's resend delivers it; a restarted worker sends nothing twice; no secret reaches the logs.
import { manualClock } from '../../domain/clock';
import { createLogger, type LogRecord } from '../../domain/log';
import { setChatRobot } from '../../domain/admin/chat-robots';
import { mailSettingsFromEnv } from '../../domain/notifications/compose';
import { startChatDispatcher } from '../../domain/notifications/chat/dispatcher';
import type { OutboxDispatcher } from '../../domain/notifications/delivery-loop';
import { enqueueMail } from '../../domain/notifications/outbox';
import { escalation, reminder, weeklyReportForward } from '../../domain/notifications/templates';
import type { OutgoingMail } from '../../domain/notifications/types';
import { resendOutboxMessage } from '../../web/server/outbox/outbox';
import { freshDatabase, providers, type TestDatabase } from '../support/databases';
import { robotSecrets as s, startChatReceiver, type ChatReceiver } from './support/chat-receiver';

const settings = mailSettingsFromEnv({ MAIL_FROM: '"工作专班办公室" <office@zhuanban.test>' });
const admin = { userId: null, label: 'admin' };

describe.each(providers)('group-chat notices on %s', (provider) => {
  let database: TestDatabase;
  let receiver: ChatReceiver;
  let dispatcher: OutboxDispatcher | undefined;
  const clock = manualClock('2026-11-27T07:00:00Z');
  const logs: LogRecord[] = [];
  const units: Record<'court' | 'police' | 'justice' | 'quiet', number> = {
    court: 0,
    police: 0,
    justice: 0,
    quiet: 0,
  };
  const savedBase = process.env.WEB_BASE_URL;

  beforeAll(async () => {
    process.env.WEB_BASE_URL = 'https://zhuanban.example.test/';
    database = await freshDatabase(provider);
    receiver = await startChatReceiver();
    for (const [i, code] of (['court', 'police', 'justice', 'quiet'] as const).entries()) {
      const u = await database.db.unit.create({
        data: {
          code: `${code}-${provider}`,
          name: `区${code}`,
          shortName: code,
          kind: 'member',
          sortOrder: i,
        },
      });
      units[code] = u.id;
    }
    await setChatRobot(database.db, admin, units.court, {
      platform: 'dingtalk',
      webhookUrl: `${receiver.base}/robot/send?access_token=${s.dingtalkToken}`,
      secret: s.dingtalkSecret,
    });
    await setChatRobot(database.db, admin, units.police, {
      platform: 'wecom',
      webhookUrl: `${receiver.base}/cgi-bin/webhook/send?key=${s.wecomKey}`,
    });
    await setChatRobot(database.db, admin, units.justice, {
      platform: 'feishu',
      webhookUrl: `${receiver.base}/open-apis/bot/v2/hook/${s.feishuHook}`,
      secret: s.feishuSecret,
    });
  });
  afterEach(async () => {
    await dispatcher?.stop();
    dispatcher = undefined;
    receiver.fail = false;
  });
  afterAll(async () => {
    process.env.WEB_BASE_URL = savedBase;
    await receiver.stop();
    await database.destroy();
  });

  const start = (overrides: { maxAttempts?: number } = {}) => {
    dispatcher = startChatDispatcher({
      db: database.db,
      clock,
      log: createLogger('chat', { sink: (r) => logs.push(r) }),
      intervalMs: 3_600_000, // passes are run by the test
      initialBackoffMs: 30_000,
      ...overrides,
    });
    return dispatcher;
  };

  const reminderTo = (unit: keyof typeof units, key: string): OutgoingMail => ({
    idempotencyKey: key,
    to: [`${unit}@zhuanban.test`],
    content: reminder({
      recipient: `区${unit}`,
      taskName: '填报本周工作周报',
      businessKey: '2026-W48',
      dueAt: new Date('2026-11-27T09:00:00Z'),
      overdue: false,
    }),
    unitId: units[unit],
    relatedType: 'weeklyReport',
    relatedId: 7,
  });

  const rowsOf = (key: string) =>
    database.db.outboxMessage.findMany({
      where: { idempotencyKey: { startsWith: key } },
      orderBy: { id: 'asc' },
    });

  it('sends a reminder to each unit group once, signed and shaped as its platform requires, with the link', async () => {
    for (const unit of ['court', 'police', 'justice'] as const) {
      await enqueueMail(database.db, reminderTo(unit, `${provider}:rem:${unit}`), settings, clock.now());
      await enqueueMail(database.db, reminderTo(unit, `${provider}:rem:${unit}`), settings, clock.now()); // again
    }
    const rows = await rowsOf(`${provider}:rem:`);
    expect(rows.map((r) => [r.idempotencyKey, r.channel])).toEqual([
      [`${provider}:rem:court#dingtalk`, 'dingtalk'],
      [`${provider}:rem:court`, 'mail'],
      [`${provider}:rem:police#wecom`, 'wecom'],
      [`${provider}:rem:police`, 'mail'],
      [`${provider}:rem:justice#feishu`, 'feishu'],
      [`${provider}:rem:justice`, 'mail'],
    ]);
    const before = receiver.received.length;
    const d = start();
    expect(await d.runOnce()).toBe(3);
    expect(await d.runOnce()).toBe(0);
    const got = receiver.received.slice(before);
    expect(got.map((r) => [r.platform, r.verdict])).toEqual([
      ['dingtalk', 'ok'],
      ['wecom', 'ok'],
      ['feishu', 'ok'],
    ]);
    const link = 'https://zhuanban.example.test/tasks?key=2026-W48';
    const ding = got[0].body.markdown as { title: string; text: string };
    expect(ding.title).toContain('【催办提醒】填报本周工作周报');
    expect(ding.text).toContain(`(${link})`);
    expect(got[0].url.searchParams.get('timestamp')).toBe(String(clock.now().getTime()));
    expect((got[1].body.markdown as { content: string }).content).toContain('目前尚未办结，请抓紧办理');
    expect(got[2].body.timestamp).toBe(String(clock.now().getTime() / 1000));
    expect(JSON.stringify(got[2].body.content)).toContain(link);
    // The mail rows are the mail dispatcher's: untouched here.
    const after = await rowsOf(`${provider}:rem:`);
    expect(after.map((r) => r.status)).toEqual(['sent', 'pending', 'sent', 'pending', 'sent', 'pending']);
  });

  it('keeps notices that are not reminders, escalations or new tasks, and units without a robot, out of chats', async () => {
    const forward: OutgoingMail = {
      idempotencyKey: `${provider}:fwd`,
      to: ['yingshang@zhuanban.test'],
      content: weeklyReportForward({
        isoWeek: '2026-W48',
        period: '2026年11月23日—11月29日',
        recipientName: '区营商办',
        summary: '各单位工作正常推进。',
        lateUnits: [],
        document: { filename: 'W48.docx', content: Buffer.from('docx') },
      }),
      unitId: units.court,
    };
    await enqueueMail(database.db, forward, settings, clock.now());
    await enqueueMail(database.db, reminderTo('quiet', `${provider}:quiet`), settings, clock.now());
    expect((await rowsOf(`${provider}:fwd`)).map((r) => r.channel)).toEqual(['mail']);
    expect((await rowsOf(`${provider}:quiet`)).map((r) => r.channel)).toEqual(['mail']);
  });

  it('fails a message the platform refuses in an HTTP 200 answer, with its reason, and resends after a fix', async () => {
    await setChatRobot(database.db, admin, units.court, { platform: 'dingtalk', secret: 'SECwrong' });
    const mail: OutgoingMail = {
      idempotencyKey: `${provider}:esc`,
      to: ['court@zhuanban.test'],
      content: escalation({
        color: 'red',
        ledgerNumber: 'ZG-2026-001',
        unitName: '区法院',
        problem: '执行案件久拖不结',
        dueAt: new Date('2026-11-20T09:00:00Z'),
        round: 1,
      }),
      unitId: units.court,
      relatedType: 'ledgerItem',
      relatedId: 12,
    };
    await enqueueMail(database.db, mail, settings, clock.now());
    const d = start();
    expect(await d.runOnce()).toBe(0);
    const [chat] = await rowsOf(`${provider}:esc#`);
    expect(chat).toMatchObject({ status: 'failed', attempts: 1 });
    expect(chat.lastError).toBe('钉钉拒绝（HTTP 200，错误码 310000：sign not match）');
    expect(receiver.received.at(-1)?.verdict).toBe('refused');
    await setChatRobot(database.db, admin, units.court, { platform: 'dingtalk', secret: s.dingtalkSecret });
    await resendOutboxMessage(database.db, admin, chat.id, clock.now());
    expect(await d.runOnce()).toBe(1);
    const sent = await database.db.outboxMessage.findUniqueOrThrow({ where: { id: chat.id } });
    expect(sent).toMatchObject({ status: 'sent', lastError: null });
    const body = receiver.received.at(-1)?.body.markdown as { text: string };
    expect(body.text).toContain('https://zhuanban.example.test/'); // the escalation's page
  });

  it('retries a receiver in trouble with back-off, then shows the failure until an admin resends it', async () => {
    await enqueueMail(database.db, reminderTo('police', `${provider}:down`), settings, clock.now());
    const [row] = await rowsOf(`${provider}:down#`);
    receiver.fail = true;
    const d = start({ maxAttempts: 3 });
    await d.runOnce();
    let now = await database.db.outboxMessage.findUniqueOrThrow({ where: { id: row.id } });
    expect(now).toMatchObject({ status: 'pending', attempts: 1, lastError: 'HTTP 500 server busy' });
    expect(now.nextAttemptAt.getTime()).toBe(clock.now().getTime() + 30_000);
    clock.advance(30_000);
    await d.runOnce();
    clock.advance(60_000);
    await d.runOnce();
    now = await database.db.outboxMessage.findUniqueOrThrow({ where: { id: row.id } });
    expect(now).toMatchObject({ status: 'failed', attempts: 3, lastError: 'HTTP 500 server busy' });
    receiver.fail = false;
    await resendOutboxMessage(database.db, admin, row.id, clock.now());
    const before = receiver.received.length;
    expect(await d.runOnce()).toBe(1);
    expect(receiver.received.slice(before).map((r) => r.platform)).toEqual(['wecom']);
  });

  it('sends nothing twice across a restart of the worker, and takes up a row a crashed worker had claimed', async () => {
    await enqueueMail(database.db, reminderTo('justice', `${provider}:restart`), settings, clock.now());
    const [row] = await rowsOf(`${provider}:restart#`);
    const before = receiver.received.length;
    expect(await start().runOnce()).toBe(1);
    await dispatcher?.stop();
    expect(await start().runOnce()).toBe(0);
    await enqueueMail(database.db, reminderTo('justice', `${provider}:restart`), settings, clock.now());
    expect(await dispatcher!.runOnce()).toBe(0);
    expect(receiver.received.length).toBe(before + 1);
    expect(await database.db.outboxMessage.findUniqueOrThrow({ where: { id: row.id } })).toMatchObject({
      status: 'sent',
      attempts: 1,
    });
    // A worker that died between claiming and sending: the next one sends it after the lease, once.
    await enqueueMail(database.db, reminderTo('justice', `${provider}:crash`), settings, clock.now());
    const [claimed] = await rowsOf(`${provider}:crash#`);
    await database.db.outboxMessage.update({
      where: { id: claimed.id },
      data: { attempts: 1, nextAttemptAt: new Date(clock.now().getTime() + 300_000) },
    });
    expect(await dispatcher!.runOnce()).toBe(0);
    clock.advance(300_000);
    expect(await dispatcher!.runOnce()).toBe(1);
    expect(await dispatcher!.runOnce()).toBe(0);
    expect(receiver.received.length).toBe(before + 2);
  });

  it('never writes a webhook token or secret to the logs or the audit log', async () => {
    const audit = JSON.stringify(await database.db.auditLog.findMany({ where: { entity: 'unitChatRobot' } }));
    const logged = JSON.stringify(logs);
    for (const secret of [
      s.dingtalkToken,
      s.dingtalkSecret,
      s.wecomKey,
      s.feishuHook,
      s.feishuSecret,
      'SECwrong',
    ]) {
      expect(audit).not.toContain(secret);
      expect(logged).not.toContain(secret);
    }
    expect(audit).toContain('"hasSecret":true');
  });
});
