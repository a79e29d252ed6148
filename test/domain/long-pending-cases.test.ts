// The court's register of long-pending enterprise civil/commercial cases (plan task 5): 案号 accepted in its
// usual spellings and kept once, pending days and the 长期未结 flag against the threshold (worked out by hand
// from fixed dates), progress and closing on the timeline, a closed case frozen, only the court and the office
// changing it, bad input refused with nothing written, 即时整改 into a review batch or the ledger, and the
// period figures counted by hand.
import { recordReviewBatch } from '../../domain/case-reviews/reviews';
import {
  closeLongPendingCase,
  recordLongPendingProgress,
  registerLongPendingCase,
  updateLongPendingCase,
} from '../../domain/case-reviews/long-pending';
import {
  addLongPendingToReview,
  raiseLongPendingProblem,
} from '../../domain/case-reviews/long-pending-actions';
import {
  listLongPending,
  longPendingDetail,
  longPendingFigures,
} from '../../domain/case-reviews/long-pending-figures';
import { seed } from '../../domain/seed/seed';
import { freshDatabase, type TestDatabase } from '../support/databases';

const office = { userId: null, label: 'coordinator' };
const all = { all: true } as const;
// 2026-12-05 12:00 in Asia/Shanghai
const now = new Date('2026-12-05T04:00:00Z');
let t: TestDatabase;
let court: { all: false; unitId: number };
let police: { all: false; unitId: number };
beforeAll(async () => {
  t = await freshDatabase('sqlite');
  await seed(t.db, { adminPassword: 'long-pending-admin-password' });
  const id = async (code: string) => (await t.db.unit.findUniqueOrThrow({ where: { code } })).id;
  court = { all: false, unitId: await id('court') };
  police = { all: false, unitId: await id('police') };
}, 60_000);
afterAll(() => t?.destroy());

const base = {
  caseType: 'commercial' as const,
  parties: '青禾精密机械有限公司诉某贸易公司',
  enterprise: '青禾精密机械有限公司',
  handler: '民二庭 承办人A',
  plan: '本月内组织调解，调解不成即判决',
  targetOn: '2026-12-31',
};

it('accepts the usual spellings of a 案号, keeps one, and refuses the same case under another spelling', async () => {
  const a = await registerLongPendingCase(
    t.db,
    office,
    all,
    { ...base, caseNumber: ' (2024)豫0703民初123号 ', filedOn: '2024-03-01' },
    now,
  );
  expect(a.caseNumber).toBe('（2024）豫0703民初123号');
  expect(a.status).toBe('pending');
  for (const caseNumber of ['〔2023〕京0105执恢45号', '（2024）X0102民初12号之一', '（2025）豫07民终8号'])
    expect(
      (
        await registerLongPendingCase(
          t.db,
          office,
          court,
          { ...base, caseNumber, filedOn: '2025-01-02' },
          now,
        )
      ).caseNumber,
    ).toMatch(/^（/);
  const before = await t.db.longPendingCase.count();
  await expect(
    registerLongPendingCase(
      t.db,
      office,
      court,
      { ...base, caseNumber: '（2024）豫0703民初123号', filedOn: '2024-03-01' },
      now,
    ),
  ).rejects.toMatchObject({ kind: 'conflict', message: '案号（2024）豫0703民初123号已在登记册中' });
  await expect(
    registerLongPendingCase(
      t.db,
      office,
      court,
      { ...base, caseNumber: '民初123', filedOn: '2024-03-01' },
      now,
    ),
  ).rejects.toThrow('案号格式应如（2024）豫0703民初123号');
  await expect(
    registerLongPendingCase(
      t.db,
      office,
      court,
      { ...base, caseNumber: '（2024）豫0703刑初5号', filedOn: '2024-03-01' },
      now,
    ),
  ).rejects.toThrow('须为民商事或其执行案件');
  await expect(
    registerLongPendingCase(
      t.db,
      office,
      court,
      { ...base, caseNumber: '（2026）豫0703民初9号', filedOn: '2026-12-06' },
      now,
    ),
  ).rejects.toThrow('立案日期不能晚于今天');
  await expect(
    registerLongPendingCase(
      t.db,
      office,
      court,
      { ...base, caseNumber: '（2026）豫0703民初9号', filedOn: '2026-01-06', targetOn: '2025-12-31' },
      now,
    ),
  ).rejects.toThrow('目标结案日期不能早于立案日期');
  await expect(
    registerLongPendingCase(
      t.db,
      office,
      police,
      { ...base, caseNumber: '（2026）豫0703民初9号', filedOn: '2026-01-06' },
      now,
    ),
  ).rejects.toMatchObject({ kind: 'forbidden', message: '长期未结案件只能由区法院或专班办公室登记和更新' });
  expect(await t.db.longPendingCase.count()).toBe(before);
  expect(await t.db.auditLog.count({ where: { action: 'longPending.register' } })).toBe(before);
});

it('counts pending days from filing and flags a case pending longer than the threshold', async () => {
  // 2025-12-04 → 2026-12-05: 366 days, a year and a day: 长期未结 at 12 months
  const long = await registerLongPendingCase(
    t.db,
    office,
    court,
    { ...base, caseNumber: '（2025）豫0703民初1001号', filedOn: '2025-12-04' },
    now,
  );
  // 2025-12-05 → 2026-12-05: 365 days, exactly 12 months: not yet over the threshold
  const year = await registerLongPendingCase(
    t.db,
    office,
    court,
    { ...base, caseNumber: '（2025）豫0703民初1002号', filedOn: '2025-12-05' },
    now,
  );
  const at12 = await longPendingDetail(t.db, long.id, 12, now);
  expect(at12).toMatchObject({ pendingDays: 366, longPending: true, overdue: false });
  expect(await longPendingDetail(t.db, year.id, 12, now)).toMatchObject({
    pendingDays: 365,
    longPending: false,
  });
  expect(await longPendingDetail(t.db, year.id, 6, now)).toMatchObject({ longPending: true });
  const sorted = await listLongPending(t.db, { order: 'days-asc' }, 12, now);
  const days = sorted.map((r) => r.pendingDays);
  expect(days).toEqual([...days].sort((a, b) => a - b));
  await expect(listLongPending(t.db, { status: 'open' }, 12, now)).rejects.toThrow(
    '状态应为在办、转入评查或已结',
  );
});

it('records progress and edits on the timeline, closes the case, and then refuses any change', async () => {
  const c = await registerLongPendingCase(
    t.db,
    office,
    court,
    { ...base, caseNumber: '（2024）豫0703民初2001号', filedOn: '2024-06-01' },
    now,
  );
  const courtUser = { userId: null, label: 'court.user' };
  await recordLongPendingProgress(t.db, courtUser, court, c.id, {
    content: '12月3日组织双方调解，原告同意分期',
  });
  await expect(recordLongPendingProgress(t.db, courtUser, court, c.id, { content: '  ' })).rejects.toThrow(
    '请填写进展情况',
  );
  await expect(
    recordLongPendingProgress(t.db, { userId: null, label: 'police.user' }, police, c.id, {
      content: '代记',
    }),
  ).rejects.toMatchObject({ kind: 'forbidden' });
  await updateLongPendingCase(
    t.db,
    courtUser,
    court,
    c.id,
    { ...base, filedOn: '2024-06-01', targetOn: '2026-12-20' },
    now,
  );
  await expect(
    closeLongPendingCase(
      t.db,
      courtUser,
      court,
      c.id,
      { closedOn: '2024-05-01', closingMethod: 'mediation' },
      now,
    ),
  ).rejects.toThrow('结案日期不能早于立案日期');
  await expect(
    closeLongPendingCase(
      t.db,
      courtUser,
      court,
      c.id,
      { closedOn: '2026-12-04', closingMethod: 'agreed' as never },
      now,
    ),
  ).rejects.toThrow('请选择结案方式');
  await closeLongPendingCase(
    t.db,
    courtUser,
    court,
    c.id,
    { closedOn: '2026-12-04', closingMethod: 'mediation', note: '调解书已送达' },
    now,
  );
  const closed = await longPendingDetail(t.db, c.id, 12, now);
  expect(closed).toMatchObject({
    status: 'closed',
    closedOn: '2026-12-04',
    closingMethod: 'mediation',
    overdue: false,
  });
  // 2024-06-01 → 2026-12-04: 916 days (2024-06-01 → 2026-06-01 = 730, + 186)
  expect(closed.pendingDays).toBe(916);
  expect(closed.events.map((e) => [e.kind, e.actorLabel])).toEqual([
    ['registered', 'coordinator'],
    ['progress', 'court.user'],
    ['updated', 'court.user'],
    ['closed', 'court.user'],
  ]);
  expect(closed.events[2].content).toBe('修改：目标结案日期');
  expect(closed.events[3].content).toBe('调解结案，结案日期 2026-12-04：调解书已送达');
  await expect(
    recordLongPendingProgress(t.db, courtUser, court, c.id, { content: '再记一笔' }),
  ).rejects.toMatchObject({
    kind: 'conflict',
    message: '案件（2024）豫0703民初2001号已结案，不能再更改',
  });
  const actions = await t.db.auditLog.findMany({
    where: { entity: 'longPendingCase', entityId: String(c.id) },
  });
  expect(actions.map((a) => a.action)).toEqual([
    'longPending.register',
    'longPending.progressNote',
    'longPending.update',
    'longPending.conclude',
  ]);
});

it('puts a case into a review batch as an enterprise sample once, within the asker’s units', async () => {
  const c = await registerLongPendingCase(
    t.db,
    office,
    court,
    { ...base, caseNumber: '（2023）豫0703民初3001号', filedOn: '2023-02-01' },
    now,
  );
  const committeeBatch = await recordReviewBatch(t.db, office, {
    unitCode: 'plc-office',
    title: '涉企长期未结案件专项评查',
    reviewedOn: '2026-12-01',
    samples: [{ caseNumber: '（2026）豫0703民初1号', enterpriseRelated: false }],
  });
  // the court user may not see the committee's batch: answered as if it did not exist
  await expect(
    addLongPendingToReview(t.db, office, court, c.id, { batchId: committeeBatch.id }),
  ).rejects.toMatchObject({
    kind: 'not-found',
  });
  const moved = await addLongPendingToReview(t.db, office, all, c.id, {
    batchId: committeeBatch.id,
    problem: '超审限未报批',
  });
  expect(moved).toMatchObject({ status: 'review' });
  expect(moved.sample).toMatchObject({
    batchId: committeeBatch.id,
    caseNumber: c.caseNumber,
    enterpriseRelated: true,
    problem: '超审限未报批',
  });
  await expect(
    addLongPendingToReview(t.db, office, all, c.id, { batchId: committeeBatch.id }),
  ).rejects.toMatchObject({
    kind: 'conflict',
  });
  expect(await t.db.caseReviewSample.count({ where: { batchId: committeeBatch.id } })).toBe(2);
});

it('raises a case as a ledger item with source case_review once, refusing an unknown unit with nothing written', async () => {
  const c = await registerLongPendingCase(
    t.db,
    office,
    court,
    { ...base, caseNumber: '（2023）豫0703民初4001号', filedOn: '2023-04-01' },
    now,
  );
  const items = await t.db.ledgerItem.count();
  await expect(
    raiseLongPendingProblem(t.db, office, all, c.id, { leadUnitCode: 'nowhere', problem: '久拖不决' }, now),
  ).rejects.toThrow('单位代码“nowhere”不存在');
  expect(await t.db.ledgerItem.count()).toBe(items);
  const item = await raiseLongPendingProblem(
    t.db,
    office,
    all,
    c.id,
    { leadUnitCode: 'court', problem: '久拖不决，未报批延长审限' },
    now,
  );
  expect(item).toMatchObject({
    source: 'case_review',
    sourceRef: '长期未结案件·（2023）豫0703民初4001号',
    originKey: `long-pending:${c.id}`,
  });
  const again = await raiseLongPendingProblem(
    t.db,
    office,
    all,
    c.id,
    { leadUnitCode: 'court', problem: '久拖不决' },
    now,
  );
  expect(again.id).toBe(item.id);
  expect(await t.db.ledgerItem.count()).toBe(items + 1);
  const detail = await longPendingDetail(t.db, c.id, 12, now);
  expect(detail.ledgerItem).toMatchObject({ id: item.id, number: item.number });
  expect(detail.events.filter((e) => e.kind === 'ledger')).toHaveLength(1);
});

describe('figures for a period', () => {
  let f: TestDatabase;
  beforeAll(async () => {
    f = await freshDatabase('sqlite');
    await seed(f.db, { adminPassword: 'long-pending-admin-password' });
  }, 60_000);
  afterAll(() => f?.destroy());

  it('counts the register, the cleared, the clearance rate and the overdue by hand', async () => {
    const reg = (n: number, filedOn: string, targetOn: string | null) =>
      registerLongPendingCase(
        f.db,
        office,
        all,
        { ...base, caseNumber: `（2024）豫0703民初${n}号`, filedOn, targetOn },
        now,
      );
    const a = await reg(1, '2024-01-10', '2026-06-30'); // closed 2026-03-01: cleared in 2026
    const b = await reg(2, '2024-05-10', '2026-11-30'); // open, target passed: overdue, long-pending
    await reg(3, '2025-02-10', '2027-03-31'); // open, long-pending, on time
    await reg(4, '2026-08-01', null); // open, 4 months: not long-pending
    const e = await reg(5, '2023-01-10', null); // closed 2025-11-30: before the period
    await closeLongPendingCase(
      f.db,
      office,
      all,
      a.id,
      { closedOn: '2026-03-01', closingMethod: 'judgment' },
      now,
    );
    await closeLongPendingCase(
      f.db,
      office,
      all,
      e.id,
      { closedOn: '2025-11-30', closingMethod: 'withdrawal' },
      now,
    );
    await addLongPendingToReview(f.db, office, all, b.id, {
      batchId: (
        await recordReviewBatch(f.db, office, {
          unitCode: 'plc-office',
          title: '评查',
          reviewedOn: '2026-12-01',
          samples: [{ caseNumber: 'X-1', enterpriseRelated: false }],
        })
      ).id,
    });
    // 2026: on the register a, b, 3, 4 (e closed before it) = 4; cleared a = 1 → 25%
    expect(await longPendingFigures(f.db, { from: '2026-01-01', to: '2026-12-31' }, 12, now)).toEqual({
      thresholdMonths: 12,
      registered: 5,
      open: 3,
      longPending: 2,
      clearedInPeriod: 1,
      clearanceRate: 25,
      overdue: 1,
    });
    // 2025: on the register a, b, 3, e (4 filed later) = 4; cleared e = 1
    expect(await longPendingFigures(f.db, { from: '2025-01-01', to: '2025-12-31' }, 12, now)).toMatchObject({
      clearedInPeriod: 1,
      clearanceRate: 25,
    });
    // at 24 months only b (filed 2024-05-10) is over the threshold among the open
    expect(
      (await longPendingFigures(f.db, { from: '2026-01-01', to: '2026-12-31' }, 24, now)).longPending,
    ).toBe(1);
    const overdue = await listLongPending(f.db, { overdue: '1' }, 12, now);
    expect(overdue.map((r) => r.id)).toEqual([b.id]);
    const review = await listLongPending(f.db, { status: 'review' }, 12, now);
    expect(review.map((r) => r.status)).toEqual(['review']);
  });
});
