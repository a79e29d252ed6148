// Start-up time with a large journal: 10,000 running instances (waiting at a service task) and a
// million journal records of instances that ran to completion. The data directory is generated
// once with the engine in-process (its command API, no gRPC: only the journal matters here), then
// `zhuanban engine` is started on copies of it and timed up to its ready line, for three journal
// shapes: the snapshot written at shutdown (nothing to replay), a snapshot followed by a tail of
// records (a crash just before the next periodic snapshot), and no snapshot at all (everything
// replayed).
import { cpSync, mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import Database from 'better-sqlite3';
import { Engine } from '../../engine/engine';
import type { JobValue } from '../../engine/protocol/values';
import { chain, serviceTask } from '../engine/support/bpmn';
import { benchVariables, median, startBenchEngine } from './support';

export interface StartupShape {
  name: string;
  replayedRecords: number;
  /** Spawn → ready line (ms), median of the runs. */
  readyMillis: number;
  /** The engine's own recovery time (snapshot load + replay), median. */
  recoveryMillis: number;
  runs: number[];
}

export interface StartupResult {
  records: number;
  running: number;
  journalMegabytes: number;
  generateSeconds: number;
  shapes: StartupShape[];
}

const JOB: JobValue = {
  type: '',
  worker: '',
  retries: 0,
  retryBackoff: 0,
  recurringTime: -1,
  deadline: -1,
  timeout: -1,
  errorMessage: '',
  errorCode: '',
  customHeaders: {},
  variables: { checked: true },
  elementId: '',
  elementInstanceKey: -1,
  processInstanceKey: -1,
  bpmnProcessId: '',
  processDefinitionVersion: -1,
  processDefinitionKey: -1,
  tenantId: '<default>',
};

function create(engine: Engine, bpmnProcessId: string, i: number) {
  return engine.execute('PROCESS_INSTANCE_CREATION', 'CREATE', {
    bpmnProcessId,
    version: -1,
    processDefinitionKey: -1,
    processInstanceKey: -1,
    variables: benchVariables(i),
    startInstructions: [],
    fetchVariables: [],
    tenantId: '<default>',
  });
}

/** Writes the journal: completed instances until `records` records, a snapshot `tail` records before the end, then `running` waiting instances. */
async function generate(
  dir: string,
  records: number,
  running: number,
  tail: number,
  progress: (message: string) => void,
): Promise<{ written: number; tailSnapshot: unknown[] }> {
  const engine = await Engine.start({ dataDir: dir, sync: 'off', snapshotEveryRecords: Infinity });
  let written = 0;
  engine.onRecords((r) => (written += r.length));
  const deployed = await engine.deploy([
    { name: 'bench.bpmn', content: chain('bench', serviceTask('task', 'bench-work')) },
    { name: 'waiting.bpmn', content: chain('waiting', serviceTask('task', 'bench-wait')) },
  ]);
  if (!deployed.ok) throw new Error(deployed.reason);
  engine.streams.add({
    type: 'bench-work',
    worker: 'bench',
    timeout: 60_000,
    fetchVariables: [],
    tenantIds: [],
    push: (job) => {
      void engine.execute('JOB', 'COMPLETE', { ...JOB }, job.key);
      return true;
    },
  });
  const target = records - running * 15; // a waiting instance writes about 15 records
  let tailSnapshot: unknown[] = [];
  let i = 0;
  let reported = 0;
  while (written < target) {
    const wave = Array.from({ length: 500 }, () => create(engine, 'bench', i++));
    await Promise.all(wave);
    await engine.flush();
    if (tailSnapshot.length === 0 && written >= records - tail) {
      engine.snapshot();
      await engine.flush();
      const db = new Database(join(dir, 'journal.db'), { readonly: true });
      tailSnapshot = Object.values(db.prepare('SELECT * FROM snapshots').get() as object);
      db.close();
    }
    if (written - reported >= 100_000) {
      reported = written;
      progress(`  generating: ${written.toLocaleString('en')} records …`);
    }
  }
  for (let n = 0; n < running; n += 500)
    await Promise.all(
      Array.from({ length: Math.min(500, running - n) }, () => create(engine, 'waiting', i++)),
    );
  await engine.flush();
  await engine.close();
  return { written, tailSnapshot };
}

function withSnapshot(dir: string, row: unknown[] | undefined): void {
  const db = new Database(join(dir, 'journal.db'));
  db.exec('DELETE FROM snapshots');
  if (row) db.prepare('INSERT INTO snapshots VALUES (?, ?, ?, ?, ?)').run(...row);
  db.close();
}

export async function measureStartup(
  options: { records?: number; running?: number; tail?: number; runs?: number },
  progress: (message: string) => void,
): Promise<StartupResult> {
  const records = options.records ?? 1_000_000;
  const running = options.running ?? 10_000;
  const tail = options.tail ?? 200_000;
  const runs = options.runs ?? 3;
  const base = mkdtempSync(join(tmpdir(), 'zhuanban-startup-'));
  try {
    const source = join(base, 'source');
    const started = performance.now();
    const { written, tailSnapshot } = await generate(source, records, running, tail, progress);
    const generateSeconds = (performance.now() - started) / 1000;
    const db = new Database(join(source, 'journal.db'), { readonly: true });
    const pages = db.pragma('page_count', { simple: true }) as number;
    const pageSize = db.pragma('page_size', { simple: true }) as number;
    const finalSnapshot = Object.values(db.prepare('SELECT * FROM snapshots').get() as object);
    db.close();
    const shapes: StartupShape[] = [];
    for (const [name, row] of [
      ['snapshot at shutdown', finalSnapshot],
      [`snapshot + ${tail.toLocaleString('en')}-record tail`, tailSnapshot],
      ['no snapshot (full replay)', undefined],
    ] as const) {
      const times: number[] = [];
      const recoveries: number[] = [];
      let replayed = 0;
      for (let r = 0; r < runs; r++) {
        const copy = join(base, `run-${shapes.length}-${r}`);
        cpSync(source, copy, { recursive: true });
        withSnapshot(copy, row as unknown[] | undefined);
        const engine = await startBenchEngine(copy, {});
        const m = /from (?:a snapshot and )?(\d+) records in (\d+) ms/.exec(engine.readyLine);
        replayed = Number(m?.[1] ?? NaN);
        recoveries.push(Number(m?.[2] ?? NaN));
        times.push(engine.startMillis);
        await engine.kill('SIGKILL');
        rmSync(copy, { recursive: true, force: true });
      }
      shapes.push({
        name,
        replayedRecords: replayed,
        readyMillis: median(times),
        recoveryMillis: median(recoveries),
        runs: times.map(Math.round),
      });
    }
    return {
      records: written,
      running,
      journalMegabytes: (pages * pageSize) / 1e6,
      generateSeconds,
      shapes,
    };
  } finally {
    rmSync(base, { recursive: true, force: true });
  }
}
