// A ledger item opened by the web — the API, the spreadsheet import — is committed first and its rectification
// process started right after (domain/ledger/ledger-process.ts). A repeat of the same request (the client's
// Idempotency-Key) finds the item it made and starts its process if that is still missing; an item whose start
// failed is started by the reconciler the web server runs.
import type { Actor } from '../../../domain/audit';
import type { Db } from '../../../domain/db/client';
import { openLedgerItem, openLedgerItemInput } from '../../../domain/ledger/ledger-items';
import {
  ensureLedgerProcess,
  startPendingLedgerProcesses,
  type EnsureResult,
} from '../../../domain/ledger/ledger-process';
import type { AppContext } from '../context';
import { HttpError } from '../http/problem';
import { engineStarter } from './engine-starter';

const pendingNote = '流程引擎暂不可用，整改流程将自动补发起';

export async function openLedgerItemWithProcess(
  ctx: AppContext,
  actor: Actor,
  body: unknown,
  idempotencyKey: string | undefined,
) {
  // The instance is linked by the process itself, never by the caller.
  const input = openLedgerItemInput.omit({ processInstanceKey: true }).parse(body);
  if (idempotencyKey !== undefined && !/^[\w.:-]{8,100}$/.test(idempotencyKey))
    throw new HttpError(400, '请求无效', 'Idempotency-Key 应为 8–100 位字母、数字或 -_.:');
  const originKey = input.originKey ?? (idempotencyKey ? `api:${actor.userId}:${idempotencyKey}` : undefined);
  const item = await openLedgerItem(ctx.db, actor, { ...input, originKey });
  const run = await startFor(ctx, item.id);
  return { ...item, processInstanceKey: run.processInstanceKey, processPending: !run.processInstanceKey };
}

async function startFor(
  ctx: AppContext,
  itemId: number,
): Promise<EnsureResult | { processInstanceKey: null }> {
  if (!ctx.engine) return { processInstanceKey: null };
  const r = await ensureLedgerProcess(ctx.db, engineStarter(ctx.engine), itemId);
  if (r.error) console.error(`web: ${pendingNote}`, r.number, r.error);
  return r;
}

/** Starts the processes of freshly imported items; the ones the engine refused are left to the reconciler. */
export async function startImported(ctx: AppContext, ids: number[]) {
  let started = 0;
  for (const id of ids) if ((await startFor(ctx, id)).processInstanceKey) started++;
  return { started, pending: ids.length - started, note: started < ids.length ? pendingNote : undefined };
}

/** The reconciler: every interval, the open items without an instance get one (ledger-process.ts). */
export function startPendingStarts(db: Db, ctx: AppContext, intervalMs: number): () => void {
  if (!ctx.engine || intervalMs <= 0) return () => undefined;
  const starter = engineStarter(ctx.engine);
  let busy = false;
  const timer = setInterval(() => {
    if (busy) return;
    busy = true;
    // An item counts as pending once it has waited one whole interval (younger ones are being started by their
    // own request; a race between the two is settled by the compare-and-set link in ledger-process.ts).
    void startPendingLedgerProcesses(db, starter, { graceMs: intervalMs })
      .then((rs) => {
        const failed = rs.find((r) => r.error);
        if (failed) console.error('web: pending ledger starts wait for the engine:', failed.error);
      })
      .catch((e: unknown) => console.error('web: pending ledger starts failed', e))
      .finally(() => (busy = false));
  }, intervalMs);
  timer.unref();
  return () => clearInterval(timer);
}
