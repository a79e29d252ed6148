// Jest global setup: builds the browser client once, and starts one throw-away PostgreSQL server for the whole run (each test file then creates
// its own database on it, see databases.ts). Without PostgreSQL the PostgreSQL variants fail with the reason,
// unless ZHUANBAN_SKIP_PG=1 says to skip them explicitly.
import { buildClient } from '../../web/client/build';
import { startPostgres, type PostgresServer } from './postgres-server';

declare global {
  var zhuanbanPostgres: PostgresServer | undefined;
}

export default async function globalSetup(): Promise<void> {
  // The browser client is built once for the run, before any test file starts (they then share it).
  await buildClient({ quiet: true });
  process.env.ZHUANBAN_CLIENT_BUILT = '1';
  if (process.env.ZHUANBAN_SKIP_PG === '1') return;
  if (process.env.ZHUANBAN_TEST_PG_URL) return; // an outer run (or the developer) provides one
  try {
    globalThis.zhuanbanPostgres = await startPostgres();
    process.env.ZHUANBAN_TEST_PG_URL = globalThis.zhuanbanPostgres.url();
  } catch (e) {
    process.env.ZHUANBAN_TEST_PG_ERROR = e instanceof Error ? e.message : String(e);
  }
}
