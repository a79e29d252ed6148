// Reads DATABASE_URL into a typed target: a PostgreSQL connection string, or an SQLite file path
// (default data/zhuanban.db under the working directory). One place decides which database we use.
import path from 'node:path';

export type DatabaseTarget =
  { provider: 'postgresql'; url: string } | { provider: 'sqlite'; file: string; url: string };

export const defaultSqliteFile = path.join('data', 'zhuanban.db');

export function resolveDatabaseUrl(raw: string | undefined, cwd = process.cwd()): DatabaseTarget {
  const url = raw?.trim() || `file:${defaultSqliteFile}`;
  if (/^postgres(ql)?:\/\//i.test(url)) return { provider: 'postgresql', url };
  if (!url.startsWith('file:')) {
    throw new Error(
      `DATABASE_URL must be a postgres:// URL or a file: path for SQLite, got '${url.split(':')[0]}:…'`,
    );
  }
  const file = url.slice('file:'.length).replace(/\?.*$/, '');
  if (file === '') throw new Error('DATABASE_URL file: path is empty');
  return { provider: 'sqlite', file: file === ':memory:' ? file : path.resolve(cwd, file), url };
}
