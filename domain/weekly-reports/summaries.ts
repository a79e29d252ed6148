// Use cases of the week's summary row (WeeklySummary): store the consolidation, record the office's reviewed text
// and the forwarding to the business-environment office, record the weekly meeting's minutes. Each runs inside
// the caller's transaction and writes its audit row there.
import { audit, type Actor } from '../audit';
import type { Db, Prisma, Tx } from '../db/client';
import { notFound } from '../errors';
import type { Consolidation } from './consolidation';

export async function summaryOf(tx: Tx | Db, isoWeek: string) {
  const summary = await tx.weeklySummary.findUnique({ where: { isoWeek } });
  if (!summary) throw notFound(`${isoWeek} 工作周报汇总`);
  return summary;
}

/** The stored consolidation (what the document is built from). */
export function storedConsolidation(summary: { content: Prisma.JsonValue }): Consolidation | null {
  const content = summary.content as Partial<Consolidation> | null;
  return content && Array.isArray(content.units) ? (content as Consolidation) : null;
}

export async function storeConsolidation(tx: Tx, actor: Actor, c: Consolidation, text: string) {
  const before = await summaryOf(tx, c.isoWeek);
  const content = {
    ...(before.content as Prisma.JsonObject),
    ...c,
    summaryText: text,
  } as unknown as Prisma.InputJsonObject;
  const after = await tx.weeklySummary.update({ where: { id: before.id }, data: { content } });
  await audit(tx, actor, {
    action: 'weeklySummary.consolidate',
    entity: 'weeklySummary',
    entityId: before.id,
    after: { lateUnits: c.lateUnits, missingUnits: c.missingUnits, figures: c.figures.length },
  });
  return after;
}

export async function recordForwarded(
  tx: Tx,
  actor: Actor,
  isoWeek: string,
  reviewedText: string,
  outboxMessageId: number,
  now: Date,
) {
  const before = await summaryOf(tx, isoWeek);
  const data = {
    editedText: reviewedText,
    reviewedAt: before.reviewedAt ?? now,
    forwardedAt: now,
    outboxMessageId,
  };
  const after = await tx.weeklySummary.update({ where: { id: before.id }, data });
  await audit(tx, actor, {
    action: 'weeklySummary.forward',
    entity: 'weeklySummary',
    entityId: before.id,
    before: { forwardedAt: before.forwardedAt, editedText: before.editedText },
    after: data,
  });
  return after;
}

export interface WeeklyMeetingInput {
  meetingDate: string;
  minutes: string;
  ledgerItems: { problem?: string | null; leadUnitCode?: string | null; dueDate?: string | null }[];
}

export async function recordWeeklyMeeting(tx: Tx, actor: Actor, isoWeek: string, input: WeeklyMeetingInput) {
  const before = await summaryOf(tx, isoWeek);
  const meeting = {
    date: input.meetingDate,
    ledgerItems: input.ledgerItems.map((i) => ({
      problem: i.problem ?? null,
      leadUnitCode: i.leadUnitCode ?? null,
      dueDate: i.dueDate ?? null,
    })),
  };
  const content = {
    ...(before.content as Prisma.JsonObject),
    weeklyMeeting: meeting,
  } as Prisma.InputJsonObject;
  const after = await tx.weeklySummary.update({
    where: { id: before.id },
    data: { meetingMinutes: input.minutes, content },
  });
  await audit(tx, actor, {
    action: 'weeklySummary.meeting',
    entity: 'weeklySummary',
    entityId: before.id,
    before: { meetingMinutes: before.meetingMinutes },
    after: { meetingMinutes: input.minutes, weeklyMeeting: meeting },
  });
  return after;
}
