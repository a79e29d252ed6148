// Use cases of the rectification ledger (整改台账) that this layer offers so far: open a ledger item (numbered
// ZG-<year>-<seq>, idempotent by origin key so a redelivered job does not open it twice) and post a progress
// note. Each change writes its audit row in the same transaction.
import { z } from 'zod';
import { audit, audited, type Actor } from '../audit';
import { deadlineFor } from '../calendar/store';
import { isUniqueViolation, type Db } from '../db/client';
import { invalid, notFound } from '../errors';
import { inSequence } from '../db/in-sequence';
import { nextYearlyNumber } from '../numbering';
import { unitByCode } from '../units';

export const ledgerSources = [
  'case_review',
  'coordination_meeting',
  'weekly_meeting',
  'overdue_petition',
  'complaint',
  'supervision',
] as const;

export const openLedgerItemInput = z.object({
  source: z.enum(ledgerSources),
  sourceRef: z.string().trim().max(100).optional(),
  problem: z.string().trim().min(1, '请填写问题描述').max(4000),
  category: z.string().trim().max(100).optional(),
  measures: z.string().trim().max(4000).optional(),
  leadUnitCode: z.string().trim().min(1, '请选择责任单位'),
  assistingUnitCodes: z.array(z.string().trim().min(1)).max(10).default([]),
  dueAt: z.coerce.date().optional(),
  originKey: z.string().trim().max(200).optional(),
  processInstanceKey: z
    .string()
    .regex(/^\d{1,19}$/, '流程实例键应为数字字符串')
    .optional(),
});
export type OpenLedgerItemInput = z.input<typeof openLedgerItemInput>;

export async function openLedgerItem(db: Db, actor: Actor, raw: OpenLedgerItemInput, now = new Date()) {
  const input = openLedgerItemInput.parse(raw);
  if (input.originKey) {
    const existing = await db.ledgerItem.findUnique({ where: { originKey: input.originKey } });
    if (existing) return existing;
  }
  const dueAt = input.dueAt ?? (await deadlineFor(db, 'ledger.rectification', now)).dueAt;
  for (let attempt = 0; ; attempt++) {
    try {
      return await audited(db, async (tx) => {
        const leadUnitId = (await unitByCode(tx, input.leadUnitCode, 'leadUnitCode')).id;
        const assisting = await inSequence(
          input.assistingUnitCodes,
          async (c) => (await unitByCode(tx, c, 'assistingUnitCodes')).id,
        );
        const item = await tx.ledgerItem.create({
          data: {
            number: await nextYearlyNumber(tx.ledgerItem, 'ZG', 3, now),
            originKey: input.originKey,
            source: input.source,
            sourceRef: input.sourceRef,
            problem: input.problem,
            category: input.category,
            measures: input.measures,
            leadUnitId,
            dueAt,
            originalDueAt: dueAt,
            processInstanceKey: input.processInstanceKey,
            createdById: actor.userId,
            assistingUnits: {
              create: assisting.filter((id) => id !== leadUnitId).map((unitId) => ({ unitId })),
            },
          },
        });
        await audit(tx, actor, {
          action: 'ledgerItem.create',
          entity: 'ledgerItem',
          entityId: item.id,
          unitId: leadUnitId,
          after: { ...item, assistingUnitCodes: input.assistingUnitCodes },
        });
        return item;
      });
    } catch (e) {
      // Two writers took the same number, or the same origin key: take the winner's or number again.
      if (!isUniqueViolation(e) || attempt >= 5) throw e;
      if (input.originKey) {
        const existing = await db.ledgerItem.findUnique({ where: { originKey: input.originKey } });
        if (existing) return existing;
      }
    }
  }
}

export const progressNoteInput = z.object({
  content: z.string().trim().min(1, '请填写整改进展').max(4000),
});

export async function addProgressNote(db: Db, actor: Actor, ledgerItemId: number, raw: unknown) {
  const input = progressNoteInput.parse(raw);
  return audited(db, async (tx) => {
    const item = await tx.ledgerItem.findUnique({ where: { id: ledgerItemId } });
    if (!item) throw notFound('整改事项');
    if (item.status === 'closed') throw invalid('该事项已销号，不能再填报进展');
    const note = await tx.ledgerProgressNote.create({
      data: { ledgerItemId, round: item.round, content: input.content, authorId: actor.userId },
    });
    const after = item.status === 'acknowledged' || item.status === 'notified' ? 'rectifying' : item.status;
    if (after !== item.status)
      await tx.ledgerItem.update({ where: { id: item.id }, data: { status: after } });
    await audit(tx, actor, {
      action: 'ledgerItem.progressNote',
      entity: 'ledgerItem',
      entityId: item.id,
      unitId: item.leadUnitId,
      before: { status: item.status },
      after: { status: after, note },
    });
    return note;
  });
}
