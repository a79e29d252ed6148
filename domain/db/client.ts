// The domain database client factory: one Prisma client type for the whole code base, connected through the
// driver adapter that DATABASE_URL selects (better-sqlite3 for file: URLs, pg for postgres:// URLs). Both
// generated clients come from the same models (prisma/schema.prisma and its derived PostgreSQL copy), so the
// PostgreSQL client is used through the SQLite client's type — the one place where that is asserted.
import { PrismaBetterSQLite3 } from '@prisma/adapter-better-sqlite3';
import { PrismaPg } from '@prisma/adapter-pg';
import { PrismaClient as SqliteClient, Prisma } from '../../prisma/generated/sqlite/client';
import { PrismaClient as PostgresClient } from '../../prisma/generated/postgresql/client';
import { migrate, type MigrateResult } from './migrate';
import { immediateTransactions } from './sqlite-adapter';
import { resolveDatabaseUrl, type DatabaseTarget } from './url';

export type Db = SqliteClient;
export type Tx = Prisma.TransactionClient;
export { Prisma };

export interface Database {
  db: Db;
  target: DatabaseTarget;
  migrated: MigrateResult | undefined;
  close(): Promise<void>;
}

export interface OpenOptions {
  /** Defaults to process.env.DATABASE_URL, then the SQLite file data/zhuanban.db. */
  url?: string;
  /** Apply pending migrations first (default true). */
  migrate?: boolean;
}

export function createClient(target: DatabaseTarget): Db {
  if (target.provider === 'postgresql') {
    const client = new PostgresClient({ adapter: new PrismaPg({ connectionString: target.url }) });
    return client as unknown as Db;
  }
  return new SqliteClient({
    adapter: immediateTransactions(new PrismaBetterSQLite3({ url: `file:${target.file}`, timeout: 10_000 })),
  });
}

/** Opens the domain database, migrating it to the latest committed schema unless told not to. */
export async function openDatabase(options: OpenOptions = {}): Promise<Database> {
  const target = resolveDatabaseUrl(options.url ?? process.env.DATABASE_URL);
  const migrated = options.migrate === false ? undefined : await migrate(target);
  const db = createClient(target);
  await db.$connect();
  return { db, target, migrated, close: () => db.$disconnect() };
}

/** True for a Prisma "unique constraint failed" error (P2002), on either provider. */
export function isUniqueViolation(e: unknown): boolean {
  return typeof e === 'object' && e !== null && (e as { code?: unknown }).code === 'P2002';
}

/** True for a Prisma "record not found" error (P2025), on either provider. */
export function isNotFound(e: unknown): boolean {
  return typeof e === 'object' && e !== null && (e as { code?: unknown }).code === 'P2025';
}
