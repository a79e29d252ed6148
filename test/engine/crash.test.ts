// Crash safety through the real parts: `zhuanban engine` as a child process, @camunda8/sdk streaming
// workers, the SQLite journal on disk. The engine is SIGKILLed while hundreds of instances are
// being created and worked on, started again on the same data directory, and then every instance
// must have completed exactly once, with nothing the engine had acknowledged lost — checked from
// the workers' side and from the journal itself.
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { Camunda8 } from '@camunda8/sdk';
import type { ZeebeGrpcClient } from '@camunda8/sdk/dist/zeebe';
import { chain, serviceTask } from './support/bpmn';
import { sdkConfig } from './support/harness';
import { readJournal, startEngineProcess, type EngineProcess } from './support/engine-process';

// Three starts of `zhuanban engine` from the TypeScript sources, each with its projections thread.
jest.setTimeout(150_000);

const INSTANCES = 600;
const JOB_TIMEOUT = 2_000;
const KILL_AFTER_COMPLETED = 150;

const PROCESS = chain('crash', serviceTask('a', 'crash-a'), serviceTask('b', 'crash-b'));

/** What the workers saw and what the engine acknowledged to them. */
class Workers {
  /** Business key → side effects performed, per task ('a:7'); an idempotent worker does each once. */
  readonly effects = new Map<string, number>();
  /** Handler invocations per job key (a job may come again after a time-out). */
  readonly deliveries = new Map<string, number>();
  /** Job keys whose completion the engine acknowledged, and per instance and task how many. */
  readonly ackedJobs = new Set<string>();
  readonly ackedPerTask = new Map<string, number>();
  readonly seenInstances = new Set<string>();
  readonly wrongInput: string[] = [];
  completedB = 0;
  private readonly inFlight = new Set<Promise<unknown>>();

  async open(zeebe: ZeebeGrpcClient): Promise<void> {
    for (const task of ['a', 'b'] as const) {
      await zeebe.streamJobs({
        type: `crash-${task}`,
        worker: `crash-${task}`,
        timeout: JOB_TIMEOUT,
        tenantIds: [],
        pollInterval: 60_000,
        taskHandler: (job) => {
          const n = job.variables.n as number;
          this.seenInstances.add(job.processInstanceKey);
          this.deliveries.set(job.key, (this.deliveries.get(job.key) ?? 0) + 1);
          if (task === 'b' && job.variables.a !== n * 2)
            this.wrongInput.push(`${n}: a=${String(job.variables.a)}`);
          const effect = `${task}:${n}`;
          if (!this.effects.has(effect)) this.effects.set(effect, 1); // the idempotent side effect
          // CompleteJob itself (not job.complete(), which reports success when a closing client
          // gives up): only an answer from the engine counts as acknowledged.
          const done = zeebe
            .completeJob({ jobKey: job.key, variables: task === 'a' ? { a: n * 2 } : { b: true } })
            .then(
              (answer) => {
                if (answer === null || answer === undefined) return; // client closed, no answer
                this.ackedJobs.add(job.key);
                const perTask = `${job.processInstanceKey}:${task}`;
                this.ackedPerTask.set(perTask, (this.ackedPerTask.get(perTask) ?? 0) + 1);
                if (task === 'b') this.completedB++;
              },
              () => undefined, // the engine went away before it answered: the job comes again
            )
            .finally(() => this.inFlight.delete(done));
          this.inFlight.add(done);
          return job.forward();
        },
      });
    }
  }

  /** Waits for answers to the completions sent (those to a killed engine are given up on with the client). */
  async settled(): Promise<void> {
    await Promise.race([Promise.all([...this.inFlight]), new Promise((r) => setTimeout(r, 3_000))]);
  }
}

function client(engine: EngineProcess): ZeebeGrpcClient {
  // No client-side retries: a request the engine did not answer stays unanswered.
  return new Camunda8({
    ...sdkConfig(engine.address),
    ZEEBE_GRPC_CLIENT_RETRY: false,
  } as never).getZeebeGrpcApiClient();
}

/** Closes a client; the SDK's close can wait long for a channel whose server was killed. */
function closeClient(zeebe: ZeebeGrpcClient): Promise<unknown> {
  return Promise.race([zeebe.close().catch(() => undefined), new Promise((r) => setTimeout(r, 2_000))]);
}

async function waitUntil(condition: () => boolean, timeoutMs: number, what: () => string): Promise<void> {
  const deadline = Date.now() + timeoutMs;
  while (!condition()) {
    if (Date.now() > deadline) throw new Error(`timed out waiting for ${what()}`);
    await new Promise((r) => setTimeout(r, 250));
  }
}

let dir: string;
const engines: EngineProcess[] = [];
const clients: ZeebeGrpcClient[] = [];
beforeEach(() => {
  dir = mkdtempSync(join(tmpdir(), 'zhuanban-crash-'));
});
afterEach(async () => {
  for (const e of engines.splice(0)) if (e.child.exitCode === null) await e.kill('SIGKILL');
  await Promise.all(clients.splice(0).map(closeClient));
  rmSync(dir, { recursive: true, force: true });
});

it(`completes each of ${INSTANCES} instances exactly once when the engine is SIGKILLed while streaming workers work on them`, async () => {
  const workers = new Workers();
  const acked = new Map<number, string>(); // business key → instance key, creation acknowledged
  const unanswered = new Set<number>(); // creation sent, engine died before answering
  let next = 0;
  let down = false;
  const sent = new Set<number>(); // sent, not answered yet
  const create = async (zeebe: ZeebeGrpcClient) => {
    while (next < INSTANCES && !down) {
      const n = next++;
      sent.add(n);
      try {
        const answer = await zeebe.createProcessInstance({ bpmnProcessId: 'crash', variables: { n } });
        if (answer) acked.set(n, answer.processInstanceKey);
      } catch {
        down = true; // the engine went away
      } finally {
        sent.delete(n);
      }
    }
  };
  /** After a kill: calls still in flight stay unanswered (the SDK may wait long before it gives up). */
  const creationsStopped = async (creators: Promise<unknown>) => {
    await Promise.race([creators, new Promise((r) => setTimeout(r, 3_000))]);
    for (const n of sent) unanswered.add(n);
    sent.clear();
  };

  // 1. Run, and kill the engine in the middle of it.
  const first = await startEngineProcess(dir, ['--rest-port', '0']);
  engines.push(first);
  const zeebe1 = client(first);
  clients.push(zeebe1);
  await zeebe1.deployResource({ process: Buffer.from(PROCESS), name: 'crash.bpmn' });
  await workers.open(zeebe1);
  const creators = Promise.all(Array.from({ length: 8 }, () => create(zeebe1)));
  await waitUntil(
    () => workers.completedB >= KILL_AFTER_COMPLETED,
    30_000,
    () => 'instances to complete',
  );
  await first.kill('SIGKILL');
  down = true;
  await creationsStopped(creators);
  const completedBeforeCrash = workers.completedB;
  await workers.settled();
  await closeClient(zeebe1);

  // 2. Start again on the same data directory; the workers (re)connect, creation goes on.
  const second = await startEngineProcess(dir, ['--rest-port', '0']);
  engines.push(second);
  const recovered = Number(/recovered (\d+) element instances/.exec(second.readyLine)![1]);
  const zeebe2 = client(second);
  clients.push(zeebe2);
  await workers.open(zeebe2);
  down = false;
  await Promise.all(Array.from({ length: 8 }, () => create(zeebe2)));
  // Done when every instance the journal knows has completed (a completion the engine made
  // durable but could not answer before it died is not acknowledged, yet it happened).
  const restartedAt = Date.now();
  const unfinished = () => {
    const records = readJournal(dir).filter((r) => r.recordType === 'EVENT');
    const ended = new Set(
      records
        .filter((r) => r.valueType === 'PROCESS_INSTANCE' && r.intent === 'ELEMENT_COMPLETED')
        .map((r) => r.key),
    );
    return records
      .filter(
        (r) => r.valueType === 'PROCESS_INSTANCE_CREATION' && r.intent === 'CREATED' && !ended.has(r.key),
      )
      .map((r) => String(r.key));
  };
  await waitUntil(
    () => Date.now() - restartedAt > JOB_TIMEOUT + 500 && unfinished().length === 0,
    40_000,
    () =>
      `every instance to complete; ${unfinished().length} did not, e.g. ${unfinished().slice(0, 3).join(', ')}`,
  );
  await workers.settled();
  await closeClient(zeebe2);
  await expect(second.kill('SIGTERM')).resolves.toEqual({ code: 0, signal: null });

  // The kill really hit a run in progress.
  expect(completedBeforeCrash).toBeGreaterThanOrEqual(KILL_AFTER_COMPLETED);
  expect(completedBeforeCrash).toBeLessThan(INSTANCES);
  expect(recovered).toBeGreaterThan(0);

  // 3. The journal: every created instance completed exactly once, nothing acknowledged is missing.
  const records = readJournal(dir);
  const events = records.filter((r) => r.recordType === 'EVENT');
  const created = new Map<string, number>(); // instance key → business key (its variable n)
  const businessKeys = new Map<string, number>();
  for (const r of events) {
    const v = r.value as { name: string; value: string; scopeKey: number };
    if (r.valueType === 'VARIABLE' && r.intent === 'CREATED' && v.name === 'n')
      businessKeys.set(String(v.scopeKey), JSON.parse(v.value) as number);
  }
  for (const r of events)
    if (r.valueType === 'PROCESS_INSTANCE_CREATION' && r.intent === 'CREATED')
      created.set(String(r.key), businessKeys.get(String(r.key))!);
  const completions = new Map<string, number>();
  const jobCompletions = new Map<string, number>();
  for (const r of events) {
    const v = r.value as { bpmnElementType?: string; processInstanceKey: number; elementId: string };
    if (
      r.valueType === 'PROCESS_INSTANCE' &&
      r.intent === 'ELEMENT_COMPLETED' &&
      v.bpmnElementType === 'PROCESS'
    )
      completions.set(String(r.key), (completions.get(String(r.key)) ?? 0) + 1);
    if (r.valueType === 'JOB' && r.intent === 'COMPLETED') {
      const k = `${v.processInstanceKey}:${v.elementId}`;
      jobCompletions.set(k, (jobCompletions.get(k) ?? 0) + 1);
    }
  }
  const completedJobKeys = new Set(
    events.filter((r) => r.valueType === 'JOB' && r.intent === 'COMPLETED').map((r) => String(r.key)),
  );

  expect(created.size).toBeGreaterThanOrEqual(500);
  // every acknowledged creation exists; every creation completed once; each business key once
  for (const [n, key] of acked) expect(created.get(key)).toBe(n);
  expect([...created.keys()].filter((k) => completions.get(k) !== 1)).toEqual([]);
  expect([...completions.keys()].filter((k) => !created.has(k))).toEqual([]);
  expect(new Set(created.values()).size).toBe(created.size);
  // an unanswered creation happened at most once (or not at all)
  for (const n of unanswered)
    expect([...created.values()].filter((v) => v === n).length).toBeLessThanOrEqual(1);
  // each task of each instance completed once in the engine; every acknowledged completion is there
  for (const key of created.keys())
    for (const task of ['a', 'b']) expect(jobCompletions.get(`${key}:${task}`)).toBe(1);
  expect([...workers.ackedJobs].filter((k) => !completedJobKeys.has(k))).toEqual([]);
  expect([...workers.ackedPerTask.values()].filter((n) => n !== 1)).toEqual([]);
  // the workers: one side effect per business key and task; task b always saw a's result
  expect(workers.effects.size).toBe(created.size * 2);
  expect(workers.wrongInput).toEqual([]);

  // 4. Nothing is left running: a third start recovers no element instances.
  const third = await startEngineProcess(dir, ['--rest-port', '0']);
  engines.push(third);
  expect(third.readyLine).toMatch(/recovered 0 element instances/);
});
