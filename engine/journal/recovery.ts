// Recovery on start: parse every deployed resource (models must exist before appliers run), load the
// latest snapshot, replay the events of the journal after it, and collect the follow-up commands that
// were written but not processed — they are processed again before anything new.
import type { Journal } from './journal';
import type { State, StateSnapshot } from '../state/state';
import type { KeyGenerator } from '../protocol/keys';
import type { ModelCache } from '../model/cache';
import type { EngineRecord } from '../protocol/record';
import { applyEvent } from '../appliers';

export interface Recovered {
  fromSnapshot: boolean;
  /** Position of the last record replayed (or of the snapshot). */
  position: number;
  /** Follow-up commands written but not processed, in log order. */
  pending: EngineRecord[];
  replayedRecords: number;
}

export async function recover(
  journal: Journal,
  state: State,
  keys: KeyGenerator,
  models: ModelCache,
): Promise<Recovered> {
  for (const r of journal.resources()) {
    if (/\.dmn$/i.test(r.name)) await models.prepareDmn(r.content);
    else await models.prepare(r.content);
  }
  const snapshot = journal.latestSnapshot();
  const pending = new Map<number, EngineRecord>();
  let position = 0;
  if (snapshot) {
    state.load(snapshot.state as StateSnapshot);
    keys.advanceTo(snapshot.lastKey);
    position = snapshot.position;
    for (const c of snapshot.pending) pending.set(c.position, c);
  }
  let replayed = 0;
  for (const batch of journal.readAfter(snapshot?.batchId ?? 0)) {
    for (const r of batch.records) {
      if (r.recordType === 'EVENT') {
        try {
          applyEvent(state, r);
        } catch (e) {
          // The same applier failed the same way when the event was written (a bug, see engine/README).
          console.error(
            `engine: replaying ${r.valueType}.${r.intent} at ${r.position} failed as it did when written:`,
            e,
          );
        }
      } else if (r.recordType === 'COMMAND' && r.sourceRecordPosition >= 0) {
        pending.set(r.position, r);
      }
      position = r.position;
      replayed++;
    }
    for (const p of batch.processed) pending.delete(p);
    keys.advanceTo(batch.lastKey);
  }
  return {
    fromSnapshot: snapshot !== undefined,
    position,
    pending: [...pending.values()].sort((a, b) => a.position - b.position),
    replayedRecords: replayed,
  };
}
