// `zhuanban all` as a real process (what `npm start` runs after the build): it logs where each part listens,
// binds to loopback, logs JSON lines through pino without a single secret (admin password, SMTP password,
// session token), and on SIGTERM stops every part and exits with code 0.
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { spawnCli } from '../engine/support/engine-process';

it('starts on ephemeral ports, reports them, and shuts down cleanly on SIGTERM', async () => {
  const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'zhuanban-all-'));
  const p = spawnCli(
    ['all', '--data', path.join(dir, 'engine'), '--grpc-port', '0', '--rest-port', '0', '--port', '0'],
    {
      DATABASE_URL: `file:${path.join(dir, 'zhuanban.db')}`,
      ADMIN_PASSWORD: 'admin-password-for-tests',
      ZEEBE_GRPC_ADDRESS: '',
      ZEEBE_ADDRESS: '',
      // Nothing listens there: delivery attempts fail and are logged, with the URL's password masked.
      SMTP_URL: 'smtp://mailer:smtp-secret-in-url@127.0.0.1:9',
      LOG_FORMAT: 'json',
      LOG_LEVEL: 'debug',
    },
  );
  try {
    const until = Date.now() + 40_000;
    while (!/"msg":"ready"/.test(p.stdout()) && Date.now() < until) {
      if (p.child.exitCode !== null) break;
      await new Promise((r) => setTimeout(r, 100));
    }
    const lines = p
      .stdout()
      .split('\n')
      .filter((l) => l.startsWith('{'))
      .map((l) => JSON.parse(l) as Record<string, string>);
    const ready = lines.find((l) => l.msg === 'ready');
    expect(ready).toBeDefined();
    expect(ready!.web).toMatch(/^http:\/\/127\.0\.0\.1:\d+$/);
    expect(ready!.grpc).toMatch(/^127\.0\.0\.1:\d+$/);
    expect(ready!.rest).toMatch(/^http:\/\/127\.0\.0\.1:\d+\/v2$/);
    expect(lines.find((l) => l.msg === 'engine listening')).toMatchObject({ component: 'zhuanban' });
    expect(lines.find((l) => l.msg === 'processes deployed')?.versions).toMatch(/weekly-report v1/);
    expect((await fetch(`${ready!.web}/api/health`)).status).toBe(200);
    // A sign-in: its session token and the admin password must not appear in any log line.
    const session = await fetch(`${ready!.web}/api/session`);
    const csrf = ((await session.json()) as { csrfToken: string }).csrfToken;
    const login = await fetch(`${ready!.web}/api/login`, {
      method: 'POST',
      headers: {
        'content-type': 'application/json',
        'x-csrf-token': csrf,
        cookie: session.headers
          .getSetCookie()
          .map((c) => c.split(';')[0])
          .join('; '),
      },
      body: JSON.stringify({ username: 'admin', password: 'admin-password-for-tests' }),
    });
    expect(login.status).toBe(200);
    const token = /zb_session=([^;]+)/.exec(login.headers.getSetCookie().join('\n'))![1];
    p.child.kill('SIGTERM');
    expect(await p.exited).toEqual({ code: 0, signal: null });
    expect(p.stdout()).toMatch(/"msg":"SIGTERM received: shutting down"/);
    expect(p.stdout()).toMatch(/"msg":"stopped"/);
    expect(p.stderr()).toBe('');
    const everything = p.stdout() + p.stderr();
    for (const secret of ['admin-password-for-tests', 'smtp-secret-in-url', token, decodeURIComponent(token)])
      expect(everything.includes(secret)).toBe(false);
  } finally {
    if (p.child.exitCode === null) p.child.kill('SIGKILL');
    fs.rmSync(dir, { recursive: true, force: true });
  }
}, 60_000);
