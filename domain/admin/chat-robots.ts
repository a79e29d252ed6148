// Use cases of a unit's group-chat robot (钉钉 / 企业微信 / 飞书): an admin sets, changes or removes it. The
// webhook URL (it carries the robot's token) and the secret are stored for sending but never returned: the API
// and the audit log show the platform, the masked URL and whether a secret is set. Leaving the secret empty on
// a change keeps the stored one.
import { z } from 'zod';
import { audit, audited, type Actor } from '../audit';
import type { Db } from '../db/client';
import { invalid, notFound } from '../errors';
import { chatPlatforms, maskWebhook, platformNames } from '../notifications/chat/platforms';

const webhookHosts: Record<(typeof chatPlatforms)[number], RegExp> = {
  dingtalk: /\/robot\/send$/,
  wecom: /\/cgi-bin\/webhook\/send$/,
  feishu: /\/open-apis\/bot\/v2\/hook\/[^/]+$/,
};

export const chatRobotInput = z
  .object({
    platform: z.enum(chatPlatforms, { message: '请选择平台：钉钉、企业微信或飞书' }),
    webhookUrl: z.string().trim().max(500).optional(),
    secret: z.string().trim().max(200).optional(),
    enabled: z.boolean().default(true),
  })
  .strict();

export interface ChatRobotView {
  unitId: number;
  platform: string;
  platformName: string;
  webhook: string;
  hasSecret: boolean;
  enabled: boolean;
  updatedAt: Date;
}

function view(r: {
  unitId: number;
  platform: string;
  webhookUrl: string;
  secret: string | null;
  enabled: boolean;
  updatedAt: Date;
}): ChatRobotView {
  return {
    unitId: r.unitId,
    platform: r.platform,
    platformName: platformNames[r.platform as keyof typeof platformNames] ?? r.platform,
    webhook: maskWebhook(r.webhookUrl),
    hasSecret: Boolean(r.secret),
    enabled: r.enabled,
    updatedAt: r.updatedAt,
  };
}

const auditView = (v: ChatRobotView | null) =>
  v && { platform: v.platform, webhook: v.webhook, hasSecret: v.hasSecret, enabled: v.enabled };

export async function listChatRobots(db: Db): Promise<ChatRobotView[]> {
  return (await db.unitChatRobot.findMany({ orderBy: { unitId: 'asc' } })).map(view);
}

function checkWebhook(platform: (typeof chatPlatforms)[number], raw: string): string {
  let url: URL;
  try {
    url = new URL(raw);
  } catch {
    throw invalid('Webhook 地址不是有效的网址', 'webhookUrl');
  }
  if (url.protocol !== 'https:' && url.protocol !== 'http:')
    throw invalid('Webhook 地址应以 https:// 开头', 'webhookUrl');
  if (!webhookHosts[platform].test(url.pathname))
    throw invalid(
      `这不是${platformNames[platform]}群机器人的 Webhook 地址，请从群设置中复制完整地址`,
      'webhookUrl',
    );
  if (platform === 'dingtalk' && !url.searchParams.get('access_token'))
    throw invalid('钉钉 Webhook 地址缺少 access_token', 'webhookUrl');
  if (platform === 'wecom' && !url.searchParams.get('key'))
    throw invalid('企业微信 Webhook 地址缺少 key', 'webhookUrl');
  return url.toString();
}

export async function setChatRobot(
  db: Db,
  actor: Actor,
  unitId: number,
  raw: unknown,
): Promise<ChatRobotView> {
  const input = chatRobotInput.parse(raw);
  return audited(db, async (tx) => {
    const unit = await tx.unit.findUnique({ where: { id: unitId }, select: { id: true } });
    if (!unit) throw notFound('单位');
    const before = await tx.unitChatRobot.findUnique({ where: { unitId } });
    const samePlatform = before?.platform === input.platform;
    if (!input.webhookUrl && !samePlatform) throw invalid('请填写 Webhook 地址', 'webhookUrl');
    const webhookUrl = input.webhookUrl ? checkWebhook(input.platform, input.webhookUrl) : before!.webhookUrl;
    const secret =
      input.platform === 'wecom' ? null : input.secret ? input.secret : samePlatform ? before!.secret : null;
    if (input.platform === 'dingtalk' && secret && !secret.startsWith('SEC'))
      throw invalid('钉钉加签密钥以 SEC 开头，请从机器人安全设置中复制', 'secret');
    const data = { platform: input.platform, webhookUrl, secret, enabled: input.enabled };
    const after = await tx.unitChatRobot.upsert({
      where: { unitId },
      create: { unitId, ...data },
      update: data,
    });
    await audit(tx, actor, {
      action: before ? 'unitChatRobot.update' : 'unitChatRobot.create',
      entity: 'unitChatRobot',
      entityId: unitId,
      unitId,
      before: auditView(before && view(before)),
      after: auditView(view(after)),
    });
    return view(after);
  });
}

export async function removeChatRobot(db: Db, actor: Actor, unitId: number): Promise<void> {
  await audited(db, async (tx) => {
    const before = await tx.unitChatRobot.findUnique({ where: { unitId } });
    if (!before) throw notFound('群机器人');
    await tx.unitChatRobot.delete({ where: { unitId } });
    await audit(tx, actor, {
      action: 'unitChatRobot.delete',
      entity: 'unitChatRobot',
      entityId: unitId,
      unitId,
      before: auditView(view(before)),
    });
  });
}
