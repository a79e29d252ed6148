// Delivers the outbox's group-chat rows: the unit's robot (read at send time, so a corrected secret applies to
// the retries) gets the stored message signed as its platform requires; the platform's answer decides sent,
// retry (network, HTTP 5xx/429, rate limits) or failed (a refusal such as a wrong signature or key).
import type { Clock } from '../../clock';
import type { Db } from '../../db/client';
import type { Logger } from '../../log';
import { chatsDelivered } from '../../metrics';
import { startDeliveryLoop, type OutboxDispatcher } from '../delivery-loop';
import {
  buildChatRequest,
  chatPlatforms,
  interpretResponse,
  type ChatMessage,
  type ChatPlatform,
} from './platforms';

export class ChatDeliveryError extends Error {
  constructor(
    message: string,
    readonly transient: boolean,
  ) {
    super(message);
  }
}

export interface ChatDispatcherOptions {
  db: Db;
  clock: Clock;
  log: Logger;
  /** Per-request timeout (default 10 s). */
  timeoutMs?: number;
  intervalMs?: number;
  maxAttempts?: number;
  initialBackoffMs?: number;
  maxBackoffMs?: number;
  leaseMs?: number;
}

export function startChatDispatcher(options: ChatDispatcherOptions): OutboxDispatcher {
  const { db, clock, timeoutMs = 10_000, ...rest } = options;
  return startDeliveryLoop({
    db,
    clock,
    ...rest,
    channels: [...chatPlatforms],
    noun: 'chat message',
    describe: 'group-chat robots (钉钉/企业微信/飞书)',
    counter: chatsDelivered,
    isPermanent: (e) => !(e instanceof ChatDeliveryError && e.transient),
    async send(row) {
      const robot = row.unitId ? await db.unitChatRobot.findUnique({ where: { unitId: row.unitId } }) : null;
      if (!robot || !robot.enabled) throw new ChatDeliveryError('该单位的群机器人已删除或停用', false);
      if (robot.platform !== row.channel)
        throw new ChatDeliveryError('该单位的群机器人已改为其他平台，请重新发送原通知', false);
      const platform = row.channel as ChatPlatform;
      const request = buildChatRequest(
        platform,
        robot.webhookUrl,
        robot.secret,
        JSON.parse(row.mime) as ChatMessage,
        clock.now(),
      );
      let response: Response;
      try {
        response = await fetch(request.url, {
          method: 'POST',
          headers: { 'content-type': 'application/json; charset=utf-8' },
          body: JSON.stringify(request.body),
          signal: AbortSignal.timeout(timeoutMs),
        });
      } catch (e) {
        // The message of a network failure, never the URL (it carries the robot's token).
        const cause = (e as { cause?: { code?: string } }).cause?.code;
        throw new ChatDeliveryError(
          `无法连接群机器人：${cause ?? (e instanceof Error ? e.name : 'error')}`,
          true,
        );
      }
      const outcome = interpretResponse(platform, response.status, await response.text());
      if (!outcome.ok) throw new ChatDeliveryError(outcome.detail, outcome.transient);
      return { response: outcome.detail };
    },
  });
}
