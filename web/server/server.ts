// Starting and stopping the web server: startServer() opens (migrates, seeds) the domain database unless one is
// given, listens — on an ephemeral port when asked for port 0, as tests do — and returns where it listens;
// stopServer() closes it and the database it opened.
import type { Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import { openDatabase, type Database } from '../../domain/db/client';
import { purgeExpiredSessions } from '../../domain/auth/sessions';
import { seed } from '../../domain/seed/seed';
import { createApp } from './app';
import { loadWebConfig, type WebConfig } from './config';

export interface StartOptions {
  /** An open database to use (tests); otherwise DATABASE_URL is opened, migrated and seeded. */
  database?: Database;
  port?: number;
  host?: string;
  config?: Partial<WebConfig>;
  log?: (line: string) => void;
}

export interface RunningServer {
  url: string;
  port: number;
  database: Database;
  stop(): Promise<void>;
}

const running = new Set<RunningServer>();

export async function startServer(options: StartOptions = {}): Promise<RunningServer> {
  const config = { ...loadWebConfig(), ...options.config };
  const log = options.log ?? ((line: string) => console.log(line));
  const ownsDatabase = !options.database;
  const database = options.database ?? (await openDatabase());
  if (ownsDatabase) {
    const report = await seed(database.db);
    if (report.generatedAdminPassword) {
      log(
        `首次启动：已创建管理员账户 admin，初始密码（仅显示这一次，请登录后修改）：${report.generatedAdminPassword}`,
      );
    }
  }
  const app = createApp(
    { db: database.db, provider: database.target.provider, settings: config.settings },
    {
      trustProxy: config.trustProxy,
    },
  );
  const host = options.host ?? config.host;
  const server: Server = await new Promise((resolve, reject) => {
    const s = app.listen(options.port ?? config.port, host, (err?: Error) =>
      err ? reject(err) : resolve(s),
    );
  });
  const port = (server.address() as AddressInfo).port;
  const purge = setInterval(() => void purgeExpiredSessions(database.db).catch(() => undefined), 10 * 60_000);
  purge.unref();
  const handle: RunningServer = {
    url: `http://${host.includes(':') ? `[${host}]` : host}:${port}`,
    port,
    database,
    async stop() {
      running.delete(handle);
      clearInterval(purge);
      server.closeAllConnections();
      await new Promise<void>((resolve) => server.close(() => resolve()));
      if (ownsDatabase) await database.close();
    },
  };
  running.add(handle);
  log(`web: listening on ${handle.url} (database: ${database.target.provider})`);
  return handle;
}

/** Stops the given server, or every server this process started. */
export async function stopServer(server?: RunningServer): Promise<void> {
  const targets = server ? [server] : [...running];
  await Promise.all(targets.map((s) => s.stop()));
}
