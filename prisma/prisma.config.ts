// Prisma CLI configuration: the JavaScript schema engine over a driver adapter (no engine binaries to
// download), with the schema, migrations and adapter of the provider that DATABASE_URL names —
// PostgreSQL for postgres:// URLs, otherwise SQLite (default file data/zhuanban.db).
import fs from 'node:fs';
import path from 'node:path';
import { defineConfig } from 'prisma/config';
import { PrismaBetterSQLite3 } from '@prisma/adapter-better-sqlite3';
import { PrismaPg } from '@prisma/adapter-pg';
import { resolveDatabaseUrl } from '../domain/db/url';

const target = resolveDatabaseUrl(process.env.DATABASE_URL);
const dir = target.provider === 'postgresql' ? path.join(__dirname, 'postgresql') : __dirname;

export default defineConfig({
  engine: 'js',
  experimental: { adapter: true },
  schema: path.join(dir, 'schema.prisma'),
  migrations: { path: path.join(dir, 'migrations'), seed: 'tsx prisma/seed.ts' },
  async adapter() {
    if (target.provider === 'postgresql') return new PrismaPg({ connectionString: target.url });
    if (target.file !== ':memory:') fs.mkdirSync(path.dirname(target.file), { recursive: true });
    return new PrismaBetterSQLite3({ url: `file:${target.file}` });
  },
});
