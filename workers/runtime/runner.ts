// The worker runtime: subscribes every handler to its job type through the Zeebe gRPC gateway with
// @camunda8/sdk job streaming (StreamActivatedJobs after one backfill activation), backed by a periodic
// activation poll (a job the poll finds means its stream is gone: the stream is re-opened, as it is when the
// client reports the connection back); runs jobs with bounded concurrency; on
// stop closes the streams and waits for the jobs in hand. Configured only by the SDK's ZEEBE_*/CAMUNDA_*
// variables (through the client it is given), so it runs unchanged against Camunda 8.8.
import os from 'node:os';
import type { ZeebeGrpcClient } from '@camunda8/sdk/dist/zeebe';
import { createLogger, type Logger } from '../../domain/log';
import type { JobHandler, JsonObject } from './handler';
import { variablesToFetch } from './acting-person';
import { runJob, type ActivatedJob } from './job';
import type { Services } from './services';

/** Job activation timeout when a handler names none. */
const DEFAULT_JOB_TIMEOUT_MS = 60_000;

/** A handler of any variables: what registries hold (handle() is a method, so it is checked bivariantly). */
export type AnyJobHandler = JobHandler<unknown, unknown, JsonObject>;

export interface WorkerRuntimeOptions {
  zeebe: ZeebeGrpcClient;
  handlers: readonly AnyJobHandler[];
  services: Services;
  log?: Logger;
  /** Worker name the gateway records on activated jobs (default zhuanban-<host>-<pid>). */
  workerName?: string;
  /** Jobs run at once in this process (default 16); more wait in line. */
  maxConcurrentJobs?: number;
  /** Interval of the activation poll that backs up the streams (default 10 s; ≤ 0 turns it off). */
  pollIntervalMs?: number;
}

export interface WorkerRuntime {
  readonly types: string[];
  readonly workerName: string;
  /** Jobs received and not yet acknowledged. */
  inFlight(): number;
  /** Stops taking jobs and waits (at most timeoutMs, default 30 s) for the jobs in hand. */
  stop(timeoutMs?: number): Promise<void>;
}

class Gate {
  private free: number;
  private readonly waiting: (() => void)[] = [];
  constructor(size: number) {
    this.free = size;
  }
  async enter(): Promise<void> {
    if (this.free > 0) {
      this.free--;
      return;
    }
    await new Promise<void>((resolve) => this.waiting.push(resolve));
  }
  leave(): void {
    const next = this.waiting.shift();
    if (next) next();
    else this.free++;
  }
}

export async function startWorkers(options: WorkerRuntimeOptions): Promise<WorkerRuntime> {
  const { zeebe, handlers, services } = options;
  const log = options.log ?? createLogger('workers');
  const workerName = options.workerName ?? `zhuanban-${os.hostname()}-${process.pid}`;
  const pollInterval = options.pollIntervalMs ?? 10_000;
  const maxConcurrent = options.maxConcurrentJobs ?? 16;
  const seen = new Set<string>();
  for (const h of handlers) {
    if (seen.has(h.type)) throw new Error(`two handlers for job type ${h.type}`);
    seen.add(h.type);
  }
  const gate = new Gate(maxConcurrent);
  const inFlight = new Set<Promise<void>>();
  let stopping = false;
  const streams = new Map<string, { close(): void }>();

  function dispatch(handler: AnyJobHandler, job: ActivatedJob): void {
    if (stopping) {
      log.debug('job arrived while stopping: left to time out and be offered again', { jobKey: job.key });
      return;
    }
    const arrivedAt = Date.now();
    const work = (async () => {
      await gate.enter();
      try {
        // Measured on this machine's clock: the job's deadline is on the engine's clock, which a
        // test (or an operator) may have pinned anywhere.
        if (Date.now() - arrivedAt >= (handler.timeoutMs ?? DEFAULT_JOB_TIMEOUT_MS)) {
          log.warn('job timed out while waiting for a free slot: skipped', {
            jobType: job.type,
            jobKey: job.key,
          });
          return;
        }
        await runJob(handler, job, zeebe, services, log);
      } finally {
        gate.leave();
      }
    })();
    inFlight.add(work);
    void work.finally(() => inFlight.delete(work));
  }

  const tenantIds = process.env.CAMUNDA_TENANT_ID ? [process.env.CAMUNDA_TENANT_ID] : [];

  async function openStream(handler: AnyJobHandler): Promise<void> {
    const stream = await zeebe.streamJobs({
      type: handler.type,
      worker: workerName,
      timeout: handler.timeoutMs ?? DEFAULT_JOB_TIMEOUT_MS,
      fetchVariables: variablesToFetch(handler),
      tenantIds, // the SDK's own tenant variable; none means the default tenant
      // The SDK's recurring poll keeps running after close when a poll is in flight; ours below stops.
      pollInterval: 0,
      pollMaxJobsToActivate: maxConcurrent,
      taskHandler: (job) => {
        dispatch(handler, job);
        // The runtime acknowledges through the gateway itself (runJob); forward() only tells the SDK so.
        return job.forward();
      },
    });
    if (stopping) stream.close();
    else streams.set(handler.type, stream);
  }

  async function openStreams(): Promise<void> {
    await Promise.all(handlers.map(openStream));
  }

  /** The fallback: activates what the streams did not push (e.g. while a stream was being re-opened). */
  async function poll(): Promise<void> {
    for (const handler of handlers) {
      if (stopping) return;
      const jobs = await zeebe.activateJobs({
        type: handler.type,
        worker: workerName,
        timeout: handler.timeoutMs ?? DEFAULT_JOB_TIMEOUT_MS,
        maxJobsToActivate: maxConcurrent,
        fetchVariable: variablesToFetch(handler),
        requestTimeout: -1, // answer at once, no long polling
        tenantIds,
      });
      for (const job of jobs) dispatch(handler, job);
      if (jobs.length > 0 && !stopping) {
        // A healthy stream gets a job before any poll does: this stream is likely gone (gateway restarted).
        log.info('activation poll found jobs: re-opening the job stream', {
          jobType: handler.type,
          jobs: jobs.length,
        });
        streams.get(handler.type)?.close();
        streams.delete(handler.type);
        await openStream(handler);
      }
    }
  }

  let pollTimer: NodeJS.Timeout | undefined;
  let polling: Promise<void> | undefined;
  const schedulePoll = () => {
    if (stopping || pollInterval <= 0) return;
    pollTimer = setTimeout(() => {
      polling = poll()
        .catch((e: unknown) => log.debug('activation poll failed', { error: e }))
        .finally(schedulePoll);
    }, pollInterval);
  };

  const closeStreams = () => {
    for (const s of streams.values()) s.close();
    streams.clear();
  };

  let lostConnection = false;
  const onError = () => {
    lostConnection = true;
    log.warn('connection to the gateway lost; jobs resume when it is back');
  };
  const onReady = () => {
    if (!lostConnection || stopping) return;
    lostConnection = false;
    log.info('connection to the gateway is back: re-opening the job streams');
    closeStreams();
    openStreams().catch((e: unknown) => log.error('re-opening the job streams failed', { error: e }));
  };
  zeebe.on('connectionError', onError);
  zeebe.on('ready', onReady);

  await openStreams();
  schedulePoll();
  const types = handlers.map((h) => h.type);
  log.info('workers subscribed', {
    worker: workerName,
    jobTypes: types.length,
    maxConcurrent,
    pollIntervalMs: pollInterval,
  });

  return {
    types,
    workerName,
    inFlight: () => inFlight.size,
    async stop(timeoutMs = 30_000) {
      if (stopping) return;
      stopping = true;
      zeebe.off('connectionError', onError);
      zeebe.off('ready', onReady);
      closeStreams();
      clearTimeout(pollTimer);
      await polling;
      if (inFlight.size > 0) {
        log.info('waiting for jobs in hand', { count: inFlight.size });
        let timer: NodeJS.Timeout | undefined;
        const timeout = new Promise<'timeout'>((resolve) => {
          timer = setTimeout(() => resolve('timeout'), timeoutMs);
        });
        const result = await Promise.race([Promise.all([...inFlight]).then(() => 'done' as const), timeout]);
        clearTimeout(timer);
        if (result === 'timeout')
          log.warn('jobs still running at shutdown: the gateway offers them again after their timeout', {
            count: inFlight.size,
          });
      }
      log.info('workers stopped');
    },
  };
}
