// The durable record log in SQLite: one row per committed batch (the records of several commands,
// written in one transaction, encoded by codec.ts), snapshots of the state, and the deployed
// resources (so models can be parsed before replay needs them). A batch is durable before any
// client hears about it.
import Database from 'better-sqlite3';
import { mkdirSync } from 'node:fs';
import { dirname } from 'node:path';
import type { EngineRecord } from '../protocol/record';
import { decodeBatch } from './codec';
import { batchChecksum, JournalCorruptError, parseAnchor } from './checksum';

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
      /** Chained SHA-256 of the batch (checksum.ts); null with data null. */
      checksum: string | null;
      resources: Resource[];
    }
  | { kind: 'snapshot'; batchId: number; position: number; lastKey: number; createdAt: number; data: string }
  /** Deletes the batches a snapshot covers and every reader of the journal is done with. */
  | { kind: 'compact'; upToBatch: number; upToPosition: number };

export type SyncMode = 'full' | 'normal' | 'off';

interface BatchRow {
  id: number;
  last_position: number;
  last_key: number;
  data: string;
  checksum: string | null;
}

export interface JournalReport {
  batches: number;
  checksummed: number;
  records: number;
  firstBatch: number;
  lastBatch: number;
  snapshotBatch?: number;
  problems: string[];
}

/** Checks one batch against the checksum before it (unknown → only from here on); returns its checksum. */
function checkRow(row: BatchRow, previous: string | undefined): string | undefined {
  if (row.checksum === null) return ''; // written before checksums: the chain starts again after it
  if (previous !== undefined) {
    const expected = batchChecksum(previous, row.id, row.last_position, row.last_key, row.data);
    if (expected !== row.checksum)
      throw new JournalCorruptError(
        row.id,
        `its checksum does not match its content (positions up to ${row.last_position})`,
      );
  }
  return row.checksum;
}

const SCHEMA = `
CREATE TABLE IF NOT EXISTS batches (id INTEGER PRIMARY KEY AUTOINCREMENT, last_position INTEGER NOT NULL, last_key INTEGER NOT NULL, data TEXT NOT NULL, checksum TEXT);
CREATE INDEX IF NOT EXISTS batches_last_position ON batches (last_position);
CREATE TABLE IF NOT EXISTS snapshots (batch_id INTEGER PRIMARY KEY, position INTEGER NOT NULL, last_key INTEGER NOT NULL, created_at INTEGER NOT NULL, data TEXT NOT NULL);
CREATE TABLE IF NOT EXISTS resources (checksum TEXT PRIMARY KEY, resource_name TEXT NOT NULL, content TEXT NOT NULL);
CREATE TABLE IF NOT EXISTS meta (name TEXT PRIMARY KEY, value TEXT NOT NULL);
`;

/** The statements every write uses, here and in the writer thread. */
export const WRITE_SQL = {
  batch: 'INSERT INTO batches (id, last_position, last_key, data, checksum) VALUES (?, ?, ?, ?, ?)',
  resource: 'INSERT OR IGNORE INTO resources (checksum, resource_name, content) VALUES (?, ?, ?)',
  snapshot:
    'INSERT OR REPLACE INTO snapshots (batch_id, position, last_key, created_at, data) VALUES (?, ?, ?, ?, ?)',
  olderSnapshots: 'DELETE FROM snapshots WHERE batch_id < ?',
  // Run before `compact` with the same arguments: the last batch it deletes anchors the chain of the rest.
  anchor:
    "INSERT OR REPLACE INTO meta (name, value) SELECT 'chain_anchor', id || ':' || COALESCE(checksum, '') FROM batches WHERE id <= ? AND last_position <= ? ORDER BY id DESC LIMIT 1",
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
  /** The checksum the next batch chains to. */
  readonly lastChecksumAtOpen: string;
  /** A last batch whose checksum did not match (a torn write) and was cut when the journal was opened. */
  readonly cutTail: { id: number; lastPosition: number } | undefined;

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
      const columns = this.db.prepare('PRAGMA table_info(batches)').all() as { name: string }[];
      if (!columns.some((c) => c.name === 'checksum'))
        this.db.exec('ALTER TABLE batches ADD COLUMN checksum TEXT');
      this.cutTail = this.cutTornTail();
      // The whole chain, not only what replay reads after the snapshot: damage anywhere stops the start.
      const first = this.chainProblems().next();
      if (!first.done) throw new JournalCorruptError(first.value.batchId, first.value.detail);
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
    const last = this.db.prepare('SELECT checksum FROM batches ORDER BY id DESC LIMIT 1').get() as
      { checksum: string | null } | undefined;
    this.lastChecksumAtOpen = last ? (last.checksum ?? '') : (this.anchor()?.checksum ?? '');
    const batch = this.db.prepare(WRITE_SQL.batch);
    const resource = this.db.prepare(WRITE_SQL.resource);
    const snapshot = this.db.prepare(WRITE_SQL.snapshot);
    const olderSnapshots = this.db.prepare(WRITE_SQL.olderSnapshots);
    const compact = this.db.prepare(WRITE_SQL.compact);
    const anchor = this.db.prepare(WRITE_SQL.anchor);
    this.writeTx = this.db.transaction((writes: JournalWrite[]) => {
      for (const w of writes) {
        if (w.kind === 'batch') {
          for (const r of w.resources) resource.run(r.checksum, r.name, r.content);
          if (w.data !== null) batch.run(w.id, w.lastPosition, w.lastKey, w.data, w.checksum);
        } else if (w.kind === 'snapshot') {
          snapshot.run(w.batchId, w.position, w.lastKey, w.createdAt, w.data);
          olderSnapshots.run(w.batchId);
        } else {
          anchor.run(w.upToBatch, w.upToPosition);
          compact.run(w.upToBatch, w.upToPosition);
        }
      }
    });
  }

  /** Writes in one transaction, on this thread; durable on return (as far as the sync mode makes it). */
  write(writes: JournalWrite[]): void {
    this.writeTx(writes);
  }

  /** Batches after the given batch id, in order, each checked against the chain (JournalCorruptError if not). */
  *readAfter(afterBatch: number): Generator<StoredBatch & { id: number }> {
    let previous = this.checksumOf(afterBatch);
    let expectedId = afterBatch + 1;
    const stmt = this.db.prepare(
      'SELECT id, last_position, last_key, data, checksum FROM batches WHERE id > ? ORDER BY id',
    );
    for (const row of stmt.iterate(afterBatch) as Iterable<BatchRow>) {
      if (row.id !== expectedId) throw new JournalCorruptError(expectedId, `missing (the next is ${row.id})`);
      previous = checkRow(row, previous);
      expectedId = row.id + 1;
      let decoded;
      try {
        decoded = decodeBatch(row.data);
      } catch (e) {
        throw new JournalCorruptError(row.id, `its records cannot be read (${(e as Error).message})`);
      }
      yield { id: row.id, records: decoded.records, processed: decoded.processed, lastKey: row.last_key };
    }
  }

  /** Checks the whole journal offline (zhuanban engine --verify): SQLite's own check, the chain, every batch. */
  verify(): JournalReport {
    const problems: string[] = [];
    const quick = (this.db.pragma('quick_check') as { quick_check: string }[]).map((r) => r.quick_check);
    if (quick.join() !== 'ok') problems.push(`SQLite reports damage: ${quick.slice(0, 5).join('; ')}`);
    const report: JournalReport = {
      batches: 0,
      checksummed: 0,
      records: 0,
      firstBatch: 0,
      lastBatch: 0,
      problems,
    };
    try {
      for (const p of this.chainProblems(report)) problems.push(`batch ${p.batchId}: ${p.detail}`);
      report.snapshotBatch = this.latestSnapshot()?.batchId;
    } catch (e) {
      problems.push(`the journal cannot be read: ${(e as Error).message}`);
    }
    return report;
  }

  /** Every break of the chain, in order; with `report`, every batch is also decoded and counted. */
  private *chainProblems(report?: JournalReport): Generator<{ batchId: number; detail: string }> {
    let previous: string | undefined;
    let expectedId: number | undefined;
    const anchor = this.anchor();
    const stmt = this.db.prepare(
      'SELECT id, last_position, last_key, data, checksum FROM batches ORDER BY id',
    );
    for (const row of stmt.iterate() as Iterable<BatchRow>) {
      if (expectedId === undefined) {
        if (report) report.firstBatch = row.id;
        previous = row.id === 1 ? '' : anchor?.id === row.id - 1 ? anchor.checksum : undefined;
      } else if (row.id !== expectedId) {
        yield { batchId: expectedId, detail: `missing (the next is ${row.id})` };
        previous = undefined;
      }
      try {
        previous = checkRow(row, previous);
      } catch (e) {
        yield { batchId: row.id, detail: (e as JournalCorruptError).detail };
        previous = row.checksum ?? undefined;
      }
      if (report) {
        try {
          report.records += decodeBatch(row.data).records.length;
        } catch (e) {
          yield { batchId: row.id, detail: `its records cannot be read (${(e as Error).message})` };
        }
        if (row.checksum !== null) report.checksummed++;
        report.batches++;
        report.lastBatch = row.id;
      }
      expectedId = row.id + 1;
    }
  }

  private anchor(): { id: number; checksum: string } | undefined {
    const row = this.db.prepare("SELECT value FROM meta WHERE name = 'chain_anchor'").get() as
      { value: string } | undefined;
    return parseAnchor(row?.value);
  }

  /** The checksum batch `id` ends with ('' before the first; undefined when neither it nor an anchor is left). */
  private checksumOf(id: number): string | undefined {
    if (id === 0) return '';
    const row = this.db.prepare('SELECT checksum FROM batches WHERE id = ?').get(id) as
      { checksum: string | null } | undefined;
    if (row) return row.checksum ?? '';
    const anchor = this.anchor();
    return anchor?.id === id ? anchor.checksum : undefined;
  }

  /** A last batch that fails its checksum was being written when the process died: it is cut, the rest kept. */
  private cutTornTail(): { id: number; lastPosition: number } | undefined {
    const last = this.db
      .prepare('SELECT id, last_position, last_key, data, checksum FROM batches ORDER BY id DESC LIMIT 1')
      .get() as BatchRow | undefined;
    if (!last || last.checksum === null) return undefined;
    // A batch a snapshot covers was complete when the snapshot was taken: damage there is not a torn write.
    const snapshot = this.db.prepare('SELECT MAX(batch_id) AS id FROM snapshots').get() as {
      id: number | null;
    };
    if ((snapshot.id ?? 0) >= last.id) return undefined;
    try {
      checkRow(last, this.checksumOf(last.id - 1));
      decodeBatch(last.data);
      return undefined;
    } catch {
      this.db.prepare('DELETE FROM batches WHERE id = ?').run(last.id);
      return { id: last.id, lastPosition: last.last_position };
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
