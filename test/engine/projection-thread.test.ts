// The projections' worker thread through the real parts: a thread that dies is started again and catches up;
// one that keeps dying stops the engine with a clear message; and `zhuanban engine` killed (SIGKILL) while it
// creates and completes instances comes back with projections that equal a rebuild from the journal.
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import Database from 'better-sqlite3';
import { Camunda8 } from '@camunda8/sdk';
import { chain, serviceTask } from './support/bpmn';
import { sdkConfig } from './support/harness';
import { startEngineProcess } from './support/engine-process';
import { eventually, startRestEngine, type RestTestEngine } from './rest/support/rest-harness';
import { TABLES } from '../../engine/projections/schema';

jest.setTimeout(120_000);

const PROCESS = chain('thread', serviceTask('work', 'thread-work'));

let dir: string;
let t: RestTestEngine | undefined;
beforeEach(() => {
  dir = mkdtempSync(join(tmpdir(), 'zb-projection-thread-'));
});
afterEach(async () => {
  await t?.close();
  t = undefined;
  rmSync(dir, { recursive: true, force: true });
});

async function createInstance(e: RestTestEngine): Promise<string> {
  return (await e.rest.createProcessInstance({ processDefinitionId: 'thread', variables: {} }))
    .processInstanceKey;
}

test('a projections thread that dies is started again and catches up with what was committed meanwhile', async () => {
  const log: string[] = [];
  t = await startRestEngine({ dataDir: dir, log: (m) => log.push(m) });
  await t.deploy({ name: 'thread.bpmn', content: PROCESS });
  const before = await createInstance(t);
  const projections = t.server.projections!;
  expect(projections.status().mode).toBe('thread');
  const first = projections.workerThread!;
  const ended = new Promise((resolve) => first.once('exit', resolve));
  await first.terminate();
  await ended;
  // Committed while no thread applies: the new one reads it from the journal.
  const during = await createInstance(t);
  const status = await eventually(
    async () => (await t!.http('GET', '/v2/projections/status')).json,
    (s) => s.lagRecords === 0,
  );
  expect(status.appliedPosition).toBe(t.server.engine.committedPosition);
  expect(projections.workerThread).not.toBe(first);
  expect(log.join('\n')).toMatch(/the thread ended \(exit code 1\) at position \d+; starting it again/);
  const found = await t.rest.searchProcessInstances({ filter: { state: 'ACTIVE' } });
  expect(found.items.map((i) => i.processInstanceKey).sort()).toEqual([before, during].sort());
});

test('a projections thread that keeps dying stops the engine, naming the cause', async () => {
  const failures: string[] = [];
  t = await startRestEngine({
    dataDir: dir,
    log: () => undefined,
    onStorageFailure: (message) => failures.push(message),
  });
  const projections = t.server.projections!;
  for (let i = 0; i < 4; i++) {
    const thread = await eventually(
      async () => projections.workerThread,
      (w) => w !== undefined,
    );
    const ended = new Promise((resolve) => thread!.once('exit', resolve));
    await thread!.terminate();
    await ended;
  }
  await eventually(
    async () => failures,
    (f) => f.length > 0,
  );
  expect(failures).toHaveLength(1);
  expect(failures[0]).toMatch(/REST projections/);
  expect(failures[0]).toMatch(/ended \(exit code 1\) 4 times within 60 s/);
});

/** Every projection table, rows in a stable order (the meta table with its position apart). */
function dump(dataDir: string): Record<string, unknown[]> {
  const db = new Database(join(dataDir, 'projections.db'), { readonly: true });
  try {
    const out: Record<string, unknown[]> = {};
    for (const table of TABLES) out[table] = db.prepare(`SELECT * FROM ${table} ORDER BY 1, 2, 3`).all();
    out.position = db.prepare("SELECT value FROM meta WHERE name = 'position'").all();
    return out;
  } finally {
    db.close();
  }
}

test('killed while applying under load, the projections catch up on restart and equal a rebuild', async () => {
  let engine = await startEngineProcess(dir, ['--rest-port', '0', '--sync', 'normal'], { timeoutMs: 60_000 });
  const zeebe = new Camunda8(sdkConfig(engine.address) as never).getZeebeGrpcApiClient();
  await zeebe.deployResource({ process: Buffer.from(PROCESS), name: 'thread.bpmn' });
  await zeebe.streamJobs({
    type: 'thread-work',
    worker: 'thread',
    timeout: 60_000,
    tenantIds: [],
    taskHandler: (job) => job.complete({ done: true }),
  });
  /** Instances whose creation the engine acknowledged. */
  const acknowledged = new Set<string>();
  let stop = false;
  const creators = Array.from({ length: 50 }, async () => {
    while (!stop) {
      try {
        const answer = await zeebe.createProcessInstance({ bpmnProcessId: 'thread', variables: {} });
        if (!answer?.processInstanceKey) return; // the engine was killed
        acknowledged.add(answer.processInstanceKey);
      } catch {
        return;
      }
    }
  });
  await eventually(
    async () => acknowledged.size,
    (n) => n >= 1_000,
    60_000,
  );
  await engine.kill('SIGKILL');
  stop = true;
  await Promise.race([Promise.all(creators), new Promise((r) => setTimeout(r, 5_000))]);
  await zeebe.close();

  const rest = async (e: typeof engine) => /REST (http:\/\/\S+?),/.exec(e.readyLine)![1];
  const caughtUp = async (e: typeof engine) => {
    const address = await rest(e);
    return eventually(
      async () => (await (await fetch(`${address}/v2/projections/status`)).json()) as Record<string, number>,
      (s) => s.lagRecords === 0,
      30_000,
    );
  };
  engine = await startEngineProcess(dir, ['--rest-port', '0', '--sync', 'normal'], { timeoutMs: 60_000 });
  const resumed = await caughtUp(engine);
  expect(resumed.appliedPosition).toBeGreaterThan(0);
  expect((await engine.kill('SIGTERM')).code).toBe(0);
  const incremental = dump(dir);
  const projected = new Set((incremental.process_instances as { key: number }[]).map((r) => String(r.key)));
  expect([...acknowledged].filter((key) => !projected.has(key))).toEqual([]);

  for (const suffix of ['', '-wal', '-shm']) rmSync(join(dir, `projections.db${suffix}`), { force: true });
  engine = await startEngineProcess(dir, ['--rest-port', '0', '--sync', 'normal'], { timeoutMs: 60_000 });
  await caughtUp(engine);
  expect((await engine.kill('SIGTERM')).code).toBe(0);
  expect(dump(dir)).toEqual(incremental);
});
