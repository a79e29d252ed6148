// `zhuanban all` as a real process (what `npm start` runs after the build): it logs where each part listens,
// binds to loopback, and on SIGTERM stops every part and exits with code 0.
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
      SMTP_URL: '',
      LOG_FORMAT: 'json',
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
    p.child.kill('SIGTERM');
    expect(await p.exited).toEqual({ code: 0, signal: null });
    expect(p.stdout()).toMatch(/"msg":"SIGTERM received: shutting down"/);
    expect(p.stdout()).toMatch(/"msg":"stopped"/);
    expect(p.stderr()).toBe('');
  } finally {
    if (p.child.exitCode === null) p.child.kill('SIGKILL');
    fs.rmSync(dir, { recursive: true, force: true });
  }
}, 60_000);
