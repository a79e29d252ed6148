// The durable record log in SQLite: one row per committed batch (the records of several commands,
// written in one transaction, encoded by codec.ts), snapshots of the state, and the deployed
// resources (so models can be parsed before replay needs them). A batch is durable before any
// client hears about it.
import Database from 'better-sqlite3';
import { mkdirSync } from 'node:fs';
import { dirname } from 'node:path';
import type { EngineRecord } from '../protocol/record';
import { decodeBatch } from './codec';

export interface StoredBatch {
  records: EngineRecord[];
  processed: number[];
  lastKey: number;
}

export interface Snapshot {
  /** The last batch the snapshot includes. */
  batchId: number;
  position: number;
  lastKey: number;
  state: unknown;
  pending: EngineRecord[];
}

export interface Resource {
  checksum: string;
  name: string;
  content: string;
}

/** A write, already encoded, as the journal writer (writer.ts) hands it to SQLite. */
export type JournalWrite =
  | {
      kind: 'batch';
      id: number;
      lastPosition: number;
      lastKey: number;
      /** Encoded batch; null when the batch only carries resources. */
      data: string | null;
      resources: Resource[];
    }
  | { kind: 'snapshot'; batchId: number; position: number; lastKey: number; createdAt: number; data: string }
  /** Deletes the batches a snapshot covers and every reader of the journal is done with. */
  | { kind: 'compact'; upToBatch: number; upToPosition: number };

export type SyncMode = 'full' | 'normal' | 'off';

const SCHEMA = `
CREATE TABLE IF NOT EXISTS batches (id INTEGER PRIMARY KEY AUTOINCREMENT, last_position INTEGER NOT NULL, last_key INTEGER NOT NULL, data TEXT NOT NULL);
CREATE INDEX IF NOT EXISTS batches_last_position ON batches (last_position);
CREATE TABLE IF NOT EXISTS snapshots (batch_id INTEGER PRIMARY KEY, position INTEGER NOT NULL, last_key INTEGER NOT NULL, created_at INTEGER NOT NULL, data TEXT NOT NULL);
CREATE TABLE IF NOT EXISTS resources (checksum TEXT PRIMARY KEY, resource_name TEXT NOT NULL, content TEXT NOT NULL);
CREATE TABLE IF NOT EXISTS meta (name TEXT PRIMARY KEY, value TEXT NOT NULL);
`;

/** The statements every write uses, here and in the writer thread. */
export const WRITE_SQL = {
  batch: 'INSERT INTO batches (id, last_position, last_key, data) VALUES (?, ?, ?, ?)',
  resource: 'INSERT OR IGNORE INTO resources (checksum, resource_name, content) VALUES (?, ?, ?)',
  snapshot:
    'INSERT OR REPLACE INTO snapshots (batch_id, position, last_key, created_at, data) VALUES (?, ?, ?, ?, ?)',
  olderSnapshots: 'DELETE FROM snapshots WHERE batch_id < ?',
  compact: 'DELETE FROM batches WHERE id <= ? AND last_position <= ?',
} as const;

/** 2: batches encoded by codec.ts; journals of format 1 (plain JSON batches) are still read. */
const FORMAT = '2';
const READABLE_FORMATS = ['1', FORMAT];

export interface JournalOptions {
  /** Opens an existing journal for reading only (tools, tests); a running engine may be writing it. */
  readonly?: boolean;
}

export class Journal {
  private readonly db: Database.Database;
  private readonly writeTx: (writes: JournalWrite[]) => void;
  /** The last batch id and position in the journal when it was opened. */
  readonly lastBatchIdAtOpen: number;
  readonly lastPositionAtOpen: number;

  constructor(
    readonly path: string,
    sync: SyncMode = 'full',
    options: JournalOptions = {},
  ) {
    if (options.readonly) {
      this.db = new Database(path, { readonly: true, fileMustExist: true });
    } else {
      if (path !== ':memory:') mkdirSync(dirname(path), { recursive: true });
      this.db = new Database(path);
      this.db.pragma('journal_mode = WAL');
      this.db.pragma(`synchronous = ${sync.toUpperCase()}`);
      this.db.exec(SCHEMA);
    }
    const format = this.db.prepare('SELECT value FROM meta WHERE name = ?').get('format') as
      { value: string } | undefined;
    if (format && !READABLE_FORMATS.includes(format.value))
      throw new Error(
        `journal ${path} has format ${format.value}, this engine reads ${READABLE_FORMATS.join(' and ')}`,
      );
    if (!options.readonly && format?.value !== FORMAT)
      this.db.prepare('INSERT OR REPLACE INTO meta (name, value) VALUES (?, ?)').run('format', FORMAT);
    // A compacted journal may hold no batches at all: the snapshot then says where it ends.
    const ends = this.db
      .prepare(
        `SELECT (SELECT COALESCE(MAX(id), 0) FROM batches) AS batch, (SELECT COALESCE(MAX(last_position), 0) FROM batches) AS position,
                (SELECT COALESCE(MAX(batch_id), 0) FROM snapshots) AS snapshotBatch, (SELECT COALESCE(MAX(position), 0) FROM snapshots) AS snapshotPosition`,
      )
      .get() as { batch: number; position: number; snapshotBatch: number; snapshotPosition: number };
    this.lastBatchIdAtOpen = Math.max(ends.batch, ends.snapshotBatch);
    this.lastPositionAtOpen = Math.max(ends.position, ends.snapshotPosition);
    const batch = this.db.prepare(WRITE_SQL.batch);
    const resource = this.db.prepare(WRITE_SQL.resource);
    const snapshot = this.db.prepare(WRITE_SQL.snapshot);
    const olderSnapshots = this.db.prepare(WRITE_SQL.olderSnapshots);
    const compact = this.db.prepare(WRITE_SQL.compact);
    this.writeTx = this.db.transaction((writes: JournalWrite[]) => {
      for (const w of writes) {
        if (w.kind === 'batch') {
          for (const r of w.resources) resource.run(r.checksum, r.name, r.content);
          if (w.data !== null) batch.run(w.id, w.lastPosition, w.lastKey, w.data);
        } else if (w.kind === 'snapshot') {
          snapshot.run(w.batchId, w.position, w.lastKey, w.createdAt, w.data);
          olderSnapshots.run(w.batchId);
        } else {
          compact.run(w.upToBatch, w.upToPosition);
        }
      }
    });
  }

  /** Writes in one transaction, on this thread; durable on return (as far as the sync mode makes it). */
  write(writes: JournalWrite[]): void {
    this.writeTx(writes);
  }

  /** Batches after the given batch id, in order. */
  *readAfter(afterBatch: number): Generator<StoredBatch & { id: number }> {
    const stmt = this.db.prepare('SELECT id, last_key, data FROM batches WHERE id > ? ORDER BY id');
    for (const row of stmt.iterate(afterBatch) as Iterable<{ id: number; last_key: number; data: string }>) {
      const { records, processed } = decodeBatch(row.data);
      yield { id: row.id, records, processed, lastKey: row.last_key };
    }
  }

  /** Records after the given position, batch by batch (projections catching up with the journal). */
  *recordsAfter(position: number): Generator<EngineRecord[]> {
    const stmt = this.db.prepare('SELECT data FROM batches WHERE last_position > ? ORDER BY id');
    for (const row of stmt.iterate(position) as Iterable<{ data: string }>) {
      const { records } = decodeBatch(row.data);
      yield (records[0]?.position ?? 0) > position ? records : records.filter((r) => r.position > position);
    }
  }

  resources(): { checksum: string; name: string; content: string }[] {
    return this.db.prepare('SELECT checksum, resource_name AS name, content FROM resources').all() as {
      checksum: string;
      name: string;
      content: string;
    }[];
  }

  latestSnapshot(): Snapshot | undefined {
    const row = this.db
      .prepare('SELECT batch_id, position, last_key, data FROM snapshots ORDER BY batch_id DESC LIMIT 1')
      .get() as { batch_id: number; position: number; last_key: number; data: string } | undefined;
    if (!row) return undefined;
    const parsed = JSON.parse(row.data) as { state: unknown; pending: EngineRecord[] };
    return {
      batchId: row.batch_id,
      position: row.position,
      lastKey: row.last_key,
      state: parsed.state,
      pending: parsed.pending,
    };
  }

  /** How many batches the journal holds, and the first position it still has (0: none). */
  extent(): { batches: number; firstPosition: number } {
    const row = this.db.prepare('SELECT COUNT(*) AS n, MIN(id) AS first FROM batches').get() as {
      n: number;
      first: number | null;
    };
    if (row.first === null) return { batches: 0, firstPosition: 0 };
    const first = this.db.prepare('SELECT data FROM batches WHERE id = ?').get(row.first) as { data: string };
    return { batches: row.n, firstPosition: decodeBatch(first.data).records[0]?.position ?? 0 };
  }

  close(): void {
    this.db.close();
  }
}
