// `zhuanban restore DIR`: puts a backup back, after checking its checksums; refuses while a system runs on the
// data folder, and refuses to overwrite existing data unless --force.
import { UsageError, parseArgs } from './args';

export const summary =
  'restore a backup into the engine data folder and the SQLite database (--data, --force)';

export async function run(args: string[]): Promise<void> {
  const [dir, ...rest] = args;
  if (!dir || dir.startsWith('--'))
    throw new UsageError('usage: zhuanban restore DIR [--data data/engine] [--force]');
  const opts = parseArgs(rest, { data: 'string', force: 'boolean' });
  const { restore } = await import('../system/backup.js');
  const { resolveDatabaseUrl } = await import('../../domain/db/url.js');
  await restore(dir, {
    engineDataDir: (opts.data as string | undefined) ?? 'data/engine',
    database: resolveDatabaseUrl(process.env.DATABASE_URL),
    force: opts.force === true,
    log: (line) => console.log(line),
  });
  console.log(
    'restored: start the system as usual; the engine resumes every process where the backup left it',
  );
}
