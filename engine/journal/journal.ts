// The durable record log in SQLite: one row per committed batch (the records of several commands,
// written in one transaction), snapshots of the state, and the deployed resources (so models can
// be parsed before replay needs them). A batch is durable before any client hears about it.
import Database from 'better-sqlite3';
import { mkdirSync } from 'node:fs';
import { dirname } from 'node:path';
import type { EngineRecord } from '../protocol/record';

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

export type SyncMode = 'full' | 'normal' | 'off';

const SCHEMA = `
CREATE TABLE IF NOT EXISTS batches (id INTEGER PRIMARY KEY AUTOINCREMENT, last_position INTEGER NOT NULL, last_key INTEGER NOT NULL, data TEXT NOT NULL);
CREATE INDEX IF NOT EXISTS batches_last_position ON batches (last_position);
CREATE TABLE IF NOT EXISTS snapshots (batch_id INTEGER PRIMARY KEY, position INTEGER NOT NULL, last_key INTEGER NOT NULL, created_at INTEGER NOT NULL, data TEXT NOT NULL);
CREATE TABLE IF NOT EXISTS resources (checksum TEXT PRIMARY KEY, resource_name TEXT NOT NULL, content TEXT NOT NULL);
CREATE TABLE IF NOT EXISTS meta (name TEXT PRIMARY KEY, value TEXT NOT NULL);
`;
const FORMAT = '1';

export class Journal {
  private readonly db: Database.Database;
  private readonly insertBatch: Database.Statement;
  private readonly insertResource: Database.Statement;
  private lastWritten = 0;
  lastBatchId = 0;
  private readonly appendTx: (
    batch: StoredBatch,
    resources: { checksum: string; name: string; content: string }[],
  ) => void;

  constructor(path: string, sync: SyncMode = 'full') {
    if (path !== ':memory:') mkdirSync(dirname(path), { recursive: true });
    this.db = new Database(path);
    this.db.pragma('journal_mode = WAL');
    this.db.pragma(`synchronous = ${sync.toUpperCase()}`);
    this.db.exec(SCHEMA);
    const format = this.db.prepare('SELECT value FROM meta WHERE name = ?').get('format') as
      { value: string } | undefined;
    if (!format) this.db.prepare('INSERT INTO meta (name, value) VALUES (?, ?)').run('format', FORMAT);
    else if (format.value !== FORMAT)
      throw new Error(`journal ${path} has format ${format.value}, this engine reads ${FORMAT}`);
    this.lastWritten = this.lastPosition();
    this.lastBatchId = (
      this.db.prepare('SELECT COALESCE(MAX(id), 0) AS id FROM batches').get() as { id: number }
    ).id;
    this.insertBatch = this.db.prepare(
      'INSERT INTO batches (last_position, last_key, data) VALUES (?, ?, ?)',
    );
    this.insertResource = this.db.prepare(
      'INSERT OR IGNORE INTO resources (checksum, resource_name, content) VALUES (?, ?, ?)',
    );
    this.appendTx = this.db.transaction((batch: StoredBatch, resources) => {
      for (const r of resources) this.insertResource.run(r.checksum, r.name, r.content);
      if (batch.records.length === 0 && batch.processed.length === 0) return;
      const last = batch.records[batch.records.length - 1]?.position ?? this.lastWritten;
      const info = this.insertBatch.run(
        last,
        batch.lastKey,
        JSON.stringify({ r: batch.records, p: batch.processed }),
      );
      this.lastWritten = last;
      this.lastBatchId = Number(info.lastInsertRowid);
    });
  }

  /** Appends a batch (and any new deployed resources) in one transaction; durable on return. Returns the batch id. */
  append(batch: StoredBatch, resources: { checksum: string; name: string; content: string }[] = []): number {
    this.appendTx(batch, resources);
    return this.lastBatchId;
  }

  /** Batches after the given batch id, in order. */
  *readAfter(afterBatch: number): Generator<StoredBatch & { id: number }> {
    const stmt = this.db.prepare('SELECT id, last_key, data FROM batches WHERE id > ? ORDER BY id');
    for (const row of stmt.iterate(afterBatch) as Iterable<{ id: number; last_key: number; data: string }>) {
      const parsed = JSON.parse(row.data) as { r: EngineRecord[]; p: number[] };
      yield { id: row.id, records: parsed.r, processed: parsed.p, lastKey: row.last_key };
    }
  }

  /** Records after the given position, batch by batch (projections catching up with the journal). */
  *recordsAfter(position: number): Generator<EngineRecord[]> {
    const stmt = this.db.prepare('SELECT data FROM batches WHERE last_position > ? ORDER BY id');
    for (const row of stmt.iterate(position) as Iterable<{ data: string }>) {
      const records = (JSON.parse(row.data) as { r: EngineRecord[] }).r;
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

  saveSnapshot(s: Snapshot): void {
    const data = JSON.stringify({ state: s.state, pending: s.pending });
    this.db.transaction(() => {
      this.db
        .prepare(
          'INSERT OR REPLACE INTO snapshots (batch_id, position, last_key, created_at, data) VALUES (?, ?, ?, ?, ?)',
        )
        .run(s.batchId, s.position, s.lastKey, Date.now(), data);
      this.db.prepare('DELETE FROM snapshots WHERE batch_id < ?').run(s.batchId);
    })();
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

  /** Drops batches up to the given id (covered by the snapshot and read by every reader). */
  compact(upToBatch: number): number {
    return this.db.prepare('DELETE FROM batches WHERE id <= ?').run(upToBatch).changes;
  }

  lastPosition(): number {
    const row = this.db.prepare('SELECT MAX(last_position) AS p FROM batches').get() as { p: number | null };
    return row.p ?? 0;
  }

  close(): void {
    this.db.close();
  }
}
