// The 全市位次 API over the real server and SQLite: a police user cannot enter or see the court's figures (403 on
// entry, 404 on a record, an empty list), bad figures are refused with the field named and nothing written, a
// second record for the same period is a conflict, a correction needs a reason and shows in the record's
// trail, the office enters for the court's indicator, and only the office lists a period outside the 先进位次 in
// the ledger (source supervision).
import { recordKnownRanks } from '../support/rank-data';
import { bootWeb, type TestWeb } from '../support/web-server';

interface Ranked {
  code: string;
  advancedRank: number;
  latest: { id: number; period: string; cityRank: number; advanced: boolean } | null;
  history: { period: string; cityRank: number; advanced: boolean }[];
}
interface Problem {
  detail: string;
  errors?: { field: string; message: string }[];
}
const fieldsOf = (p: Problem) => Object.fromEntries((p.errors ?? []).map((e) => [e.field, e.message]));

let web: TestWeb;
let known: Awaited<ReturnType<typeof recordKnownRanks>>;
beforeAll(async () => {
  web = await bootWeb();
  known = await recordKnownRanks(web.database.db);
}, 60_000);
afterAll(async () => {
  await web?.stop();
});

const entry = { indicatorCode: 'enforcing-contracts', period: '2026-Q4', cityRank: 2, rankedCount: 12 };

it('shows the leader each indicator’s history against its 先进位次, oldest first', async () => {
  const leader = await web.signedIn('leader');
  const res = await leader.send<Ranked[]>('GET', '/api/indicator-ranks');
  expect(res.status).toBe(200);
  const contracts = res.body.find((r) => r.code === 'enforcing-contracts')!;
  expect(contracts.advancedRank).toBe(3);
  expect(contracts.history.map((h) => [h.period, h.cityRank, h.advanced])).toEqual([
    ['2026-Q1', 2, true],
    ['2026-Q2', 3, true],
    ['2026-Q3', 7, false],
  ]);
  expect(contracts.latest).toMatchObject({ id: known.contractsQ3.id, advanced: false });
});

it('keeps the police out of the court’s figures', async () => {
  const police = await web.signedIn('police.user');
  const before = await web.database.db.indicatorPeriodFigure.count();
  const denied = await police.send<Problem>('POST', '/api/indicator-ranks/records', entry);
  expect(denied.status).toBe(403);
  expect(denied.body.detail).toContain('不是本单位负责的指标');
  expect(await web.database.db.indicatorPeriodFigure.count()).toBe(before);
  expect((await police.send('GET', '/api/indicator-ranks')).body).toEqual([]);
  const record = await police.send('GET', `/api/indicator-ranks/records/${known.contractsQ3.id}`);
  expect(record.status).toBe(404);
  const correct = await police.send('PUT', `/api/indicator-ranks/records/${known.contractsQ3.id}`, {
    cityRank: 1,
    rankedCount: 12,
    reason: '冒改',
  });
  expect(correct.status).toBe(404);
});

it('refuses bad figures with the field named, and a second record for a period', async () => {
  const court = await web.signedIn('court.user');
  const before = await web.database.db.indicatorPeriodFigure.count();
  const tooLow = await court.send<Problem>('POST', '/api/indicator-ranks/records', {
    ...entry,
    cityRank: 13,
  });
  expect(tooLow.status).toBe(400);
  expect(fieldsOf(tooLow.body)).toEqual({ cityRank: '全市位次应在1到参评区县数之间' });
  const noCount = await court.send<Problem>('POST', '/api/indicator-ranks/records', {
    ...entry,
    rankedCount: 0,
  });
  expect(fieldsOf(noCount.body).rankedCount).toBe('参评区县数至少为1');
  const badPeriod = await court.send<Problem>('POST', '/api/indicator-ranks/records', {
    ...entry,
    period: 'Q4',
  });
  expect(fieldsOf(badPeriod.body).period).toMatch('评价期格式');
  expect(await web.database.db.indicatorPeriodFigure.count()).toBe(before);
  expect((await court.send('POST', '/api/indicator-ranks/records', entry)).status).toBe(201);
  const twice = await court.send<Problem>('POST', '/api/indicator-ranks/records', entry);
  expect(twice.status).toBe(409);
  expect(twice.body.detail).toContain('已录入');
});

it('corrects only with a reason, keeping the old figures in the trail', async () => {
  const court = await web.signedIn('court.user');
  const path = `/api/indicator-ranks/records/${known.contractsQ3.id}`;
  const noReason = await court.send<Problem>('PUT', path, { cityRank: 6, rankedCount: 12 });
  expect(noReason.status).toBe(400);
  expect(fieldsOf(noReason.body).reason).toBe('请填写更正原因');
  const ok = await court.send('PUT', path, {
    cityRank: 6,
    rankedCount: 12,
    value: 77,
    reason: '市里更正通报',
  });
  expect(ok.status).toBe(200);
  const detail = await court.send<{
    cityRank: number;
    trail: { action: string; by: string; before: unknown; after: unknown }[];
  }>('GET', path);
  expect(detail.body.cityRank).toBe(6);
  expect(detail.body.trail.map((t) => t.action)).toEqual([
    'indicatorPeriod.create',
    'indicatorPeriod.correct',
  ]);
  // the trail names people as the record does, not by their sign-in names
  const user = await web.database.db.user.findUniqueOrThrow({ where: { username: 'court.user' } });
  expect(detail.body.trail.map((t) => t.by)).toEqual([user.displayName, user.displayName]);
  expect(detail.body.trail[1]).toMatchObject({
    before: { cityRank: 7 },
    after: { cityRank: 6, reason: '市里更正通报' },
  });
});

it('lets only the office list a period outside the advanced positions in the ledger, once', async () => {
  const path = `/api/indicator-ranks/records/${known.contractsQ3.id}/ledger-item`;
  const court = await web.signedIn('court.user');
  expect((await court.send('POST', path, {})).status).toBe(403);
  const office = await web.signedIn('coordinator');
  const res = await office.send<{ id: number; source: string; problem: string }>('POST', path, {});
  expect(res.status).toBe(201);
  expect(res.body).toMatchObject({ source: 'supervision' });
  expect(res.body.problem).toContain('执行合同2026-Q3全市位次第6名（共12个区县）');
  expect((await office.send<{ id: number }>('POST', path, {})).body.id).toBe(res.body.id);
  const inside = await office.send<Problem>(
    'POST',
    `/api/indicator-ranks/records/${known.insolvencyQ3.id}/ledger-item`,
    {},
  );
  expect(inside.status).toBe(400);
  expect(inside.body.detail).toContain('已进入全市先进位次');
});

it('lets the office enter a period for a unit’s indicator', async () => {
  const office = await web.signedIn('coordinator');
  const res = await office.send<{ id: number; cityRank: number }>('POST', '/api/indicator-ranks/records', {
    ...entry,
    indicatorCode: 'resolving-insolvency',
  });
  expect(res.status).toBe(201);
  const court = await web.signedIn('court.user');
  const detail = await court.send<{ cityRank: number; advanced: boolean }>(
    'GET',
    `/api/indicator-ranks/records/${res.body.id}`,
  );
  expect(detail.body).toMatchObject({ cityRank: 2, advanced: true });
});

it('lets the admin set a 先进位次, refusing one below 1', async () => {
  const admin = await web.signedIn('admin', 'admin-password-for-tests');
  const path = '/api/admin/indicators/resolving-insolvency/advanced-rank';
  const bad = await admin.send<Problem>('PUT', path, { advancedRank: 0 });
  expect(bad.status).toBe(400);
  expect(fieldsOf(bad.body).advancedRank).toBe('先进位次应为正整数');
  expect((await admin.send('PUT', path, { advancedRank: 5 })).status).toBe(200);
  const audit = await web.database.db.auditLog.findFirstOrThrow({
    where: { action: 'indicator.update' },
    orderBy: { id: 'desc' },
  });
  expect(audit.after).toMatchObject({ code: 'resolving-insolvency', advancedRank: 5 });
});
