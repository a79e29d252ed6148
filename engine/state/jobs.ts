// Jobs of service-like tasks: their state, the per-type queue of activatable jobs (in creation
// order), and due indexes for activation deadlines and retry back-offs.
import type { Key } from '../protocol/keys';
import type { JobValue } from '../protocol/values';
import { DueIndex } from './due-index';

export type JobState = 'ACTIVATABLE' | 'ACTIVATED' | 'FAILED' | 'ERROR_THROWN' | 'BACKOFF';

export interface Job {
  key: Key;
  state: JobState;
  /** The job record as created/updated; its `variables` is always empty in state. */
  value: JobValue;
}

export interface JobsView {
  get(key: Key): Job | undefined;
  activatable(type: string): Iterable<Key>;
  hasActivatable(type: string): boolean;
  readonly size: number;
}

export class JobStore implements JobsView {
  private readonly jobs = new Map<Key, Job>();
  private readonly queues = new Map<string, Set<Key>>();
  readonly deadlines = new DueIndex();
  readonly backoffs = new DueIndex();

  get(key: Key): Job | undefined {
    return this.jobs.get(key);
  }

  activatable(type: string): Iterable<Key> {
    return this.queues.get(type) ?? [];
  }

  hasActivatable(type: string): boolean {
    return (this.queues.get(type)?.size ?? 0) > 0;
  }

  get size(): number {
    return this.jobs.size;
  }

  put(key: Key, state: JobState, value: JobValue): void {
    const previous = this.jobs.get(key);
    if (previous?.state === 'ACTIVATABLE' && state !== 'ACTIVATABLE') this.dequeue(key, previous.value.type);
    this.jobs.set(key, { key, state, value });
    if (state === 'ACTIVATABLE' && previous?.state !== 'ACTIVATABLE') this.enqueue(key, value.type);
    if (state === 'ACTIVATED') this.deadlines.add(value.deadline, key);
    if (state === 'BACKOFF') this.backoffs.add(value.recurringTime, key);
  }

  /** A new value for the job in its state (a migration): queues and deadlines stay as they are. */
  replaceValue(key: Key, value: JobValue): void {
    const job = this.jobs.get(key);
    if (job) this.jobs.set(key, { ...job, value });
  }

  remove(key: Key): void {
    const job = this.jobs.get(key);
    if (!job) return;
    if (job.state === 'ACTIVATABLE') this.dequeue(key, job.value.type);
    this.jobs.delete(key);
  }

  private enqueue(key: Key, type: string): void {
    let q = this.queues.get(type);
    if (!q) this.queues.set(type, (q = new Set()));
    q.add(key);
  }

  private dequeue(key: Key, type: string): void {
    const q = this.queues.get(type);
    if (!q) return;
    q.delete(key);
    if (q.size === 0) this.queues.delete(type);
  }

  /** Queues are saved too: their order decides which job a worker gets next. */
  toJSON(): { jobs: Job[]; queues: [string, Key[]][] } {
    return { jobs: [...this.jobs.values()], queues: [...this.queues].map(([t, q]) => [t, [...q]]) };
  }

  load(data: { jobs: Job[]; queues: [string, Key[]][] }): void {
    for (const j of data.jobs) {
      this.jobs.set(j.key, j);
      if (j.state === 'ACTIVATED') this.deadlines.add(j.value.deadline, j.key);
      if (j.state === 'BACKOFF') this.backoffs.add(j.value.recurringTime, j.key);
    }
    for (const [type, keys] of data.queues) this.queues.set(type, new Set(keys));
  }
}
