// The projections: read models kept up to date from the engine's record stream (the role Zeebe's
// exporters and Operate's importer play), in their own SQLite file next to the journal. They
// remember the journal position they applied; on start they catch up from the journal (or are
// rebuilt from it when missing, of another format, or ahead of it). Searches read them, so they
// are eventually consistent: records are applied in a transaction shortly after each commit.
import Database from 'better-sqlite3';
import { mkdirSync } from 'node:fs';
import { join } from 'node:path';
import type { Engine } from '../engine';
import type { AnyRecord, EngineRecord } from '../protocol/record';
import { PROJECTION_FORMAT, SCHEMA, TABLES } from './schema';
import { InstanceWriter, type ModelNames } from './write-instances';
import { DefinitionAndTaskWriter } from './write-others';
import { JobWriter } from './write-jobs';
import { DecisionWriter } from './write-decisions';
import { startFormOf, type StartForm } from './start-forms';
import { purgeFinishedBefore } from './retention';
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

export class Projections {
  readonly db: Database.Database;
  private readonly instances: InstanceWriter;
  private readonly others: DefinitionAndTaskWriter;
  private readonly jobs: JobWriter;
  private readonly decisions: DecisionWriter;
  private readonly setPosition: Database.Statement;
  private readonly setStartForm: Database.Statement;
  private queue: EngineRecord[] = [];
  private flushScheduled = false;
  private appliedPosition = 0;
  private unsubscribe: () => void = () => undefined;
  private purgeTimer: NodeJS.Timeout | undefined;
  private readonly waiters: { position: number; resolve: () => void }[] = [];
  /** When each committed batch not yet applied arrived: its last position and the time (lagMillis). */
  private readonly commits = new CommitClock();
  /** Start forms of new definitions, read (asynchronously) before their records are applied. */
  private readonly startForms = new Map<number, StartForm>();
  private readingForms = false;
  private closed = false;

  private constructor(
    private readonly engine: Engine,
    private readonly options: ProjectionOptions,
  ) {
    const memory = options.dataDir === ':memory:';
    if (!memory) mkdirSync(options.dataDir, { recursive: true });
    this.db = new Database(memory ? ':memory:' : join(options.dataDir, 'projections.db'));
    this.db.pragma('journal_mode = WAL');
    this.db.pragma('synchronous = NORMAL');
    this.prepareSchema();
    const row = this.db.prepare("SELECT value FROM meta WHERE name = 'position'").get() as
      { value: string } | undefined;
    this.appliedPosition = row ? Number(row.value) : 0;
    if (this.appliedPosition > engine.lastPosition) {
      this.dropAll(
        `they are at position ${this.appliedPosition}, the journal ends at ${engine.lastPosition}`,
      );
      this.prepareSchema();
    }
    const names = modelNames(engine);
    this.instances = new InstanceWriter(this.db, names);
    this.others = new DefinitionAndTaskWriter(this.db, names);
    this.jobs = new JobWriter(this.db);
    this.decisions = new DecisionWriter(this.db);
    this.setPosition = this.db.prepare("INSERT OR REPLACE INTO meta (name, value) VALUES ('position', ?)");
    this.setStartForm = this.db.prepare(
      'UPDATE process_definitions SET has_start_form = ?, start_form_id = ? WHERE key = ?',
    );
  }

  /** Opens the projections, catches them up with the journal and follows the record stream. */
  static open(engine: Engine, options: ProjectionOptions): Projections {
    const p = new Projections(engine, options);
    p.catchUp();
    p.unsubscribe = engine.onRecords((records) => p.enqueue(records));
    if (options.retentionMillis !== undefined) p.purge();
    // Housekeeping: retention, and fresh planner statistics as the tables grow.
    p.purgeTimer = setInterval(() => p.maintain(), options.purgeEveryMillis ?? 600_000);
    p.purgeTimer.unref();
    return p;
  }

  private prepareSchema(): void {
    this.db.exec('CREATE TABLE IF NOT EXISTS meta (name TEXT PRIMARY KEY, value TEXT NOT NULL)');
    const format = this.db.prepare("SELECT value FROM meta WHERE name = 'format'").get() as
      { value: string } | undefined;
    if (format && format.value !== PROJECTION_FORMAT) this.dropAll(`format ${format.value} is outdated`);
    this.db.exec(SCHEMA);
    this.db.prepare("INSERT OR REPLACE INTO meta (name, value) VALUES ('format', ?)").run(PROJECTION_FORMAT);
  }

  private dropAll(reason: string): void {
    this.options.log?.(`projections: rebuilding from the journal (${reason})`);
    this.db.exec(`${TABLES.map((t) => `DROP TABLE IF EXISTS ${t};`).join('\n')} DELETE FROM meta;`);
    this.appliedPosition = 0;
  }

  /** The position of the last record applied. */
  get position(): number {
    return this.appliedPosition;
  }

  private catchUp(): void {
    const started = Date.now();
    const from = this.appliedPosition;
    let applied = 0;
    let reported = 0;
    let pending: EngineRecord[] = [];
    for (const records of this.engine.recordsAfter(from)) {
      if (applied === 0 && records.length > 0 && records[0].position > from + 1 && from > 0)
        this.options.log?.(
          `projections: the journal has no records between ${from} and ${records[0].position}; searches may miss them`,
        );
      for (const r of records) pending.push(r); // a spread of a huge batch would overflow the call stack
      applied += records.length;
      if (pending.length >= 20_000) {
        this.apply(pending);
        pending = [];
      }
      if (applied - reported >= 100_000) {
        reported = applied;
        this.options.log?.(`projections: caught up ${applied} records …`);
      }
    }
    this.apply(pending);
    if (applied > 10_000) this.db.pragma('optimize');
    if (applied > 0)
      this.options.log?.(
        `projections: caught up ${applied} records after position ${from} in ${Date.now() - started} ms`,
      );
  }

  private enqueue(records: EngineRecord[]): void {
    if (this.closed) return;
    if (records.length > 0) this.commits.committed(records[records.length - 1].position);
    for (const r of records) this.queue.push(r);
    if (this.flushScheduled) return;
    this.flushScheduled = true;
    setImmediate(() => this.flush());
  }

  /**
   * Applies what the stream delivered so far. A new process definition waits until its start
   * form is read, so a definition never shows up without it.
   */
  private flush(): void {
    this.flushScheduled = false;
    if (this.closed || this.queue.length === 0 || this.readingForms) return;
    const unread = this.queue
      .filter((r) => r.valueType === 'PROCESS' && r.intent === 'CREATED' && r.recordType === 'EVENT')
      .map((r) => (r as EngineRecord<'PROCESS'>).value)
      .filter((v) => !this.startForms.has(v.processDefinitionKey));
    if (unread.length > 0) {
      this.readingForms = true;
      void Promise.all(
        unread.map(async (v) =>
          this.startForms.set(v.processDefinitionKey, await startFormOf(v.resource, v.bpmnProcessId)),
        ),
      ).finally(() => {
        this.readingForms = false;
        this.flush();
      });
      return;
    }
    const records = this.queue;
    this.queue = [];
    try {
      this.apply(records);
    } catch (e) {
      this.closed = true;
      this.engine.storageFailed('REST projections', e);
    }
  }

  private apply(records: EngineRecord[]): void {
    if (records.length === 0) return;
    const forms: { key: number; xml: string; processId: string }[] = [];
    this.db.transaction(() => {
      for (const r of records) {
        if (r.position <= this.appliedPosition) continue;
        this.appliedPosition = r.position;
        if (r.recordType !== 'EVENT') continue;
        try {
          this.applyEvent(r as AnyRecord);
        } catch (e) {
          console.error(`projections: applying ${r.valueType}.${r.intent} at ${r.position} failed:`, e);
        }
        if (r.valueType === 'PROCESS' && r.intent === 'CREATED') {
          const v = (r as EngineRecord<'PROCESS'>).value;
          const known = this.startForms.get(v.processDefinitionKey);
          this.startForms.delete(v.processDefinitionKey);
          if (!known)
            forms.push({ key: v.processDefinitionKey, xml: v.resource, processId: v.bpmnProcessId });
          else if (known.hasStartForm) this.setStartForm.run(1, known.formId, v.processDefinitionKey);
        }
      }
      this.instances.flushStatistics();
      this.setPosition.run(String(this.appliedPosition));
    })();
    for (const f of forms) void this.detectStartForm(f.key, f.xml, f.processId);
    this.commits.applied(this.appliedPosition);
    for (let i = this.waiters.length - 1; i >= 0; i--) {
      if (this.waiters[i].position <= this.appliedPosition) this.waiters.splice(i, 1)[0].resolve();
    }
  }

  private applyEvent(r: AnyRecord): void {
    switch (r.valueType) {
      case 'PROCESS_INSTANCE':
        return this.instances.processInstance(r);
      case 'INCIDENT':
        return this.instances.incident(r);
      case 'USER_TASK':
        return this.others.userTask(r);
      case 'VARIABLE':
        return this.others.variable(r);
      case 'PROCESS':
        return this.others.process(r);
      case 'FORM':
        return this.others.form(r);
      case 'JOB':
        return this.jobs.job(r);
      case 'JOB_BATCH':
        return this.jobs.jobBatch(r);
      case 'MESSAGE_SUBSCRIPTION':
        return this.jobs.messageSubscription(r);
      case 'DECISION_REQUIREMENTS':
        return this.decisions.decisionRequirements(r);
      case 'DECISION':
        return this.decisions.decision(r);
      case 'DECISION_EVALUATION':
        return this.decisions.evaluation(r);
      default:
        return;
    }
  }

  private async detectStartForm(key: number, xml: string, processId: string): Promise<void> {
    const form = await startFormOf(xml, processId);
    if (!this.closed && form.hasStartForm) this.setStartForm.run(1, form.formId, key);
  }

  /** Resolves once the records up to the given position (default: all committed so far) are applied. */
  caughtUp(position = this.engine.lastPosition): Promise<void> {
    if (this.appliedPosition >= position || this.closed) return Promise.resolve();
    return new Promise((resolve) => this.waiters.push({ position, resolve }));
  }

  status(): ProjectionStatus {
    const committed = this.engine.committedPosition;
    return {
      mode: 'in-process',
      appliedPosition: this.appliedPosition,
      committedPosition: committed,
      lagRecords: Math.max(0, committed - this.appliedPosition),
      lagMillis: this.commits.waitingMillis(),
    };
  }

  private maintain(): void {
    this.purge();
    if (!this.closed) this.db.pragma('optimize');
  }

  /** Removes finished instances past the retention period; returns how many. */
  purge(): number {
    if (this.options.retentionMillis === undefined || this.closed) return 0;
    return purgeFinishedBefore(this.db, this.engine.now() - this.options.retentionMillis);
  }

  close(): void {
    if (this.closed) return;
    this.unsubscribe();
    if (this.purgeTimer) clearInterval(this.purgeTimer);
    this.readingForms = false;
    this.flush();
    this.db.pragma('optimize');
    this.closed = true;
    for (const w of this.waiters.splice(0)) w.resolve();
    this.db.close();
  }
}

function modelNames(engine: Engine): ModelNames {
  const model = (key: number) => {
    try {
      return engine.state.definitions.model(key);
    } catch {
      return undefined;
    }
  };
  return {
    processName: (key) => model(key)?.name ?? '',
    elementName: (key, elementId) => model(key)?.elements.get(elementId)?.name ?? '',
  };
}
