// The single writer: takes commands one at a time (follow-ups the engine wrote first, then those
// from clients and the clock), lets the command table process them, and commits what they wrote
// as one batch — group commit. Responses and side effects run only after the batch is durable.
import type { EngineRecord } from '../protocol/record';
import type { ValueByType, ValueType } from '../protocol/values';
import type { Key, KeyGenerator } from '../protocol/keys';
import type { State } from '../state/state';
import type { JournalWriter } from '../journal/writer';
import { Writers, type Batch, type CommandResult, type Responder } from './writers';
import type { CommandHandler } from './table';

export interface StreamProcessorOptions {
  /** Most commands processed per batch before it is committed. */
  maxBatchCommands: number;
  /** Most milliseconds spent processing before the batch is committed. */
  maxBatchMillis: number;
  /** Commands waiting beyond this are rejected with RESOURCE_EXHAUSTED (back-pressure). */
  maxQueuedCommands: number;
  /** Batches handed to the journal but not yet durable before processing pauses. */
  maxBatchesInFlight: number;
}

interface Queued {
  valueType: ValueType;
  intent: string;
  key: Key;
  value: unknown;
  responder?: Responder;
}

export class StreamProcessor {
  readonly writers: Writers;
  private position = 0;
  private followUps: EngineRecord[] = [];
  private followUpHead = 0;
  private external: Queued[] = [];
  private externalHead = 0;
  private scheduled = false;
  private closed = false;
  /** Handlers by value type, then intent: looked up per command without building a key string. */
  private byKind = new Map<string, Map<string, CommandHandler>>();
  afterCommand: () => void = () => undefined;
  afterCommit: (batch: Batch) => void = () => undefined;
  /** Why client commands are refused right now (the data folder's disk is nearly full), if they are. */
  refusal: () => string | undefined = () => undefined;

  constructor(
    private readonly state: State,
    private readonly journal: JournalWriter,
    private readonly keys: KeyGenerator,
    private readonly options: StreamProcessorOptions,
  ) {
    this.writers = new Writers(
      state,
      () => ++this.position,
      (command) => this.followUps.push(command),
    );
    journal.onDurable = () => {
      if (this.queued > 0) this.schedule();
    };
  }

  /** The command table, keyed `VALUE_TYPE.INTENT` (table.ts). */
  set handlers(table: Map<string, CommandHandler>) {
    this.byKind = new Map();
    for (const [kind, handler] of table) {
      const dot = kind.indexOf('.');
      const valueType = kind.slice(0, dot);
      let byIntent = this.byKind.get(valueType);
      if (!byIntent) this.byKind.set(valueType, (byIntent = new Map()));
      byIntent.set(kind.slice(dot + 1), handler);
    }
  }

  /** Restores position and unprocessed follow-up commands after recovery. */
  restore(position: number, pending: EngineRecord[]): void {
    this.position = position;
    this.followUps = [...pending];
    this.followUpHead = 0;
  }

  get lastPosition(): number {
    return this.position;
  }

  /** Follow-up commands written but not yet processed (they go into snapshots). */
  pendingFollowUps(): EngineRecord[] {
    return this.followUps.slice(this.followUpHead);
  }

  isActivationPending(scopeKey: Key, elementId: string): boolean {
    for (let i = this.followUpHead; i < this.followUps.length; i++) {
      const c = this.followUps[i] as EngineRecord<'PROCESS_INSTANCE'>;
      if (
        c.intent === 'ACTIVATE_ELEMENT' &&
        c.value.flowScopeKey === scopeKey &&
        c.value.elementId === elementId
      )
        return true;
    }
    return false;
  }

  get queued(): number {
    return this.external.length - this.externalHead + this.followUps.length - this.followUpHead;
  }

  submit<T extends ValueType>(
    valueType: T,
    intent: string,
    value: ValueByType[T],
    key: Key = -1,
    responder?: Responder,
  ): void {
    if (this.closed) {
      responder?.({ ok: false, rejectionType: 'PROCESSING_ERROR', reason: 'The engine is shutting down' });
      return;
    }
    const refusal = responder && this.refusal();
    if (refusal) {
      responder({ ok: false, rejectionType: 'RESOURCE_EXHAUSTED', reason: refusal });
      return;
    }
    if (responder && this.external.length - this.externalHead >= this.options.maxQueuedCommands) {
      responder({
        ok: false,
        rejectionType: 'RESOURCE_EXHAUSTED',
        reason: `Expected to handle the request, but the engine has ${this.options.maxQueuedCommands} commands waiting (back-pressure); retry later`,
      });
      return;
    }
    this.external.push({ valueType, intent, key, value, responder });
    this.schedule();
  }

  execute<T extends ValueType>(
    valueType: T,
    intent: string,
    value: ValueByType[T],
    key: Key = -1,
  ): Promise<CommandResult> {
    return new Promise((resolve) => this.submit(valueType, intent, value, key, resolve));
  }

  schedule(): void {
    if (this.scheduled || this.closed) return;
    this.scheduled = true;
    setImmediate(() => this.run());
  }

  private run(): void {
    this.scheduled = false;
    if (this.closed) return;
    // Group commit: while the journal writes earlier batches, commands queue up for the next one.
    if (this.journal.inFlight >= this.options.maxBatchesInFlight) return;
    const started = performance.now();
    let count = 0;
    while (
      count < this.options.maxBatchCommands &&
      performance.now() - started < this.options.maxBatchMillis
    ) {
      if (!this.processNext()) break;
      count++;
    }
    this.commit();
    // Let go of processed commands (they hold values and responders) once a queue is empty.
    if (this.followUpHead === this.followUps.length) {
      this.followUps = [];
      this.followUpHead = 0;
    }
    if (this.externalHead === this.external.length) {
      this.external = [];
      this.externalHead = 0;
    }
    if (this.queued > 0) this.schedule();
  }

  private processNext(): boolean {
    if (this.followUpHead < this.followUps.length) {
      const command = this.followUps[this.followUpHead++];
      if (this.followUpHead > 1024 && this.followUpHead * 2 > this.followUps.length) {
        this.followUps = this.followUps.slice(this.followUpHead);
        this.followUpHead = 0;
      }
      this.process(command, undefined);
      return true;
    }
    if (this.externalHead < this.external.length) {
      const q = this.external[this.externalHead++];
      if (this.externalHead > 1024 && this.externalHead * 2 > this.external.length) {
        this.external = this.external.slice(this.externalHead);
        this.externalHead = 0;
      }
      const command: EngineRecord = {
        position: ++this.position,
        sourceRecordPosition: -1,
        key: q.key,
        timestamp: this.now(),
        recordType: 'COMMAND',
        valueType: q.valueType,
        intent: q.intent,
        value: q.value as never,
      };
      this.writers.batch.records.push(command);
      this.process(command, q.responder);
      return true;
    }
    return false;
  }

  now(): number {
    return this.state.pinnedClock ?? Date.now();
  }

  private process(command: EngineRecord, responder: Responder | undefined): void {
    const w = this.writers;
    w.begin(command, this.now(), responder);
    const handler = this.byKind.get(command.valueType)?.get(command.intent);
    try {
      if (!handler) {
        w.reject('INVALID_ARGUMENT', `Unknown command ${command.valueType}.${command.intent}`);
        return;
      }
      handler(command);
      this.afterCommand();
    } catch (e) {
      // A bug, not a user error: keep what was written (state and journal stay in step), ban the
      // instance so it cannot run on from a half-processed step, and tell the client.
      const message = e instanceof Error ? e.message : String(e);
      console.error(
        `engine: processing ${command.valueType}.${command.intent} (position ${command.position}) failed:`,
        e,
      );
      const value = command.value as { processInstanceKey?: Key };
      try {
        w.appendEvent(this.keys.next(), 'ERROR', 'CREATED', {
          exceptionMessage: message,
          stacktrace: e instanceof Error ? (e.stack ?? '') : '',
          errorEventPosition: command.position,
          processInstanceKey: typeof value?.processInstanceKey === 'number' ? value.processInstanceKey : -1,
        });
      } finally {
        w.reject('PROCESSING_ERROR', `Command '${command.intent}' failed in the engine: ${message}`);
      }
    }
  }

  private commit(): void {
    const batch = this.writers.takeBatch();
    if (batch.records.length === 0 && batch.processed.length === 0) return;
    const resources: { checksum: string; name: string; content: string }[] = [];
    for (const r of batch.records) {
      if (r.valueType === 'PROCESS' && r.intent === 'CREATED' && r.recordType === 'EVENT') {
        const v = r.value as ValueByType['PROCESS'];
        resources.push({ checksum: v.checksum, name: v.resourceName, content: v.resource });
      } else if (
        r.valueType === 'DECISION_REQUIREMENTS' &&
        r.intent === 'CREATED' &&
        r.recordType === 'EVENT'
      ) {
        const v = r.value as ValueByType['DECISION_REQUIREMENTS'];
        resources.push({ checksum: v.checksum, name: v.resourceName, content: v.resource });
      }
    }
    this.journal.append(
      { records: batch.records, processed: batch.processed, lastKey: this.keys.current },
      resources,
      () => this.committed(batch),
    );
  }

  /** The batch is durable: answer the clients, run the side effects, tell the listeners. */
  private committed(batch: Batch): void {
    for (const { responder, result } of batch.responses) responder(result);
    for (const effect of batch.sideEffects) {
      try {
        effect();
      } catch (e) {
        console.error('engine: side effect failed:', e);
      }
    }
    this.afterCommit(batch);
  }

  /** Stops taking commands. Unprocessed follow-ups stay in the journal and run after the next start. */
  close(): void {
    if (this.closed) return;
    this.commit();
    this.closed = true;
    for (let i = this.externalHead; i < this.external.length; i++) {
      this.external[i].responder?.({
        ok: false,
        rejectionType: 'PROCESSING_ERROR',
        reason: 'The engine is shutting down',
      });
    }
    this.external = [];
    this.externalHead = 0;
  }
}
