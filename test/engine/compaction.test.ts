// Journal compaction is opt-in (compactJournal, `zhuanban engine --compact-journal`): after a
// snapshot the batches it covers are deleted, but never those a reader holding the journal
// (Engine.holdJournal, e.g. projections) has not got past. Without it the journal keeps everything.
// After compaction the engine starts from the snapshot and carries on with new positions and keys.
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { Engine, type EngineOptions } from '../../engine/engine';
import { chain, serviceTask } from './support/bpmn';
import { readJournal, startEngineProcess } from './support/engine-process';

jest.setTimeout(60_000);

let dir: string;
const open: Engine[] = [];
beforeEach(() => {
  dir = mkdtempSync(join(tmpdir(), 'zhuanban-compaction-'));
});
afterEach(async () => {
  for (const e of open.splice(0)) await e.close();
  rmSync(dir, { recursive: true, force: true });
});

async function start(options: Partial<EngineOptions> = {}): Promise<Engine> {
  const engine = await Engine.start({ dataDir: dir, sync: 'off', ...options });
  open.push(engine);
  return engine;
}

async function closeEngine(engine: Engine): Promise<void> {
  open.splice(open.indexOf(engine), 1);
  await engine.close();
}

async function run(engine: Engine, instances: number): Promise<number[]> {
  const keys: number[] = [];
  for (let i = 0; i < instances; i++) {
    const r = await engine.execute('PROCESS_INSTANCE_CREATION', 'CREATE', {
      bpmnProcessId: 'compact',
      version: -1,
      processDefinitionKey: -1,
      processInstanceKey: -1,
      variables: { i },
      startInstructions: [],
      fetchVariables: [],
      tenantId: '<default>',
    });
    if (!r.ok) throw new Error(r.reason);
    keys.push((r.value as { processInstanceKey: number }).processInstanceKey);
  }
  await engine.flush();
  return keys;
}

async function deploy(engine: Engine): Promise<void> {
  const r = await engine.deploy([
    { name: 'c.bpmn', content: chain('compact', serviceTask('task', 'later')) },
  ]);
  if (!r.ok) throw new Error(r.reason);
}

it('keeps the whole journal after snapshots by default', async () => {
  const engine = await start();
  await deploy(engine);
  await run(engine, 10);
  engine.snapshot();
  await engine.flush();
  expect(engine.journalExtent().firstPosition).toBe(1);
});

it('deletes what a snapshot covers only up to where every reader holding the journal got', async () => {
  const engine = await start({ compactJournal: true });
  await deploy(engine);
  const reader = engine.holdJournal('test reader', 0);
  await run(engine, 10);
  const readerPosition = engine.lastPosition;
  await run(engine, 10);

  engine.snapshot();
  await engine.flush();
  expect(engine.journalExtent().firstPosition).toBe(1); // the reader is still at 0

  reader.advance(readerPosition);
  engine.snapshot();
  await engine.flush();
  const first = engine.journalExtent().firstPosition;
  expect(first).toBeGreaterThan(1);
  expect(first).toBeLessThanOrEqual(readerPosition + 1);
  // what the reader still needs is all there, from its position on
  const kept = [...engine.recordsAfter(readerPosition)].flat();
  expect(kept[0].position).toBe(readerPosition + 1);

  reader.release();
  engine.snapshot();
  await engine.flush();
  expect(engine.journalExtent().batches).toBe(0);
});

it('starts from the snapshot of a compacted journal and goes on with new positions and keys', async () => {
  const engine = await start({ compactJournal: true });
  await deploy(engine);
  const before = await run(engine, 15);
  const live = engine.stateJson();
  const lastPosition = engine.lastPosition;
  await closeEngine(engine); // snapshot at close, then everything it covers is deleted

  const again = await start({ compactJournal: true });
  expect(again.recovery).toMatchObject({ fromSnapshot: true, replayedRecords: 0 });
  expect(again.journalExtent().batches).toBe(0);
  expect(again.stateJson()).toEqual(live);
  const after = await run(again, 3);
  expect(Math.min(...after)).toBeGreaterThan(Math.max(...before));
  expect(again.journalExtent().firstPosition).toBe(lastPosition + 1);
  expect(again.state.elements.size).toBe((15 + 3) * 2);
});

it('is switched on by zhuanban engine --compact-journal', async () => {
  const again = await start();
  await deploy(again);
  await run(again, 3);
  await closeEngine(again); // no compaction here: the records stay
  expect(readJournal(dir).length).toBeGreaterThan(0);

  const compacting = await startEngineProcess(dir, ['--rest-port', 'off', '--compact-journal']);
  expect(compacting.readyLine).toMatch(/recovered 6 element instances from a snapshot and 0 records/);
  await expect(compacting.kill('SIGTERM')).resolves.toEqual({ code: 0, signal: null });
  expect(readJournal(dir)).toEqual([]);
});
