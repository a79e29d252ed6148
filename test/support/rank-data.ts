// Known 全市位次 records for the API, browser and screenshot runs, entered through the domain by court.user:
// 执行合同 2nd, 3rd, then 7th of 12 (outside the top 3 in 2026-Q3); 办理破产 1st; 诉前调解率 5th of 12.
import { enterPeriodFigure } from '../../domain/indicators/period-figures';
import type { Db } from '../../domain/db/client';

export async function recordKnownRanks(db: Db) {
  const user = await db.user.findUniqueOrThrow({ where: { username: 'court.user' } });
  const actor = { userId: user.id, label: user.username };
  const scope = { all: false as const, unitId: user.unitId };
  const enter = (indicatorCode: string, period: string, cityRank: number, value: number | null = null) =>
    enterPeriodFigure(db, actor, scope, {
      indicatorCode,
      period,
      cityRank,
      rankedCount: 12,
      value,
      note: '市营商环境评价季度通报',
    });
  await enter('enforcing-contracts', '2026-Q1', 2, 84);
  await enter('enforcing-contracts', '2026-Q2', 3, 82.5);
  const contractsQ3 = await enter('enforcing-contracts', '2026-Q3', 7, 76);
  const insolvencyQ3 = await enter('resolving-insolvency', '2026-Q3', 1, 91);
  await enter('pre-litigation-mediation-rate', '2026-Q3', 5, 41.2);
  return { contractsQ3, insolvencyQ3 };
}
