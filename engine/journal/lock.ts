// One engine per data directory: an exclusive SQLite lock on `engine.lock`, held as long as the
// engine runs. The operating system releases it when the process ends in any way (SIGKILL too),
// so a crashed engine never leaves a stale lock behind.
import Database from 'better-sqlite3';
import { mkdirSync, readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';

export class DataDirInUseError extends Error {}

export interface DataDirLock {
  release(): void;
}

export function lockDataDir(dir: string): DataDirLock {
  mkdirSync(dir, { recursive: true });
  const db = new Database(join(dir, 'engine.lock'), { timeout: 0 });
  try {
    db.pragma('locking_mode = EXCLUSIVE');
    // The first write takes the exclusive lock; in this locking mode it is kept until close.
    db.exec('BEGIN EXCLUSIVE; CREATE TABLE IF NOT EXISTS held (at INTEGER); COMMIT');
  } catch (e) {
    db.close();
    if ((e as { code?: string }).code === 'SQLITE_BUSY') {
      let owner = '';
      try {
        owner = ` (process ${readFileSync(join(dir, 'engine.pid'), 'utf8').trim()})`;
      } catch {
        // no pid file: the owner is unknown
      }
      throw new DataDirInUseError(`the data directory ${dir} is in use by another engine${owner}`);
    }
    throw e;
  }
  writeFileSync(join(dir, 'engine.pid'), `${process.pid}\n`);
  return {
    release: () => db.close(),
  };
}
