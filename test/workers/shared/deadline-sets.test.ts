// The deadline sets of zhuanban.deadlines.compute on the seeded rules and holiday calendar: the weekly report's
// Friday 15:00 / 17:00 (rolled past a holiday Friday), the opinion deadline in working days with its reminder,
// the petition deadlines (procuratorate's 7 days, an enterprise complaint's shorter ones), the ledger's due, blue and red instants — all +08:00.
import { seed } from '../../../domain/seed/seed';
import { computeDeadlineSet, DeadlineInputError } from '../../../workers/shared/deadline-sets';
import { freshDatabase, type TestDatabase } from '../../support/databases';

let database: TestDatabase;
beforeAll(async () => {
  database = await freshDatabase('sqlite');
  await seed(database.db, { adminPassword: 'test-only-password-1' });
});
afterAll(() => database.destroy());

const at = (iso: string) => ({ db: database.db, now: new Date(iso) });

describe('deadline sets', () => {
  it('weekly report: reminder 15:00 and cut-off 17:00 on the Friday of the ISO week', async () => {
    expect(
      await computeDeadlineSet('weekly-report', { isoWeek: '2026-W48' }, at('2026-11-27T01:00:00Z')),
    ).toEqual({
      reminderAt: '2026-11-27T15:00:00+08:00',
      cutoffAt: '2026-11-27T17:00:00+08:00',
    });
  });

  it('weekly report: a Friday in the National Day holiday rolls to the next working day', async () => {
    expect(
      await computeDeadlineSet('weekly-report', { isoWeek: '2026-W40' }, at('2026-10-02T01:00:00Z')),
    ).toEqual({
      reminderAt: '2026-10-08T15:00:00+08:00',
      cutoffAt: '2026-10-08T17:00:00+08:00',
    });
  });

  it('case opinions: 3 working days from the meeting, reminder at 09:00 one working day before', async () => {
    // Friday 2026-11-27 10:00 → Mon 30, Tue 1, Wed 2
    expect(
      await computeDeadlineSet(
        'case-opinions',
        { caseNumber: 'XT-2026-001', meetingSequence: 1 },
        at('2026-11-27T02:00:00Z'),
      ),
    ).toEqual({ opinionDueAt: '2026-12-02T23:59:59+08:00', opinionReminderAt: '2026-12-01T09:00:00+08:00' });
  });

  it('petition registration: 15 days, or 7 for the procuratorate, rolled past weekends', async () => {
    const start = at('2026-11-27T02:00:00Z');
    expect(
      await computeDeadlineSet(
        'petition-registration',
        { petitionNumber: 'XF-2026-9999', receivingUnitCode: 'court' },
        start,
      ),
    ).toEqual({
      classificationDueAt: '2026-12-14T23:59:59+08:00',
      classificationReminderAt: '2026-12-09T09:00:00+08:00',
    });
    expect(
      await computeDeadlineSet(
        'petition-registration',
        { petitionNumber: 'XF-2026-9999', receivingUnitCode: 'procuratorate', channel: 'line_12309' },
        start,
      ),
    ).toEqual({
      classificationDueAt: '2026-12-04T23:59:59+08:00',
      classificationReminderAt: '2026-12-01T09:00:00+08:00',
    });
  });

  it('petition handling: 60 days from acceptance', async () => {
    expect(
      await computeDeadlineSet(
        'petition-handling',
        { petitionNumber: 'XF-2026-9999' },
        at('2026-11-27T02:00:00Z'),
      ),
    ).toEqual({
      handlingDueAt: '2027-01-26T23:59:59+08:00',
      handlingReminderAt: '2027-01-21T09:00:00+08:00',
    });
  });

  it('an enterprise complaint (优先、快速): 3 working days to the acceptance notice, 30 days to handle, reminded 1 working day ahead; an admin edit of the rule applies', async () => {
    const court = await database.db.unit.findUniqueOrThrow({ where: { code: 'court' } });
    const t0 = new Date('2026-11-27T02:00:00Z'); // Friday 10:00 in Beijing
    const base = {
      channel: 'court_report_phone' as const,
      petitionerName: '某科技有限公司',
      subject: '执行款迟迟未到账',
      content: '申请执行后三个月未到账',
      receivingUnitId: court.id,
      handlingUnitId: court.id,
      registeredAt: t0,
      acceptedAt: t0,
    };
    await database.db.petition.create({
      data: { ...base, number: 'XF-2026-9001', petitionerKind: 'enterprise' },
    });
    await database.db.petition.create({
      data: { ...base, number: 'XF-2026-9002', petitionerKind: 'person' },
    });
    const input = (number: string) => ({ petitionNumber: number, receivingUnitCode: 'court' });

    // Working days after Fri 27 Nov: Mon 30, Tue 1, Wed 2 → due 2 Dec; 1 working day before → Tue 1 Dec.
    expect(
      await computeDeadlineSet('petition-registration', input('XF-2026-9001'), at(t0.toISOString())),
    ).toEqual({
      classificationDueAt: '2026-12-02T23:59:59+08:00',
      classificationReminderAt: '2026-12-01T09:00:00+08:00',
    });
    // 27 Nov + 30 days = Sun 27 Dec → Mon 28 Dec; 1 working day before → Fri 25 Dec.
    expect(
      await computeDeadlineSet('petition-handling', input('XF-2026-9001'), at(t0.toISOString())),
    ).toEqual({
      handlingDueAt: '2026-12-28T23:59:59+08:00',
      handlingReminderAt: '2026-12-25T09:00:00+08:00',
    });
    // A person's petition keeps the ordinary 15 / 60 days.
    expect(
      await computeDeadlineSet('petition-registration', input('XF-2026-9002'), at(t0.toISOString())),
    ).toEqual({
      classificationDueAt: '2026-12-14T23:59:59+08:00',
      classificationReminderAt: '2026-12-09T09:00:00+08:00',
    });

    await database.db.deadlineRule.update({
      where: { code: 'petition.enterprise.acceptance-notice' },
      data: { days: 5 },
    });
    // Mon 30, Tue 1, Wed 2, Thu 3, Fri 4 → 4 Dec.
    expect(
      (await computeDeadlineSet('petition-registration', input('XF-2026-9001'), at(t0.toISOString())))
        .classificationDueAt,
    ).toBe('2026-12-04T23:59:59+08:00');
    await database.db.deadlineRule.update({
      where: { code: 'petition.enterprise.acceptance-notice' },
      data: { days: 3 },
    });
  });

  it('ledger: due at the end of the due date, blue 3 working days before, red 7 days after', async () => {
    expect(await computeDeadlineSet('ledger', { dueDate: '2026-12-31' }, at('2026-11-27T02:00:00Z'))).toEqual(
      {
        dueAt: '2026-12-31T23:59:59+08:00',
        blueAt: '2026-12-28T09:00:00+08:00',
        redAt: '2027-01-07T09:00:00+08:00',
      },
    );
  });

  it('ledger-lead-review: 3 working days from the submission (a Friday: Mon, Tue, Wed), reminded at 09:00 that day', async () => {
    expect(await computeDeadlineSet('ledger-lead-review', {}, at('2026-11-27T02:00:00Z'))).toEqual({
      leadReviewDueAt: '2026-12-02T23:59:59+08:00',
      leadReviewReminderAt: '2026-12-02T09:00:00+08:00',
    });
  });

  it('weekly-report-late-sign-off: from a Friday cut-off, reminded Monday and escalated Tuesday at 09:00', async () => {
    // 2026-12-04 17:00 (+08:00) is a Friday: the weekend is skipped.
    expect(await computeDeadlineSet('weekly-report-late-sign-off', {}, at('2026-12-04T09:00:00Z'))).toEqual({
      lateSignOffReminderAt: '2026-12-07T09:00:00+08:00',
      lateSignOffDueAt: '2026-12-08T09:00:00+08:00',
    });
  });

  it('weekly-report-late-sign-off: a holiday is skipped (2026-09-30 before National Day)', async () => {
    expect(await computeDeadlineSet('weekly-report-late-sign-off', {}, at('2026-09-30T09:00:00Z'))).toEqual({
      lateSignOffReminderAt: '2026-10-08T09:00:00+08:00',
      lateSignOffDueAt: '2026-10-09T09:00:00+08:00',
    });
  });

  it('a missing or malformed variable is an input error (an incident, not a retry)', async () => {
    await expect(computeDeadlineSet('ledger', {}, at('2026-11-27T02:00:00Z'))).rejects.toBeInstanceOf(
      DeadlineInputError,
    );
    await expect(
      computeDeadlineSet('ledger', { dueDate: '2026-13-45' }, at('2026-11-27T02:00:00Z')),
    ).rejects.toBeInstanceOf(DeadlineInputError);
    await expect(
      computeDeadlineSet('weekly-report', { isoWeek: '2026-48' }, at('2026-11-27T02:00:00Z')),
    ).rejects.toBeInstanceOf(DeadlineInputError);
  });
});
