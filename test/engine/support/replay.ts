// Replaying a test engine's journal in a second engine: a copy of the data folder's journal (with
// or without its snapshots) and the state an engine started on that copy rebuilds.
import { mkdirSync } from 'node:fs';
import { join } from 'node:path';
import Database from 'better-sqlite3';
import { Engine } from '../../../engine/engine';

/** The data folder's journal copied into `dir/name`, optionally without its snapshots. */
export async function copyJournal(dir: string, name: string, keepSnapshot: boolean): Promise<string> {
  const copy = join(dir, name);
  mkdirSync(copy);
  const source = new Database(join(dir, 'journal.db'), { readonly: true });
  await source.backup(join(copy, 'journal.db'));
  source.close();
  if (!keepSnapshot) {
    const db = new Database(join(copy, 'journal.db'));
    db.exec('DELETE FROM snapshots');
    db.close();
  }
  return copy;
}

/** The state an engine rebuilds from the copy, and whether it started from a snapshot. */
export async function replayedState(
  copy: string,
): Promise<{ json: string; fromSnapshot: boolean; replayed: number }> {
  const engine = await Engine.start({ dataDir: copy, sync: 'off' });
  try {
    return {
      json: engine.stateJson(),
      fromSnapshot: engine.recovery!.fromSnapshot,
      replayed: engine.recovery!.replayedRecords,
    };
  } finally {
    await engine.close();
  }
}

/** The state an engine rebuilds from a copy of the journal as it is — asserted to hold no snapshot, so it is the journal alone. */
export async function journalOnlyState(dir: string, name: string): Promise<string> {
  const { json, fromSnapshot } = await replayedState(await copyJournal(dir, name, true));
  expect(fromSnapshot).toBe(false);
  return json;
}
