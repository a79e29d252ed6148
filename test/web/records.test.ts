// Record changes through the API on both databases: a coordinator opens a ledger item, the responsible unit
// posts progress notes — many at once — and every change has exactly one audit row naming who made it.
import { providers } from '../support/databases';
import { bootWeb, type TestWeb } from '../support/web-server';

describe.each(providers)('ledger records over the API on %s', (provider) => {
  let web: TestWeb;
  beforeAll(async () => {
    web = await bootWeb({ provider });
  }, 60_000);
  afterAll(async () => {
    await web?.stop();
  });

  it('opens a ledger item with the next number and a computed deadline, and audits it', async () => {
    const coordinator = await web.signedIn('coordinator');
    const res = await coordinator.send<{ id: number; number: string; dueAt: string; status: string }>(
      'POST',
      '/api/ledger-items',
      {
        source: 'weekly_meeting',
        problem: '周例会决定：督促澄川新材料科技有限公司案件办理',
        leadUnitCode: 'procuratorate',
        assistingUnitCodes: ['police'],
        dueAt: '2026-12-31T09:00:00Z',
      },
    );
    expect(res.status).toBe(201);
    expect(res.body).toMatchObject({
      number: 'ZG-2026-004',
      status: 'open',
      dueAt: '2026-12-31T09:00:00.000Z',
    });
    const rows = await web.database.db.auditLog.findMany({
      where: { entity: 'ledgerItem', entityId: String(res.body.id) },
    });
    expect(rows).toMatchObject([{ action: 'ledgerItem.create', actorLabel: 'coordinator' }]);
    const police = await web.signedIn('police.user');
    expect((await police.send('GET', `/api/ledger-items/${res.body.id}`)).status).toBe(200); // assisting unit
  });

  it('takes concurrent progress notes from the unit, each with its own audit row', async () => {
    const court = await web.signedIn('court.user');
    const item = await web.database.db.ledgerItem.findFirstOrThrow({
      where: { leadUnit: { code: 'court' } },
    });
    const auditBefore = await web.database.db.auditLog.count({
      where: { action: 'ledgerItem.progressNote' },
    });
    const results = await Promise.all(
      Array.from({ length: 8 }, (_, i) =>
        court.send('POST', `/api/ledger-items/${item.id}/progress-notes`, {
          content: `第${i + 1}次进展（测试）`,
        }),
      ),
    );
    expect(results.map((r) => r.status)).toEqual(Array(8).fill(201));
    const notes = await web.database.db.ledgerProgressNote.findMany({ where: { ledgerItemId: item.id } });
    expect(notes).toHaveLength(8);
    expect(await web.database.db.auditLog.count({ where: { action: 'ledgerItem.progressNote' } })).toBe(
      auditBefore + 8,
    );
    const detail = await court.send<{ progressNotes: unknown[] }>('GET', `/api/ledger-items/${item.id}`);
    expect(detail.body.progressNotes).toHaveLength(8);
  });

  it('lists the ledger a page at a time, newest first, within the unit scope', async () => {
    const db = web.database.db;
    const coordinator = await web.signedIn('coordinator');
    const newest = await db.ledgerItem.findMany({ orderBy: { id: 'desc' }, select: { id: true } });
    expect(newest.length).toBeGreaterThanOrEqual(3);
    const first = await coordinator.send<{ id: number; leadUnit: { code: string } }[]>(
      'GET',
      '/api/ledger-items?limit=2',
    );
    expect(first.status).toBe(200);
    expect(first.body.map((i) => i.id)).toEqual(newest.slice(0, 2).map((i) => i.id));
    expect(first.body[0].leadUnit.code).toEqual(expect.any(String));
    const second = await coordinator.send<{ id: number }[]>('GET', '/api/ledger-items?limit=2&offset=2');
    expect(second.body.map((i) => i.id)).toEqual(newest.slice(2, 4).map((i) => i.id));
    // Without a page asked for, the first 100 (the list once sent up to 500, and grew with the ledger).
    const unitId = (await db.unit.findUniqueOrThrow({ where: { code: 'court' } })).id;
    await db.ledgerItem.createMany({
      data: Array.from({ length: 101 }, (_, i) => ({
        number: `ZG-2099-${String(i + 1).padStart(4, '0')}`,
        source: 'weekly_meeting' as const,
        problem: `分页测试事项 ${i + 1}`,
        leadUnitId: unitId,
        dueAt: new Date('2099-12-31T09:00:00Z'),
        originalDueAt: new Date('2099-12-31T09:00:00Z'),
      })),
    });
    newest.unshift(
      ...(await db.ledgerItem.findMany({ orderBy: { id: 'desc' }, take: 101, select: { id: true } })),
    );
    const plain = await coordinator.send<{ id: number }[]>('GET', '/api/ledger-items');
    expect(plain.body.map((i) => i.id)).toEqual(newest.slice(0, 100).map((i) => i.id));

    const police = await web.signedIn('police.user');
    const policeId = (await db.unit.findUniqueOrThrow({ where: { code: 'police' } })).id;
    const theirs = await db.ledgerItem.findMany({
      where: { OR: [{ leadUnitId: policeId }, { assistingUnits: { some: { unitId: policeId } } }] },
      orderBy: { id: 'desc' },
      select: { id: true },
    });
    expect(theirs.length).toBeGreaterThan(0);
    const scoped = await police.send<{ id: number }[]>('GET', '/api/ledger-items?limit=500');
    expect(scoped.body.map((i) => i.id)).toEqual(theirs.map((i) => i.id));

    for (const bad of ['limit=0', 'limit=501', 'limit=abc', 'offset=-1']) {
      const res = await coordinator.send<{ errors: { field: string; message: string }[] }>(
        'GET',
        `/api/ledger-items?${bad}`,
      );
      expect([bad, res.status]).toEqual([bad, 400]);
      expect(res.body.errors[0]).toMatchObject({
        field: bad.split('=')[0],
        message: expect.stringMatching(/应为/),
      });
    }
  });

  it('refuses an empty progress note, naming the field, and writes nothing', async () => {
    const court = await web.signedIn('court.lead');
    const item = await web.database.db.ledgerItem.findFirstOrThrow({
      where: { leadUnit: { code: 'court' } },
    });
    const before = await web.database.db.ledgerProgressNote.count();
    const res = await court.send('POST', `/api/ledger-items/${item.id}/progress-notes`, { content: '   ' });
    expect(res.status).toBe(400);
    expect(res.body).toMatchObject({ errors: [{ field: 'content', message: '请填写整改进展' }] });
    expect(await web.database.db.ledgerProgressNote.count()).toBe(before);
  });
});
