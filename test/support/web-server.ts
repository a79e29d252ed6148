// Boots the real web server for a test file: a fresh migrated database (SQLite by default), the install seed
// and the demo users and records, on an ephemeral loopback port.
import { seed } from '../../domain/seed/seed';
import { seedDemo } from '../../domain/seed/demo';
import { startServer, type RunningServer } from '../../web/server/server';
import type { WebConfig } from '../../web/server/config';
import { loadWebConfig } from '../../web/server/config';
import { freshDatabase, type Provider, type TestDatabase } from './databases';
import { ApiClient } from './api-client';

export const adminPassword = 'admin-password-for-tests';
export const demoPassword = 'demo-password-for-tests';

export interface TestWeb {
  server: RunningServer;
  database: TestDatabase;
  client(): ApiClient;
  /** A client signed in as the given user (demo password unless given). */
  signedIn(username: string, password?: string): Promise<ApiClient>;
  stop(): Promise<void>;
}

export async function bootWeb(
  options: {
    provider?: Provider;
    settings?: Partial<WebConfig['settings']>;
    trustProxy?: WebConfig['trustProxy'];
    /** An engine's REST address for the web's engine client (default: none). */
    engineRestAddress?: string;
  } = {},
): Promise<TestWeb> {
  const database = await freshDatabase(options.provider ?? 'sqlite');
  await seed(database.db, { adminPassword });
  await seedDemo(database.db, { password: demoPassword });
  // The seeded admin must change its password at first sign-in; these tests start after that change.
  await database.db.user.update({ where: { username: 'admin' }, data: { mustChangePassword: false } });
  const base = loadWebConfig({});
  const server = await startServer({
    database,
    port: 0,
    host: '127.0.0.1',
    log: () => undefined,
    engineRestAddress: options.engineRestAddress,
    config: { trustProxy: options.trustProxy ?? false, settings: { ...base.settings, ...options.settings } },
  });
  const client = () => new ApiClient(server.url);
  return {
    server,
    database,
    client,
    async signedIn(username, password) {
      const c = client();
      const res = await c.login(username, password ?? (username === 'admin' ? adminPassword : demoPassword));
      if (res.status !== 200)
        throw new Error(`login as ${username} failed: ${res.status} ${JSON.stringify(res.body)}`);
      return c;
    },
    async stop() {
      await server.stop();
      await database.destroy();
    },
  };
}
