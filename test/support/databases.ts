// Fresh, migrated domain databases for tests, on both providers: a temporary SQLite file, or a new database
// on the PostgreSQL server of global-setup.ts. `providers` is what every domain test runs over.
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { randomBytes } from 'node:crypto';
import pg from 'pg';
import { openDatabase, type Database } from '../../domain/db/client';

export type Provider = 'sqlite' | 'postgresql';

const skipPg = process.env.ZHUANBAN_SKIP_PG === '1';
if (skipPg) {
  console.warn('ZHUANBAN_SKIP_PG=1: the PostgreSQL variants of the domain tests are skipped on request.');
}
export const providers: Provider[] = skipPg ? ['sqlite'] : ['sqlite', 'postgresql'];

export interface TestDatabase extends Database {
  url: string;
  /** Closes the client and removes the database. */
  destroy(): Promise<void>;
}

async function postgresAdmin<T>(fn: (client: pg.Client) => Promise<T>): Promise<T> {
  const url = process.env.ZHUANBAN_TEST_PG_URL;
  if (!url) {
    throw new Error(
      `no PostgreSQL server for the tests: ${process.env.ZHUANBAN_TEST_PG_ERROR ?? 'global setup did not run'}`,
    );
  }
  const client = new pg.Client({ connectionString: url });
  await client.connect();
  try {
    return await fn(client);
  } finally {
    await client.end();
  }
}

/** A URL of a new empty database (not yet migrated). */
export async function emptyDatabaseUrl(provider: Provider): Promise<{ url: string; drop(): Promise<void> }> {
  const name = `zb_${randomBytes(6).toString('hex')}`;
  if (provider === 'sqlite') {
    const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'zhuanban-db-'));
    return {
      url: `file:${path.join(dir, `${name}.db`)}`,
      drop: async () => fs.rmSync(dir, { recursive: true, force: true }),
    };
  }
  await postgresAdmin((c) => c.query(`CREATE DATABASE ${name}`));
  const base = new URL(process.env.ZHUANBAN_TEST_PG_URL as string);
  base.pathname = `/${name}`;
  return {
    url: base.toString(),
    drop: () =>
      postgresAdmin((c) => c.query(`DROP DATABASE IF EXISTS ${name} WITH (FORCE)`)).then(() => undefined),
  };
}

export async function freshDatabase(provider: Provider): Promise<TestDatabase> {
  const { url, drop } = await emptyDatabaseUrl(provider);
  const database = await openDatabase({ url });
  return {
    ...database,
    url,
    async destroy() {
      await database.close();
      await drop();
    },
  };
}
