// Case reviews (评查): batches with sampled cases; the enterprise share per unit computed from the samples
// against ≥5% (政法委, 检察院) and ≥10% (公安), counted by hand here; a found problem opened as a ledger item
// with source case_review once; bad input refused with a clear message, changing nothing.
import { raiseReviewProblem, recordReviewBatch, reviewShares } from '../../domain/case-reviews/reviews';
import { seed } from '../../domain/seed/seed';
import { freshDatabase, type TestDatabase } from '../support/databases';

const office = { userId: null, label: 'coordinator' };
let t: TestDatabase;
beforeAll(async () => {
  t = await freshDatabase('sqlite');
  await seed(t.db, { adminPassword: 'case-review-admin-password' });
}, 60_000);
afterAll(() => t?.destroy());

/** `n` sampled cases of which the first `enterprise` are enterprise-related. */
const samples = (prefix: string, n: number, enterprise: number) =>
  Array.from({ length: n }, (_, i) => ({
    caseNumber: `${prefix}-${i + 1}`,
    enterpriseRelated: i < enterprise,
  }));

it('computes each reviewing unit’s enterprise share from its sampled cases against its target', async () => {
  // 公安: 3 of 40 in one batch + 2 of 10 in another = 5 of 50 = 10% (target ≥10%: met)
  await recordReviewBatch(t.db, office, {
    unitCode: 'police',
    title: '2026年第四季度执法质量考评（一）',
    reviewedOn: '2026-10-15',
    samples: samples('公刑', 40, 3),
  });
  await recordReviewBatch(t.db, office, {
    unitCode: 'police',
    title: '2026年第四季度执法质量考评（二）',
    reviewedOn: '2026-11-20',
    samples: samples('公经', 10, 2),
  });
  // 检察院: 1 of 25 = 4% (target ≥5%: not met)
  await recordReviewBatch(t.db, office, {
    unitCode: 'procuratorate',
    title: '2026年案件质量评查',
    reviewedOn: '2026-11-05',
    samples: samples('检', 25, 1),
  });
  // outside the period: not counted
  await recordReviewBatch(t.db, office, {
    unitCode: 'procuratorate',
    title: '2026年三季度评查',
    reviewedOn: '2026-09-30',
    samples: samples('检旧', 4, 4),
  });
  const shares = await reviewShares(t.db, { from: '2026-10-01', to: '2026-12-31' });
  const by = Object.fromEntries(shares.map((s) => [s.unitCode, s]));
  expect(by.police).toMatchObject({
    batches: 2,
    sampled: 50,
    enterpriseRelated: 5,
    share: 10,
    target: 10,
    met: true,
  });
  expect(by.procuratorate).toMatchObject({
    sampled: 25,
    enterpriseRelated: 1,
    share: 4,
    target: 5,
    met: false,
  });
  expect(by['plc-office']).toMatchObject({ sampled: 0, share: null, target: 5, met: null });
  expect(by.police.batchIds).toHaveLength(2);
});

it('opens a found problem as a ledger item with source case_review, once', async () => {
  const batch = await recordReviewBatch(t.db, office, {
    unitCode: 'plc-office',
    title: '政法队伍教育整顿案件评查',
    reviewedOn: '2026-12-01',
    samples: [{ caseNumber: '（2026）豫0703民初1号', enterpriseRelated: true, problem: '查封超标的额' }],
  });
  const sample = batch.samples[0];
  const now = new Date('2026-12-02T02:00:00Z');
  const item = await raiseReviewProblem(t.db, office, sample.id, { leadUnitCode: 'court' }, now);
  expect(item).toMatchObject({ source: 'case_review', problem: '查封超标的额' });
  expect(item.sourceRef).toContain('（2026）豫0703民初1号');
  const again = await raiseReviewProblem(t.db, office, sample.id, { leadUnitCode: 'court' }, now);
  expect(again.id).toBe(item.id);
  expect(await t.db.ledgerItem.count({ where: { source: 'case_review' } })).toBe(1);
  const linked = await t.db.caseReviewSample.findUniqueOrThrow({ where: { id: sample.id } });
  expect(linked.ledgerItemId).toBe(item.id);
});

it('refuses a duplicate case number, an unknown unit and an empty batch, recording nothing', async () => {
  const before = await t.db.caseReviewBatch.count();
  const base = { unitCode: 'police', title: '批次', reviewedOn: '2026-12-01' };
  await expect(
    recordReviewBatch(t.db, office, {
      ...base,
      samples: [
        { caseNumber: 'A-1', enterpriseRelated: true },
        { caseNumber: 'A-1', enterpriseRelated: false },
      ],
    }),
  ).rejects.toMatchObject({ message: '案号“A-1”在本批次中重复' });
  await expect(
    recordReviewBatch(t.db, office, { ...base, unitCode: 'nowhere', samples: samples('X', 1, 0) }),
  ).rejects.toMatchObject({ message: '评查单位“nowhere”不存在' });
  await expect(recordReviewBatch(t.db, office, { ...base, samples: [] })).rejects.toThrow(
    '至少录入一件抽查案件',
  );
  expect(await t.db.caseReviewBatch.count()).toBe(before);
});
