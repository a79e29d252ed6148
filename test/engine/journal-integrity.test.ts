// The journal's chained checksums: an intact journal verifies (offline with `zhuanban engine --verify DIR`, and at
// every start), a batch changed or lost in the middle stops the start naming the batch, a damaged last batch — a
// write torn by a crash — is cut and the engine goes on, and compacted or pre-checksum journals still verify.
import Database from 'better-sqlite3';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { Engine } from '../../engine/engine';
import { Journal } from '../../engine/journal/journal';
import { chain, serviceTask } from './support/bpmn';
import { startTestEngine } from './support/harness';
import { spawnCli } from './support/engine-process';

jest.setTimeout(60_000);

let dir: string;
beforeEach(() => {
  dir = mkdtempSync(join(tmpdir(), 'zhuanban-journal-'));
});
afterEach(() => rmSync(dir, { recursive: true, force: true }));

/** Runs an engine on `dir`: one deployment and `instances` process instances, each its own request. */
async function fill(instances: number, options: { compactJournal?: boolean } = {}): Promise<string[]> {
  const t = await startTestEngine({ dataDir: dir, sync: 'normal', ...options });
  const keys: string[] = [];
  try {
    await t.zeebe.deployResource({
      process: Buffer.from(chain('integrity', serviceTask('work', 'integrity.work'))),
      name: 'integrity.bpmn',
    });
    for (let i = 0; i < instances; i++)
      keys.push(
        (await t.zeebe.createProcessInstance({ bpmnProcessId: 'integrity', variables: { i } }))
          .processInstanceKey,
      );
    if (options.compactJournal) t.server.engine.snapshot();
  } finally {
    await t.close();
  }
  return keys;
}

function sql<T>(run: (db: Database.Database) => T): T {
  const db = new Database(join(dir, 'journal.db'));
  try {
    return run(db);
  } finally {
    db.close();
  }
}

const batchIds = () =>
  sql((db) => (db.prepare('SELECT id FROM batches ORDER BY id').all() as { id: number }[]).map((r) => r.id));

async function verifyCli(): Promise<{ code: number | null; out: string }> {
  const p = spawnCli(['engine', '--verify', dir]);
  const { code } = await p.exited;
  return { code, out: p.stdout() + p.stderr() };
}

async function startEngine(log: string[] = []): Promise<Engine> {
  return Engine.start({ dataDir: dir, sync: 'normal', log: (m) => log.push(m) });
}

it('verifies an intact journal offline and at start; every batch carries a checksum', async () => {
  await fill(5);
  const rows = sql((db) => db.prepare('SELECT COUNT(*) AS n, COUNT(checksum) AS c FROM batches').get()) as {
    n: number;
    c: number;
  };
  expect(rows.n).toBeGreaterThan(5);
  expect(rows.c).toBe(rows.n);
  const v = await verifyCli();
  expect(v.code).toBe(0);
  expect(v.out).toContain('journal intact');
  expect(v.out).toContain(`${rows.n} with checksums`);
  const engine = await startEngine();
  await engine.close();
});

it('stores non-ASCII text as written: the writer thread gets UTF-8 bytes, hashes them and stores their text', async () => {
  const title = '关于“营商环境”整改的督办 — 第3批 🚩';
  const t = await startTestEngine({ dataDir: dir, sync: 'normal' });
  try {
    await t.zeebe.deployResource({
      process: Buffer.from(chain('integrity', serviceTask('work', 'integrity.work'))),
      name: 'integrity.bpmn',
    });
    await t.zeebe.createProcessInstance({ bpmnProcessId: 'integrity', variables: { title } });
  } finally {
    await t.close();
  }
  const types = sql((db) => db.prepare('SELECT DISTINCT typeof(data) AS t FROM batches').all());
  expect(types).toEqual([{ t: 'text' }]);
  const journal = new Journal(join(dir, 'journal.db'), 'full', { readonly: true });
  try {
    const values = [...journal.readAfter(0)]
      .flatMap((b) => b.records)
      .filter((r) => r.valueType === 'VARIABLE' && r.intent === 'CREATED')
      .map((r) => (r.value as { name: string; value: string }).value);
    expect(values).toEqual([JSON.stringify(title)]);
  } finally {
    journal.close();
  }
  const v = await verifyCli();
  expect([v.code, v.out]).toEqual([0, expect.stringContaining('journal intact')]);
});

it('refuses to start on a batch changed in the middle, naming it, and --verify reports it', async () => {
  await fill(5);
  const ids = batchIds();
  const victim = ids[Math.floor(ids.length / 2)]!;
  // One key changed, the records still decode: only the checksum can tell.
  sql((db) => db.prepare('UPDATE batches SET last_key = last_key + 1 WHERE id = ?').run(victim));
  await expect(startEngine()).rejects.toThrow(
    new RegExp(`journal is damaged at batch ${victim}: its checksum does not match`),
  );
  const v = await verifyCli();
  expect(v.code).toBe(1);
  expect(v.out).toContain(`batch ${victim}`);
  // Nothing was changed by the refused start: the damage is still there to be examined.
  expect(batchIds()).toEqual(ids);
});

it('refuses to start when a batch in the middle is missing', async () => {
  await fill(4);
  const ids = batchIds();
  const gone = ids[2]!;
  sql((db) => db.prepare('DELETE FROM batches WHERE id = ?').run(gone));
  await expect(startEngine()).rejects.toThrow(new RegExp(`damaged at batch ${gone}: missing`));
  expect((await verifyCli()).out).toContain(`batch ${gone}: missing`);
});

it('cuts a torn last batch, says so, and the journal goes on with an intact chain', async () => {
  const keys = await fill(3);
  const ids = batchIds();
  const last = ids[ids.length - 1]!;
  // The crash came before any snapshot covered the last batch, and its write was torn.
  sql((db) => {
    db.prepare('DELETE FROM snapshots WHERE batch_id >= ?').run(last);
    db.prepare('UPDATE batches SET data = substr(data, 1, length(data) / 2) WHERE id = ?').run(last);
  });
  const log: string[] = [];
  const engine = await startEngine(log);
  try {
    expect(log.join('\n')).toMatch(new RegExp(`last journal batch \\(${last},.*was cut`));
    expect(engine.state.elements.size).toBeGreaterThan(0);
  } finally {
    await engine.close();
  }
  // The cut batch's id is taken by whatever the engine wrote next.
  expect(batchIds().slice(0, ids.length - 1)).toEqual(ids.slice(0, -1));
  // Written after the cut, chained to the batch before it.
  await fill(2);
  const v = await verifyCli();
  expect([v.code, v.out]).toEqual([0, expect.stringContaining('journal intact')]);
  expect(keys).toHaveLength(3);
});

it('verifies a compacted journal from its anchor, and a journal written before checksums', async () => {
  await fill(3, { compactJournal: true });
  await fill(2);
  const anchor = sql((db) => db.prepare("SELECT value FROM meta WHERE name = 'chain_anchor'").get()) as
    { value: string } | undefined;
  expect(anchor?.value).toMatch(/^\d+:[0-9a-f]{64}$/);
  expect(batchIds()[0]).toBe(Number(anchor!.value.split(':')[0]) + 1);
  expect((await verifyCli()).code).toBe(0);

  rmSync(dir, { recursive: true, force: true });
  dir = mkdtempSync(join(tmpdir(), 'zhuanban-journal-'));
  await fill(3);
  sql((db) => db.exec('UPDATE batches SET checksum = NULL'));
  await fill(2);
  const v = await verifyCli();
  expect(v.code).toBe(0);
  const engine = await startEngine();
  await engine.close();
});
