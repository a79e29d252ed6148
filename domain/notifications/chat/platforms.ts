// The three group-robot platforms: how each signs a request, what message body it takes and how its answer is
// read. 钉钉: timestamp (ms) + HMAC-SHA256(key = secret, data = "timestamp\nsecret") → base64 → URL-encoded
// `sign` query parameter; 企业微信: the key is in the URL, no signature; 飞书: timestamp (s) + HMAC-SHA256 with
// the key "timestamp\nsecret" over an empty message → base64 `sign` in the JSON body. All three answer HTTP 200
// for business errors, so the body decides: errcode (钉钉, 企业微信) or code (飞书) must be 0.
import { createHmac } from 'node:crypto';

export const chatPlatforms = ['dingtalk', 'wecom', 'feishu'] as const;
export type ChatPlatform = (typeof chatPlatforms)[number];

export const platformNames: Record<ChatPlatform, string> = {
  dingtalk: '钉钉',
  wecom: '企业微信',
  feishu: '飞书',
};

/** What goes to a group: a title, a few lines of text and the page it is about. */
export interface ChatMessage {
  title: string;
  text: string;
  link?: string;
}

export interface ChatRequest {
  url: string;
  body: unknown;
}

export function dingtalkSign(timestampMs: number, secret: string): string {
  return createHmac('sha256', secret).update(`${timestampMs}\n${secret}`, 'utf8').digest('base64');
}

export function feishuSign(timestampS: number, secret: string): string {
  return createHmac('sha256', `${timestampS}\n${secret}`).update(Buffer.alloc(0)).digest('base64');
}

function markdown(m: ChatMessage): string {
  return [`### ${m.title}`, '', m.text, ...(m.link ? ['', `[打开工作专班系统](${m.link})`] : [])].join('\n');
}

/** The request to send one message; `now` is taken at send time (signatures expire after an hour). */
export function buildChatRequest(
  platform: ChatPlatform,
  webhookUrl: string,
  secret: string | null,
  message: ChatMessage,
  now: Date,
): ChatRequest {
  switch (platform) {
    case 'dingtalk': {
      const url = new URL(webhookUrl);
      if (secret) {
        const ts = now.getTime();
        url.searchParams.set('timestamp', String(ts));
        url.searchParams.set('sign', dingtalkSign(ts, secret)); // URLSearchParams does the urlEncode step
      }
      return {
        url: url.toString(),
        body: { msgtype: 'markdown', markdown: { title: message.title, text: markdown(message) } },
      };
    }
    case 'wecom':
      return { url: webhookUrl, body: { msgtype: 'markdown', markdown: { content: markdown(message) } } };
    case 'feishu': {
      const content = {
        post: {
          zh_cn: {
            title: message.title,
            content: [
              ...message.text
                .split('\n')
                .filter((l) => l.trim() !== '')
                .map((l) => [{ tag: 'text', text: l }]),
              ...(message.link ? [[{ tag: 'a', text: '打开工作专班系统', href: message.link }]] : []),
            ],
          },
        },
      };
      const signed = secret
        ? (() => {
            const ts = Math.floor(now.getTime() / 1000);
            return { timestamp: String(ts), sign: feishuSign(ts, secret) };
          })()
        : {};
      return { url: webhookUrl, body: { ...signed, msg_type: 'post', content } };
    }
  }
}

export interface ChatOutcome {
  ok: boolean;
  /** Worth another attempt later (rate limit, server trouble); false for refusals a retry cannot fix. */
  transient: boolean;
  detail: string;
}

// Rate-limit codes: DingTalk 130101 (发送速度太快), WeCom 45009 (接口调用超过限制), Feishu 11232 (限流).
const transientCodes = new Set([130101, 45009, 11232, -1]);

/** Reads the platform's answer: HTTP status first, then the code in the body (0 = delivered). */
export function interpretResponse(platform: ChatPlatform, status: number, bodyText: string): ChatOutcome {
  if (status >= 500 || status === 429)
    return { ok: false, transient: true, detail: `HTTP ${status} ${bodyText.slice(0, 200)}`.trim() };
  let body: Record<string, unknown> = {};
  try {
    body = JSON.parse(bodyText) as Record<string, unknown>;
  } catch {
    return {
      ok: false,
      transient: status < 400,
      detail: `HTTP ${status}，应答不是 JSON：${bodyText.slice(0, 200)}`,
    };
  }
  const rawCode = platform === 'feishu' ? (body.code ?? body.StatusCode) : body.errcode;
  const message = String((platform === 'feishu' ? (body.msg ?? body.StatusMessage) : body.errmsg) ?? '');
  const code = typeof rawCode === 'number' ? rawCode : Number(rawCode);
  if (status >= 200 && status < 300 && code === 0)
    return { ok: true, transient: false, detail: message || 'ok' };
  const name = platformNames[platform];
  if (!Number.isFinite(code))
    return {
      ok: false,
      transient: status < 400,
      detail: `${name}应答 HTTP ${status}，无错误码：${bodyText.slice(0, 200)}`,
    };
  return {
    ok: false,
    transient: transientCodes.has(code),
    detail: `${name}拒绝（HTTP ${status}，错误码 ${code}${message ? `：${message}` : ''}）`,
  };
}

/** The webhook URL with its token masked, for pages and logs. */
export function maskWebhook(url: string): string {
  try {
    const u = new URL(url);
    const mask = (v: string) => (v.length <= 4 ? '****' : `${v.slice(0, 2)}****${v.slice(-2)}`);
    for (const [k, v] of [...u.searchParams]) u.searchParams.set(k, mask(v));
    const parts = u.pathname.split('/');
    if (u.hostname.includes('feishu') || u.hostname.includes('lark') || parts.at(-2) === 'hook')
      parts[parts.length - 1] = mask(parts.at(-1) ?? '');
    return `${u.protocol}//${u.host}${parts.join('/')}${u.search ? decodeURIComponent(u.search) : ''}`;
  } catch {
    return '（地址无效）';
  }
}
