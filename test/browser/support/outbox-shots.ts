// The outbox with a group-chat row beside the mails: the court's 企业微信 robot (set as an admin sets it) pointed at
// a loopback receiver that checks what it gets as the platform would, a reminder to the court put in the outbox
// the way the workers do, and the running system's chat dispatcher delivering it.
import { DateTime } from 'luxon';
import { setChatRobot } from '../../../domain/admin/chat-robots';
import { mailSettingsFromEnv } from '../../../domain/notifications/compose';
import { createMailer } from '../../../domain/notifications/outbox';
import { reminder } from '../../../domain/notifications/templates';
import { robotSecrets, startChatReceiver } from '../../notifications/support/chat-receiver';
import type { BootedSystem } from './system';
import { until } from './weekly-round';

export async function seedChatNotice(booted: BootedSystem): Promise<void> {
  const db = booted.system.database.db;
  const key = 'shots:reminder:court';
  if (await db.outboxMessage.count({ where: { idempotencyKey: { startsWith: key } } })) return;
  const receiver = await startChatReceiver();
  try {
    const court = await db.unit.findUniqueOrThrow({ where: { code: 'court' } });
    const admin = await db.user.findUniqueOrThrow({ where: { username: 'admin' } });
    await setChatRobot(db, { userId: admin.id, label: admin.username }, court.id, {
      platform: 'wecom',
      webhookUrl: `${receiver.base}/cgi-bin/webhook/send?key=${robotSecrets.wecomKey}`,
    });
    const report = await db.weeklyReport.findFirstOrThrow({ where: { unitId: court.id } });
    // Tomorrow 17:00, as a reminder the day before reads; its week is the one the due date falls in.
    const due = DateTime.now().setZone('Asia/Shanghai').plus({ days: 1 }).set({ hour: 17, minute: 0 });
    await createMailer(mailSettingsFromEnv(), () => new Date()).enqueue(db, {
      idempotencyKey: key,
      to: ['court@zhuanban.invalid'],
      content: reminder({
        recipient: '区人民法院',
        taskName: '填报本周工作周报',
        businessKey: due.toFormat("kkkk-'W'WW"),
        dueAt: due.toJSDate(),
        overdue: false,
      }),
      unitId: court.id,
      relatedType: 'weeklyReport',
      relatedId: report.id,
    });
    await until('the group notice sent', async () => {
      const row = await db.outboxMessage.findUnique({ where: { idempotencyKey: `${key}#wecom` } });
      if (row?.status === 'failed') throw new Error(`the group notice failed: ${row.lastError}`);
      return row?.status === 'sent' ? row : undefined;
    });
  } finally {
    await receiver.stop();
  }
}
