// 全市位次 per evaluation period: the court's evaluation indicators seeded (执行合同, 办理破产, 保护中小投资者),
// one record per indicator and period with rank 1..N, a unit entering only its own indicators, a correction
// that needs a reason and leaves the replaced figures in the audit log, the history oldest first against the
// 先进位次, and a period outside it raised as one supervision ledger item. Bad input changes nothing.
import { ZodError } from 'zod';
import type { UnitScope } from '../../domain/auth/roles';
import {
  correctPeriodFigure,
  enterPeriodFigure,
  setAdvancedRank,
} from '../../domain/indicators/period-figures';
import { periodFigureDetail, rankedIndicators } from '../../domain/indicators/rank-history';
import { raiseRankProblem } from '../../domain/indicators/rank-problem';
import { seed } from '../../domain/seed/seed';
import { freshDatabase, providers, type TestDatabase } from '../support/databases';

describe.each(providers)('indicator ranks on %s', (provider) => {
  let t: TestDatabase;
  let actor: { userId: number; label: string };
  let court: UnitScope;
  let police: UnitScope;
  const office: UnitScope = { all: true };
  beforeAll(async () => {
    t = await freshDatabase(provider);
    await seed(t.db, { adminPassword: 'indicator-rank-admin-password' });
    actor = { userId: (await t.db.user.findFirstOrThrow()).id, label: 'court.user' };
    const unit = async (code: string) => (await t.db.unit.findUniqueOrThrow({ where: { code } })).id;
    court = { all: false, unitId: await unit('court') };
    police = { all: false, unitId: await unit('police') };
  }, 60_000);
  afterAll(() => t?.destroy());

  it('seeds the court-led evaluation indicators, owned by the court, with a 先进位次', async () => {
    const rows = await t.db.indicator.findMany({
      where: {
        code: { in: ['enforcing-contracts', 'resolving-insolvency', 'protecting-minority-investors'] },
      },
      include: { owners: { include: { unit: true } } },
      orderBy: { sortOrder: 'asc' },
    });
    expect(rows.map((r) => [r.name, r.source, r.advancedRank, r.owners.map((o) => o.unit.code)])).toEqual([
      ['执行合同', 'evaluation', 3, ['court']],
      ['办理破产', 'evaluation', 3, ['court']],
      ['保护中小投资者', 'evaluation', 3, ['court']],
    ]);
    const ranked = await rankedIndicators(t.db, office);
    // task 13's five court figures plus the three evaluation indicators
    expect(ranked.map((r) => r.code)).toHaveLength(8);
  });

  it('keeps one record per indicator and period, the court its own only, with a clear error otherwise', async () => {
    const q2 = await enterPeriodFigure(t.db, actor, court, {
      indicatorCode: 'enforcing-contracts',
      period: '2026-Q2',
      value: 81.5,
      cityRank: 2,
      rankedCount: 12,
      note: '市营商办季度通报',
    });
    const q3 = await enterPeriodFigure(t.db, actor, court, {
      indicatorCode: 'enforcing-contracts',
      period: '2026-Q3',
      value: 74,
      cityRank: 7,
      rankedCount: 12,
    });
    expect(q3).toMatchObject({ cityRank: 7, rankedCount: 12, enteredById: actor.userId });
    const audits = await t.db.auditLog.count();
    const refused = async (scope: UnitScope, input: Record<string, unknown>) => {
      const e = await enterPeriodFigure(t.db, actor, scope, {
        indicatorCode: 'enforcing-contracts',
        period: '2026-Q4',
        value: 70,
        cityRank: 1,
        rankedCount: 12,
        ...input,
      }).catch((err: unknown) => err);
      return e instanceof ZodError ? e.issues.map((i) => i.message) : (e as Error).message;
    };
    expect(await refused(court, { period: '2026-Q3' })).toMatch('已录入');
    expect(await refused(court, { cityRank: 13 })).toEqual(['全市位次应在1到参评区县数之间']);
    expect(await refused(court, { cityRank: 0 })).toEqual(['全市位次应为正整数']);
    expect(await refused(court, { rankedCount: 0, cityRank: 1 })).toContain('参评区县数至少为1');
    expect(await refused(court, { value: 101 })).toEqual(['数值应为0–100的数']);
    expect(await refused(court, { period: '2026Q4' })).toEqual([expect.stringMatching('评价期格式')]);
    expect(await refused(police, {})).toMatch('不是本单位负责的指标');
    expect(await refused(office, { indicatorCode: 'complaint-resolution-rate' })).toMatch('未设先进位次');
    expect(await t.db.indicatorPeriodFigure.count()).toBe(2);
    expect(await t.db.auditLog.count()).toBe(audits);
    // The office enters for any indicator.
    await enterPeriodFigure(t.db, actor, office, {
      indicatorCode: 'resolving-insolvency',
      period: '2026-Q3',
      cityRank: 1,
      rankedCount: 12,
    });
    const ranked = await rankedIndicators(t.db, office);
    const contracts = ranked.find((r) => r.code === 'enforcing-contracts')!;
    expect(contracts.history.map((h) => [h.period, h.cityRank, h.advanced])).toEqual([
      ['2026-Q2', 2, true],
      ['2026-Q3', 7, false],
    ]);
    expect(contracts.latest).toMatchObject({ id: q3.id, advanced: false });
    expect(ranked.find((r) => r.code === 'resolving-insolvency')!.latest).toMatchObject({ advanced: true });
    // The police see none of the court's indicators.
    expect(await rankedIndicators(t.db, police)).toEqual([]);
    expect(q2.id).toBeLessThan(q3.id);
  });

  it('corrects a record only with a reason and keeps the replaced figures in its trail', async () => {
    const q2 = await t.db.indicatorPeriodFigure.findFirstOrThrow({ where: { period: '2026-Q2' } });
    await expect(
      correctPeriodFigure(t.db, actor, court, q2.id, { cityRank: 4, rankedCount: 12, reason: '' }),
    ).rejects.toThrow('请填写更正原因');
    await expect(
      correctPeriodFigure(t.db, actor, police, q2.id, { cityRank: 4, rankedCount: 12, reason: '录错' }),
    ).rejects.toThrow('全市位次记录不存在');
    await correctPeriodFigure(t.db, actor, office, q2.id, {
      value: 80,
      cityRank: 4,
      rankedCount: 12,
      note: '市营商办更正通报',
      reason: '市营商办更正了第二季度排名',
    });
    const detail = await periodFigureDetail(t.db, office, q2.id);
    expect(detail).toMatchObject({ cityRank: 4, value: 80, advanced: false });
    expect(detail.trail.map((a) => a.action)).toEqual(['indicatorPeriod.create', 'indicatorPeriod.correct']);
    expect(detail.trail[1]).toMatchObject({
      before: { cityRank: 2, value: 81.5 },
      after: { cityRank: 4, reason: '市营商办更正了第二季度排名' },
    });
    await expect(periodFigureDetail(t.db, police, q2.id)).rejects.toThrow('全市位次记录不存在');
  });

  it('raises a period outside the advanced positions as one supervision ledger item for the court', async () => {
    const q3 = await t.db.indicatorPeriodFigure.findFirstOrThrow({
      where: { period: '2026-Q3', indicator: { code: 'enforcing-contracts' } },
    });
    const item = await raiseRankProblem(t.db, actor, q3.id, {});
    expect(item).toMatchObject({ source: 'supervision', originKey: `indicator-period:${q3.id}` });
    expect(item.problem).toBe(
      '执行合同2026-Q3全市位次第7名（共12个区县），未进入先进位次（前3名）：分析工作短板，督促整改提升。',
    );
    const lead = await t.db.unit.findUniqueOrThrow({ where: { id: item.leadUnitId } });
    expect(lead.code).toBe('court');
    const again = await raiseRankProblem(t.db, actor, q3.id, {});
    expect(again.id).toBe(item.id);
    expect(await t.db.ledgerItem.count({ where: { originKey: `indicator-period:${q3.id}` } })).toBe(1);
    expect((await periodFigureDetail(t.db, office, q3.id)).ledgerItemId).toBe(item.id);
    const insolvency = await t.db.indicatorPeriodFigure.findFirstOrThrow({
      where: { indicator: { code: 'resolving-insolvency' } },
    });
    await expect(raiseRankProblem(t.db, actor, insolvency.id, {})).rejects.toThrow('已进入全市先进位次');
  });

  it('lets the threshold change, audited, and judges the records against the new one', async () => {
    await setAdvancedRank(t.db, actor, 'enforcing-contracts', { advancedRank: 8 });
    const contracts = (await rankedIndicators(t.db, office)).find((r) => r.code === 'enforcing-contracts')!;
    expect(contracts.latest).toMatchObject({ cityRank: 7, advanced: true });
    await expect(setAdvancedRank(t.db, actor, 'enforcing-contracts', { advancedRank: 0 })).rejects.toThrow(
      '先进位次应为正整数',
    );
    const trail = await t.db.auditLog.findMany({
      where: { entity: 'indicator', action: 'indicator.update' },
    });
    expect(trail.at(-1)!.after).toMatchObject({ code: 'enforcing-contracts', advancedRank: 8 });
  });
});
