// A loopback stand-in for the three group-robot endpoints, checking what the real ones check: 钉钉's
// access_token and its timestamp+sign query (HMAC-SHA256 keyed by the secret over "timestamp\nsecret"), 企业微信's
// key, 飞书's timestamp+sign body fields (HMAC-SHA256 keyed by "timestamp\nsecret" over nothing) — computed here
// independently of the code under test — and each platform's message shape. It answers the way the platforms do:
// HTTP 200 with errcode/code ≠ 0 for a refusal; `fail` makes it answer HTTP 500 instead.
import { createHmac } from 'node:crypto';
import http from 'node:http';
import type { AddressInfo } from 'node:net';

export interface Received {
  platform: 'dingtalk' | 'wecom' | 'feishu';
  url: URL;
  body: Record<string, unknown>;
  verdict: 'ok' | 'refused';
}

export interface ChatReceiver {
  base: string;
  received: Received[];
  /** Answer HTTP 500 to everything while set. */
  fail: boolean;
  stop(): Promise<void>;
}

export const robotSecrets = {
  dingtalkToken: 'ding-token-1',
  dingtalkSecret: 'SECd1ngsecret',
  wecomKey: 'wecom-key-1',
  feishuHook: 'feishu-hook-1',
  feishuSecret: 'feishu-secret',
};

const hmacB64 = (key: string, data: string) => createHmac('sha256', key).update(data).digest('base64');

function check(platform: Received['platform'], url: URL, body: Record<string, unknown>): [number, object] {
  const s = robotSecrets;
  if (platform === 'dingtalk') {
    const ts = url.searchParams.get('timestamp') ?? '';
    const fresh = Math.abs(Number(ts) - Date.parse('2026-11-27T07:00:00Z')) < 3_600_000 * 24;
    const markdown = body.markdown as { title?: string; text?: string } | undefined;
    if (url.searchParams.get('access_token') !== s.dingtalkToken)
      return [200, { errcode: 300001, errmsg: 'token is not exist' }];
    if (!fresh || url.searchParams.get('sign') !== hmacB64(s.dingtalkSecret, `${ts}\n${s.dingtalkSecret}`))
      return [200, { errcode: 310000, errmsg: 'sign not match' }];
    if (body.msgtype !== 'markdown' || !markdown?.title || !markdown.text)
      return [200, { errcode: 40035, errmsg: '缺少参数 markdown' }];
    return [200, { errcode: 0, errmsg: 'ok' }];
  }
  if (platform === 'wecom') {
    const markdown = body.markdown as { content?: string } | undefined;
    if (url.searchParams.get('key') !== s.wecomKey)
      return [200, { errcode: 93000, errmsg: 'invalid webhook url' }];
    if (body.msgtype !== 'markdown' || !markdown?.content)
      return [200, { errcode: 40008, errmsg: 'invalid message type' }];
    return [200, { errcode: 0, errmsg: 'ok' }];
  }
  if (!url.pathname.endsWith(`/hook/${s.feishuHook}`))
    return [404, { code: 19001, msg: 'param invalid: incoming webhook access token invalid' }];
  const ts = String(body.timestamp ?? '');
  if (!/^\d{10}$/.test(ts) || body.sign !== hmacB64(`${ts}\n${s.feishuSecret}`, ''))
    return [
      200,
      { code: 19021, msg: 'sign match fail or timestamp is not within one hour from current time', data: {} },
    ];
  const post = (body.content as { post?: { zh_cn?: { title?: string; content?: unknown[] } } } | undefined)
    ?.post;
  if (body.msg_type !== 'post' || !post?.zh_cn?.title || !Array.isArray(post.zh_cn.content))
    return [200, { code: 9499, msg: 'Bad Request', data: {} }];
  return [200, { code: 0, msg: 'success', data: {} }];
}

export async function startChatReceiver(): Promise<ChatReceiver> {
  const state: ChatReceiver = { base: '', received: [], fail: false, stop: async () => undefined };
  const server = http.createServer((req, res) => {
    const chunks: Buffer[] = [];
    req.on('data', (c: Buffer) => chunks.push(c));
    req.on('end', () => {
      const url = new URL(req.url ?? '/', 'http://127.0.0.1');
      const platform: Received['platform'] = url.pathname.startsWith('/robot/')
        ? 'dingtalk'
        : url.pathname.startsWith('/cgi-bin/')
          ? 'wecom'
          : 'feishu';
      if (state.fail) {
        res.writeHead(500, { 'content-type': 'text/plain' }).end('server busy');
        return;
      }
      let body: Record<string, unknown> = {};
      try {
        body = JSON.parse(Buffer.concat(chunks).toString('utf8')) as Record<string, unknown>;
      } catch {
        res.writeHead(400).end('{"errcode":40001,"errmsg":"bad json"}');
        return;
      }
      const [status, answer] = check(platform, url, body);
      const verdict =
        (answer as { errcode?: number; code?: number }).errcode ?? (answer as { code?: number }).code;
      state.received.push({ platform, url, body, verdict: verdict === 0 ? 'ok' : 'refused' });
      res.writeHead(status, { 'content-type': 'application/json' }).end(JSON.stringify(answer));
    });
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  state.base = `http://127.0.0.1:${(server.address() as AddressInfo).port}`;
  state.stop = () => new Promise<void>((resolve) => server.close(() => resolve()));
  return state;
}
