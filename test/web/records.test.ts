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
