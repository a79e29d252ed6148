// Job latency at a steady, moderate rate (not at saturation, where latency is only queueing):
// instances are started at a fixed pace and a streaming worker completes each job. Measured:
// job created in the engine → in the worker's hands (`push`, from the job's deadline minus its
// timeout, the engine's activation time), CreateProcessInstance sent → job in the worker's hands
// (`createToJob`), and the CompleteJob round trip (`complete`).
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import {
  JOB_TYPE,
  LoadMeter,
  benchVariables,
  deployBenchProcess,
  percentile,
  sleep,
  startBenchEngine,
  zeebeClient,
  type BenchEngineOptions,
} from './support';

export interface Distribution {
  p50: number;
  p99: number;
  max: number;
}

export interface LatencyResult {
  rate: number;
  samples: number;
  push: Distribution;
  createToJob: Distribution;
  complete: Distribution;
  others: { cores: number; loadavg: number };
}

const TIMEOUT = 60_000;

function distribution(values: number[]): Distribution {
  const s = [...values].sort((a, b) => a - b);
  const round = (n: number) => Math.round(n * 100) / 100;
  return { p50: round(percentile(s, 50)), p99: round(percentile(s, 99)), max: round(s[s.length - 1]) };
}

export async function measureLatency(
  rate: number,
  seconds: number,
  options: BenchEngineOptions,
): Promise<LatencyResult> {
  const dir = mkdtempSync(join(tmpdir(), 'zhuanban-bench-'));
  const engine = await startBenchEngine(dir, options);
  const zeebe = zeebeClient(engine.address);
  try {
    await deployBenchProcess(zeebe);
    const sentAt = new Map<string, number>();
    const push: number[] = [];
    const createToJob: number[] = [];
    const complete: number[] = [];
    let measuring = false;
    await zeebe.streamJobs({
      type: JOB_TYPE,
      worker: 'bench',
      timeout: TIMEOUT,
      tenantIds: [],
      taskHandler: (job) => {
        const received = performance.now();
        const wall = Date.now();
        const sent = sentAt.get(job.variables.caseId as string);
        if (measuring) {
          push.push(wall - (Number(job.deadline) - TIMEOUT));
          if (sent !== undefined) createToJob.push(received - sent);
        }
        return job.complete({ checked: true }).then((ack) => {
          if (measuring) complete.push(performance.now() - received);
          return ack;
        });
      },
    });
    const pace = async (count: number) => {
      const started = performance.now();
      const calls: Promise<unknown>[] = [];
      for (let i = 0; i < count; i++) {
        const due = started + (i * 1000) / rate;
        const wait = due - performance.now();
        if (wait > 0) await sleep(wait);
        const vars = benchVariables(i);
        sentAt.set(vars.caseId, performance.now());
        calls.push(zeebe.createProcessInstance({ bpmnProcessId: 'bench', variables: vars }));
      }
      await Promise.all(calls);
      await sleep(200);
    };
    await pace(Math.min(500, rate * 2)); // warm-up
    sentAt.clear();
    measuring = true;
    const load = new LoadMeter([engine.child.pid!]);
    await pace(rate * seconds);
    measuring = false;
    return {
      rate,
      samples: push.length,
      push: distribution(push),
      createToJob: distribution(createToJob),
      complete: distribution(complete),
      others: load.others(),
    };
  } finally {
    await zeebe.close();
    await engine.kill('SIGTERM');
    rmSync(dir, { recursive: true, force: true });
  }
}
