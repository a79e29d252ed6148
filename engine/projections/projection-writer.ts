// The write side of the projections: one SQLite connection that owns projections.db — its schema (dropped
// and rebuilt from the journal when outdated or ahead of the journal), the writers per record kind, the
// position applied, start forms and retention. It runs where the projections run: in their worker thread
// (projection-thread.ts) for a data folder, on the engine's thread for ':memory:' (one in-memory database
// cannot be shared between threads).
import Database from 'better-sqlite3';
import type { AnyRecord, EngineRecord } from '../protocol/record';
import { PROJECTION_FORMAT, SCHEMA, TABLES } from './schema';
import { InstanceWriter, type ModelNames } from './write-instances';
import { DefinitionAndTaskWriter } from './write-others';
import { JobWriter } from './write-jobs';
import { DecisionWriter } from './write-decisions';
import { startFormOf, type StartForm } from './start-forms';
import { purgeFinishedBefore } from './retention';

export interface ProjectionWriterOptions {
  /** projections.db, or ':memory:'. */
  file: string;
  /** Where the journal ends: projections ahead of it belong to another journal and are rebuilt. */
  journalEnd: number;
  names: ModelNames;
  log?: (message: string) => void;
  /** A batch was applied (in its transaction) up to this position. */
  onApplied?: (position: number) => void;
  /** Applying failed (a write to the data folder): the projections stop. */
  onFailure?: (e: unknown) => void;
}

export class ProjectionWriter {
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
  /** Start forms of new definitions, read (asynchronously) before their records are applied. */
  private readonly startForms = new Map<number, StartForm>();
  private readingForms = false;
  private closed = false;

  constructor(private readonly options: ProjectionWriterOptions) {
    this.db = new Database(options.file);
    this.db.pragma('journal_mode = WAL');
    this.db.pragma('synchronous = NORMAL');
    this.prepareSchema();
    const row = this.db.prepare("SELECT value FROM meta WHERE name = 'position'").get() as
      { value: string } | undefined;
    this.appliedPosition = row ? Number(row.value) : 0;
    if (this.appliedPosition > options.journalEnd) {
      this.dropAll(`they are at position ${this.appliedPosition}, the journal ends at ${options.journalEnd}`);
      this.prepareSchema();
    }
    this.instances = new InstanceWriter(this.db, options.names);
    this.others = new DefinitionAndTaskWriter(this.db, options.names);
    this.jobs = new JobWriter(this.db);
    this.decisions = new DecisionWriter(this.db);
    this.setPosition = this.db.prepare("INSERT OR REPLACE INTO meta (name, value) VALUES ('position', ?)");
    this.setStartForm = this.db.prepare(
      'UPDATE process_definitions SET has_start_form = ?, start_form_id = ? WHERE key = ?',
    );
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

  /** Applies the journal's records after the position, synchronously (at start). */
  catchUp(batches: Iterable<EngineRecord[]>): void {
    const started = Date.now();
    const from = this.appliedPosition;
    let applied = 0;
    let reported = 0;
    let pending: EngineRecord[] = [];
    for (const records of batches) {
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

  /** Queues committed records; they are applied shortly after, in one transaction per turn. */
  enqueue(records: EngineRecord[]): void {
    if (this.closed) return;
    for (const r of records) this.queue.push(r);
    if (this.flushScheduled) return;
    this.flushScheduled = true;
    setImmediate(() => this.flush());
  }

  /**
   * Applies what was queued so far. A new process definition waits until its start form is read,
   * so a definition never shows up without it.
   */
  flush(): void {
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
      this.options.onFailure?.(e);
    }
  }

  /** Whether records wait to be applied (a start form being read, or the next turn). */
  get pending(): boolean {
    return this.queue.length > 0;
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
    this.options.onApplied?.(this.appliedPosition);
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
      case 'PROCESS_MESSAGE_SUBSCRIPTION':
        return this.jobs.processMessageSubscription(r);
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

  /** Removes finished instances that ended before the cutoff (engine clock); returns how many. */
  purge(cutoff: number): number {
    return this.closed ? 0 : purgeFinishedBefore(this.db, cutoff);
  }

  optimize(): void {
    if (!this.closed) this.db.pragma('optimize');
  }

  /** Applies what is queued (start forms not yet read are then detected later, as at catch-up) and closes. */
  close(): void {
    if (this.closed) return;
    this.readingForms = false;
    this.flush();
    this.db.pragma('optimize');
    this.closed = true;
    this.db.close();
  }
}
