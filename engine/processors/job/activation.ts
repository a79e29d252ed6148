// Activating jobs for a worker: one JOB_BATCH ACTIVATED event for the batch (the deadline is the
// record's timestamp plus the timeout), and the jobs with the variables visible from their
// element, collected now. Also the push of available jobs to open streams.
import type { EngineContext } from '../context';
import type { Key } from '../../protocol/keys';
import type { ActivatedJob } from './streams';

export class JobActivation {
  constructor(private readonly ctx: EngineContext) {}

  activate(
    type: string,
    keys: Key[],
    worker: string,
    timeout: number,
    fetchVariables: string[],
    maxJobsToActivate = keys.length,
  ): ActivatedJob[] {
    const { w, state, b } = this.ctx;
    if (keys.length === 0) return [];
    w.appendEvent(this.ctx.keys.next(), 'JOB_BATCH', 'ACTIVATED', {
      type,
      worker,
      timeout,
      maxJobsToActivate,
      fetchVariables,
      jobKeys: keys,
      jobs: [],
      truncated: false,
      tenantIds: [],
    });
    return keys.map((key) => {
      const job = state.jobs.get(key)!;
      return {
        key,
        value: job.value,
        variables: b.variables.collectJson(job.value.elementInstanceKey, fetchVariables),
      };
    });
  }

  /** Pushes activatable jobs of the given types to open streams; yields what a stream refuses. */
  pushToStreams(types: Iterable<string>, yieldJob: (key: Key) => void): void {
    const { streams, state, w } = this.ctx;
    for (const type of types) {
      while (streams.has(type) && state.jobs.hasActivatable(type)) {
        const stream = streams.pick(type)!;
        const key = state.jobs.activatable(type)[Symbol.iterator]().next().value as Key;
        const [job] = this.activate(type, [key], stream.worker, stream.timeout, stream.fetchVariables, 1);
        w.sideEffect(() => {
          if (!stream.push(job)) yieldJob(key);
        });
      }
    }
  }
}
