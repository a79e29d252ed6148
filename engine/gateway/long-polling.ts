// Job activation for polling workers, with long polling: when no job is there, the request waits
// until a job of its type becomes activatable (the engine says so after each commit) or its
// request timeout passes (ZEEBE-SEMANTICS §4.3).
import type { Engine } from '../engine';
import type { ActivatedJob } from '../processors/job/streams';
import { GatewayError } from './rejections';
import { jobBatchValue } from '../protocol/defaults';

export interface ActivationRequest {
  type: string;
  worker: string;
  timeout: number;
  maxJobsToActivate: number;
  fetchVariables: string[];
  /** ms; 0 = the default (10 s), negative = answer at once. */
  requestTimeout: number;
}

interface Waiter {
  request: ActivationRequest;
  resolve: (jobs: ActivatedJob[]) => void;
  reject: (e: unknown) => void;
  timer: NodeJS.Timeout | undefined;
  /** An attempt is in flight. */
  busy: boolean;
  /** Jobs of the type were announced while an attempt was in flight: try once more. */
  pending: boolean;
  /** At least one attempt was answered (errors after that end the wait empty, as a timeout). */
  attempted: boolean;
  done: boolean;
}

export const DEFAULT_REQUEST_TIMEOUT = 10_000;

/**
 * A seam for tests: runs after an activation attempt found no job and before the request decides
 * whether to wait or to try again, so a test can make a job activatable exactly inside that window.
 */
export type AfterEmptyAttempt = (request: ActivationRequest) => Promise<void>;

/**
 * As in Zeebe's long-polling handler, a request is registered for its type *before* its first
 * attempt, and an announcement that arrives while an attempt is in flight is remembered rather than
 * dropped: an attempt that started before a job was committed cannot see it, so the request tries
 * again. There is no moment at which a request is neither attempting nor listening.
 */
export class LongPolling {
  private readonly waiters = new Map<string, Set<Waiter>>();

  constructor(
    private readonly engine: Engine,
    private readonly afterEmptyAttempt?: AfterEmptyAttempt,
  ) {
    engine.onJobsAvailable((types) => {
      for (const type of types) for (const w of this.waiters.get(type) ?? []) void this.run(w);
    });
  }

  private async attempt(r: ActivationRequest): Promise<ActivatedJob[]> {
    const result = await this.engine.execute(
      'JOB_BATCH',
      'ACTIVATE',
      jobBatchValue({
        type: r.type,
        worker: r.worker,
        timeout: r.timeout,
        maxJobsToActivate: r.maxJobsToActivate,
        fetchVariables: r.fetchVariables,
      }),
    );
    if (!result.ok) throw new GatewayError(result.rejectionType, result.reason);
    return result.value as ActivatedJob[];
  }

  /** Resolves with the activated jobs; `cancelled` stops waiting (client went away). */
  activate(request: ActivationRequest, onCancel: (cancel: () => void) => void): Promise<ActivatedJob[]> {
    return new Promise((resolve, reject) => {
      const waiter: Waiter = {
        request,
        resolve,
        reject,
        timer: undefined,
        busy: false,
        pending: false,
        attempted: false,
        done: false,
      };
      let set = this.waiters.get(request.type);
      if (!set) this.waiters.set(request.type, (set = new Set()));
      set.add(waiter);
      onCancel(() => this.finish(waiter, []));
      void this.run(waiter);
    });
  }

  /** Attempts until jobs come, the request is done, or no announcement arrived during the last attempt. */
  private async run(w: Waiter): Promise<void> {
    if (w.done) return;
    if (w.busy) {
      w.pending = true;
      return;
    }
    w.busy = true;
    try {
      do {
        w.pending = false;
        let jobs: ActivatedJob[];
        try {
          jobs = await this.attempt(w.request);
        } catch (e) {
          if (w.attempted) this.finish(w, []);
          else this.fail(w, e);
          return;
        }
        if (jobs.length > 0 || w.request.requestTimeout < 0) {
          this.finish(w, jobs);
          return;
        }
        if (w.done) return;
        if (!w.attempted) {
          w.attempted = true;
          const timeout = w.request.requestTimeout || DEFAULT_REQUEST_TIMEOUT;
          w.timer = setTimeout(() => this.finish(w, []), timeout);
        }
        if (this.afterEmptyAttempt) await this.afterEmptyAttempt(w.request);
      } while (w.pending && !w.done);
    } finally {
      w.busy = false;
    }
  }

  private fail(w: Waiter, e: unknown): void {
    if (!this.settle(w)) return;
    w.reject(e);
  }

  private finish(w: Waiter, jobs: ActivatedJob[]): void {
    if (!this.settle(w)) {
      if (jobs.length > 0) this.yieldBack(jobs);
      return;
    }
    w.resolve(jobs);
  }

  /** Marks the request done and forgets it; false when it already was. */
  private settle(w: Waiter): boolean {
    if (w.done) return false;
    w.done = true;
    clearTimeout(w.timer);
    const set = this.waiters.get(w.request.type);
    set?.delete(w);
    if (set?.size === 0) this.waiters.delete(w.request.type);
    return true;
  }

  /** Jobs activated for a request that is gone go back to the pool. */
  yieldBack(jobs: ActivatedJob[]): void {
    for (const j of jobs) this.engine.execute('JOB', 'YIELD', j.value, j.key).catch(() => undefined);
  }

  close(): void {
    for (const set of this.waiters.values()) for (const w of [...set]) this.finish(w, []);
  }
}
