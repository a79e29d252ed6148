// `zhuanban backup DIR`: a consistent copy of the engine journal and the SQLite domain database, taken while the
// system runs (SQLite's online backup), with a manifest of checksums.
import { UsageError, parseArgs } from './args';

export const summary =
  'back up the engine data and the SQLite database into a new folder (--data data/engine)';

export async function run(args: string[]): Promise<void> {
  const [dir, ...rest] = args;
  if (!dir || dir.startsWith('--')) throw new UsageError('usage: zhuanban backup DIR [--data data/engine]');
  const opts = parseArgs(rest, { data: 'string' });
  const { backup } = await import('../system/backup.js');
  const { resolveDatabaseUrl } = await import('../../domain/db/url.js');
  const manifest = await backup(dir, {
    engineDataDir: (opts.data as string | undefined) ?? 'data/engine',
    database: resolveDatabaseUrl(process.env.DATABASE_URL),
    log: (line) => console.log(line),
  });
  for (const f of manifest.files)
    console.log(`  ${f.file}  ${f.bytes} bytes  sha256 ${f.sha256.slice(0, 16)}…`);
  if (manifest.databaseNote) console.log(`note: ${manifest.databaseNote}`);
  console.log(`backup written to ${dir}`);
}
