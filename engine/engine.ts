// The composition root of the embedded engine: state, journal, model cache, behaviours and
// processors wired together; recovery from snapshot + journal on start; snapshots; the command
// API the gateways use; and the record stream for exporters (projections, tests).
import { join } from 'node:path';
import { State } from './state/state';
import { KeyGenerator, type Key } from './protocol/keys';
import { ModelCache, checksumOf } from './model/cache';
import { Journal } from './journal/journal';
import { lockDataDir, type DataDirLock } from './journal/lock';
import { JournalWriter } from './journal/writer';
import { ExpressionEvaluator } from './feel/expression';
import { Behaviors } from './behaviors';
import { StreamProcessor } from './processors/stream-processor';
import { buildCommandTable } from './processors/table';
import { JobStreams } from './processors/job/streams';
import { DueDateChecker } from './due-dates';
import { recover } from './journal/recovery';
import { jobBatchValue } from './protocol/defaults';
import { instanceResult } from './processors/instance/results';
import type { EngineContext, AwaitingResult } from './processors/context';
import type { CommandResult, Responder } from './processors/writers';
import type { EngineRecord } from './protocol/record';
import { DEFAULT_TENANT, type ValueByType, type ValueType, type VariableDocument } from './protocol/values';
import type { EngineOptions, JournalHold, RecordListener, RecoveryInfo } from './engine-options';
import type { Batch } from './processors/writers';
import { codeOf, DiskSpaceGuard, storageFailureMessage, storageProblem } from './storage';

export type { EngineOptions, JournalHold, RecordListener, RecoveryInfo } from './engine-options';

export class Engine {
  readonly state: State;
  readonly models = new ModelCache();
  readonly streams = new JobStreams();
  readonly keys = new KeyGenerator();
  private readonly journal: Journal;
  private readonly writer: JournalWriter;
  private readonly processor: StreamProcessor;
  private readonly dueDates: DueDateChecker;
  private readonly awaitingResults = new Map<Key, AwaitingResult>();
  private readonly userTaskRequests = new Map<Key, Responder>();
  private readonly recordListeners = new Set<RecordListener>();
  private readonly jobListeners = new Set<(types: Set<string>) => void>();
  private readonly jobsAvailable = new Set<string>();
  private recordsSinceSnapshot = 0;
  private lastSnapshotAt = Date.now();
  private closed = false;
  private readonly lock: DataDirLock | undefined;
  private readonly holds = new Map<object, { name: string; position: number }>();
  recovery: RecoveryInfo | undefined;
  private readonly disk: DiskSpaceGuard | undefined;
  private stoppedByStorage = false;
  private committed = 0;

  private constructor(private readonly options: EngineOptions) {
    this.state = new State((p) => this.models.model(p.checksum, p.bpmnProcessId));
    const inMemory = options.dataDir === ':memory:';
    try {
      this.lock = inMemory ? undefined : lockDataDir(options.dataDir);
      this.journal = new Journal(
        inMemory ? ':memory:' : join(options.dataDir, 'journal.db'),
        options.sync ?? 'full',
      );
      this.writer = new JournalWriter(this.journal, options.sync ?? 'full', !inMemory);
    } catch (e) {
      this.lock?.release();
      const problem = storageProblem(codeOf(e), e instanceof Error ? e.message : '');
      if (problem)
        throw Object.assign(
          new Error(`cannot open the data folder ${options.dataDir}: ${problem} (${codeOf(e)})`),
          {
            cause: e,
          },
        );
      throw e;
    }
    this.writer.onFailure = (e) => this.storageFailed('journal', e);
    const minFree = options.minFreeDiskBytes ?? 256 * 1024 ** 2;
    if (!inMemory && minFree > 0)
      this.disk = new DiskSpaceGuard(options.dataDir, minFree, (m) => this.log(m));
    this.processor = new StreamProcessor(this.state, this.writer, this.keys, {
      maxBatchCommands: 2_000,
      maxBatchMillis: 8,
      maxQueuedCommands: options.maxQueuedCommands ?? 20_000,
      maxBatchesInFlight: 2,
    });
    this.processor.refusal = () => this.disk?.refusal;
    const ctx: EngineContext = {
      state: this.state,
      w: this.processor.writers,
      keys: this.keys,
      models: this.models,
      expressions: new ExpressionEvaluator(() => this.processor.writers.now),
      b: undefined as unknown as Behaviors,
      streams: this.streams,
      awaitingResults: this.awaitingResults,
      userTaskRequests: this.userTaskRequests,
      jobsAvailable: this.jobsAvailable,
      isActivationPending: (scopeKey, elementId) => this.processor.isActivationPending(scopeKey, elementId),
    };
    (ctx as { b: Behaviors }).b = new Behaviors(ctx);
    const table = buildCommandTable(ctx, (c, outcome, variables) =>
      this.onRootEnded(c.key, outcome, variables),
    );
    this.processor.handlers = table.handlers;
    const yieldJob = (key: Key) => {
      const job = this.state.jobs.get(key);
      if (job) this.processor.submit('JOB', 'YIELD', job.value, key);
    };
    this.processor.afterCommand = () => {
      if (this.jobsAvailable.size > 0 && this.streams.size > 0)
        table.activation.pushToStreams(this.jobsAvailable, yieldJob);
    };
    this.processor.afterCommit = (batch) => this.afterCommit(batch);
    this.streams.onStreamAdded((type) => {
      if (!this.state.jobs.hasActivatable(type)) return;
      this.processor.submit('JOB_BATCH', 'PUSH', jobBatchValue({ type }));
    });
    this.dueDates = new DueDateChecker(this.state, this.processor);
  }

  static async start(options: EngineOptions): Promise<Engine> {
    const engine = new Engine(options);
    try {
      await engine.recover();
    } catch (e) {
      engine.closed = true;
      engine.dueDates.stop();
      await engine.writer.close();
      engine.journal.close();
      engine.lock?.release();
      throw e;
    }
    return engine;
  }

  private log(message: string): void {
    this.options.log?.(message);
  }

  /** A write to the data folder failed (the journal's, or a reader's such as the projections'): stop. */
  storageFailed(part: string, e: unknown): void {
    if (this.stoppedByStorage) return;
    this.stoppedByStorage = true;
    const message = storageFailureMessage(part, this.options.dataDir, e);
    if (this.options.onStorageFailure) return this.options.onStorageFailure(message, e);
    console.error(`zhuanban ${message}`);
    process.exit(74); // EX_IOERR
  }

  private async recover(): Promise<void> {
    const started = Date.now();
    const cut = this.journal.cutTail;
    if (cut)
      this.log(
        `engine: the last journal batch (${cut.id}, positions up to ${cut.lastPosition}) failed its checksum — a write torn by a crash — and was cut`,
      );
    const r = await recover(this.journal, this.state, this.keys, this.models);
    this.processor.restore(r.position, r.pending);
    this.committed = r.position;
    this.recordsSinceSnapshot = r.replayedRecords;
    this.recovery = {
      fromSnapshot: r.fromSnapshot,
      replayedRecords: r.replayedRecords,
      elementInstances: this.state.elements.size,
      jobs: this.state.jobs.size,
      timers: this.state.timers.size,
      millis: Date.now() - started,
    };
    if (r.pending.length > 0) this.processor.schedule();
    this.dueDates.check();
  }

  private afterCommit(batch: Batch): void {
    this.recordsSinceSnapshot += batch.records.length;
    const last = batch.records[batch.records.length - 1];
    if (last) this.committed = last.position;
    if (this.recordListeners.size > 0) {
      for (const l of this.recordListeners) {
        try {
          l(batch.records);
        } catch (e) {
          console.error('engine: record listener failed:', e);
        }
      }
    }
    if (this.jobsAvailable.size > 0) {
      const types = new Set(this.jobsAvailable);
      this.jobsAvailable.clear();
      for (const l of this.jobListeners) l(types);
    }
    this.dueDates.check();
    if (this.closed) return; // close() writes the last snapshot
    const every = this.options.snapshotEveryRecords ?? 1_000_000;
    const millis = this.options.snapshotEveryMillis ?? 600_000;
    if (
      this.recordsSinceSnapshot >= every ||
      (this.recordsSinceSnapshot > 0 && Date.now() - this.lastSnapshotAt > millis)
    )
      this.snapshot();
  }

  /** An awaited instance ended: its with-result request is answered after commit. */
  private onRootEnded(key: Key, outcome: 'completed' | 'terminated', variables: VariableDocument): void {
    const waiting = this.awaitingResults.get(key);
    if (!waiting) return;
    this.awaitingResults.delete(key);
    const result = instanceResult(waiting.created, outcome, variables, waiting.fetchVariables);
    this.processor.writers.sideEffect(() => waiting.responder(result));
  }

  /** Takes a snapshot of the state now (also done periodically and at close). */
  snapshot(): void {
    const started = Date.now();
    this.writer.snapshot({
      batchId: this.writer.lastBatchId,
      position: this.processor.lastPosition,
      lastKey: this.keys.current,
      state: this.state.toJSON(),
      pending: this.processor.pendingFollowUps(),
    });
    this.recordsSinceSnapshot = 0;
    this.lastSnapshotAt = Date.now();
    if (this.options.compactJournal) {
      let upTo = this.processor.lastPosition;
      for (const h of this.holds.values()) upTo = Math.min(upTo, h.position);
      this.writer.compact(this.writer.lastBatchId, upTo);
    }
    this.log(
      `engine: snapshot at position ${this.processor.lastPosition} (${this.state.elements.size} element instances) in ${this.lastSnapshotAt - started} ms`,
    );
  }

  // ---- the command API (gateways) ----

  execute<T extends ValueType>(
    valueType: T,
    intent: string,
    value: ValueByType[T],
    key: Key = -1,
  ): Promise<CommandResult> {
    return this.processor.execute(valueType, intent, value, key);
  }

  /** The engine clock: the pinned time, or the system time. */
  now(): number {
    return this.processor.now();
  }

  /** Parses BPMN and DMN resources (asynchronously) so the deployment command can use them, then deploys. */
  async deploy(
    resources: { name: string; content: string }[],
    tenantId = DEFAULT_TENANT,
  ): Promise<CommandResult> {
    for (const r of resources) {
      if (/\.(bpmn|xml)$/i.test(r.name)) await this.models.prepare(r.content);
      else if (/\.dmn$/i.test(r.name)) await this.models.prepareDmn(r.content);
    }
    return this.execute('DEPLOYMENT', 'CREATE', {
      resources: resources.map((r) => ({ resourceName: r.name, resource: r.content })),
      processesMetadata: [],
      formMetadata: [],
      decisionRequirementsMetadata: [],
      decisionsMetadata: [],
      tenantId,
    });
  }

  onRecords(listener: RecordListener): () => void {
    this.recordListeners.add(listener);
    return () => this.recordListeners.delete(listener);
  }

  /** Committed records after the given position, from the journal (projections catching up). */
  recordsAfter(position: number): Iterable<EngineRecord[]> {
    return this.journal.recordsAfter(position);
  }

  /**
   * Keeps the journal after `position` for a reader (projections, exporters) even when the engine
   * compacts it (compactJournal): the reader advances its hold as it goes and releases it when done.
   */
  holdJournal(name: string, position: number): JournalHold {
    const token = {};
    this.holds.set(token, { name, position });
    return {
      advance: (p) => {
        const hold = this.holds.get(token);
        if (hold && p > hold.position) hold.position = p;
      },
      release: () => {
        this.holds.delete(token);
      },
    };
  }

  /** How many batches the journal holds and the first position it still has (after compaction). */
  journalExtent(): { batches: number; firstPosition: number } {
    return this.journal.extent();
  }

  /** The position of the last record written. */
  get lastPosition(): number {
    return this.processor.lastPosition;
  }

  /** The position of the last record durable in the journal (what readers such as the projections can have). */
  get committedPosition(): number {
    return this.committed;
  }

  /** Milliseconds since the last snapshot was written (or since start, before the first). */
  get snapshotAgeMillis(): number {
    return Date.now() - this.lastSnapshotAt;
  }

  onJobsAvailable(listener: (types: Set<string>) => void): () => void {
    this.jobListeners.add(listener);
    return () => this.jobListeners.delete(listener);
  }

  /** Re-runs the due-date check (after the clock was pinned or reset). */
  checkDueDates(): void {
    this.dueDates.check();
  }

  /** Resolves when everything processed so far is durable in the journal (and its clients were answered). */
  flush(): Promise<void> {
    return this.writer.flush();
  }

  /** The state as the snapshot format, for determinism checks. */
  stateJson(): string {
    return JSON.stringify(this.state.toJSON());
  }

  checksum(content: string): string {
    return checksumOf(content);
  }

  get isClosed(): boolean {
    return this.closed;
  }

  async close(): Promise<void> {
    if (this.closed) return;
    this.closed = true;
    this.disk?.close();
    this.dueDates.stop();
    this.processor.close();
    for (const w of this.awaitingResults.values())
      w.responder({ ok: false, rejectionType: 'PROCESSING_ERROR', reason: 'The engine is shutting down' });
    this.awaitingResults.clear();
    for (const r of this.userTaskRequests.values())
      r({ ok: false, rejectionType: 'PROCESSING_ERROR', reason: 'The engine is shutting down' });
    this.userTaskRequests.clear();
    try {
      this.snapshot();
    } finally {
      // Everything handed to the journal becomes durable (and its clients answered) before it closes.
      await this.writer.close();
      this.journal.close();
      this.lock?.release();
    }
  }
}
