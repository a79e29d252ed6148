// The admin API through the real server, on both databases: calendars and deadline rules change what the
// deadline service computes, a deactivated user is signed out, and every change is in the audit log with
// before and after.
import { providers } from '../support/databases';
import { bootWeb, demoPassword, type TestWeb } from '../support/web-server';

describe.each(providers)('admin API on %s', (provider) => {
  let web: TestWeb;
  beforeAll(async () => {
    web = await bootWeb({ provider });
  }, 60_000);
  afterAll(async () => {
    await web?.stop();
  });

  it('replaces a year of the holiday calendar, which moves the deadlines computed on it', async () => {
    const admin = await web.signedIn('admin');
    const before = await admin.send('GET', '/api/deadlines?rule=case.opinion&start=2027-06-08');
    expect(before.body).toMatchObject({ dueDate: '2027-06-14' }); // Wed 9 Jun 2027 off: Thu 10, Fri 11, Mon 14
    const year = (
      await admin.send<{ days: { date: string; kind: string; name: string }[] }>(
        'GET',
        '/api/admin/calendars/2027',
      )
    ).body;
    const days = [
      ...year.days.filter((d) => d.name !== '端午节'),
      { date: '2027-06-09', kind: 'holiday', name: '端午节' },
      { date: '2027-06-10', kind: 'holiday', name: '端午节' },
      { date: '2027-06-11', kind: 'holiday', name: '端午节' },
      { date: '2027-06-12', kind: 'workday', name: '端午节调休上班' },
    ];
    const res = await admin.send('PUT', '/api/admin/calendars/2027', {
      source: '测试用安排',
      provisional: true,
      days,
    });
    expect(res.status).toBe(200);
    const after = await admin.send('GET', '/api/deadlines?rule=case.opinion&start=2027-06-08');
    expect(after.body).toMatchObject({ dueDate: '2027-06-15' }); // Sat 12 (worked), Mon 14, Tue 15
    const row = await web.database.db.auditLog.findFirstOrThrow({ where: { action: 'calendar.replace' } });
    expect(row.before).toMatchObject({ year: 2027, provisional: true });
    expect(row.after).toMatchObject({ source: '测试用安排' });
  });

  it('refuses a calendar with an adjusted working day on a weekday, naming the field, and keeps the old one', async () => {
    const admin = await web.signedIn('admin');
    const before = await web.database.db.calendarDay.count({ where: { year: 2026 } });
    const res = await admin.send('PUT', '/api/admin/calendars/2026', {
      source: '错误安排',
      days: [{ date: '2026-03-04', kind: 'workday', name: '错误' }],
    });
    expect(res.status).toBe(400);
    expect(res.body).toMatchObject({ errors: [{ field: 'days.0.kind' }] });
    expect(await web.database.db.calendarDay.count({ where: { year: 2026 } })).toBe(before);
  });

  it('changes a deadline rule, with the change audited', async () => {
    const admin = await web.signedIn('admin');
    const res = await admin.send('PATCH', '/api/admin/deadline-rules/petition.acceptance-notice', {
      days: 10,
    });
    expect(res.status).toBe(200);
    const computed = await admin.send(
      'GET',
      '/api/deadlines?rule=petition.acceptance-notice&start=2026-09-22',
    );
    expect(computed.body).toMatchObject({ dueDate: '2026-10-08' }); // 2 Oct is a holiday → first working day
    const later = await admin.send('GET', '/api/deadlines?rule=petition.acceptance-notice&start=2026-10-09');
    expect(later.body).toMatchObject({ dueDate: '2026-10-19' });
    const bad = await admin.send('PATCH', '/api/admin/deadline-rules/petition.acceptance-notice', {
      days: 1.5,
      kind: 'lunar',
    });
    expect(bad.status).toBe(400);
    expect((bad.body as { errors: { field: string }[] }).errors.map((e) => e.field).sort()).toEqual([
      'days',
      'kind',
    ]);
    const audit = await admin.send<{ action: string; before: { days: number }; after: { days: number } }[]>(
      'GET',
      '/api/admin/audit?entity=deadlineRule',
    );
    expect(audit.body[0]).toMatchObject({
      action: 'deadlineRule.update',
      before: { days: 15 },
      after: { days: 10 },
    });
  });

  it('signs a deactivated user out at once and refuses their next login', async () => {
    const admin = await web.signedIn('admin');
    const lead = await web.signedIn('police.lead');
    expect((await lead.send('GET', '/api/ledger-items')).status).toBe(200);
    const id = (await web.database.db.user.findUniqueOrThrow({ where: { username: 'police.lead' } })).id;
    expect((await admin.send('PATCH', `/api/admin/users/${id}`, { active: false })).status).toBe(200);
    expect((await lead.send('GET', '/api/ledger-items')).status).toBe(401);
    expect((await web.client().login('police.lead', demoPassword)).status).toBe(401);
  });

  it('adds a unit and refuses a second unit with the same code', async () => {
    const admin = await web.signedIn('admin');
    const unit = { code: 'market-regulation', name: '区市场监管局', shortName: '市场监管局', kind: 'member' };
    expect((await admin.send('POST', '/api/admin/units', unit)).status).toBe(201);
    const again = await admin.send('POST', '/api/admin/units', unit);
    expect(again.status).toBe(409);
    expect(again.body).toMatchObject({ errors: [{ field: 'code' }] });
  });
});
