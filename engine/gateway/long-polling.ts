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
  timer: NodeJS.Timeout;
  busy: boolean;
  done: boolean;
}

export const DEFAULT_REQUEST_TIMEOUT = 10_000;

export class LongPolling {
  private readonly waiters = new Map<string, Set<Waiter>>();

  constructor(private readonly engine: Engine) {
    engine.onJobsAvailable((types) => {
      for (const type of types) for (const w of this.waiters.get(type) ?? []) void this.retry(w);
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
  async activate(
    request: ActivationRequest,
    onCancel: (cancel: () => void) => void,
  ): Promise<ActivatedJob[]> {
    const jobs = await this.attempt(request);
    if (jobs.length > 0 || request.requestTimeout < 0) return jobs;
    const timeout = request.requestTimeout === 0 ? DEFAULT_REQUEST_TIMEOUT : request.requestTimeout;
    return new Promise((resolve) => {
      const waiter: Waiter = {
        request,
        resolve,
        busy: false,
        done: false,
        timer: setTimeout(() => this.finish(waiter, []), timeout),
      };
      let set = this.waiters.get(request.type);
      if (!set) this.waiters.set(request.type, (set = new Set()));
      set.add(waiter);
      onCancel(() => this.finish(waiter, []));
    });
  }

  private async retry(w: Waiter): Promise<void> {
    if (w.busy || w.done) return;
    w.busy = true;
    try {
      const jobs = await this.attempt(w.request);
      if (jobs.length > 0) this.finish(w, jobs);
    } catch {
      this.finish(w, []);
    } finally {
      w.busy = false;
    }
  }

  private finish(w: Waiter, jobs: ActivatedJob[]): void {
    if (w.done) {
      if (jobs.length > 0) this.yieldBack(jobs);
      return;
    }
    w.done = true;
    clearTimeout(w.timer);
    const set = this.waiters.get(w.request.type);
    set?.delete(w);
    if (set?.size === 0) this.waiters.delete(w.request.type);
    w.resolve(jobs);
  }

  /** Jobs activated for a request that is gone go back to the pool. */
  yieldBack(jobs: ActivatedJob[]): void {
    for (const j of jobs) this.engine.execute('JOB', 'YIELD', j.value, j.key).catch(() => undefined);
  }

  close(): void {
    for (const set of this.waiters.values()) for (const w of [...set]) this.finish(w, []);
  }
}
