// Shared parts of the benchmark: the engine as a child process started through the real CLI,
// the @camunda8/sdk client, the benchmark process, CPU accounting and simple statistics.
import { readFileSync } from 'node:fs';
import { loadavg } from 'node:os';
import { Camunda8 } from '@camunda8/sdk';
import type { ZeebeGrpcClient } from '@camunda8/sdk/dist/zeebe';
import { chain, serviceTask } from '../engine/support/bpmn';
import { sdkConfig } from '../engine/support/harness';
import { startEngineProcess, type EngineProcess } from '../engine/support/engine-process';

process.env.ZEEBE_CLIENT_LOG_LEVEL ??= 'NONE';

/** start → service task (type bench-work) → end. */
export const BENCH_PROCESS = chain('bench', serviceTask('task', 'bench-work'));
export const JOB_TYPE = 'bench-work';

/** A small, realistic variable document (what a case process routes on). */
export function benchVariables(i: number) {
  return {
    caseId: `C-2026-${String(i).padStart(6, '0')}`,
    unit: 'court',
    amount: 12_345,
    urgent: i % 7 === 0,
  };
}

export interface BenchEngineOptions {
  sync?: 'full' | 'normal' | 'off';
  /** Run the REST API and its projections too (what `zhuanban engine` does by default). */
  rest?: boolean;
  cpuProfDir?: string;
}

export async function startBenchEngine(dir: string, o: BenchEngineOptions = {}): Promise<EngineProcess> {
  const args = ['--sync', o.sync ?? 'full', '--rest-port', o.rest ? '0' : 'off'];
  return startEngineProcess(dir, args, {
    nodeArgs: o.cpuProfDir ? ['--cpu-prof', `--cpu-prof-dir=${o.cpuProfDir}`] : [],
    timeoutMs: 120_000,
  });
}

export function zeebeClient(address: string): ZeebeGrpcClient {
  return new Camunda8(sdkConfig(address) as never).getZeebeGrpcApiClient();
}

export async function deployBenchProcess(zeebe: ZeebeGrpcClient): Promise<void> {
  await zeebe.deployResource({ process: Buffer.from(BENCH_PROCESS), name: 'bench.bpmn' });
}

/** CPU seconds (user + system) a process has used so far. */
export function cpuSecondsOf(pid: number): number {
  const fields = readFileSync(`/proc/${pid}/stat`, 'utf8').split(') ')[1].split(' ');
  return (Number(fields[11]) + Number(fields[12])) / 100;
}

/** CPU seconds the main thread of a process (its JavaScript event loop) has used so far. */
export function mainThreadCpuSecondsOf(pid: number): number {
  const fields = readFileSync(`/proc/${pid}/task/${pid}/stat`, 'utf8').split(') ')[1].split(' ');
  return (Number(fields[11]) + Number(fields[12])) / 100;
}

/** The REST address from the engine's ready line. */
export function restAddressOf(readyLine: string): string {
  const m = /REST (http:\/\/\S+?),/.exec(readyLine);
  if (!m) throw new Error(`the engine's ready line names no REST address: ${readyLine}`);
  return m[1];
}

export interface ProjectionStatus {
  appliedPosition: number;
  committedPosition: number;
  lagRecords: number;
  lagMillis: number;
}

export async function projectionStatus(rest: string): Promise<ProjectionStatus> {
  const res = await fetch(`${rest}/v2/projections/status`);
  if (!res.ok) throw new Error(`GET /v2/projections/status answered ${res.status}: ${await res.text()}`);
  return (await res.json()) as ProjectionStatus;
}

/** Waits until the searches show everything the engine committed. */
export async function projectionsCaughtUp(rest: string, timeoutMs = 60_000): Promise<void> {
  const until = Date.now() + timeoutMs;
  while ((await projectionStatus(rest)).lagRecords > 0) {
    if (Date.now() > until) throw new Error(`the projections did not catch up within ${timeoutMs} ms`);
    await sleep(5);
  }
}

export function ownCpuSeconds(): number {
  const u = process.cpuUsage();
  return (u.user + u.system) / 1e6;
}

/** Busy CPU seconds of the whole machine so far (all cores). */
export function machineBusySeconds(): number {
  const [, ...ticks] = readFileSync('/proc/stat', 'utf8').split('\n')[0].trim().split(/\s+/);
  const n = ticks.map(Number);
  const idle = n[3] + n[4];
  return (n.reduce((a, b) => a + b, 0) - idle) / 100;
}

/** How busy the machine was with other work during a measurement (in cores), and the load average. */
export class LoadMeter {
  private readonly busy0 = machineBusySeconds();
  private readonly started = performance.now();
  private readonly ours0: number;
  constructor(private readonly pids: number[]) {
    this.ours0 = this.ours();
  }
  private ours(): number {
    return this.pids.reduce((s, pid) => s + cpuSecondsOf(pid), ownCpuSeconds());
  }
  /** Cores used by other processes on average, and the 1-minute load average. */
  others(): { cores: number; loadavg: number } {
    const secs = (performance.now() - this.started) / 1000;
    const all = machineBusySeconds() - this.busy0;
    const ours = this.ours() - this.ours0;
    return { cores: Math.max(0, (all - ours) / secs), loadavg: loadavg()[0] };
  }
}

export function percentile(sorted: number[], p: number): number {
  if (sorted.length === 0) return NaN;
  return sorted[Math.min(sorted.length - 1, Math.floor((sorted.length * p) / 100))];
}

export function median(values: number[]): number {
  return percentile(
    [...values].sort((a, b) => a - b),
    50,
  );
}

export function sleep(ms: number): Promise<void> {
  return new Promise((resolve) => setTimeout(resolve, ms));
}
