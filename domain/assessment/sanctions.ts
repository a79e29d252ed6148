// 奖惩 (plan §四(四): 严格按照优化营商环境工作相关奖惩办法规定实施): the office records each reward or penalty
// decided for a unit in a 考核 period — its kind, reason, the clause of the 奖惩办法 it rests on, who decided and
// when, optionally the decision's file. A 责令整改 is also work to do: it opens a ledger item (source
// supervision) through the ledger's own creation path, which starts its rectification process.
import { DateTime } from 'luxon';
import { z } from 'zod';
import { audit, audited, type Actor } from '../audit';
import type { UnitScope } from '../auth/roles';
import { zone } from '../calendar/deadline';
import type { Db } from '../db/client';
import { invalid } from '../errors';
import { isoDay } from '../input';
import { openLedgerItem } from '../ledger/ledger-items';
import { ensureLedgerProcess, type ProcessStarter } from '../ledger/ledger-process';
import { parsePeriod } from './period';
import { peopleNames } from '../people-names';

export const sanctionKinds = ['commend', 'award', 'criticise', 'interview', 'rectify'] as const;
export type SanctionKind = (typeof sanctionKinds)[number];

export const sanctionKindLabels: Record<SanctionKind, string> = {
  commend: '通报表扬',
  award: '表彰奖励',
  criticise: '通报批评',
  interview: '约谈',
  rectify: '责令整改',
};
const rewards: readonly SanctionKind[] = ['commend', 'award'];

const text = (what: string, min: number, max: number) =>
  z
    .string({ message: `请填写${what}` })
    .trim()
    .min(min, min > 1 ? `请填写${what}（至少 ${min} 个字）` : `请填写${what}`)
    .max(max, `${what}不超过 ${max} 字`);

export const sanctionInput = z.object({
  period: z.string({ message: '请选择考核期间' }),
  unitCode: z.string({ message: '请选择单位' }).trim().min(1, '请选择单位'),
  kind: z.enum(sanctionKinds, { message: '请选择奖惩类别' }),
  reason: text('事由', 4, 2000),
  basis: text('依据（奖惩办法条款）', 2, 500),
  decidedBy: text('决定机关', 2, 100),
  decidedOn: isoDay,
  attachmentId: z.number({ message: '附件编号应为数字' }).int().positive().nullish(),
  /** 责令整改 only: the day the rectification is due (else the ledger's deadline rule decides). */
  rectifyBy: isoDay.nullish(),
});
export type SanctionInput = z.input<typeof sanctionInput>;

/**
 * Records one reward or penalty; the attachment must be an upload of the office's own unit (`uploaderUnitId`).
 * A 责令整改 opens its ledger item (origin key `sanction:<id>`) and starts its process when a starter is given;
 * without one (or with the engine away) the ledger's reconciler starts it.
 */
export async function recordSanction(
  db: Db,
  actor: Actor,
  uploaderUnitId: number | null,
  raw: SanctionInput,
  now = new Date(),
  processes?: ProcessStarter,
) {
  const input = sanctionInput.parse(raw);
  const period = parsePeriod(input.period);
  const today = DateTime.fromJSDate(now, { zone }).toISODate()!;
  if (input.decidedOn > today) throw invalid('决定日期不能晚于今天', 'decidedOn');
  if (input.decidedOn < period.from)
    throw invalid(`决定日期不能早于考核期间开始（${period.from}）`, 'decidedOn');
  if (input.rectifyBy && input.kind !== 'rectify') throw invalid('只有责令整改需要填写整改期限', 'rectifyBy');
  if (input.rectifyBy && input.rectifyBy <= today) throw invalid('整改期限应晚于今天', 'rectifyBy');
  const row = await audited(db, async (tx) => {
    const unit = await tx.unit.findUnique({ where: { code: input.unitCode } });
    if (!unit || !unit.active || !['office', 'member'].includes(unit.kind))
      throw invalid('该单位不参加考核', 'unitCode');
    if (input.attachmentId) {
      const file = await tx.attachment.findUnique({ where: { id: input.attachmentId } });
      if (!file || file.unitId !== uploaderUnitId)
        throw invalid('附件不存在或不是本单位上传的', 'attachmentId');
    }
    const created = await tx.assessmentSanction.create({
      data: {
        unitId: unit.id,
        period: period.key,
        kind: input.kind,
        reason: input.reason,
        basis: input.basis,
        decidedBy: input.decidedBy,
        decidedOn: input.decidedOn,
        attachmentId: input.attachmentId ?? null,
        enteredById: actor.userId,
        enteredBy: actor.label,
        enteredAt: now,
      },
    });
    await audit(tx, actor, {
      action: 'assessmentSanction.create',
      entity: 'assessmentSanction',
      entityId: created.id,
      unitId: unit.id,
      after: created,
    });
    return { ...created, unitCode: unit.code };
  });
  if (row.kind !== 'rectify') return { ...row, ledgerItem: null };
  const item = await openLedgerItem(
    db,
    actor,
    {
      source: 'supervision',
      sourceRef: `奖惩·${period.label}·责令整改`,
      originKey: `sanction:${row.id}`,
      problem: `责令整改：${row.reason}（依据：${row.basis}；${row.decidedBy} ${row.decidedOn} 决定）`,
      leadUnitCode: row.unitCode,
      dueAt: input.rectifyBy
        ? DateTime.fromISO(input.rectifyBy, { zone }).endOf('day').toJSDate()
        : undefined,
    },
    now,
  );
  await audited(db, async (tx) => {
    const after = await tx.assessmentSanction.update({
      where: { id: row.id },
      data: { ledgerItemId: item.id },
    });
    await audit(tx, actor, {
      action: 'assessmentSanction.rectify',
      entity: 'assessmentSanction',
      entityId: row.id,
      unitId: row.unitId,
      before: { ledgerItemId: null },
      after: { ledgerItemId: after.ledgerItemId, ledgerNumber: item.number },
    });
  });
  const run = processes ? await ensureLedgerProcess(db, processes, item.id) : null;
  return {
    ...row,
    ledgerItemId: item.id,
    ledgerItem: { id: item.id, number: item.number, processInstanceKey: run?.processInstanceKey ?? null },
  };
}

/** The rewards and penalties of a period within the scope (a unit its own), by unit and day. */
export async function listSanctions(db: Db, scope: UnitScope, periodKey: unknown) {
  const period = parsePeriod(periodKey);
  if (!scope.all && scope.unitId === null) return { period, items: [] };
  const rows = await db.assessmentSanction.findMany({
    where: { period: period.key, ...(scope.all ? {} : { unitId: scope.unitId as number }) },
    include: {
      unit: { select: { code: true, shortName: true, sortOrder: true } },
      attachment: { select: { id: true, fileName: true } },
    },
    orderBy: [{ decidedOn: 'asc' }, { id: 'asc' }],
  });
  const ledger = await db.ledgerItem.findMany({
    where: { id: { in: rows.flatMap((r) => (r.ledgerItemId ? [r.ledgerItemId] : [])) } },
    select: { id: true, number: true, status: true },
  });
  const nameOf = await peopleNames(
    db,
    rows.map((r) => ({ id: r.enteredById, label: r.enteredBy })),
  );
  const items = [...rows]
    .sort((a, b) => a.unit.sortOrder - b.unit.sortOrder)
    .map((r) => ({
      id: r.id,
      unitCode: r.unit.code,
      unitName: r.unit.shortName,
      kind: r.kind,
      kindLabel: sanctionKindLabels[r.kind as SanctionKind] ?? r.kind,
      reward: rewards.includes(r.kind as SanctionKind),
      reason: r.reason,
      basis: r.basis,
      decidedBy: r.decidedBy,
      decidedOn: r.decidedOn,
      attachment: r.attachment,
      ledgerItem: ledger.find((l) => l.id === r.ledgerItemId) ?? null,
      enteredBy: r.enteredBy,
      enteredByName: nameOf({ id: r.enteredById, label: r.enteredBy }),
      enteredAt: r.enteredAt,
    }));
  return { period, items };
}
export type SanctionList = Awaited<ReturnType<typeof listSanctions>>;
