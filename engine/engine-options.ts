// What an embedded engine is started with, and the shapes it hands its readers: a hold on the journal, the
// record stream's listener, what the start-up recovery found.
import type { SyncMode } from './journal/journal';
import type { EngineRecord } from './protocol/record';

export interface EngineOptions {
  /** Directory for the journal (`journal.db`); ':memory:' keeps nothing on disk (tests). */
  dataDir: string;
  sync?: SyncMode;
  /** Take a snapshot after this many records (default 1,000,000: replaying them takes about 1.5 s) … */
  snapshotEveryRecords?: number;
  /** … or after this many milliseconds with new records (default 10 minutes). */
  snapshotEveryMillis?: number;
  maxQueuedCommands?: number;
  /**
   * Delete journal batches once a snapshot covers them and every reader holding the journal
   * (holdJournal) has gone past them. Off by default: the journal then keeps the whole history,
   * which readers such as the REST projections can rebuild from.
   */
  compactJournal?: boolean;
  /** Below this much free space in the data folder client commands are refused (0: no check; default 256 MiB). */
  minFreeDiskBytes?: number;
  /** A write to the data folder failed: default, print the message and exit (the engine cannot go on). */
  onStorageFailure?: (message: string, error: unknown) => void;
  log?: (message: string) => void;
}

/** A reader's claim on the journal: batches after `position` are kept for it (with compactJournal). */
export interface JournalHold {
  /** The reader has what it needs up to and including this position. */
  advance(position: number): void;
  release(): void;
}

export type RecordListener = (records: EngineRecord[]) => void;

/** What the start-up recovery found. */
export interface RecoveryInfo {
  fromSnapshot: boolean;
  /** Records replayed after the snapshot. */
  replayedRecords: number;
  elementInstances: number;
  jobs: number;
  timers: number;
  millis: number;
}
