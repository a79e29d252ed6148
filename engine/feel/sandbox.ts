// FEEL that can loop — `for` over ranges (nested ranges are materialised as their whole cartesian product),
// `some`/`every`, user-defined functions that recurse — could otherwise run for as long as a model author or a
// hostile deployment likes and allocate until the engine process dies. Such expressions run in a worker thread
// with a heap limit, while the engine thread waits for the answer at most the time budget (Atomics.wait: the
// evaluation stays synchronous, as the engine's command processing needs). A worker that runs over its time or
// memory is terminated and replaced; the caller turns the refusal into an incident. Plain expressions (paths,
// arithmetic, builtins on the given values) are bounded by their input and never come here.
import { extname, join } from 'node:path';
import { MessageChannel, receiveMessageOnPort, Worker, type MessagePort } from 'node:worker_threads';
import type { Warning } from 'feelin';

/** How long one sandboxed evaluation may run. */
export const feelBudgetMillis = 1_000;
/** How much heap one sandboxed evaluation may use. */
export const feelBudgetMegabytes = 128;

export class FeelBudgetExceeded extends Error {}

export type SandboxAnswer =
  { ok: true; value: unknown; warnings: Warning[] } | { ok: false; assertion: boolean; message: string };

interface Sandbox {
  worker: Worker;
  port: MessagePort;
  signal: Int32Array;
}

let current: Sandbox | undefined;

// Run from the TypeScript sources (tests, tools through tsx) the thread loads tsx's require hook first; from the
// build it loads the compiled module.
const THREAD = `
const { workerData } = require('node:worker_threads');
if (workerData.entry.endsWith('.ts')) require('tsx/cjs/api').register();
require(workerData.entry);
`;

function start(): Sandbox {
  const signal = new Int32Array(new SharedArrayBuffer(4));
  const { port1, port2 } = new MessageChannel();
  const entry = join(__dirname, `sandbox-thread${extname(__filename)}`);
  const worker = new Worker(THREAD, {
    eval: true,
    resourceLimits: { maxOldGenerationSizeMb: feelBudgetMegabytes, maxYoungGenerationSizeMb: 16 },
    workerData: { signal, port: port2, entry },
    transferList: [port2],
    stdout: true,
    stderr: true,
  });
  worker.unref();
  port1.unref();
  worker.on('error', () => undefined); // out of memory: terminated by its limit, replaced on the next call
  if (Atomics.wait(signal, 0, 0, 30_000) === 'timed-out' || Atomics.load(signal, 0) !== 2) {
    void worker.terminate();
    throw new Error('the FEEL sandbox thread did not start');
  }
  return { worker, port: port1, signal };
}

function stop(s: Sandbox): void {
  s.port.close();
  void s.worker.terminate();
  if (current === s) current = undefined;
}

/** Evaluates in the sandbox; throws FeelBudgetExceeded when the time or memory budget runs out. */
export function evaluateSandboxed(
  source: string,
  context: Record<string, unknown>,
  now: number,
  millis = feelBudgetMillis,
): SandboxAnswer {
  const s = (current ??= start());
  Atomics.store(s.signal, 0, 0);
  s.port.postMessage({ source, context, now });
  const waited = Atomics.wait(s.signal, 0, 0, millis);
  const answer = waited === 'timed-out' ? undefined : receiveMessageOnPort(s.port)?.message;
  if (!answer) {
    stop(s);
    throw new FeelBudgetExceeded(
      `evaluation exceeded its budget of ${millis} ms and ${feelBudgetMegabytes} MB and was stopped`,
    );
  }
  return answer as SandboxAnswer;
}
