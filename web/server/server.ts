// Starting and stopping the web server: startServer() opens (migrates, seeds) the domain database unless one is
// given, listens — on an ephemeral port when asked for port 0, as tests do — and returns where it listens;
// stopServer() closes it and the database it opened.
import fs from 'node:fs';
import { createServer as createHttpServer, type Server } from 'node:http';
import { createServer as createHttpsServer } from 'node:https';
import type { AddressInfo } from 'node:net';
import { openDatabase, type Database } from '../../domain/db/client';
import { purgeExpiredSessions } from '../../domain/auth/sessions';
import { seed } from '../../domain/seed/seed';
import { createApp } from './app';
import { loadWebConfig, type WebConfig } from './config';
import { createEngineApi, type EngineApi } from './engine/client';
import { purgeIdempotencyKeys } from './start/idempotency';
import { startPendingStarts } from './start/ledger-starts';

export interface StartOptions {
  /** An open database to use (tests); otherwise DATABASE_URL is opened, migrated and seeded. */
  database?: Database;
  port?: number;
  host?: string;
  config?: Partial<WebConfig>;
  log?: (line: string) => void;
  /** The embedded engine's REST address (http://127.0.0.1:8080); ZEEBE_REST_ADDRESS overrides it. */
  engineRestAddress?: string;
  /** The credential the embedded engine requires, if any. */
  engineCredentials?: { username: string; password: string };
  /** How often open ledger items still without a process get one (default 60 s; 0 turns it off). */
  pendingStartIntervalMs?: number;
  /** A ready engine client (tests); otherwise one is made from engineRestAddress / the environment. */
  engine?: EngineApi;
  /** The built client to serve (tests); default web/client/dist of this checkout. */
  clientDist?: string;
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
  const host = options.host ?? config.host;
  const engine =
    options.engine ??
    createEngineApi({
      restAddress: options.engineRestAddress,
      credentials: options.engineCredentials,
    });
  const ctx = {
    db: database.db,
    provider: database.target.provider,
    settings: config.settings,
    engine,
    baseUrl: config.baseUrl ?? '',
  };
  const tls = !!config.tls || !!config.baseUrl?.startsWith('https:');
  const app = createApp(ctx, { trustProxy: config.trustProxy, tls, clientDist: options.clientDist });
  const server: Server = config.tls
    ? createHttpsServer(
        { cert: fs.readFileSync(config.tls.certFile), key: fs.readFileSync(config.tls.keyFile) },
        app,
      )
    : createHttpServer(app);
  await new Promise<void>((resolve, reject) => {
    server.once('error', reject);
    server.listen(options.port ?? config.port, host, () => {
      server.off('error', reject);
      resolve();
    });
  });
  const port = (server.address() as AddressInfo).port;
  const purge = setInterval(() => {
    void purgeExpiredSessions(database.db).catch(() => undefined);
    void purgeIdempotencyKeys(database.db).catch(() => undefined);
  }, 10 * 60_000);
  purge.unref();
  const stopPendingStarts = startPendingStarts(
    database.db,
    ctx,
    options.pendingStartIntervalMs ?? Number(process.env.PENDING_START_INTERVAL_MS ?? 60_000),
  );
  const url = `${config.tls ? 'https' : 'http'}://${host.includes(':') ? `[${host}]` : host}:${port}`;
  if (!config.baseUrl) ctx.baseUrl = url;
  const handle: RunningServer = {
    url,
    port,
    database,
    async stop() {
      running.delete(handle);
      clearInterval(purge);
      stopPendingStarts();
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
