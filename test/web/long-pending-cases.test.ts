// The 长期未结案件 API over the real server, on each database: the court registers (its 案号 kept in one
// spelling), a police user reads the register but cannot register or change a court case and nothing is
// written, bad input comes back as Chinese field errors, the list filters and sorts by pending days, the figures
// for a period are the ones counted by hand, and 即时整改 puts a case into the court's review batch or raises one
// ledger item with source case_review.
import { providers } from '../support/databases';
import { bootWeb, type TestWeb } from '../support/web-server';

interface Row {
  id: number;
  caseNumber: string;
  status: string;
  pendingDays: number;
  longPending: boolean;
  overdue: boolean;
}
interface Register {
  figures: Record<string, number | null>;
  cases: Row[];
}
interface Problem {
  detail: string;
  errors?: { field: string; message: string }[];
}

const facts = {
  caseType: 'commercial',
  parties: '澄川新材料科技有限公司诉某科技公司',
  enterprise: '澄川新材料科技有限公司',
  handler: '民二庭',
  plan: '先行调解',
};

describe.each(providers)('long-pending cases API on %s', (provider) => {
  let web: TestWeb;
  beforeAll(async () => {
    web = await bootWeb({ provider });
  }, 60_000);
  afterAll(async () => {
    await web?.stop();
  });

  it('lets the court register and the police read but not register, with Chinese errors and nothing written', async () => {
    const db = web.database.db;
    const court = await web.signedIn('court.user');
    const created = await court.send<Row>('POST', '/api/case-reviews/long-pending', {
      ...facts,
      caseNumber: '(2024)豫0703民初501号',
      filedOn: '2024-02-01',
      targetOn: '2025-06-30',
    });
    expect(created.status).toBe(201);
    expect(created.body).toMatchObject({ caseNumber: '（2024）豫0703民初501号', status: 'pending' });

    const police = await web.signedIn('police.user');
    const refused = await police.send<Problem>('POST', '/api/case-reviews/long-pending', {
      ...facts,
      caseNumber: '（2024）豫0703民初502号',
      filedOn: '2024-02-01',
    });
    expect(refused.status).toBe(403);
    expect(refused.body.detail).toBe('长期未结案件只能由区法院或专班办公室登记和更新');
    const progress = await police.send('POST', `/api/case-reviews/long-pending/${created.body.id}/progress`, {
      content: '代记',
    });
    expect(progress.status).toBe(403);
    const list = await police.send<Register>('GET', '/api/case-reviews/long-pending');
    expect(list.status).toBe(200);
    expect(list.body.cases.map((c) => c.caseNumber)).toEqual(['（2024）豫0703民初501号']);
    expect(list.body.cases[0]).toMatchObject({ longPending: true, overdue: true });

    const bad = await court.send<Problem>('POST', '/api/case-reviews/long-pending', {
      ...facts,
      caseType: 'criminal',
      caseNumber: '123',
      filedOn: '2024-02-01',
    });
    expect(bad.status).toBe(400);
    const fields = Object.fromEntries((bad.body.errors ?? []).map((e) => [e.field, e.message]));
    expect(fields.caseNumber).toMatch(/^案号格式应如（2024）豫0703民初123号/);
    expect(fields.caseType).toBe('请选择案件类型（民事或商事）');
    const twice = await court.send<Problem>('POST', '/api/case-reviews/long-pending', {
      ...facts,
      caseNumber: '（2024）豫0703民初501号',
      filedOn: '2024-02-01',
    });
    expect(twice.status).toBe(409);
    expect(await db.longPendingCase.count()).toBe(1);
    expect(await db.longPendingEvent.count()).toBe(1);
    expect(await db.auditLog.count({ where: { entity: 'longPendingCase' } })).toBe(1);
  });

  it('filters, sorts by pending days and closes a case, with the figures counted by hand', async () => {
    const office = await web.signedIn('coordinator');
    const year = new Date().getFullYear();
    const add = async (n: number, filedOn: string, targetOn?: string) =>
      (
        await office.send<Row>('POST', '/api/case-reviews/long-pending', {
          ...facts,
          caseNumber: `（${year - 3}）豫0703民初${n}号`,
          filedOn,
          targetOn,
        })
      ).body;
    const older = await add(601, `${year - 3}-03-01`);
    const newer = await add(602, `${year - 1}-01-15`, `${year + 1}-01-31`);
    const closing = await office.send<Row>('POST', `/api/case-reviews/long-pending/${older.id}/close`, {
      closedOn: `${year}-01-01`,
      closingMethod: 'withdrawal',
    });
    expect(closing.status).toBe(200);
    const again = await office.send<Problem>('POST', `/api/case-reviews/long-pending/${older.id}/close`, {
      closedOn: `${year}-01-03`,
      closingMethod: 'judgment',
    });
    expect(again.status).toBe(409);
    const byDays = await office.send<Register>('GET', '/api/case-reviews/long-pending?order=days-asc');
    const days = byDays.body.cases.map((c) => c.pendingDays);
    expect(days).toEqual([...days].sort((a, b) => a - b));
    const open = await office.send<Register>('GET', '/api/case-reviews/long-pending?status=pending');
    expect(open.body.cases.map((c) => c.id).sort()).toEqual(
      byDays.body.cases
        .filter((c) => c.id !== older.id)
        .map((c) => c.id)
        .sort(),
    );
    const overdue = await office.send<Register>('GET', '/api/case-reviews/long-pending?overdue=1');
    expect(overdue.body.cases.map((c) => c.caseNumber)).toEqual(['（2024）豫0703民初501号']);
    expect(overdue.body.cases.map((c) => c.id)).not.toContain(newer.id);
    // this year: 501 (filed 2024), 602 open; 601 closed on 1/1 — three on the register, one cleared: 33.3%
    expect(overdue.body.figures).toMatchObject({
      thresholdMonths: 12,
      registered: 3,
      open: 2,
      clearedInPeriod: 1,
      clearanceRate: 33.3,
      overdue: 1,
    });
    const bad = await office.send<Problem>('GET', '/api/case-reviews/long-pending?status=open');
    expect(bad.status).toBe(400);
  });

  it('puts a case into the court’s review batch and raises one ledger item with source case_review', async () => {
    const db = web.database.db;
    const court = await web.signedIn('court.user');
    const c = (
      await court.send<Row>('POST', '/api/case-reviews/long-pending', {
        ...facts,
        caseNumber: '（2022）豫0703民初701号',
        filedOn: '2022-09-01',
      })
    ).body;
    const batch = await court.send<{ id: number }>('POST', '/api/case-reviews/batches', {
      unitCode: 'court',
      title: '涉企长期未结案件重点评查',
      reviewedOn: '2026-11-30',
      samples: [{ caseNumber: '（2026）豫0703民初1号', enterpriseRelated: false }],
    });
    const moved = await court.send<Row>('POST', `/api/case-reviews/long-pending/${c.id}/review-sample`, {
      batchId: batch.body.id,
      problem: '超审限未报批',
    });
    expect(moved.status).toBe(201);
    expect(moved.body.status).toBe('review');
    const samples = await db.caseReviewSample.findMany({ where: { batchId: batch.body.id } });
    expect(samples.find((s) => s.caseNumber === '（2022）豫0703民初701号')).toMatchObject({
      enterpriseRelated: true,
      problem: '超审限未报批',
    });
    const raised = await court.send<{ id: number; number: string; source: string }>(
      'POST',
      `/api/case-reviews/long-pending/${c.id}/ledger-item`,
      { leadUnitCode: 'court', problem: '超审限未报批，限期整改' },
    );
    expect(raised.status).toBe(201);
    expect(raised.body.source).toBe('case_review');
    const twice = await court.send<{ id: number }>(
      'POST',
      `/api/case-reviews/long-pending/${c.id}/ledger-item`,
      {
        leadUnitCode: 'court',
        problem: '再立一次',
      },
    );
    expect(twice.body.id).toBe(raised.body.id);
    expect(await db.ledgerItem.count({ where: { originKey: `long-pending:${c.id}` } })).toBe(1);
    const detail = await court.send<{
      events: { kind: string }[];
      ledgerItem: { number: string };
      reviewSample: { batch: { title: string } };
    }>('GET', `/api/case-reviews/long-pending/${c.id}`);
    expect(detail.body.events.map((e) => e.kind)).toEqual(['registered', 'review', 'ledger']);
    expect(detail.body.ledgerItem.number).toBe(raised.body.number);
    expect(detail.body.reviewSample.batch.title).toBe('涉企长期未结案件重点评查');
    const missing = await court.send('GET', '/api/case-reviews/long-pending/999999');
    expect(missing.status).toBe(404);
  });
});
