// The programmatic migrator keeps Prisma's own migration history: after it runs, `prisma migrate status`
// says the database is up to date, and a database migrated by `prisma migrate deploy` is recognised as fully
// migrated. SQLite only: through the pg adapter 6.19's CLI cannot initialise its table on an empty database
// (`migrate deploy` fails), and its `migrate status` idles ~10 s on pg's pool before exiting.
import { execFile } from 'node:child_process';
import path from 'node:path';
import { promisify } from 'node:util';
import { migrate } from '../../domain/db/migrate';
import { resolveDatabaseUrl } from '../../domain/db/url';
import { emptyDatabaseUrl } from '../support/databases';

const run = promisify(execFile);
const root = path.join(__dirname, '..', '..');

function prisma(args: string[], databaseUrl: string) {
  return run(
    process.execPath,
    [require.resolve('prisma/build/index.js'), ...args, '--config', 'prisma/prisma.config.ts'],
    {
      cwd: root,
      env: { ...process.env, DATABASE_URL: databaseUrl },
    },
  );
}

describe('Prisma CLI and the migrator (SQLite)', () => {
  it('leaves a history that `prisma migrate status` reads as up to date', async () => {
    const { url, drop } = await emptyDatabaseUrl('sqlite');
    try {
      const result = await migrate(resolveDatabaseUrl(url));
      expect(result.applied.length).toBeGreaterThan(0);
      const { stdout } = await prisma(['migrate', 'status'], url);
      expect(stdout).toContain('Database schema is up to date!');
    } finally {
      await drop();
    }
  }, 60_000);

  it('applies nothing more after `prisma migrate deploy`: the checksums agree', async () => {
    const { url, drop } = await emptyDatabaseUrl('sqlite');
    try {
      const { stdout } = await prisma(['migrate', 'deploy'], url);
      expect(stdout).toContain('All migrations have been successfully applied.');
      const result = await migrate(resolveDatabaseUrl(url));
      expect(result.applied).toEqual([]);
      expect(result.alreadyApplied).toBeGreaterThan(0);
    } finally {
      await drop();
    }
  }, 60_000);
});
