// Search by business key over the API on the demo records: case, petition and ledger numbers, ISO week and part
// of an enterprise's name find the records within the user's scope (a court user never sees the police's), one
// exact hit says where to jump, and an empty query is refused with the field named.
import { bootWeb, type TestWeb } from '../support/web-server';

let web: TestWeb;
beforeAll(async () => {
  web = await bootWeb();
}, 60_000);
afterAll(async () => {
  await web?.stop();
});

interface Answer {
  exact: boolean;
  results: { kind: string; number: string; title: string; link: string }[];
  jump: string | null;
}

it('finds a case, a petition, a ledger item and a week by number for the office, and says where to jump', async () => {
  const coordinator = await web.signedIn('coordinator');
  const ledger = await web.database.db.ledgerItem.findFirstOrThrow({ orderBy: { id: 'asc' } });
  for (const [q, kind] of [
    ['XT-2026-001', 'case'],
    ['xf-2026-0001', 'petition'],
    [ledger.number, 'ledger'],
  ] as const) {
    const res = await coordinator.send<Answer>('GET', `/api/search?q=${encodeURIComponent(q)}`);
    expect(res.status).toBe(200);
    expect(res.body.exact).toBe(true);
    expect(res.body.results.map((r) => [r.kind, r.number])).toEqual([[kind, q.toUpperCase()]]);
    expect(res.body.jump).toBe(res.body.results[0]!.link);
  }
  // The item page is addressed by id: a link by number opened a page that said 「id：应为正整数」.
  expect((await coordinator.send<Answer>('GET', `/api/search?q=${ledger.number}`)).body.jump).toBe(
    `/ledger/${ledger.id}`,
  );
  // A case opens on its own page (meetings, 会议改期, the way on to its diagram), as a ledger item does.
  const theCase = await web.database.db.enterpriseCase.findFirstOrThrow({ where: { number: 'XT-2026-001' } });
  expect((await coordinator.send<Answer>('GET', '/api/search?q=XT-2026-001')).body.jump).toBe(
    `/cases/${theCase.id}`,
  );
  const week = await web.database.db.weeklySummary.findFirst();
  if (week) {
    const res = await coordinator.send<Answer>('GET', `/api/search?q=${week.isoWeek}`);
    expect(res.body.results.map((r) => r.kind)).toEqual(['week']);
  }
});

it('finds records by part of an enterprise name', async () => {
  const coordinator = await web.signedIn('coordinator');
  const res = await coordinator.send<Answer>('GET', `/api/search?q=${encodeURIComponent('青禾精密')}`);
  expect(res.body.exact).toBe(false);
  expect(res.body.results.length).toBeGreaterThan(0);
  expect(res.body.results.some((r) => r.kind === 'case' && r.title === '青禾精密机械有限公司')).toBe(true);
  expect(res.body.jump).toBeNull();
});

it('keeps a unit user within its scope', async () => {
  const court = await web.signedIn('court.user');
  const police = await web.signedIn('police.user');
  // XT-2026-002 is handled by the police.
  const asCourt = await court.send<Answer>('GET', '/api/search?q=XT-2026-002');
  expect(asCourt.body.results).toEqual([]);
  expect(asCourt.body.jump).toBeNull();
  const asPolice = await police.send<Answer>('GET', '/api/search?q=XT-2026-002');
  expect(asPolice.body.results.map((r) => r.number)).toEqual(['XT-2026-002']);
  const byName = await court.send<Answer>('GET', `/api/search?q=${encodeURIComponent('有限公司')}`);
  const cases = await web.database.db.enterpriseCase.findMany({
    where: { number: { in: byName.body.results.filter((r) => r.kind === 'case').map((r) => r.number) } },
    include: { involvedUnits: { include: { unit: true } }, handlingUnit: true },
  });
  expect(cases.length).toBeGreaterThan(0);
  for (const c of cases)
    expect([c.handlingUnit.code, ...c.involvedUnits.map((u) => u.unit.code)]).toContain('court');
});

it('refuses an empty query with the field named', async () => {
  const court = await web.signedIn('court.user');
  const res = await court.send<{ errors: { field: string }[] }>('GET', '/api/search?q=%20');
  expect(res.status).toBe(400);
  expect(res.body.errors[0]!.field).toBe('q');
});
