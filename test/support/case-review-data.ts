// Known case-review batches for the tests and the screenshots: 政法委 samples 40 cases of which 3 are
// enterprise-related (7.5%, target ≥5%: met), 公安 20 of which 1 (5%, target ≥10%: not met), 检察院 none.
import { recordReviewBatch } from '../../domain/case-reviews/reviews';
import type { Db } from '../../domain/db/client';

const actor = { userId: null, label: 'test' };

function samples(prefix: string, count: number, enterprise: number, problems: Record<number, string> = {}) {
  return Array.from({ length: count }, (_, i) => ({
    caseNumber: `（2026）${prefix}${i + 1}号`,
    enterpriseRelated: i < enterprise,
    problem: problems[i] ?? null,
  }));
}

export async function recordKnownReviews(db: Db) {
  const committee = await recordReviewBatch(db, actor, {
    unitCode: 'plc-office',
    title: '2026年第三季度涉企案件评查',
    reviewedOn: '2026-09-20',
    samples: samples('豫0703民初', 25, 2, { 0: '超审限未报批，未向当事人说明理由' }),
  });
  const committee2 = await recordReviewBatch(db, actor, {
    unitCode: 'plc-office',
    title: '2026年第四季度涉企案件评查',
    reviewedOn: '2026-11-18',
    samples: samples('豫0703刑初', 15, 1),
  });
  const police = await recordReviewBatch(db, actor, {
    unitCode: 'police',
    title: '执法质量考评抽查',
    reviewedOn: '2026-10-09',
    samples: samples('卫公（经）立字', 20, 1, { 3: '涉企经济案件立案审批手续不全' }),
  });
  return { committee, committee2, police };
}
