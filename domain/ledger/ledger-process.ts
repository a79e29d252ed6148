// Every open ledger item runs the rectification process. An item opened outside the process (the API, the
// spreadsheet import, a case review, the demo) is first committed without a process instance — the pending
// start — and then its instance is started with the item's number as the business key (`ledgerNumber`); the
// process's first worker links the instance to the item. If the engine call fails, or the web dies between the
// engine's answer and the link, the item stays pending and is started again by the reconciler, which first asks
// the engine whether an instance already carries the number, so a retry never makes a second instance. Two
// starters racing for one item: the link is a compare-and-set, and the loser cancels its own instance.
import type { Db } from '../db/client';
import { localDate } from '../calendar/deadline';

/** The public engine calls the pending start needs (REST v2 in the web, gRPC in workers, a fake in no test). */
export interface ProcessStarter {
  /** Creates an instance of the latest version of processId; answers its key. */
  start(processId: string, variables: Record<string, unknown>): Promise<string>;
  cancel(processInstanceKey: string): Promise<void>;
  /** The key of an active instance of processId whose variable `name` holds `value`, if any. */
  activeInstanceWith(processId: string, name: string, value: string): Promise<string | null>;
}

export const ledgerProcessId = 'rectification';

/** What the opening form would have submitted, taken from the item (the process routes on these). */
async function startVariables(db: Db, itemId: number) {
  const item = await db.ledgerItem.findUniqueOrThrow({
    where: { id: itemId },
    include: { leadUnit: { select: { code: true } }, assistingUnits: { include: { unit: true } } },
  });
  return {
    item,
    variables: {
      ledgerNumber: item.number,
      source: item.source,
      sourceRef: item.sourceRef,
      problem: item.problem,
      category: item.category,
      measures: item.measures,
      leadUnitCode: item.leadUnit.code,
      assistingUnitCodes: item.assistingUnits.map((a) => a.unit.code),
      dueDate: localDate(item.dueAt),
      originKey: item.originKey,
    },
  };
}

export type LinkOutcome = { linked: true } | { linked: false; owner: string };

/** Sets the item's instance if it has none (compare-and-set); answers who owns the item afterwards. */
export async function linkLedgerInstance(db: Db, number: string, key: string): Promise<LinkOutcome> {
  await db.ledgerItem.updateMany({
    where: { number, processInstanceKey: null },
    data: { processInstanceKey: key },
  });
  const item = await db.ledgerItem.findUniqueOrThrow({
    where: { number },
    select: { processInstanceKey: true },
  });
  return item.processInstanceKey === key
    ? { linked: true }
    : { linked: false, owner: item.processInstanceKey! };
}

export interface EnsureResult {
  number: string;
  processInstanceKey: string | null;
  /** An instance was created by this call (not found running, not linked before). */
  started: boolean;
  /** The engine could not be reached: the item stays pending and the reconciler starts it. */
  error?: string;
}

/** Makes sure the item runs its process: nothing for a linked or closed item, else find or start its instance. */
export async function ensureLedgerProcess(
  db: Db,
  starter: ProcessStarter,
  itemId: number,
): Promise<EnsureResult> {
  const { item, variables } = await startVariables(db, itemId);
  if (item.processInstanceKey || item.status === 'closed')
    return { number: item.number, processInstanceKey: item.processInstanceKey, started: false };
  try {
    const running = await starter.activeInstanceWith(ledgerProcessId, 'ledgerNumber', item.number);
    const key = running ?? (await starter.start(ledgerProcessId, variables));
    const link = await linkLedgerInstance(db, item.number, key);
    if (link.linked) return { number: item.number, processInstanceKey: key, started: !running };
    // Someone else linked first: ours is surplus (never the found one — that one would be the owner).
    if (!running) await starter.cancel(key);
    return { number: item.number, processInstanceKey: link.owner, started: false };
  } catch (e) {
    return {
      number: item.number,
      processInstanceKey: null,
      started: false,
      error: e instanceof Error ? e.message : String(e),
    };
  }
}

/** Open items without an instance, committed at least graceMs ago (younger ones are being started now). */
export async function pendingLedgerItems(db: Db, now: Date, graceMs: number) {
  return db.ledgerItem.findMany({
    where: {
      processInstanceKey: null,
      status: { not: 'closed' },
      createdAt: { lte: new Date(now.getTime() - graceMs) },
    },
    select: { id: true },
    orderBy: { id: 'asc' },
    take: 200,
  });
}

/** The reconciler's pass: starts the process of every pending item; answers what it did. */
export async function startPendingLedgerProcesses(
  db: Db,
  starter: ProcessStarter,
  options: { now?: Date; graceMs?: number } = {},
): Promise<EnsureResult[]> {
  const pending = await pendingLedgerItems(db, options.now ?? new Date(), options.graceMs ?? 60_000);
  const results: EnsureResult[] = [];
  for (const p of pending) {
    const r = await ensureLedgerProcess(db, starter, p.id);
    results.push(r);
    if (r.error) break; // the engine is away: the next pass tries again
  }
  return results;
}
