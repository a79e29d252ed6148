// The projections' worker thread (projections.ts starts it for a data folder): it reads the committed
// batches from the journal itself — the engine's thread only tells it how far the journal is committed —
// and applies them to projections.db, so the engine's thread spends nothing on the read models.
// Messages in: { committed, names? } | { purge: cutoff } | 'close'. Out: { ready } once caught up,
// { applied } after each transaction, { purged }, { log }, { error } (applying failed: the engine stops),
// { closed }.
import { parentPort, workerData } from 'node:worker_threads';
import { Journal } from '../journal/journal';
import { ProjectionWriter } from './projection-writer';
import { ModelNameTable, type DefinitionNames } from './model-names';

export interface ProjectionThreadData {
  file: string;
  journal: string;
  journalEnd: number;
  names: DefinitionNames[];
  optimizeEveryMillis: number;
}

export type ProjectionThreadMessage =
  { committed: number; names?: DefinitionNames[] } | { purge: number } | 'close';

const data = workerData as ProjectionThreadData;
const port = parentPort!;
const names = new ModelNameTable(data.names);

function fail(e: unknown): void {
  port.postMessage({
    error: String((e instanceof Error && e.stack) || e),
    code: (e as { code?: string }).code,
  });
}

let journal: Journal;
let writer: ProjectionWriter;
try {
  journal = new Journal(data.journal, 'full', { readonly: true });
  writer = new ProjectionWriter({
    file: data.file,
    journalEnd: data.journalEnd,
    names,
    log: (message) => port.postMessage({ log: message }),
    onApplied: (applied) => port.postMessage({ applied }),
    onFailure: fail,
  });
  writer.catchUp(journal.recordsAfter(writer.position));
  port.postMessage({ ready: writer.position });
} catch (e) {
  fail(e);
  throw e;
}

/** The last position read from the journal (queued in the writer, maybe not applied yet). */
let read = writer.position;
let committed = read;
let reading = false;

function readJournal(): void {
  reading = false;
  if (read >= committed) return;
  try {
    for (const records of journal.recordsAfter(read)) {
      if (records.length === 0) continue;
      writer.enqueue(records);
      read = records[records.length - 1].position;
    }
  } catch (e) {
    fail(e);
  }
}

const optimizer = setInterval(() => writer.optimize(), data.optimizeEveryMillis);
optimizer.unref();

port.on('message', (m: ProjectionThreadMessage) => {
  if (m === 'close') {
    clearInterval(optimizer);
    readJournal();
    writer.close();
    journal.close();
    port.postMessage({ closed: writer.position });
    port.close();
    return;
  }
  if ('purge' in m) {
    try {
      port.postMessage({ purged: writer.purge(m.purge) });
    } catch (e) {
      fail(e);
    }
    return;
  }
  if (m.names) names.add(m.names);
  if (m.committed > committed) committed = m.committed;
  // Several notices in one turn become one read (and one transaction).
  if (!reading) {
    reading = true;
    setImmediate(readJournal);
  }
});
