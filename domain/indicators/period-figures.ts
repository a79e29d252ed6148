// 全市位次 per evaluation period (plan task 13: the court's five figures "全部进入全市先进位次"; §四(三): the
// court-led 执行合同 / 办理破产 / 保护中小投资者 the 政法委 supervises): one record per indicator and period with the
// value, the district's rank among the city's districts and counties, and its source. The owning unit enters
// its own indicators, the office any; a correction needs a reason and the audit log keeps what it replaced.
import { z } from 'zod';
import { audit, audited, type Actor } from '../audit';
import type { UnitScope } from '../auth/roles';
import { isUniqueViolation, type Db, type Tx } from '../db/client';
import { conflict, DomainError, invalid, notFound } from '../errors';

/** 2026-Q3 (the default, a quarter); a year, half-year or month fits too. */
export const periodPattern = /^\d{4}(-Q[1-4]|-H[12]|-(0[1-9]|1[0-2]))?$/;
const periodMessage = '评价期格式应为 2026-Q3（季度），或 2026（年）、2026-H1（半年）、2026-09（月）';
export const period = z.string({ message: periodMessage }).trim().regex(periodPattern, periodMessage);

const count = (message: string) => z.number({ message }).int(message);

const figureFields = {
  value: z
    .number({ message: '数值应为0–100的数' })
    .min(0, '数值应为0–100的数')
    .max(100, '数值应为0–100的数')
    .nullish(),
  cityRank: count('全市位次应为正整数').min(1, '全市位次应为正整数'),
  rankedCount: count('参评区县数应为正整数').min(1, '参评区县数至少为1').max(200, '参评区县数不超过200'),
  note: z.string({ message: '来源/备注应为文字' }).trim().max(500, '来源/备注不超过500字').nullish(),
};

const rankWithinCount = (f: { cityRank: number; rankedCount: number }) => f.cityRank <= f.rankedCount;
const rankMessage = { message: '全市位次应在1到参评区县数之间', path: ['cityRank'] };

export const periodFigureInput = z
  .object({
    indicatorCode: z.string({ message: '请选择指标' }).trim().min(1, '请选择指标'),
    period,
    ...figureFields,
  })
  .strict()
  .refine(rankWithinCount, rankMessage);
export type PeriodFigureInput = z.input<typeof periodFigureInput>;

export const periodCorrectionInput = z
  .object({
    ...figureFields,
    reason: z
      .string({ message: '请填写更正原因' })
      .trim()
      .min(2, '请填写更正原因')
      .max(500, '更正原因不超过500字'),
  })
  .strict()
  .refine(rankWithinCount, rankMessage);

async function rankedIndicator(tx: Tx | Db, code: string) {
  const indicator = await tx.indicator.findUnique({ where: { code }, include: { owners: true } });
  if (!indicator) throw invalid(`指标“${code}”不存在`, 'indicatorCode');
  if (indicator.advancedRank === null)
    throw invalid(`指标“${indicator.name}”未设先进位次，不记录全市位次`, 'indicatorCode');
  return indicator;
}

/** A unit user may enter and correct only the indicators its unit owns; the office any. */
export function assertMayEnter(scope: UnitScope, owners: { unitId: number }[], name: string): void {
  if (scope.all || owners.some((o) => o.unitId === scope.unitId)) return;
  throw new DomainError('forbidden', `“${name}”不是本单位负责的指标，不能录入其全市位次`);
}

/** Records an indicator's figure for a period; a second one for the same period is refused (correct it instead). */
export async function enterPeriodFigure(db: Db, actor: Actor, scope: UnitScope, raw: unknown) {
  const input = periodFigureInput.parse(raw);
  if (actor.userId === null) throw invalid('录入人不明');
  try {
    return await audited(db, async (tx) => {
      const indicator = await rankedIndicator(tx, input.indicatorCode);
      assertMayEnter(scope, indicator.owners, indicator.name);
      const row = await tx.indicatorPeriodFigure.create({
        data: {
          indicatorId: indicator.id,
          period: input.period,
          value: input.value ?? null,
          cityRank: input.cityRank,
          rankedCount: input.rankedCount,
          note: input.note ?? null,
          enteredById: actor.userId!,
        },
      });
      await audit(tx, actor, {
        action: 'indicatorPeriod.create',
        entity: 'indicatorPeriodFigure',
        entityId: row.id,
        unitId: indicator.owners[0]?.unitId ?? null,
        after: row,
      });
      return row;
    });
  } catch (e) {
    if (isUniqueViolation(e))
      throw conflict(`该指标 ${input.period} 的全市位次已录入，如有错误请更正并填写原因`, 'period');
    throw e;
  }
}

/** Corrects a period figure: the row changes, the audit row keeps the old figures, the new ones and the reason. */
export async function correctPeriodFigure(db: Db, actor: Actor, scope: UnitScope, id: number, raw: unknown) {
  const input = periodCorrectionInput.parse(raw);
  return audited(db, async (tx) => {
    const before = await tx.indicatorPeriodFigure.findUnique({
      where: { id },
      include: { indicator: { include: { owners: true } } },
    });
    if (!before || !(scope.all || before.indicator.owners.some((o) => o.unitId === scope.unitId)))
      throw notFound('全市位次记录');
    const { indicator, ...old } = before;
    const after = await tx.indicatorPeriodFigure.update({
      where: { id },
      data: {
        value: input.value ?? null,
        cityRank: input.cityRank,
        rankedCount: input.rankedCount,
        note: input.note ?? null,
        correctedAt: new Date(),
      },
    });
    await audit(tx, actor, {
      action: 'indicatorPeriod.correct',
      entity: 'indicatorPeriodFigure',
      entityId: id,
      unitId: indicator.owners[0]?.unitId ?? null,
      before: old,
      after: { ...after, reason: input.reason },
    });
    return after;
  });
}

export const advancedRankInput = z
  .object({
    advancedRank: count('先进位次应为正整数')
      .min(1, '先进位次应为正整数')
      .max(200, '先进位次不超过200')
      .nullable(),
  })
  .strict();

/** The admin's 先进位次 for an indicator (null: the indicator keeps no rank). */
export async function setAdvancedRank(db: Db, actor: Actor, code: string, raw: unknown) {
  const input = advancedRankInput.parse(raw);
  return audited(db, async (tx) => {
    const before = await tx.indicator.findUnique({ where: { code } });
    if (!before) throw notFound('指标');
    const after = await tx.indicator.update({ where: { code }, data: { advancedRank: input.advancedRank } });
    await audit(tx, actor, {
      action: 'indicator.update',
      entity: 'indicator',
      entityId: after.id,
      before,
      after,
    });
    return after;
  });
}
