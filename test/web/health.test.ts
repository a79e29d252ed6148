// Readiness names the part that fails: a mail server that does not answer makes /readyz 503 with `mail`, while
// /healthz (the process is alive) stays 200. Neither needs a sign-in, and neither reveals more than the parts.
import net from 'node:net';
import { bootWeb, type TestWeb } from '../support/web-server';

let web: TestWeb;
const saved = process.env.SMTP_URL;
beforeAll(async () => {
  // A port that was free a moment ago: nothing answers there.
  const port = await new Promise<number>((resolve) => {
    const s = net.createServer().listen(0, '127.0.0.1', () => {
      const p = (s.address() as net.AddressInfo).port;
      s.close(() => resolve(p));
    });
  });
  process.env.SMTP_URL = `smtp://127.0.0.1:${port}`;
  web = await bootWeb();
}, 60_000);
afterAll(async () => {
  if (saved === undefined) delete process.env.SMTP_URL;
  else process.env.SMTP_URL = saved;
  await web?.stop();
});

it('reports the mail server as the failing part', async () => {
  expect((await fetch(`${web.server.url}/healthz`)).status).toBe(200);
  const res = await fetch(`${web.server.url}/readyz`);
  expect(res.status).toBe(503);
  const body = (await res.json()) as {
    failing: string[];
    parts: Record<string, { status: string; error?: string }>;
  };
  expect(body.failing).toEqual(['mail']);
  expect(body.parts.database).toEqual({ status: 'ok' });
  expect(body.parts.mail.error).toMatch(/ECONNREFUSED|connect/i);
  expect(res.headers.get('cache-control')).toBe('no-store');
});

it('gives every answer a request id, taking a sane one from the caller', async () => {
  const own = await fetch(`${web.server.url}/api/session`, { headers: { 'x-request-id': 'proxy-abc.123' } });
  expect(own.headers.get('x-request-id')).toBe('proxy-abc.123');
  const hostile = await fetch(`${web.server.url}/api/session`, {
    headers: { 'x-request-id': 'a b\u00e9<script>' },
  });
  expect(hostile.headers.get('x-request-id')).toMatch(/^[0-9a-f-]{36}$/);
});
