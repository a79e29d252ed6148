// The 案件评查 API over the real server: shares per reviewing unit computed from the sampled cases (by hand:
// 政法委 3 of 40 = 7.5% ≥ 5% met; 公安 1 of 20 = 5% < 10% not met; 检察院 nothing sampled), a unit user seeing
// and recording only its own unit's batches, bad input refused with nothing written, and a problem raised from
// a sampled case becoming exactly one ledger item with source case_review.
import { providers } from '../support/databases';
import { recordKnownReviews } from '../support/case-review-data';
import { bootWeb, type TestWeb } from '../support/web-server';

interface Overview {
  shares: {
    unitCode: string;
    sampled: number;
    enterpriseRelated: number;
    share: number | null;
    met: boolean | null;
    batchIds: number[];
  }[];
  batches: {
    id: number;
    unit: { code: string };
    sampled: number;
    enterpriseRelated: number;
    problems: number;
  }[];
}

describe.each(providers)('case reviews API on %s', (provider) => {
  let web: TestWeb;
  let known: Awaited<ReturnType<typeof recordKnownReviews>>;
  beforeAll(async () => {
    web = await bootWeb({ provider });
    known = await recordKnownReviews(web.database.db);
  }, 60_000);
  afterAll(async () => {
    await web?.stop();
  });

  it('computes each unit’s enterprise share from the sampled cases, against its target', async () => {
    const office = await web.signedIn('coordinator');
    const res = await office.send<Overview>('GET', '/api/case-reviews?from=2026-01-01&to=2026-12-31');
    expect(res.status).toBe(200);
    const by = Object.fromEntries(res.body.shares.map((s) => [s.unitCode, s]));
    expect(by['plc-office']).toMatchObject({ sampled: 40, enterpriseRelated: 3, share: 7.5, met: true });
    expect(by['plc-office']!.batchIds.sort()).toEqual([known.committee.id, known.committee2.id].sort());
    expect(by.police).toMatchObject({ sampled: 20, enterpriseRelated: 1, share: 5, met: false });
    expect(by.procuratorate).toMatchObject({ sampled: 0, share: null, met: null });
    // A range holding only the fourth quarter: the committee's second batch alone, 1 of 15.
    const q4 = await office.send<Overview>('GET', '/api/case-reviews?from=2026-10-10&to=2026-12-31');
    expect(q4.body.shares.find((s) => s.unitCode === 'plc-office')).toMatchObject({
      sampled: 15,
      enterpriseRelated: 1,
      share: 6.7,
    });
    const bad = await office.send('GET', '/api/case-reviews?from=2026-12-31&to=2026-01-01');
    expect(bad.status).toBe(400);
  });

  it('shows a unit user its own unit’s batches only, and records for its own unit only', async () => {
    const police = await web.signedIn('police.user');
    const mine = await police.send<Overview>('GET', '/api/case-reviews?from=2026-01-01&to=2026-12-31');
    expect(mine.body.batches.map((b) => b.unit.code)).toEqual(['police']);
    expect(mine.body.shares.map((s) => s.unitCode)).toEqual(['police']);
    expect((await police.send('GET', `/api/case-reviews/batches/${known.committee.id}`)).status).toBe(404);
    expect((await police.send('GET', `/api/case-reviews/batches/${known.police.id}`)).status).toBe(200);
    const before = await web.database.db.caseReviewBatch.count();
    const foreign = await police.send('POST', '/api/case-reviews/batches', {
      unitCode: 'procuratorate',
      title: '代录',
      reviewedOn: '2026-11-01',
      samples: [{ caseNumber: 'A1', enterpriseRelated: true }],
    });
    expect(foreign.status).toBe(400);
    const twice = await police.send<{ detail: string }>('POST', '/api/case-reviews/batches', {
      unitCode: 'police',
      title: '重复案号',
      reviewedOn: '2026-11-01',
      samples: [
        { caseNumber: 'A1', enterpriseRelated: true },
        { caseNumber: 'A1', enterpriseRelated: false },
      ],
    });
    expect(twice.status).toBe(400);
    expect(JSON.stringify(twice.body)).toContain('案号“A1”在本批次中重复');
    const empty = await police.send('POST', '/api/case-reviews/batches', {
      unitCode: 'police',
      title: '空批次',
      reviewedOn: '2026-11-01',
      samples: [],
    });
    expect(empty.status).toBe(400);
    expect(await web.database.db.caseReviewBatch.count()).toBe(before);
    const ok = await police.send<{ id: number }>('POST', '/api/case-reviews/batches', {
      unitCode: 'police',
      title: '补充抽查',
      reviewedOn: '2026-11-20',
      samples: [
        { caseNumber: 'B1', enterpriseRelated: true },
        { caseNumber: 'B2', enterpriseRelated: true },
      ],
    });
    expect(ok.status).toBe(201);
    const after = await police.send<Overview>('GET', '/api/case-reviews?from=2026-01-01&to=2026-12-31');
    // 3 of 22 = 13.6%: now at least 10%.
    expect(after.body.shares[0]).toMatchObject({ sampled: 22, enterpriseRelated: 3, share: 13.6, met: true });
  });

  it('raises a sampled case’s problem as one ledger item with source case_review, once', async () => {
    const db = web.database.db;
    const sample = known.police.samples.find((s) => s.problem)!;
    const police = await web.signedIn('police.user');
    const res = await police.send<{ id: number; number: string; source: string }>(
      'POST',
      `/api/case-reviews/samples/${sample.id}/ledger-item`,
      { leadUnitCode: 'police' },
    );
    expect(res.status).toBe(201);
    expect(res.body.source).toBe('case_review');
    const again = await police.send<{ id: number }>(
      'POST',
      `/api/case-reviews/samples/${sample.id}/ledger-item`,
      {
        leadUnitCode: 'police',
      },
    );
    expect(again.body.id).toBe(res.body.id);
    const items = await db.ledgerItem.findMany({ where: { originKey: `case-review:${sample.id}` } });
    expect(items).toHaveLength(1);
    expect(items[0]).toMatchObject({ source: 'case_review', problem: '涉企经济案件立案审批手续不全' });
    const detail = await police.send<{ samples: { id: number; ledgerItem: { number: string } | null }[] }>(
      'GET',
      `/api/case-reviews/batches/${known.police.id}`,
    );
    expect(detail.body.samples.find((s) => s.id === sample.id)!.ledgerItem?.number).toBe(res.body.number);
    // Another unit's sample is as good as absent; a sample without a problem asks for one.
    const court = await web.signedIn('court.user');
    const foreign = known.committee.samples[0]!;
    expect(
      (
        await court.send('POST', `/api/case-reviews/samples/${foreign.id}/ledger-item`, {
          leadUnitCode: 'court',
        })
      ).status,
    ).toBe(404);
    const office = await web.signedIn('coordinator');
    const plain = known.committee.samples[5]!;
    const noProblem = await office.send('POST', `/api/case-reviews/samples/${plain.id}/ledger-item`, {
      leadUnitCode: 'court',
    });
    expect(noProblem.status).toBe(400);
    expect(await db.ledgerItem.count({ where: { originKey: `case-review:${plain.id}` } })).toBe(0);
  });
});
