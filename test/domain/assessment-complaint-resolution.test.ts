// 考核's 企业投诉解决率 for 2026-Q4 from known records: complaints answered (reply delivered through the domain's
// own use cases) in and out of the quarter, by the court and by another unit, visited with each outcome or not at
// all. The expected figures are worked out by hand below, then compared with the code's table, its drill-down to
// the petitions, the admin's moving of the measure to another dimension, and the .xlsx export read back.
import ExcelJS from 'exceljs';
import { defaultRules, saveRules } from '../../domain/assessment/rules';
import { assessmentRecords, assessmentTable } from '../../domain/assessment/scores';
import {
  deliverReply,
  recordSatisfaction,
  saveReplyDraft,
  type SatisfactionInput,
} from '../../domain/petitions/replies';
import { recordPublicity } from '../../domain/publicity/publicity';
import { seed } from '../../domain/seed/seed';
import { assessmentWorkbook } from '../../web/server/assessment/assessment-export';
import { freshDatabase, type TestDatabase } from '../support/databases';

const unitUser = { userId: null, label: 'court.user' };
const now = new Date('2026-12-20T04:00:00Z');
const at = (s: string) => new Date(`${s}T10:00:00+08:00`);
let t: TestDatabase;

beforeAll(async () => {
  t = await freshDatabase('sqlite');
  await seed(t.db, { adminPassword: 'assessment-resolution-admin-password' });
}, 60_000);
afterAll(() => t?.destroy());

let sequence = 0;
interface Complaint {
  unit?: string;
  kind?: 'enterprise' | 'person';
  repliedOn: string | null;
  outcome?: SatisfactionInput['resolutionOutcome'];
  rating?: SatisfactionInput['satisfaction'];
}

/** A petition accepted by the unit, its reply delivered on `repliedOn` and, when given, its return visit. */
async function complaint(c: Complaint) {
  const unit = await t.db.unit.findUniqueOrThrow({ where: { code: c.unit ?? 'court' } });
  const number = `XF-2026-${String(++sequence).padStart(4, '0')}`;
  const enterprise =
    (c.kind ?? 'enterprise') === 'enterprise'
      ? await t.db.enterprise.create({ data: { name: `测试企业${sequence}有限公司` } })
      : null;
  await t.db.petition.create({
    data: {
      number,
      channel: 'line_12309',
      petitionerKind: c.kind ?? 'enterprise',
      petitionerName: `信访人${sequence}`,
      enterpriseId: enterprise?.id ?? null,
      subject: `涉企诉求${sequence}`,
      content: '反映执行款未到位',
      receivingUnitId: unit.id,
      handlingUnitId: unit.id,
      status: 'accepted',
      acceptedAt: at('2026-09-01'),
    },
  });
  if (!c.repliedOn) return number;
  await t.db.$transaction(async (tx) => {
    await saveReplyDraft(tx, unitUser, {
      petitionNumber: number,
      stance: 'support',
      replyContent: '经核查，依法予以支持。',
      legalBasis: '《信访工作条例》',
      reviewRoute: '可向上一级机关请求复查',
      publishReply: false,
      publishedText: null,
    });
    await deliverReply(tx, unitUser, number, at(c.repliedOn!));
  });
  if (c.outcome)
    await t.db.$transaction((tx) =>
      recordSatisfaction(
        tx,
        unitUser,
        {
          petitionNumber: number,
          visitedOn: c.repliedOn!,
          visitMethod: 'phone',
          satisfaction: c.rating ?? 'satisfied',
          comment: null,
          resolutionOutcome: c.outcome!,
          resolutionNote: c.outcome === 'resolved' ? null : '需协调财政部门，下季度继续跟进',
        },
        at(c.repliedOn!),
      ),
    );
  return number;
}

it('scores 解决率 under 日常工作开展情况 for a quarter, as worked out by hand, traced to the petitions', async () => {
  const a = await complaint({ repliedOn: '2026-10-15', outcome: 'resolved' });
  const b = await complaint({ repliedOn: '2026-11-03', outcome: 'partially_resolved' });
  const c = await complaint({ repliedOn: '2026-11-20', outcome: 'unresolved', rating: 'satisfied' });
  const d = await complaint({ repliedOn: '2026-12-02' }); // answered, not yet visited
  const e = await complaint({ repliedOn: '2026-12-10', outcome: 'resolved', rating: 'unsatisfied' });
  await complaint({ repliedOn: '2026-09-28', outcome: 'resolved' }); // Q3: another period
  await complaint({ repliedOn: '2026-10-20', outcome: 'resolved', kind: 'person' }); // not a complaint
  await complaint({ repliedOn: null }); // not answered yet
  await complaint({ repliedOn: '2026-11-11', outcome: 'unresolved', unit: 'police' });
  const office = { userId: null, label: 'coordinator' };
  for (const [title, happenedOn] of [
    ['涉企合同纠纷庭审直播', '2026-10-12'],
    ['营商环境典型案例发布', '2026-11-30'],
  ])
    await recordPublicity(
      t.db,
      office,
      { all: true },
      { unitCode: 'court', kind: 'typical_case', title, happenedOn },
    );

  // By hand, default rules (30 / 25 / 20 / 15 / 10; 日常工作 = 宣传 50 % + 解决率 50 %):
  // 法院 answered a–e in Q4; a and e 已解决 (e's unsatisfied rating does not matter) → 2 of 5 = 40;
  // publicity 2 of 3 a quarter → 66.7; 日常工作 = (66.67 + 40) / 2 = 53.3.
  const resolution = (2 / 5) * 100;
  const dailyWork = 0.5 * ((2 / 3) * 100) + 0.5 * resolution;
  // The rest of the court's table on a seeded database without reports or ledger items: 省级评价 not scored → 0;
  // 方案任务 and 信息报送 nothing due → full marks; 指标 none of its reported indicators filled in → 0.
  const total = (30 * 0 + 25 * 100 + 20 * 0 + 15 * dailyWork + 10 * 100) / 100;
  // 公安: one complaint, unresolved → 0; no publicity → 0. 检察院: no complaint → 解决率 not due, 宣传 alone → 0.
  const table = await assessmentTable(t.db, '2026-Q4', now);
  const daily = (unit: string) =>
    table.rows.find((r) => r.unitCode === unit)!.dimensions.find((x) => x.code === 'daily-work')!;
  const r1 = (x: number) => Math.round(x * 10) / 10;
  expect(daily('court').score).toBe(r1(dailyWork));
  expect(daily('court').measures).toEqual([
    expect.objectContaining({ measure: 'publicity', numerator: 2, denominator: 3, share: 50 }),
    expect.objectContaining({
      measure: 'complaintResolution',
      label: '企业投诉解决率',
      numerator: 2,
      denominator: 5,
      share: 50,
      score: r1(resolution),
    }),
  ]);
  expect(table.rows.find((r) => r.unitCode === 'court')!.total).toBe(Math.round(total * 100) / 100);
  expect(daily('police')).toMatchObject({ score: 0 });
  expect(daily('police').measures[1]).toMatchObject({ numerator: 0, denominator: 1 });
  expect(daily('procuratorate')).toMatchObject({
    score: 0,
    note: '部分计算项本期无应计记录，按其余计算项的占比折算',
  });
  expect(daily('procuratorate').measures[1]).toMatchObject({ denominator: 0, score: null });

  const traced = await assessmentRecords(
    t.db,
    { period: '2026-Q4', unit: 'court', measure: 'complaintResolution' },
    now,
  );
  if (!('records' in traced)) throw new Error('expected the records behind the figure');
  expect(traced.title).toBe('企业投诉解决率');
  expect(traced.records.map((r) => [r.label.split(' ')[0], r.counted, r.href])).toEqual(
    [a, b, c, d, e].map((n) => [n, n === a || n === e, `/search?q=${n}`]),
  );
  expect(traced.records.map((r) => r.detail)).toEqual([
    '2026-10-15答复，回访：已解决',
    '2026-11-03答复，回访：部分解决（需协调财政部门，下季度继续跟进）',
    '2026-11-20答复，回访：未解决（需协调财政部门，下季度继续跟进）',
    '2026-12-02答复，尚未回访，未记录解决情况',
    '2026-12-10答复，回访：已解决',
  ]);
  expect(traced.records[0]!.label).toContain('测试企业1有限公司');

  // The export's 计分明细 carries the same counts.
  const wb = new ExcelJS.Workbook();
  await wb.xlsx.load((await assessmentWorkbook(table, [])) as unknown as ArrayBuffer);
  const rows: unknown[][] = [];
  wb.getWorksheet('计分明细')!.eachRow((row) => rows.push((row.values as unknown[]).slice(1, 8)));
  expect(rows).toContainEqual(['区法院', '日常工作开展情况', '企业投诉解决率', 50, 2, 5, r1(resolution)]);
  expect(rows).toContainEqual(['公安分局', '日常工作开展情况', '企业投诉解决率', 50, 0, 1, 0]);
});

it('lets the admin move 解决率 to another dimension and weigh it, audited, and refuses a bad share', async () => {
  const admin = { userId: null, label: 'admin' };
  const moved = structuredClone(defaultRules);
  const dim = (code: string) => moved.dimensions.find((d) => d.code === code)!;
  dim('daily-work').measures = [{ measure: 'publicity', share: 100 }];
  dim('indicators').measures = [
    { measure: 'indicatorAttainment', share: 70 },
    { measure: 'complaintResolution', share: 40 },
  ];
  await expect(saveRules(t.db, admin, moved)).rejects.toThrow('“指标整改提升情况”各计算项占比之和应为 100');
  expect(await t.db.assessmentDimension.count()).toBe(0);

  dim('indicators').measures[1]!.share = 30;
  await saveRules(t.db, admin, moved);
  const log = await t.db.auditLog.findFirstOrThrow({ where: { action: 'assessmentRules.update' } });
  expect(JSON.stringify(log.after)).toContain('complaintResolution');

  // 法院: 指标 0 of its reported indicators → 0 × 70 % + 40 × 30 % = 12; 日常工作 = 宣传 alone 66.7.
  const table = await assessmentTable(t.db, '2026-Q4', now);
  const court = table.rows.find((r) => r.unitCode === 'court')!;
  expect(court.dimensions.find((d) => d.code === 'indicators')!.score).toBe(12);
  expect(court.dimensions.find((d) => d.code === 'daily-work')!.score).toBe(66.7);
});
