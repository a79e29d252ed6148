// Backup and restore of a zhuanban installation: the engine's journal (which holds its snapshots and deployed
// resources; the REST projections are rebuilt from it at start) and the domain database when it is SQLite, each
// copied with SQLite's online backup API — consistent while the system runs and writes. A manifest records what
// was copied with sizes and SHA-256, and restore checks it before touching anything. PostgreSQL is backed up with
// pg_dump beside this (README says how to pair them).
import { createHash } from 'node:crypto';
import fs from 'node:fs';
import path from 'node:path';
import Database from 'better-sqlite3';
import type { DatabaseTarget } from '../../domain/db/url';
import { lockDataDir } from '../../engine/journal/lock';

export interface BackupFile {
  role: 'engine-journal' | 'domain-database';
  file: string;
  bytes: number;
  sha256: string;
}

export interface Manifest {
  format: 1;
  createdAt: string;
  files: BackupFile[];
  /** Set when the domain database is PostgreSQL: it is not in this folder. */
  databaseNote?: string;
}

function sha256(file: string): string {
  return createHash('sha256').update(fs.readFileSync(file)).digest('hex');
}

async function copySqlite(from: string, to: string): Promise<void> {
  const source = new Database(from, { readonly: true, fileMustExist: true });
  try {
    await source.backup(to);
  } finally {
    source.close();
  }
}

export async function backup(
  target: string,
  options: { engineDataDir: string; database: DatabaseTarget; log?: (line: string) => void },
): Promise<Manifest> {
  const log = options.log ?? (() => undefined);
  if (fs.existsSync(target) && fs.readdirSync(target).length > 0)
    throw new Error(`backup folder ${target} is not empty: choose a new one`);
  const journal = path.join(options.engineDataDir, 'journal.db');
  if (!fs.existsSync(journal)) throw new Error(`no engine journal at ${journal}: is --data right?`);
  fs.mkdirSync(target, { recursive: true });
  const files: BackupFile[] = [];
  const add = async (role: BackupFile['role'], from: string, name: string) => {
    const to = path.join(target, name);
    log(`copying ${from} …`);
    await copySqlite(from, to);
    files.push({ role, file: name, bytes: fs.statSync(to).size, sha256: sha256(to) });
  };
  await add('engine-journal', journal, 'engine-journal.db');
  let databaseNote: string | undefined;
  if (options.database.provider === 'sqlite')
    await add('domain-database', options.database.file, 'zhuanban.db');
  else
    databaseNote =
      'the domain database is PostgreSQL: back it up with pg_dump right after this engine backup (see README)';
  const manifest: Manifest = { format: 1, createdAt: new Date().toISOString(), files, databaseNote };
  fs.writeFileSync(path.join(target, 'manifest.json'), JSON.stringify(manifest, null, 2));
  return manifest;
}

export function readManifest(source: string): Manifest {
  const file = path.join(source, 'manifest.json');
  if (!fs.existsSync(file)) throw new Error(`${source} has no manifest.json: not a zhuanban backup`);
  const manifest = JSON.parse(fs.readFileSync(file, 'utf8')) as Manifest;
  if (manifest.format !== 1) throw new Error(`unknown backup format ${String(manifest.format)}`);
  for (const f of manifest.files) {
    const p = path.join(source, f.file);
    if (!fs.existsSync(p)) throw new Error(`the backup is incomplete: ${f.file} is missing`);
    if (sha256(p) !== f.sha256)
      throw new Error(`the backup is damaged: ${f.file} does not match its checksum`);
  }
  return manifest;
}

export async function restore(
  source: string,
  options: { engineDataDir: string; database: DatabaseTarget; force?: boolean; log?: (line: string) => void },
): Promise<Manifest> {
  const log = options.log ?? (() => undefined);
  const manifest = readManifest(source);
  // Holding the data-directory lock proves no engine runs on it, and keeps one from starting meanwhile.
  let lock: { release(): void };
  try {
    lock = lockDataDir(options.engineDataDir);
  } catch {
    throw new Error(
      `the engine data folder ${options.engineDataDir} is in use: stop the running system first`,
    );
  }
  try {
    const journal = path.join(options.engineDataDir, 'journal.db');
    const domain = manifest.files.find((f) => f.role === 'domain-database');
    const domainFile = options.database.provider === 'sqlite' ? options.database.file : undefined;
    if (domain && !domainFile)
      throw new Error('the backup holds an SQLite database but DATABASE_URL names PostgreSQL');
    const existing = [journal, ...(domain && domainFile ? [domainFile] : [])].filter((f) => fs.existsSync(f));
    if (existing.length && !options.force)
      throw new Error(
        `refusing to overwrite ${existing.join(', ')}: restore into empty folders, or pass --force`,
      );
    for (const stale of [
      'journal.db',
      'journal.db-wal',
      'journal.db-shm',
      'projections.db',
      'projections.db-wal',
      'projections.db-shm',
    ])
      fs.rmSync(path.join(options.engineDataDir, stale), { force: true });
    const engineFile = manifest.files.find((f) => f.role === 'engine-journal')!;
    log(`restoring the engine journal into ${options.engineDataDir} …`);
    fs.copyFileSync(path.join(source, engineFile.file), journal);
    if (domain && domainFile) {
      for (const suffix of ['', '-wal', '-shm', '-journal']) fs.rmSync(domainFile + suffix, { force: true });
      fs.mkdirSync(path.dirname(domainFile), { recursive: true });
      log(`restoring the domain database into ${domainFile} …`);
      fs.copyFileSync(path.join(source, domain.file), domainFile);
    }
    return manifest;
  } finally {
    lock.release();
  }
}
