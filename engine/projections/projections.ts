// The projections: read models kept up to date from the engine's record stream (the role Zeebe's
// exporters and Operate's importer play), in their own SQLite file next to the journal. They
// remember the journal position they applied; on start they catch up from the journal (or are
// rebuilt from it when missing, of another format, or ahead of it). Searches read them, so they
// are eventually consistent: records are applied in a transaction shortly after each commit.
//
// For a data folder the applying runs in a worker thread (projection-thread.ts) that reads the committed
// batches from the journal itself: the engine's thread only posts the committed position after each
// commit. Searches read on this thread through their own connection (WAL: readers never wait for the
// writer). ':memory:' projections apply on the engine's thread. A thread that dies is started again (it
// catches up from its own position); one that keeps dying, or fails to write, stops the engine.
import Database from 'better-sqlite3';
import { mkdirSync } from 'node:fs';
import { extname, join } from 'node:path';
import { Worker } from 'node:worker_threads';
import type { Engine, JournalHold } from '../engine';
import type { EngineRecord } from '../protocol/record';
import { ProjectionWriter } from './projection-writer';
import type { ProjectionThreadData, ProjectionThreadMessage } from './projection-thread';
import { allDefinitionNames, namesDeployedIn, type DefinitionNames } from './model-names';
import { CommitClock } from './commit-clock';

export interface ProjectionOptions {
  /** The engine's data directory; ':memory:' keeps the projections in memory too. */
  dataDir: string;
  /** Finished process instances older than this (by end date, engine clock) are removed; default: kept forever. */
  retentionMillis?: number;
  /** How often retention runs (default 10 minutes). */
  purgeEveryMillis?: number;
  log?: (message: string) => void;
}

/** How far the searches are behind the engine (GET /v2/projections/status, /metrics). */
export interface ProjectionStatus {
  /** Where the projections apply: a worker thread (data folder) or the engine's thread (':memory:'). */
  mode: 'thread' | 'in-process';
  /** The last journal position the searches show. */
  appliedPosition: number;
  /** The last journal position the engine made durable. */
  committedPosition: number;
  lagRecords: number;
  /** How long the oldest committed batch not yet applied has waited (0: none waits). */
  lagMillis: number;
}

/** A thread that dies this often within RESTART_WINDOW stops the engine instead of being started again. */
const MAX_RESTARTS = 3;
const RESTART_WINDOW = 60_000;

// Run from the TypeScript sources (tests, tsx) the thread loads tsx's require hook first; from the build
// it loads the compiled module (as the FEEL sandbox does).
const THREAD = `
const { workerData } = require('node:worker_threads');
if (workerData.entry.endsWith('.ts')) require('tsx/cjs/api').register();
require(workerData.entry);
`;

interface ThreadAnswer {
  ready?: number;
  applied?: number;
  purged?: number;
  closed?: number;
  log?: string;
  error?: string;
  code?: string;
}

export class Projections {
  /** The connection the searches read through. */
  readonly db: Database.Database;
  private appliedPosition = 0;
  private unsubscribe: () => void = () => undefined;
  private purgeTimer: NodeJS.Timeout | undefined;
  private readonly waiters: { position: number; resolve: () => void }[] = [];
  /** When each committed batch not yet applied arrived: its last position and the time (lagMillis). */
  private readonly commits = new CommitClock();
  private closed = false;
  /** close() has begun: the thread's end is expected. */
  private stopping = false;
  private failed = false;
  /** ':memory:' — the writer on this thread. */
  private writer: ProjectionWriter | undefined;
  /** A data folder — the worker thread and its pending answers. */
  private thread: Worker | undefined;
  private hold: JournalHold | undefined;
  private notifyScheduled = false;
  private newNames: DefinitionNames[] = [];
  private readonly restarts: number[] = [];
  private purges: ((n: number) => void)[] = [];
  private closing: (() => void) | undefined;

  private constructor(
    private readonly engine: Engine,
    private readonly options: ProjectionOptions,
    db: Database.Database,
  ) {
    this.db = db;
  }

  /** Opens the projections, catches them up with the journal and follows the record stream. */
  static async open(engine: Engine, options: ProjectionOptions): Promise<Projections> {
    let p: Projections;
    if (options.dataDir === ':memory:') {
      let self: Projections | undefined;
      const writer = new ProjectionWriter({
        file: ':memory:',
        journalEnd: engine.committedPosition,
        names: liveNames(engine),
        log: options.log,
        onApplied: (n) => self?.applied(n),
        onFailure: (e) => engine.storageFailed('REST projections', e),
      });
      p = self = new Projections(engine, options, writer.db);
      p.writer = writer;
      writer.catchUp(engine.recordsAfter(writer.position));
      p.applied(writer.position);
      p.unsubscribe = engine.onRecords((records) => p.committedRecords(records));
    } else {
      mkdirSync(options.dataDir, { recursive: true });
      const file = join(options.dataDir, 'projections.db');
      const hold = engine.holdJournal('REST projections', 0);
      let ready: number;
      let thread: Worker;
      try {
        ({ thread, ready } = await startThread(engine, file, options));
      } catch (e) {
        hold.release();
        throw e;
      }
      p = new Projections(engine, options, new Database(file, { readonly: true }));
      p.hold = hold;
      p.applied(ready);
      p.attach(thread);
      p.unsubscribe = engine.onRecords((records) => p.committedRecords(records));
      // Commits between the thread's catch-up and the subscription: the thread reads them on this notice.
      p.notify();
    }
    if (options.retentionMillis !== undefined) void p.purge();
    p.purgeTimer = setInterval(() => void p.purge(), options.purgeEveryMillis ?? 600_000);
    p.purgeTimer.unref();
    return p;
  }

  /** The position of the last record applied. */
  get position(): number {
    return this.appliedPosition;
  }

  status(): ProjectionStatus {
    const committed = this.engine.committedPosition;
    return {
      mode: this.writer ? 'in-process' : 'thread',
      appliedPosition: this.appliedPosition,
      committedPosition: committed,
      lagRecords: Math.max(0, committed - this.appliedPosition),
      lagMillis: this.commits.waitingMillis(),
    };
  }

  /**
   * Resolves once the records up to the given position (default: all committed so far) are applied —
   * or, with a time limit, when it has passed (the searches then answer with what they have).
   */
  caughtUp(position = this.engine.committedPosition, timeoutMillis?: number): Promise<void> {
    if (this.appliedPosition >= position || this.closed || this.failed) return Promise.resolve();
    return new Promise((resolve) => {
      const waiter = { position, resolve };
      this.waiters.push(waiter);
      if (timeoutMillis === undefined) return;
      setTimeout(() => {
        const i = this.waiters.indexOf(waiter);
        if (i >= 0) this.waiters.splice(i, 1);
        resolve();
      }, timeoutMillis).unref();
    });
  }

  /** Removes finished instances past the retention period (engine clock); resolves with how many. */
  purge(): Promise<number> {
    if (this.options.retentionMillis === undefined || this.closed || this.failed) return Promise.resolve(0);
    const cutoff = this.engine.now() - this.options.retentionMillis;
    if (this.writer) return Promise.resolve(this.writer.purge(cutoff));
    const thread = this.thread;
    if (!thread) return Promise.resolve(0);
    return new Promise((resolve) => {
      this.purges.push(resolve);
      thread.postMessage({ purge: cutoff } satisfies ProjectionThreadMessage);
    });
  }

  private committedRecords(records: EngineRecord[]): void {
    if (this.closed || records.length === 0) return;
    this.commits.committed(records[records.length - 1].position);
    if (this.writer) return this.writer.enqueue(records);
    const names = namesDeployedIn(this.engine.state, records);
    if (names) for (const n of names) this.newNames.push(n);
    if (this.notifyScheduled) return;
    // One notice per turn of the event loop, however many batches were committed in it.
    this.notifyScheduled = true;
    setImmediate(() => this.notify());
  }

  private notify(): void {
    this.notifyScheduled = false;
    if (!this.thread || this.closed) return;
    const names = this.newNames.length > 0 ? this.newNames : undefined;
    this.newNames = [];
    this.thread.postMessage({
      committed: this.engine.committedPosition,
      names,
    } satisfies ProjectionThreadMessage);
  }

  private applied(position: number): void {
    if (position > this.appliedPosition) this.appliedPosition = position;
    this.commits.applied(this.appliedPosition);
    this.hold?.advance(this.appliedPosition);
    for (let i = this.waiters.length - 1; i >= 0; i--) {
      if (this.waiters[i].position <= this.appliedPosition) this.waiters.splice(i, 1)[0].resolve();
    }
  }

  private attach(thread: Worker): void {
    this.thread = thread;
    thread.on('message', (m: ThreadAnswer) => {
      if (m.applied !== undefined) this.applied(m.applied);
      else if (m.purged !== undefined) this.purges.shift()?.(m.purged);
      else if (m.log !== undefined) this.options.log?.(m.log);
      else if (m.error !== undefined)
        this.fail(Object.assign(new Error(`the projections failed: ${m.error}`), { code: m.code }));
      else if (m.closed !== undefined) {
        this.applied(m.closed);
        this.closing?.();
      }
    });
    thread.on('error', (e) => this.options.log?.(`projections: the thread failed: ${e.stack ?? e.message}`));
    thread.on('exit', (code) => {
      if (this.thread !== thread || this.stopping || this.failed) return;
      this.thread = undefined;
      for (const resolve of this.purges.splice(0)) resolve(0);
      void this.restart(code);
    });
  }

  /** The thread ended without being asked to: start it again (it catches up), unless it keeps dying. */
  private async restart(code: number): Promise<void> {
    const now = Date.now();
    this.restarts.push(now);
    while (this.restarts.length > 0 && this.restarts[0] < now - RESTART_WINDOW) this.restarts.shift();
    if (this.restarts.length > MAX_RESTARTS)
      return this.fail(
        new Error(
          `the projections' thread ended (exit code ${code}) ${this.restarts.length} times within ${RESTART_WINDOW / 1000} s; the searches would fall behind for ever`,
        ),
      );
    this.options.log?.(
      `projections: the thread ended (exit code ${code}) at position ${this.appliedPosition}; starting it again`,
    );
    try {
      const { thread, ready } = await startThread(
        this.engine,
        join(this.options.dataDir, 'projections.db'),
        this.options,
      );
      if (this.stopping) {
        await thread.terminate();
        return;
      }
      this.applied(ready);
      this.attach(thread);
      this.notify();
    } catch (e) {
      this.fail(e);
    }
  }

  private fail(e: unknown): void {
    if (this.failed) return;
    this.failed = true;
    for (const w of this.waiters.splice(0)) w.resolve();
    void this.thread?.terminate();
    this.engine.storageFailed('REST projections', e);
  }

  /** The worker thread, for tests that end it to see it replaced. */
  get workerThread(): Worker | undefined {
    return this.thread;
  }

  /** Applies everything committed so far, then closes (call after the engine closed). */
  async close(): Promise<void> {
    if (this.stopping) return;
    this.stopping = true;
    this.unsubscribe();
    if (this.purgeTimer) clearInterval(this.purgeTimer);
    const thread = this.thread;
    if (this.writer) {
      this.writer.close();
      this.applied(this.writer.position);
    } else if (thread && !this.failed) {
      this.notify();
      const closed = new Promise<void>((resolve) => {
        this.closing = resolve;
        thread.once('exit', () => resolve());
      });
      thread.postMessage('close' satisfies ProjectionThreadMessage);
      await closed;
    }
    this.closed = true;
    this.hold?.release();
    for (const w of this.waiters.splice(0)) w.resolve();
    if (!this.writer) this.db.close();
  }
}

function startThread(
  engine: Engine,
  file: string,
  options: ProjectionOptions,
): Promise<{ thread: Worker; ready: number }> {
  const data: ProjectionThreadData & { entry: string } = {
    entry: join(__dirname, `projection-thread${extname(__filename)}`),
    file,
    journal: join(options.dataDir, 'journal.db'),
    journalEnd: engine.committedPosition,
    names: allDefinitionNames(engine.state),
    optimizeEveryMillis: options.purgeEveryMillis ?? 600_000,
  };
  const thread = new Worker(THREAD, { eval: true, workerData: data });
  thread.unref();
  return new Promise((resolve, reject) => {
    const onMessage = (m: ThreadAnswer) => {
      if (m.log !== undefined) options.log?.(m.log);
      else if (m.ready !== undefined) {
        thread.off('message', onMessage);
        thread.off('exit', onExit);
        resolve({ thread, ready: m.ready });
      } else if (m.error !== undefined) {
        thread.off('exit', onExit);
        void thread.terminate();
        reject(Object.assign(new Error(`the projections failed to start: ${m.error}`), { code: m.code }));
      }
    };
    const onExit = (code: number) =>
      reject(new Error(`the projections' thread ended (exit code ${code}) before it was ready`));
    thread.on('message', onMessage);
    thread.on('exit', onExit);
  });
}

/** On the engine's thread the models are at hand: names are looked up as rows are written. */
function liveNames(engine: Engine) {
  const model = (key: number) => {
    try {
      return engine.state.definitions.model(key);
    } catch {
      return undefined;
    }
  };
  return {
    processName: (key: number) => model(key)?.name ?? '',
    elementName: (key: number, elementId: string) => model(key)?.elements.get(elementId)?.name ?? '',
  };
}
