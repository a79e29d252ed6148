// 考核 for 2026-Q4 computed from known records: the expected figures are worked out by hand below from the
// records this test writes (not from the code under test), then compared with what the code computes. Also:
// the rules' validation, a manual entry needs a reason and is audited, publicity is scoped per unit.
import { enterAssessmentScore, assessmentRecords, assessmentTable } from '../../domain/assessment/scores';
import { defaultRules, loadRules, saveRules } from '../../domain/assessment/rules';
import { listPublicity, recordPublicity } from '../../domain/publicity/publicity';
import { seed } from '../../domain/seed/seed';
import { freshDatabase, type TestDatabase } from '../support/databases';

const office = { userId: null, label: 'coordinator' };
const all = { all: true } as const;
let t: TestDatabase;
let court: { id: number };
let police: { id: number };
const now = new Date('2026-12-20T04:00:00Z');
const at = (s: string) => new Date(`${s}+08:00`);

beforeAll(async () => {
  t = await freshDatabase('sqlite');
  await seed(t.db, { adminPassword: 'assessment-admin-password' });
  court = await t.db.unit.findUniqueOrThrow({ where: { code: 'court' } });
  police = await t.db.unit.findUniqueOrThrow({ where: { code: 'police' } });
}, 60_000);
afterAll(() => t?.destroy());

async function courtRecords() {
  const tasks = await t.db.planTaskUnit.findMany({
    where: { unitId: court.id },
    orderBy: { planTaskId: 'asc' },
  });
  const indicator = (code: string) => t.db.indicator.findUniqueOrThrow({ where: { code } });
  const summary = await indicator('summary-procedure-rate'); // court target ≥89
  const mediation = await indicator('pre-litigation-mediation-rate'); // ≥45
  const enforcement = await indicator('enforcement-within-legal-period'); // ≥98
  const report = (isoWeek: string, data: object) =>
    t.db.weeklyReport.create({ data: { isoWeek, unitId: court.id, ...data } });
  // 2026-W39 (Friday 25 Sep) lies before the quarter: on time, all filled in — not counted.
  await report('2026-W39', {
    status: 'submitted',
    dueAt: at('2026-09-25T17:00:00'),
    submittedAt: at('2026-09-25T10:00:00'),
    taskProgress: { create: tasks.map((x) => ({ planTaskId: x.planTaskId, progress: '九月进展' })) },
  });
  // W40 on time, every task filled in; figures: 简易程序 90 (≥89 met), 诉前调解 50 (≥45 met)
  await report('2026-W40', {
    status: 'submitted',
    dueAt: at('2026-10-02T17:00:00'),
    submittedAt: at('2026-10-02T09:00:00'),
    taskProgress: { create: tasks.map((x) => ({ planTaskId: x.planTaskId, progress: '按计划推进' })) },
    figures: {
      create: [
        { indicatorId: summary.id, value: 90 },
        { indicatorId: mediation.id, value: 50 },
      ],
    },
  });
  // W41 late, only the first task filled in; figures: 简易程序 85 (latest: not met), 法定期内执行率 98 (met)
  await report('2026-W41', {
    status: 'signed_off',
    late: true,
    dueAt: at('2026-10-09T17:00:00'),
    submittedAt: at('2026-10-10T09:00:00'),
    taskProgress: { create: [{ planTaskId: tasks[0]!.planTaskId, progress: '完成一项' }] },
    figures: {
      create: [
        { indicatorId: summary.id, value: 85 },
        { indicatorId: enforcement.id, value: 98 },
      ],
    },
  });
  // W42 never submitted, cut-off passed: missing
  await report('2026-W42', { status: 'pending', dueAt: at('2026-10-16T17:00:00') });
  // W52: cut-off (25 Dec) still ahead on 20 Dec — not judged yet
  await report('2026-W52', { status: 'draft', dueAt: at('2026-12-25T17:00:00') });

  const item = (n: number, dueAt: string, closedAt: string | null) =>
    t.db.ledgerItem.create({
      data: {
        number: `ZG-2026-9${n}`,
        source: 'supervision',
        problem: `考核测试事项${n}`,
        leadUnitId: court.id,
        dueAt: at(dueAt),
        originalDueAt: at(dueAt),
        status: closedAt ? 'closed' : 'rectifying',
        closedAt: closedAt ? at(closedAt) : null,
      },
    });
  await item(1, '2026-10-20T23:59:59', '2026-10-18T10:00:00'); // closed in time
  await item(2, '2026-11-10T23:59:59', '2026-11-15T10:00:00'); // closed late
  await item(3, '2026-12-01T23:59:59', null); // overdue, open
  await item(4, '2026-12-30T23:59:59', null); // not due yet: not counted
  await item(5, '2026-09-20T23:59:59', '2026-09-19T10:00:00'); // due in Q3: not counted

  const publicity = (title: string, happenedOn: string) =>
    recordPublicity(t.db, office, all, { unitCode: 'court', kind: 'trial_broadcast', title, happenedOn });
  await publicity('涉企合同纠纷庭审直播', '2026-10-12');
  await publicity('破产重整案件庭审直播', '2026-11-30');
  await publicity('九月庭审直播', '2026-09-30'); // Q3
  return { taskCount: tasks.length };
}

it('computes a quarter’s scores from known records as worked out by hand', async () => {
  const { taskCount } = await courtRecords();
  expect(taskCount).toBeGreaterThan(0);
  const courtIndicators = await t.db.indicatorOwner.count({
    where: { unitId: court.id, indicator: { source: 'report' } },
  });
  expect(courtIndicators).toBeGreaterThanOrEqual(3);
  await enterAssessmentScore(t.db, office, {
    period: '2026-Q4',
    unitCode: 'court',
    dimension: 'provincial-evaluation',
    score: 80,
    reason: '省级评价中执行合同指标位列全市第三',
  });

  // By hand, with the default rules (30 / 25 / 20 / 15 / 10):
  // 周报按时: W40 on time, W41 late, W42 missing → 1 of 3
  const reports = (1 / 3) * 100;
  // 台账按期销号: items 1 (in time), 2 (late), 3 (overdue) → 1 of 3
  const ledger = (1 / 3) * 100;
  // 任务进展: W40 all tasks, W41 one task, W42 none → (taskCount + 1) of 3 × taskCount
  const progress = ((taskCount + 1) / (3 * taskCount)) * 100;
  // 指标: 诉前调解 50 ≥45 and 法定期内执行率 98 ≥98 met; 简易程序 latest 85 <89; the rest unreported
  const indicators = (2 / courtIndicators) * 100;
  // 宣传: 2 items in Q4 against 3 a quarter
  const publicity = (2 / 3) * 100;
  // 方案任务 = 台账 40 % + 进展 40 % + 清结率 20 %; no long-pending case on the register here → the first two, halves
  const planTasks = 0.5 * ledger + 0.5 * progress;
  const total = (30 * 80 + 25 * planTasks + 20 * indicators + 15 * publicity + 10 * reports) / 100;

  const table = await assessmentTable(t.db, '2026-Q4', now);
  const row = table.rows.find((r) => r.unitCode === 'court')!;
  const dim = (code: string) => row.dimensions.find((d) => d.code === code)!;
  const r1 = (x: number) => Math.round(x * 10) / 10;
  expect(dim('provincial-evaluation')).toMatchObject({
    score: 80,
    manual: true,
    entry: { reason: '省级评价中执行合同指标位列全市第三' },
  });
  expect(dim('reporting')).toMatchObject({ score: r1(reports) });
  expect(dim('reporting').measures[0]).toMatchObject({ numerator: 1, denominator: 3 });
  expect(dim('plan-tasks').score).toBe(r1(planTasks));
  expect(dim('plan-tasks').measures.map((m) => [m.numerator, m.denominator])).toEqual([
    [1, 3],
    [taskCount + 1, 3 * taskCount],
    [0, 0],
  ]);
  expect(dim('plan-tasks').measures.map((m) => m.share)).toEqual([40, 40, 20]);
  expect(dim('indicators').score).toBe(r1(indicators));
  expect(dim('daily-work').score).toBe(r1(publicity));
  expect(row.total).toBe(Math.round(total * 100) / 100);
  expect(row.incomplete).toBe(false);

  // 公安 has no reports, ledger items, publicity or entry: 方案任务 (nothing due) full 25, 信息报送 (nothing
  // due) full 10; its one reported indicator unreported → 0 of 20; publicity 0 of 3 → 0; 省级评价 not scored → 0
  const p = table.rows.find((r) => r.unitCode === 'police')!;
  expect(p.total).toBe(25 + 10);
  expect(p.incomplete).toBe(true);
  // ranked by total, highest first
  const totals = table.rows.map((r) => r.total);
  expect(totals).toEqual([...totals].sort((a, b) => b - a));
  expect(table.rows[0]!.rank).toBe(1);

  // every figure traces to its records
  const ledgerRecords = await assessmentRecords(
    t.db,
    { period: '2026-Q4', unit: 'court', measure: 'ledgerOnTime' },
    now,
  );
  expect(
    'records' in ledgerRecords && ledgerRecords.records.map((r) => [r.label.slice(0, 10), r.counted]),
  ).toEqual([
    ['ZG-2026-91', true],
    ['ZG-2026-92', false],
    ['ZG-2026-93', false],
  ]);
  const weekly = await assessmentRecords(
    t.db,
    { period: '2026-Q4', unit: 'court', measure: 'reportsOnTime' },
    now,
  );
  expect('records' in weekly && weekly.records.map((r) => r.label)).toEqual([
    '2026-W40 周报',
    '2026-W41 周报',
    '2026-W42 周报',
  ]);
});

it('takes a manual score only with a reason, only for a manual dimension, and audits it', async () => {
  const base = { period: '2026-Q4', unitCode: 'police', dimension: 'provincial-evaluation', score: 90 };
  await expect(enterAssessmentScore(t.db, office, { ...base, reason: '' })).rejects.toThrow('请填写评分理由');
  await expect(
    enterAssessmentScore(t.db, office, { ...base, score: 101, reason: '省级评价第一' }),
  ).rejects.toThrow('不能高于 100');
  await expect(
    enterAssessmentScore(t.db, office, { ...base, dimension: 'reporting', reason: '手工改分试验' }),
  ).rejects.toThrow('由系统根据记录计算');
  expect(await t.db.assessmentEntry.count({ where: { unitId: police.id } })).toBe(0);

  await enterAssessmentScore(t.db, office, { ...base, reason: '省级评价位列全市第一' });
  await enterAssessmentScore(
    t.db,
    { userId: null, label: 'coordinator2' },
    { ...base, score: 85, reason: '复核后下调：材料不全' },
  );
  const log = await t.db.auditLog.findMany({
    where: { entity: 'assessmentEntry', unitId: police.id },
    orderBy: { id: 'asc' },
  });
  expect(log.map((l) => [l.action, l.actorLabel, (l.after as { score: number }).score])).toEqual([
    ['assessmentEntry.create', 'coordinator', 90],
    ['assessmentEntry.update', 'coordinator2', 85],
  ]);
  const trail = await assessmentRecords(t.db, {
    period: '2026-Q4',
    unit: 'police',
    measure: 'provincial-evaluation',
  });
  expect('history' in trail && trail.history.map((h) => h.reason)).toEqual([
    '复核后下调：材料不全',
    '省级评价位列全市第一',
  ]);
});

it('validates and audits the rules an admin sets', async () => {
  const rules = structuredClone(defaultRules);
  rules.dimensions[0]!.weight = 40; // sum 110
  await expect(saveRules(t.db, office, rules)).rejects.toThrow('各维度权重之和应为 100（现为 110）');
  const shares = structuredClone(defaultRules);
  shares.dimensions[1]!.measures[0]!.share = 60; // 60 + 50
  await expect(saveRules(t.db, office, shares)).rejects.toThrow('各计算项占比之和应为 100');
  const manualWithMeasure = structuredClone(defaultRules);
  manualWithMeasure.dimensions[0]!.measures = [{ measure: 'publicity', share: 100 }];
  await expect(saveRules(t.db, office, manualWithMeasure)).rejects.toThrow('为人工评分，不应设置计算项');
  expect(await t.db.assessmentDimension.count()).toBe(0);

  const good = structuredClone(defaultRules);
  good.dimensions[0]!.weight = 20;
  good.dimensions[4]!.weight = 20;
  good.publicityTargetPerQuarter = 2;
  await saveRules(t.db, { userId: null, label: 'admin' }, good);
  const loaded = await loadRules(t.db);
  expect(loaded.dimensions.map((d) => d.weight)).toEqual([20, 25, 20, 15, 20]);
  expect(loaded.publicityTargetPerQuarter).toBe(2);
  expect(await t.db.auditLog.count({ where: { action: 'assessmentRules.update' } })).toBe(1);
  // the court's publicity now meets its target: 2 of 2
  const table = await assessmentTable(t.db, '2026-Q4', now);
  expect(
    table.rows.find((r) => r.unitCode === 'court')!.dimensions.find((d) => d.code === 'daily-work')!.score,
  ).toBe(100);
});

it('keeps publicity within a unit: a unit user records and lists only its own', async () => {
  const courtScope = { all: false, unitId: court.id } as const;
  await expect(
    recordPublicity(t.db, office, courtScope, {
      unitCode: 'police',
      kind: 'press_conference',
      title: '冒名登记',
      happenedOn: '2026-11-02',
    }),
  ).rejects.toThrow('只能登记本单位的宣传工作');
  await expect(
    recordPublicity(t.db, office, courtScope, {
      unitCode: 'court',
      kind: 'media_report',
      title: '报道',
      happenedOn: '2026-11-02',
    }),
  ).rejects.toThrow('媒体报道须填写媒体名称');
  await recordPublicity(t.db, office, all, {
    unitCode: 'police',
    kind: 'media_report',
    title: '优化营商环境专题报道',
    happenedOn: '2026-11-03',
    outlet: '法治日报',
    mediaLevel: 'national',
  });
  const own = await listPublicity(t.db, courtScope);
  expect(own.length).toBe(3);
  expect(own.every((p) => p.unitCode === 'court')).toBe(true);
  expect((await listPublicity(t.db, all, { unitId: police.id })).map((p) => p.outlet)).toEqual(['法治日报']);
});
