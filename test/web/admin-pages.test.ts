// The admin pages' API beyond users and units: positions and their holders, the plan's tasks and their units,
// indicator targets, the audit log searched by actor, action and day — each change audited, bad input naming its
// field and changing nothing — and a deadline rule and a holiday changed by the admin moving the next deadline.
import { providers } from '../support/databases';
import { bootWeb, type TestWeb } from '../support/web-server';

describe.each(providers)('admin pages API on %s', (provider) => {
  let web: TestWeb;
  beforeAll(async () => {
    web = await bootWeb({ provider });
  }, 60_000);
  afterAll(async () => {
    await web?.stop();
  });

  it('gives a position a holder, audited, and refuses an unknown user', async () => {
    const db = web.database.db;
    const admin = await web.signedIn('admin');
    const positions = await admin.send<{ id: number; code: string }[]>('GET', '/api/admin/positions');
    const head = positions.body.find((p) => p.code === 'deputy-head-court')!;
    const res = await admin.send<{ holderId: number }>('PATCH', `/api/admin/positions/${head.id}`, {
      holderUsername: 'court.lead',
    });
    expect(res.status).toBe(200);
    const lead = await db.user.findUniqueOrThrow({ where: { username: 'court.lead' } });
    expect(res.body.holderId).toBe(lead.id);
    expect(await db.auditLog.count({ where: { action: 'position.update', entityId: String(head.id) } })).toBe(
      1,
    );
    const bad = await admin.send('PATCH', `/api/admin/positions/${head.id}`, { holderUsername: 'nobody' });
    expect(bad).toMatchObject({ status: 400, body: { errors: [{ field: 'holderUsername' }] } });
    expect((await db.position.findUniqueOrThrow({ where: { id: head.id } })).holderId).toBe(lead.id);
  });

  it('changes a plan task’s units, and refuses an unknown unit without changing anything', async () => {
    const db = web.database.db;
    const admin = await web.signedIn('admin');
    const task = await db.planTask.findUniqueOrThrow({ where: { number: 6 }, include: { units: true } });
    const bad = await admin.send('PATCH', `/api/admin/plan-tasks/${task.id}`, {
      units: [{ code: 'court', isLead: true }, { code: 'moon-base' }],
    });
    expect(bad).toMatchObject({ status: 400, body: { errors: [{ field: 'units' }] } });
    expect(await db.planTaskUnit.count({ where: { planTaskId: task.id } })).toBe(task.units.length);
    const ok = await admin.send('PATCH', `/api/admin/plan-tasks/${task.id}`, {
      units: [
        { code: 'court', isLead: true },
        { code: 'justice', isLead: false },
      ],
    });
    expect(ok.status).toBe(200);
    const listed = await admin.send<
      { number: number; units: { unit: { code: string }; isLead: boolean }[] }[]
    >('GET', '/api/admin/plan-tasks');
    const six = listed.body.find((t) => t.number === 6)!;
    expect(six.units.map((u) => [u.unit.code, u.isLead]).sort()).toEqual([
      ['court', true],
      ['justice', false],
    ]);
  });

  it('sets an indicator’s plan target and an owner’s own target, with the range checked', async () => {
    const db = web.database.db;
    const admin = await web.signedIn('admin');
    const indicator = await db.indicator.findUniqueOrThrow({
      where: { code: 'case-review-enterprise-share' },
    });
    const bad = await admin.send('PATCH', `/api/admin/indicators/${indicator.id}`, { target: 120 });
    expect(bad).toMatchObject({
      status: 400,
      body: { errors: [{ field: 'target', message: '目标值应为0–100的数' }] },
    });
    const notOwner = await admin.send('PATCH', `/api/admin/indicators/${indicator.id}`, {
      owners: [{ unitCode: 'court', target: 3 }],
    });
    expect(notOwner.status).toBe(400);
    const ok = await admin.send('PATCH', `/api/admin/indicators/${indicator.id}`, {
      target: 6,
      owners: [{ unitCode: 'police', target: 12 }],
    });
    expect(ok.status).toBe(200);
    const police = await db.unit.findUniqueOrThrow({ where: { code: 'police' } });
    expect(await db.indicator.findUniqueOrThrow({ where: { id: indicator.id } })).toMatchObject({
      target: 6,
    });
    expect(
      await db.indicatorOwner.findUniqueOrThrow({
        where: { indicatorId_unitId: { indicatorId: indicator.id, unitId: police.id } },
      }),
    ).toMatchObject({ target: 12 });
    expect(await db.auditLog.count({ where: { action: 'indicator.update' } })).toBe(1);
  });

  it('moves the next deadline when the admin changes a rule and adds a holiday', async () => {
    const admin = await web.signedIn('admin');
    const coordinator = await web.signedIn('coordinator');
    const due = async () =>
      (
        await coordinator.send<{ dueDate: string }>(
          'GET',
          '/api/deadlines?rule=case.opinion&start=2027-03-01',
        )
      ).body.dueDate;
    expect(await due()).toBe('2027-03-04'); // Monday + 3 working days
    expect((await admin.send('PATCH', '/api/admin/deadline-rules/case.opinion', { days: 5 })).status).toBe(
      200,
    );
    expect(await due()).toBe('2027-03-08');
    const year = await admin.send<{ source: string; provisional: boolean; days: object[] }>(
      'GET',
      '/api/admin/calendars/2027',
    );
    const put = await admin.send('PUT', '/api/admin/calendars/2027', {
      source: year.body.source,
      provisional: year.body.provisional,
      days: [...year.body.days, { date: '2027-03-03', kind: 'holiday', name: '测试假日' }],
    });
    expect(put.status).toBe(200);
    expect(await due()).toBe('2027-03-09');
  });

  it('searches the audit log by actor, action and day, and lists the choices', async () => {
    const admin = await web.signedIn('admin');
    const res = await admin.send<{ total: number; rows: { action: string; actorLabel: string }[] }>(
      'GET',
      '/api/admin/audit/search?actor=admin&action=position.update',
    );
    expect(res.status).toBe(200);
    expect(res.body.total).toBe(1);
    // The operator is named as people know them; the sign-in name stays beside it.
    expect(res.body.rows).toEqual([
      expect.objectContaining({ action: 'position.update', actorLabel: 'admin', actorName: '系统管理员' }),
    ]);
    const none = await admin.send<{ total: number }>(
      'GET',
      '/api/admin/audit/search?action=position.update&from=2020-01-01&to=2020-12-31',
    );
    expect(none.body.total).toBe(0);
    const bad = await admin.send('GET', '/api/admin/audit/search?from=yesterday');
    expect(bad).toMatchObject({ status: 400, body: { errors: [{ field: 'from' }] } });
    const facets = await admin.send<{
      actions: string[];
      actors: string[];
      actorNames: Record<string, string>;
    }>('GET', '/api/admin/audit/facets');
    expect(facets.body.actions).toEqual(expect.arrayContaining(['position.update', 'planTask.update']));
    expect(facets.body.actors).toContain('admin');
    expect(facets.body.actorNames.admin).toBe('系统管理员');
    expect(Object.keys(facets.body.actorNames).some((a) => a.startsWith('worker:') || a === 'system')).toBe(
      false,
    );
  });
});
