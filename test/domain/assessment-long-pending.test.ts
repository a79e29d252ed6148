// 考核's 长期未结案件清结率 (plan task 5) for 2026-Q4 and 2026-Q3 from known records: the court's register filled
// and closed through the domain's own use cases, with cases cleared in time, late, early, in another quarter, open
// past their target, with no target and not yet due. The expected figures are worked out by hand below, then
// compared with the code's table, the drill-down to the cases, the admin's rules and the .xlsx export read back.
import ExcelJS from 'exceljs';
import { defaultRules, saveRules } from '../../domain/assessment/rules';
import { assessmentRecords, assessmentTable } from '../../domain/assessment/scores';
import { closeLongPendingCase, registerLongPendingCase } from '../../domain/case-reviews/long-pending';
import { seed } from '../../domain/seed/seed';
import { assessmentWorkbook } from '../../web/server/assessment/assessment-export';
import { freshDatabase, type TestDatabase } from '../support/databases';

const courtUser = { userId: null, label: 'court.user' };
const now = new Date('2026-12-20T04:00:00Z');
const at = (s: string) => new Date(`${s}T10:00:00+08:00`);
let t: TestDatabase;
let courtScope: { all: false; unitId: number };

beforeAll(async () => {
  t = await freshDatabase('sqlite');
  await seed(t.db, { adminPassword: 'assessment-long-pending-admin-password' });
  const court = await t.db.unit.findUniqueOrThrow({ where: { code: 'court' } });
  courtScope = { all: false, unitId: court.id };
}, 60_000);
afterAll(() => t?.destroy());

let sequence = 0;
/** A case registered by the court on `filed` with its target date, closed on `closed` when given. */
async function longPending(filed: string, target: string | null, closed?: string) {
  const number = `（${filed.slice(0, 4)}）豫0703民初${100 + ++sequence}号`;
  const c = await registerLongPendingCase(
    t.db,
    courtUser,
    courtScope,
    {
      caseNumber: number,
      caseType: 'commercial',
      parties: `测试原告${sequence}有限公司诉测试被告公司买卖合同纠纷`,
      enterprise: `测试原告${sequence}有限公司`,
      filedOn: filed,
      targetOn: target,
      plan: '限期开庭，调解不成即依法判决',
    },
    now,
  );
  if (closed)
    await closeLongPendingCase(
      t.db,
      courtUser,
      courtScope,
      c.id,
      { closedOn: closed, closingMethod: 'mediation' },
      now,
    );
  return { id: c.id, number };
}

it('scores 长期未结案件清结率 under 方案任务 for the court, as worked out by hand, traced to the cases', async () => {
  const a = await longPending('2024-05-10', '2026-11-30', '2026-11-15'); // due in Q4, cleared in time
  const b = await longPending('2024-08-01', '2026-10-31'); // due in Q4, still open
  const c = await longPending('2025-01-10', '2026-06-30', '2026-12-05'); // due since Q2, cleared late in Q4
  const d = await longPending('2025-03-01', null); // no target date: due at once, open
  const e = await longPending('2025-06-01', '2027-03-31', '2026-10-20'); // cleared in Q4 ahead of its target
  const f = await longPending('2025-02-01', '2026-12-28'); // target later in Q4, after `now`: not yet due
  const g = await longPending('2024-01-01', '2026-09-30', '2026-09-20'); // cleared in Q3
  // Two court ledger items due in Q4: one closed in time, one not → 台账按期销号率 1 of 2.
  const court = await t.db.unit.findUniqueOrThrow({ where: { code: 'court' } });
  for (const [n, closedAt] of [
    ['ZG-2026-0901', at('2026-11-01')],
    ['ZG-2026-0902', null],
  ] as const)
    await t.db.ledgerItem.create({
      data: {
        number: n,
        source: 'case_review',
        problem: '长期未结案件评查发现的问题',
        leadUnitId: court.id,
        dueAt: at('2026-11-10'),
        originalDueAt: at('2026-11-10'),
        status: closedAt ? 'closed' : 'rectifying',
        closedAt,
      },
    });

  // By hand, default rules (方案任务 25 = 台账 40 % + 任务进展 40 % + 清结率 20 %):
  // Q4 due: a, b, c, d, e (f not yet due, g cleared before the quarter); cleared in Q4: a, c, e → 3 of 5 = 60.
  // 任务进展 has no report due on this database, so its share goes to the others: (50 × 40 + 60 × 20) / 60.
  const clearance = (3 / 5) * 100;
  const planTasks = (50 * 40 + clearance * 20) / 60;
  const r1 = (x: number) => Math.round(x * 10) / 10;
  const table = await assessmentTable(t.db, '2026-Q4', now);
  const plan = (unit: string, tb = table) =>
    tb.rows.find((r) => r.unitCode === unit)!.dimensions.find((x) => x.code === 'plan-tasks')!;
  expect(plan('court').score).toBe(r1(planTasks));
  expect(plan('court').measures).toEqual([
    expect.objectContaining({ measure: 'ledgerOnTime', numerator: 1, denominator: 2, share: 40 }),
    expect.objectContaining({ measure: 'taskProgress', denominator: 0, score: null, share: 40 }),
    expect.objectContaining({
      measure: 'longPendingClearance',
      label: '长期未结案件清结率',
      numerator: 3,
      denominator: 5,
      share: 20,
      score: r1(clearance),
    }),
  ]);
  expect(plan('court').note).toBe('部分计算项本期无应计记录，按其余计算项的占比折算');
  // Another unit keeps no register: not due, and its 方案任务 stays as before (nothing due → full marks).
  expect(plan('police').measures[2]).toMatchObject({ denominator: 0, score: null });
  expect(plan('police').score).toBe(100);

  const traced = await assessmentRecords(
    t.db,
    { period: '2026-Q4', unit: 'court', measure: 'longPendingClearance' },
    now,
  );
  if (!('records' in traced)) throw new Error('expected the records behind the figure');
  expect(traced.title).toBe('长期未结案件清结率');
  expect(traced.records.map((r) => [r.label.split(' ')[0], r.counted, r.href])).toEqual(
    [a, b, c, d, e].map((x) => [
      x.number,
      x === a || x === c || x === e,
      `/case-reviews/long-pending?from=2026-10-01&to=2026-12-31&case=${x.id}`,
    ]),
  );
  expect(traced.records.map((r) => r.detail)).toEqual([
    '立案 2024-05-10，目标结案 2026-11-30，2026-11-15调解结案',
    '立案 2024-08-01，目标结案 2026-10-31，本期内未结案',
    '立案 2025-01-10，目标结案 2026-06-30，2026-12-05调解结案（晚于目标日期）',
    '立案 2025-03-01，未定目标结案日期，本期内未结案',
    '立案 2025-06-01，目标结案 2027-03-31，2026-10-20调解结案',
  ]);

  // Q3 as of the same day: g cleared; c past its target and open at the quarter's end; d without target;
  // a, b, e, f not due before October → 1 of 3.
  const q3 = await assessmentRecords(
    t.db,
    { period: '2026-Q3', unit: 'court', measure: 'longPendingClearance' },
    now,
  );
  if (!('records' in q3)) throw new Error('expected the records behind the figure');
  expect(q3.records.map((r) => [r.label.split(' ')[0], r.counted])).toEqual([
    [g.number, true],
    [c.number, false],
    [d.number, false],
  ]);
  expect(q3.records[1]!.detail).toBe('立案 2025-01-10，目标结案 2026-06-30，2026-12-05结案，不在本期');
  const q3Table = await assessmentTable(t.db, '2026-Q3', now);
  expect(plan('court', q3Table).measures[2]).toMatchObject({ numerator: 1, denominator: 3, score: 33.3 });
  expect(traced.records.some((r) => r.id === f.id)).toBe(false);

  // The export's 计分明细 carries the same counts.
  const wb = new ExcelJS.Workbook();
  await wb.xlsx.load((await assessmentWorkbook(table, [])) as unknown as ArrayBuffer);
  const rows: unknown[][] = [];
  wb.getWorksheet('计分明细')!.eachRow((row) => rows.push((row.values as unknown[]).slice(1, 8)));
  expect(rows).toContainEqual(['区法院', '方案及清单重点任务落实情况', '长期未结案件清结率', 20, 3, 5, 60]);
});

it('lets the admin weigh 清结率 or leave it out, audited, and refuses shares that do not add up', async () => {
  const admin = { userId: null, label: 'admin' };
  const rules = structuredClone(defaultRules);
  const plan = rules.dimensions.find((d) => d.code === 'plan-tasks')!;
  plan.measures = [
    { measure: 'ledgerOnTime', share: 50 },
    { measure: 'longPendingClearance', share: 60 },
  ];
  await expect(saveRules(t.db, admin, rules)).rejects.toThrow(
    '“方案及清单重点任务落实情况”各计算项占比之和应为 100',
  );
  expect(await t.db.assessmentDimension.count()).toBe(0);

  plan.measures[1]!.share = 50;
  await saveRules(t.db, admin, rules);
  const log = await t.db.auditLog.findFirstOrThrow({ where: { action: 'assessmentRules.update' } });
  expect(JSON.stringify(log.after)).toContain('longPendingClearance');
  // 法院: (50 + 60) / 2 = 55.
  const court = (await assessmentTable(t.db, '2026-Q4', now)).rows.find((r) => r.unitCode === 'court')!;
  expect(court.dimensions.find((d) => d.code === 'plan-tasks')!.score).toBe(55);

  // Left out by the admin, it no longer counts: 台账 alone → 50.
  plan.measures = [{ measure: 'ledgerOnTime', share: 100 }];
  await saveRules(t.db, admin, rules);
  const without = (await assessmentTable(t.db, '2026-Q4', now)).rows.find((r) => r.unitCode === 'court')!;
  expect(without.dimensions.find((d) => d.code === 'plan-tasks')!.score).toBe(50);
});
