// A problem a review found opened as a ledger item (source case_review) and its rectification process started
// with it — the one path behind a sampled case's "立为整改事项" and a long-pending case's 即时整改. Idempotent by
// origin: asking again returns the same item and starts a process still missing; `link` records the item on
// its origin before the start, so a failed start leaves a linked item for the reconciler.
import type { Actor } from '../audit';
import type { Db } from '../db/client';
import { openLedgerItem } from '../ledger/ledger-items';
import { ensureLedgerProcess, type ProcessStarter } from '../ledger/ledger-process';

export interface ReviewProblemOrigin {
  sourceRef: string;
  originKey: string;
  problem: string;
  leadUnitCode: string;
  dueAt?: Date;
}

type OpenedItem = Awaited<ReturnType<typeof openLedgerItem>>;

export async function openReviewLedgerItem(
  db: Db,
  actor: Actor,
  origin: ReviewProblemOrigin,
  link: (item: OpenedItem) => Promise<void>,
  now: Date,
  processes?: ProcessStarter,
) {
  const item = await openLedgerItem(db, actor, { source: 'case_review', ...origin }, now);
  await link(item);
  if (!processes) return item;
  const run = await ensureLedgerProcess(db, processes, item.id);
  return { ...item, processInstanceKey: run.processInstanceKey };
}
