// 推进会 (plan §三(二): 每周至少召开一次工作推进会): any number per week, each with its minutes, who attended and
// the 交办 items — each item opens a ledger item through the ledger's own opening function (source weekly_meeting,
// origin key progress-meeting:<id>:<n>, so a retry opens nothing twice). Bad input is refused before anything is
// written.
import { z } from 'zod';
import { audit, audited, type Actor } from '../audit';
import type { Db } from '../db/client';
import { invalid } from '../errors';
import { openLedgerItem } from '../ledger/ledger-items';
import { ensureLedgerProcess, type ProcessStarter } from '../ledger/ledger-process';

const isoWeek = z.string().regex(/^\d{4}-W(0[1-9]|[1-4]\d|5[0-3])$/, '周次格式应为 2026-W48');
const date = z.string().regex(/^\d{4}-\d{2}-\d{2}$/, '日期格式应为 2026-12-04');

export const progressMeetingInput = z.object({
  isoWeek,
  heldOn: date,
  title: z.string().trim().min(1, '请填写会议名称').max(100, '会议名称不超过100个字'),
  minutes: z.string().trim().min(1, '请填写会议纪要').max(8000, '会议纪要不超过8000个字'),
  attendance: z
    .array(z.string().trim().min(1).max(50))
    .min(1, '请填写参会人员')
    .max(100, '参会人员不超过100人'),
  items: z
    .array(
      z.object({
        problem: z.string().trim().min(1, '请填写交办事项').max(4000),
        leadUnitCode: z.string().trim().min(1, '请选择交办事项的责任单位'),
        measures: z.string().trim().max(4000).optional(),
        dueDate: date.optional(),
      }),
    )
    .max(30, '一次会议交办事项不超过30项')
    .default([]),
});
export type ProgressMeetingInput = z.input<typeof progressMeetingInput>;

/**
 * Records the meeting, opens a ledger item per 交办 item and, given a starter, starts each item's rectification
 * process (an item whose start fails stays pending and the web's reconciler starts it).
 */
export async function recordProgressMeeting(
  db: Db,
  actor: Actor,
  raw: ProgressMeetingInput,
  now = new Date(),
  starter?: ProcessStarter,
) {
  const input = progressMeetingInput.parse(raw);
  const codes = [...new Set(input.items.map((i) => i.leadUnitCode))];
  const known = await db.unit.findMany({
    where: { code: { in: codes }, active: true },
    select: { code: true },
  });
  const unknown = codes.filter((c) => !known.some((k) => k.code === c));
  if (unknown.length) throw invalid(`交办事项的责任单位不存在：${unknown.join('、')}`, 'items');

  const meeting = await audited(db, async (tx) => {
    const row = await tx.progressMeeting.create({
      data: {
        isoWeek: input.isoWeek,
        heldOn: input.heldOn,
        title: input.title,
        minutes: input.minutes,
        attendance: input.attendance,
        items: input.items.map((i) => ({ ...i, ledgerNumber: null })),
        createdById: actor.userId,
      },
    });
    await audit(tx, actor, {
      action: 'progressMeeting.create',
      entity: 'progressMeeting',
      entityId: row.id,
      after: row,
    });
    return row;
  });
  // Each 交办 item opens its ledger item (idempotent by origin key), then the meeting records the number.
  const items = [];
  for (const [n, item] of input.items.entries()) {
    const ledger = await openLedgerItem(
      db,
      actor,
      {
        source: 'weekly_meeting',
        sourceRef: `${input.isoWeek} 推进会 ${input.heldOn}`,
        problem: item.problem,
        measures: item.measures,
        leadUnitCode: item.leadUnitCode,
        dueAt: item.dueDate ? new Date(`${item.dueDate}T23:59:59+08:00`) : undefined,
        originKey: `progress-meeting:${meeting.id}:${n + 1}`,
      },
      now,
    );
    if (starter) await ensureLedgerProcess(db, starter, ledger.id);
    items.push({ ...item, ledgerNumber: ledger.number });
  }
  if (!items.length) return meeting;
  return db.progressMeeting.update({ where: { id: meeting.id }, data: { items } });
}

export function progressMeetingsOf(db: Db, week: string) {
  return db.progressMeeting.findMany({
    where: { isoWeek: isoWeek.parse(week) },
    orderBy: [{ heldOn: 'asc' }, { id: 'asc' }],
  });
}
