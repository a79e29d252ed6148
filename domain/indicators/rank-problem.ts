// 列入整改台账: a period whose 全市位次 is outside the 先进位次 becomes a ledger item (source supervision — the
// 政法委 "分析工作短板、督促整改提升", plan §四(三)) for the indicator's owning unit, through the one ledger path
// that also starts its rectification process. Asking again returns the same item (and starts a missing process).
import { z } from 'zod';
import { audit, audited, type Actor } from '../audit';
import type { Db } from '../db/client';
import { invalid, notFound } from '../errors';
import { openLedgerItem } from '../ledger/ledger-items';
import { ensureLedgerProcess, type ProcessStarter } from '../ledger/ledger-process';

export const rankProblemInput = z
  .object({
    problem: z.string().trim().min(1, '请填写整改问题').max(2000).optional(),
    dueAt: z.coerce.date({ message: '完成时限格式不正确' }).optional(),
  })
  .strict();

export async function raiseRankProblem(
  db: Db,
  actor: Actor,
  id: number,
  raw: unknown,
  now = new Date(),
  processes?: ProcessStarter,
) {
  const input = rankProblemInput.parse(raw ?? {});
  const figure = await db.indicatorPeriodFigure.findUnique({
    where: { id },
    include: { indicator: { include: { owners: { include: { unit: true } } } } },
  });
  if (!figure) throw notFound('全市位次记录');
  const { indicator } = figure;
  const advancedRank = indicator.advancedRank;
  if (advancedRank === null || figure.cityRank <= advancedRank)
    throw invalid(`${indicator.name} ${figure.period} 已进入全市先进位次，无需列入整改台账`);
  const lead = indicator.owners[0]?.unit;
  if (!lead) throw invalid(`指标“${indicator.name}”没有责任单位`);
  const item = await openLedgerItem(
    db,
    actor,
    {
      source: 'supervision',
      sourceRef: `${indicator.name}·${figure.period}全市位次`,
      originKey: `indicator-period:${figure.id}`,
      problem:
        input.problem ??
        `${indicator.name}${figure.period}全市位次第${figure.cityRank}名（共${figure.rankedCount}个区县），` +
          `未进入先进位次（前${advancedRank}名）：分析工作短板，督促整改提升。`,
      leadUnitCode: lead.code,
      dueAt: input.dueAt,
    },
    now,
  );
  if (figure.ledgerItemId !== item.id) {
    await audited(db, async (tx) => {
      const { indicator: _, ...before } = figure;
      const after = await tx.indicatorPeriodFigure.update({ where: { id }, data: { ledgerItemId: item.id } });
      await audit(tx, actor, {
        action: 'indicatorPeriod.raise',
        entity: 'indicatorPeriodFigure',
        entityId: id,
        unitId: lead.id,
        before,
        after,
      });
    });
  }
  if (!processes) return item;
  const run = await ensureLedgerProcess(db, processes, item.id);
  return { ...item, processInstanceKey: run.processInstanceKey };
}
