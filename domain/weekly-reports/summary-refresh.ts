// A week's stored consolidation regenerated after the cut-off (a 补报, a lead's sign-off or return): the fresh
// figures and reports, with what the units were AT the cut-off kept as it was (未报, 迟报, 待签批) and the
// events since listed beside it; and the office's addressees, who are told of each such change.
import { audit, type Actor } from '../audit';
import type { Db, Prisma, Tx } from '../db/client';
import { conflict } from '../errors';
import { addresses, roleAddressees, unitAddressees } from '../notifications/recipients';
import { consolidate, type Consolidation } from './consolidation';
import { storedConsolidation, summaryOf } from './summaries';
import { summaryText } from './summary-text';

/** The unit that hosts the task force's office (专班办公室, plan §三(一)). */
export const officeUnit = 'plc-office';

/** The week's summary and its stored consolidation; a week not yet consolidated is refused with `notYet`. */
export async function consolidatedWeek(tx: Tx | Db, isoWeek: string, notYet: string) {
  const summary = await summaryOf(tx, isoWeek);
  const stored = storedConsolidation(summary);
  if (!stored) throw conflict(notYet);
  return { summary, stored };
}

export async function refreshSummary(
  tx: Tx,
  actor: Actor,
  week: Awaited<ReturnType<typeof consolidatedWeek>>,
  events: Pick<Consolidation, 'makeupUnits' | 'lateSignOffs'>,
  audited: { action: string; unitId: number; after: Record<string, unknown> },
  now: Date,
) {
  const { summary, stored } = week;
  const fresh = await consolidate(tx, stored.isoWeek, now);
  const c: Consolidation = {
    ...fresh,
    lateUnits: stored.lateUnits,
    missingUnits: stored.missingUnits,
    unsignedUnits: stored.unsignedUnits ?? [],
    makeupUnits: stored.makeupUnits,
    lateSignOffs: stored.lateSignOffs,
    ...events,
  };
  const content = {
    ...(summary.content as Prisma.JsonObject),
    ...c,
    summaryText: summaryText(c),
  } as unknown as Prisma.InputJsonObject;
  await tx.weeklySummary.update({ where: { id: summary.id }, data: { content } });
  await audit(tx, actor, {
    action: audited.action,
    entity: 'weeklySummary',
    entityId: summary.id,
    unitId: audited.unitId,
    after: audited.after,
  });
  return c;
}

/** The office: its mailbox and its staff, whoever has an address. */
export async function officeAddresses(tx: Tx): Promise<string[]> {
  return [
    ...new Set(
      addresses([...(await unitAddressees(tx, officeUnit)), ...(await roleAddressees(tx, ['coordinator']))]),
    ),
  ];
}
