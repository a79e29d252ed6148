// Applies the committed Prisma migrations of the target's provider at start, without the Prisma CLI and
// without network: each prisma/<provider>/migrations/<name>/migration.sql not yet recorded is run in one
// transaction and recorded in Prisma's own `_prisma_migrations` table (same columns, same sha256 checksum), so
// `prisma migrate status|deploy` see the same history. PostgreSQL replicas serialise on an advisory lock.
import { createHash, randomUUID } from 'node:crypto';
import fs from 'node:fs';
import path from 'node:path';
import Database from 'better-sqlite3';
import pg from 'pg';
import type { DatabaseTarget } from './url';

export interface Migration {
  name: string;
  sql: string;
  checksum: string;
}

export interface MigrateResult {
  applied: string[];
  alreadyApplied: number;
}

/** prisma/ of the repository: found upwards from here, so it works from the sources and from dist/. */
function findPrismaDir(): string {
  for (let dir = __dirname; ; dir = path.dirname(dir)) {
    const candidate = path.join(dir, 'prisma', 'migrations', 'migration_lock.toml');
    if (fs.existsSync(candidate)) return path.join(dir, 'prisma');
    if (path.dirname(dir) === dir) throw new Error('cannot find prisma/migrations above ' + __dirname);
  }
}

export function migrationsDir(provider: DatabaseTarget['provider']): string {
  const prismaDir = findPrismaDir();
  return provider === 'postgresql'
    ? path.join(prismaDir, 'postgresql', 'migrations')
    : path.join(prismaDir, 'migrations');
}

export function readMigrations(dir: string): Migration[] {
  return fs
    .readdirSync(dir, { withFileTypes: true })
    .filter((e) => e.isDirectory() && fs.existsSync(path.join(dir, e.name, 'migration.sql')))
    .map((e) => e.name)
    .sort()
    .map((name) => {
      const sql = fs.readFileSync(path.join(dir, name, 'migration.sql'), 'utf8');
      return { name, sql, checksum: createHash('sha256').update(sql).digest('hex') };
    });
}

function checkHistory(recorded: Map<string, string>, migrations: Migration[]): Migration[] {
  for (const m of migrations) {
    const checksum = recorded.get(m.name);
    if (checksum && checksum !== m.checksum) {
      throw new Error(
        `migration ${m.name} was changed after it was applied (checksum differs): add a new migration instead`,
      );
    }
  }
  return migrations.filter((m) => !recorded.has(m.name));
}

const sqliteTable = `CREATE TABLE IF NOT EXISTS "_prisma_migrations" (
    "id" TEXT PRIMARY KEY NOT NULL, "checksum" TEXT NOT NULL, "finished_at" DATETIME,
    "migration_name" TEXT NOT NULL, "logs" TEXT, "rolled_back_at" DATETIME,
    "started_at" DATETIME NOT NULL DEFAULT current_timestamp, "applied_steps_count" INTEGER UNSIGNED NOT NULL DEFAULT 0)`;

function migrateSqlite(file: string, migrations: Migration[]): MigrateResult {
  if (file !== ':memory:') fs.mkdirSync(path.dirname(file), { recursive: true });
  const db = new Database(file);
  try {
    db.pragma('journal_mode = WAL');
    db.exec(sqliteTable);
    const applied: string[] = [];
    const rows = db
      .prepare(
        `SELECT migration_name, checksum FROM "_prisma_migrations" WHERE finished_at IS NOT NULL AND rolled_back_at IS NULL`,
      )
      .all() as { migration_name: string; checksum: string }[];
    const pending = checkHistory(new Map(rows.map((r) => [r.migration_name, r.checksum])), migrations);
    for (const m of pending) {
      db.transaction(() => {
        db.exec(m.sql);
        const now = Date.now();
        db.prepare(
          `INSERT INTO "_prisma_migrations" (id, checksum, finished_at, migration_name, started_at, applied_steps_count) VALUES (?, ?, ?, ?, ?, 1)`,
        ).run(randomUUID(), m.checksum, now, m.name, now);
      }).immediate();
      applied.push(m.name);
    }
    return { applied, alreadyApplied: migrations.length - pending.length };
  } finally {
    db.close();
  }
}

const postgresTable = `CREATE TABLE IF NOT EXISTS "_prisma_migrations" (
    "id" VARCHAR(36) PRIMARY KEY NOT NULL, "checksum" VARCHAR(64) NOT NULL, "finished_at" TIMESTAMPTZ,
    "migration_name" VARCHAR(255) NOT NULL, "logs" TEXT, "rolled_back_at" TIMESTAMPTZ,
    "started_at" TIMESTAMPTZ NOT NULL DEFAULT now(), "applied_steps_count" INTEGER NOT NULL DEFAULT 0)`;
const lockId = 72_707_369; // the number Prisma Migrate uses for its own advisory lock

async function migratePostgres(url: string, migrations: Migration[]): Promise<MigrateResult> {
  const client = new pg.Client({ connectionString: url });
  await client.connect();
  try {
    await client.query('SELECT pg_advisory_lock($1)', [lockId]);
    // Only when missing: the application's own role (app-role.ts) may not create tables, yet migrates at start.
    const { rows: table } = await client.query<{ t: string | null }>(
      `SELECT to_regclass('"_prisma_migrations"') AS t`,
    );
    if (!table[0].t) await client.query(postgresTable);
    const { rows } = await client.query<{ migration_name: string; checksum: string }>(
      `SELECT migration_name, checksum FROM "_prisma_migrations" WHERE finished_at IS NOT NULL AND rolled_back_at IS NULL`,
    );
    const pending = checkHistory(new Map(rows.map((r) => [r.migration_name, r.checksum])), migrations);
    const applied: string[] = [];
    for (const m of pending) {
      await client.query('BEGIN');
      try {
        await client.query(m.sql);
        await client.query(
          `INSERT INTO "_prisma_migrations" (id, checksum, finished_at, migration_name, started_at, applied_steps_count) VALUES ($1, $2, now(), $3, now(), 1)`,
          [randomUUID(), m.checksum, m.name],
        );
        await client.query('COMMIT');
      } catch (e) {
        await client.query('ROLLBACK');
        throw new Error(`migration ${m.name} failed: ${e instanceof Error ? e.message : String(e)}`);
      }
      applied.push(m.name);
    }
    return { applied, alreadyApplied: migrations.length - pending.length };
  } finally {
    await client.query('SELECT pg_advisory_unlock($1)', [lockId]).catch(() => undefined);
    await client.end();
  }
}

/** Brings the database to the latest committed migration; returns what it applied. */
export async function migrate(target: DatabaseTarget): Promise<MigrateResult> {
  const migrations = readMigrations(migrationsDir(target.provider));
  return target.provider === 'postgresql'
    ? migratePostgres(target.url, migrations)
    : migrateSqlite(target.file, migrations);
}
