// The whole system as `npm start` runs it — database (a fresh SQLite file), embedded engine, deployed processes,
// workers, schedule and web, on ephemeral loopback ports — plus the demo users, a loopback SMTP server the
// outbox delivers to, and the freshly built browser client. For browser tests and screenshots.
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { startSystem, type RunningSystem } from '../../../cli/system/start-system';
import { seedDemo } from '../../../domain/seed/demo';
import { buildClient } from '../../../web/client/build';
import type { AnyJobHandler } from '../../../workers/runtime/runner';
import { startSmtp, type TestSmtp } from '../../notifications/support/smtp';

export const adminPassword = 'admin-password-for-tests';
export const demoPassword = 'demo-password-for-tests';

export interface BootedSystem {
  system: RunningSystem;
  url: string;
  smtp: TestSmtp;
  dir: string;
  stop(): Promise<void>;
}

let built: Promise<unknown> | undefined;
/** Builds web/client/dist once per test process, so the tests run the client as it is in the tree. */
export function ensureClientBuilt(): Promise<unknown> {
  if (process.env.ZHUANBAN_CLIENT_BUILT === '1') return Promise.resolve(); // Jest's global setup built it
  built ??= buildClient({ quiet: true });
  return built;
}

const saved: Record<string, string | undefined> = {};
const env = (name: string, value: string | undefined) => {
  if (!(name in saved)) saved[name] = process.env[name];
  if (value === undefined) delete process.env[name];
  else process.env[name] = value;
};

export async function bootSystem(
  options: { demo?: boolean; handlers?: AnyJobHandler[] } = {},
): Promise<BootedSystem> {
  await ensureClientBuilt();
  const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'zhuanban-browser-'));
  const smtp = await startSmtp();
  env('ZEEBE_GRPC_ADDRESS', undefined);
  env('ZEEBE_ADDRESS', undefined);
  env('ZEEBE_REST_ADDRESS', undefined);
  env('CAMUNDA_REST_ADDRESS', undefined);
  env('DATABASE_URL', `file:${path.join(dir, 'zhuanban.db')}`);
  env('ADMIN_PASSWORD', adminPassword);
  env('SMTP_URL', smtp.url);
  env('LOG_LEVEL', 'warn');
  // The demo's ledger items are fixtures here: no reconciler starting their processes in the middle of a test.
  env('PENDING_START_INTERVAL_MS', '0');
  // Nor 【待办】 notices between the mails a test counts (test/notifications/task-notices.test.ts covers them).
  env('TASK_NOTICE_INTERVAL_MS', '0');
  const system = await startSystem({
    engineDataDir: path.join(dir, 'engine'),
    grpcPort: 0,
    restPort: 0,
    webPort: 0,
    clockControlled: true,
    handlers: options.handlers,
    logOptions: { sink: () => undefined },
  });
  if (options.demo ?? true) await seedDemo(system.database.db, { password: demoPassword });
  return {
    system,
    url: system.web.url,
    smtp,
    dir,
    async stop() {
      await system.stop();
      await smtp.stop();
      for (const [k, v] of Object.entries(saved)) {
        if (v === undefined) delete process.env[k];
        else process.env[k] = v;
      }
      fs.rmSync(dir, { recursive: true, force: true });
    },
  };
}
