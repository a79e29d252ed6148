// Group commit to the journal. The stream processor hands over each batch with a callback that
// runs once the batch is durable; only then are clients answered and side effects run. For a
// journal file the SQLite writes (and their fsync) happen on a writer thread, so processing goes
// on while the disk works: the batch after is processed meanwhile, and batches that queue up while
// a write is in progress are written in one transaction. For ':memory:' journals (tests) the
// writes happen here, at once.
import { Worker } from 'node:worker_threads';
import { encodeBatch } from './codec';
import { batchChecksum } from './checksum';
import {
  WRITE_SQL,
  type Journal,
  type JournalWrite,
  type Resource,
  type Snapshot,
  type StoredBatch,
} from './journal';
import type { SyncMode } from './journal';

// The writer thread: plain JavaScript evaluated by the Worker, so it runs the same way from the
// TypeScript sources (tsx, Jest) and from the build. It executes the prepared statements and
// chains the batches' checksums: hashing every batch cost the engine's thread as much as encoding it.
// The hash is batchChecksum's (checksum.ts): a journal whose chain differs fails at the next start
// (test/engine/journal-integrity.test.ts writes through this thread).
const WRITER_THREAD = `
const { parentPort, workerData, receiveMessageOnPort } = require('node:worker_threads');
const { createHash } = require('node:crypto');
const Database = require(workerData.sqlite);
const db = new Database(workerData.path);
db.pragma('journal_mode = WAL');
db.pragma('synchronous = ' + workerData.sync);
const sql = workerData.sql;
const batch = db.prepare(sql.batch);
const resource = db.prepare(sql.resource);
const snapshot = db.prepare(sql.snapshot);
const olderSnapshots = db.prepare(sql.olderSnapshots);
const compact = db.prepare(sql.compact);
const anchor = db.prepare(sql.anchor);
let lastChecksum = workerData.lastChecksum;
// The batch arrives as its UTF-8 bytes (see post below): hashed as they are, stored as the text they encode.
const chain = (w) => {
  lastChecksum = createHash('sha256')
    .update(lastChecksum + '\\n' + w.id + '\\n' + w.lastPosition + '\\n' + w.lastKey + '\\n')
    .update(w.data)
    .digest('hex');
  return lastChecksum;
};
const text = (bytes) => Buffer.from(bytes.buffer, bytes.byteOffset, bytes.byteLength).toString('utf8');
const write = db.transaction((writes) => {
  for (const w of writes) {
    if (w.kind === 'batch') {
      for (const r of w.resources) resource.run(r.checksum, r.name, r.content);
      if (w.data !== null) batch.run(w.id, w.lastPosition, w.lastKey, text(w.data), chain(w));
    } else if (w.kind === 'snapshot') {
      snapshot.run(w.batchId, w.position, w.lastKey, w.createdAt, w.data);
      olderSnapshots.run(w.batchId);
    } else {
      anchor.run(w.upToBatch, w.upToPosition);
      compact.run(w.upToBatch, w.upToPosition);
    }
  }
});
let closed = false;
parentPort.on('message', (first) => {
  if (closed) return;
  const writes = [];
  let close = false;
  for (let m = first; m !== undefined; m = receiveMessageOnPort(parentPort)?.message) {
    if (m === 'close') { close = true; break; }
    writes.push(m);
  }
  try {
    if (writes.length > 0) {
      write(writes);
      parentPort.postMessage({ durable: writes[writes.length - 1].seq });
    }
    if (close) {
      closed = true;
      db.close();
      parentPort.postMessage({ closed: true });
    }
  } catch (e) {
    parentPort.postMessage({ error: String((e && e.stack) || e), code: e && e.code });
  }
});
`;

type Sequenced = JournalWrite & { seq: number };

// Its encode() gives a fresh ArrayBuffer per call (Buffer.from may slice a shared pool), so it can be transferred.
const utf8 = new TextEncoder();

export class JournalWriter {
  /** The id of the last batch handed over (durable or not). */
  lastBatchId: number;
  private lastPosition: number;
  private lastChecksum: string;
  private seq = 0;
  private durableSeq = 0;
  private readonly waiting: { seq: number; onDurable: () => void }[] = [];
  private waitingHead = 0;
  private readonly drainWaiters: { seq: number; resolve: () => void }[] = [];
  private readonly worker: Worker | undefined;
  private closed = false;
  /** Called when a write became durable (the processor may go on if it waited). */
  onDurable: () => void = () => undefined;

  constructor(
    private readonly journal: Journal,
    sync: SyncMode,
    /** Write on a writer thread (files) or here (':memory:'). */
    threaded: boolean,
  ) {
    this.lastBatchId = journal.lastBatchIdAtOpen;
    this.lastPosition = journal.lastPositionAtOpen;
    this.lastChecksum = journal.lastChecksumAtOpen;
    if (threaded) {
      this.worker = new Worker(WRITER_THREAD, {
        eval: true,
        workerData: {
          sqlite: require.resolve('better-sqlite3'),
          path: journal.path,
          sync: sync.toUpperCase(),
          sql: WRITE_SQL,
          lastChecksum: this.lastChecksum,
        },
      });
      this.worker.unref();
      this.worker.on(
        'message',
        (m: { durable?: number; closed?: boolean; error?: string; code?: string }) => {
          if (m.error !== undefined)
            this.fail(Object.assign(new Error(`the journal writer failed: ${m.error}`), { code: m.code }));
          else if (m.durable !== undefined) this.durableUpTo(m.durable);
        },
      );
      this.worker.on('error', (e) => this.fail(e));
      this.worker.on('exit', (code) => {
        if (!this.closed) this.fail(new Error(`the journal writer thread exited with code ${code}`));
      });
    }
  }

  /** Writes (or batches not yet durable) in flight. */
  get inFlight(): number {
    return this.seq - this.durableSeq;
  }

  /** Hands a batch over; `onDurable` runs once it is durable, in the order batches were appended. */
  append(batch: StoredBatch, resources: Resource[], onDurable: () => void): void {
    const hasRecords = batch.records.length > 0 || batch.processed.length > 0;
    if (hasRecords) {
      this.lastBatchId++;
      this.lastPosition = batch.records[batch.records.length - 1]?.position ?? this.lastPosition;
    }
    const data = hasRecords ? encodeBatch(batch.records, batch.processed) : null;
    // A writer thread chains the checksums itself, in the order the batches reach it.
    let checksum: string | null = null;
    if (data !== null && !this.worker) {
      checksum = batchChecksum(this.lastChecksum, this.lastBatchId, this.lastPosition, batch.lastKey, data);
      this.lastChecksum = checksum;
    }
    this.submit(
      {
        kind: 'batch',
        id: this.lastBatchId,
        lastPosition: this.lastPosition,
        lastKey: batch.lastKey,
        data,
        checksum,
        resources,
        seq: 0,
      },
      onDurable,
    );
  }

  /** Writes a snapshot after everything appended so far. */
  snapshot(s: Snapshot): void {
    this.submit(
      {
        kind: 'snapshot',
        batchId: s.batchId,
        position: s.position,
        lastKey: s.lastKey,
        createdAt: Date.now(),
        data: JSON.stringify({ state: s.state, pending: s.pending }),
        seq: 0,
      },
      undefined,
    );
  }

  /** Deletes batches up to the given batch and position, after everything appended so far. */
  compact(upToBatch: number, upToPosition: number): void {
    this.submit({ kind: 'compact', upToBatch, upToPosition, seq: 0 }, undefined);
  }

  private submit(write: Sequenced, onDurable: (() => void) | undefined): void {
    if (this.closed) throw new Error('the journal is closed');
    write.seq = ++this.seq;
    if (onDurable) this.waiting.push({ seq: write.seq, onDurable });
    if (this.worker) {
      this.post(this.worker, write);
    } else {
      this.journal.write([write]);
      this.durableUpTo(write.seq);
    }
  }

  /**
   * A batch's text goes over as UTF-8 bytes whose buffer is transferred, not cloned: cloning the string
   * cost the engine's thread about three times as much as encoding and transferring its bytes.
   */
  private post(worker: Worker, write: Sequenced): void {
    if (write.kind === 'batch' && write.data !== null) {
      const bytes = utf8.encode(write.data);
      worker.postMessage({ ...write, data: bytes }, [bytes.buffer]);
    } else {
      worker.postMessage(write);
    }
  }

  private durableUpTo(seq: number): void {
    this.durableSeq = seq;
    while (this.waitingHead < this.waiting.length && this.waiting[this.waitingHead].seq <= seq) {
      const { onDurable } = this.waiting[this.waitingHead++];
      onDurable();
    }
    // Drop what was answered: each entry holds on to a whole batch.
    if (this.waitingHead === this.waiting.length) {
      this.waiting.length = 0;
      this.waitingHead = 0;
    } else if (this.waitingHead > 64) {
      this.waiting.splice(0, this.waitingHead);
      this.waitingHead = 0;
    }
    while (this.drainWaiters.length > 0 && this.drainWaiters[0].seq <= seq)
      this.drainWaiters.shift()!.resolve();
    this.onDurable();
  }

  /** Resolves when everything handed over so far is durable. */
  flush(): Promise<void> {
    if (this.durableSeq >= this.seq) return Promise.resolve();
    this.worker?.ref();
    return new Promise((resolve) => this.drainWaiters.push({ seq: this.seq, resolve }));
  }

  /** Waits until everything is durable, then stops the writer thread. */
  async close(): Promise<void> {
    if (this.closed) return;
    await this.flush();
    this.closed = true;
    const worker = this.worker;
    if (!worker) return;
    worker.ref();
    await new Promise<void>((resolve) => {
      worker.on('message', (m: { closed?: boolean }) => {
        if (m.closed) resolve();
      });
      worker.once('exit', () => resolve());
      worker.postMessage('close');
    });
    await worker.terminate();
  }

  /**
   * A journal that cannot be written is the end of this engine process: nothing may be
   * acknowledged any more. Thrown from the writer's event, it is an uncaught exception.
   */
  /** Called when a write failed: the batch is not durable and never will be (the engine stops). */
  onFailure: (e: Error) => void = (e) => {
    throw e;
  };

  private fail(e: Error): void {
    if (this.closed) return;
    this.closed = true;
    this.onFailure(e);
  }
}
