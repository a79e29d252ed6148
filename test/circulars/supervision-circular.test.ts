// The supervision circular (定期督导通报) of a month with known records: the figures by unit and colour, the
// overdue items by name and the late and missing weekly reports, read back from the .docx's document.xml; the
// mails to every unit and to the leaders delivered by the outbox to a real SMTP server on loopback; once per
// period unless regenerated; the monthly schedule generates the month before.
import { generateCircular } from '../../domain/circulars/circulars';
import { circularFigures } from '../../domain/circulars/figures';
import { manualClock } from '../../domain/clock';
import type { Db } from '../../domain/db/client';
import { createLogger } from '../../domain/log';
import { startOutboxDispatcher } from '../../domain/notifications/dispatcher';
import { smtpTransport } from '../../domain/notifications/transport';
import { seed } from '../../domain/seed/seed';
import { startCircularSchedule } from '../../scheduler/supervision-circular';
import { freshDatabase, type TestDatabase } from '../support/databases';
import { startSmtp, type TestSmtp } from '../notifications/support/smtp';
import { zipEntry } from '../notifications/support/zip';

jest.setTimeout(60_000);

const settings = { from: '"工作专班办公室" <office@zhuanban.test>', messageIdDomain: 'zhuanban.test' };
const at = (s: string) => new Date(`${s}+08:00`);
const endOf = (day: string) => new Date(at(`${day}T00:00:00`).getTime() + 86_400_000 - 1);
const actor = { userId: null, label: 'test' };
const log = createLogger('test', { level: 'error', sink: () => undefined });

let database: TestDatabase;
let db: Db;
let smtp: TestSmtp;

async function unitId(code: string) {
  return (await db.unit.findUniqueOrThrow({ where: { code } })).id;
}

async function item(
  n: number,
  unit: string,
  created: string,
  due: string,
  closed: string | null,
  colours: [string, string][],
) {
  const dueAt = endOf(due);
  const row = await db.ledgerItem.create({
    data: {
      number: `ZG-2026-${String(n).padStart(3, '0')}`,
      source: 'supervision',
      problem: `问题${n}：企业诉求办理不力`,
      leadUnitId: await unitId(unit),
      dueAt,
      originalDueAt: dueAt,
      status: closed ? 'closed' : 'rectifying',
      closedAt: closed ? at(`${closed}T10:00:00`) : null,
      createdAt: at(`${created}T09:00:00`),
    },
  });
  for (const [color, sent] of colours)
    await db.ledgerReminder.create({
      data: {
        ledgerItemId: row.id,
        idempotencyKey: `${row.number}:${color}`,
        color: color as never,
        kind: color === 'red' ? 'circular' : 'reminder',
        round: 1,
        sentAt: at(`${sent}T09:00:00`),
      },
    });
}

async function report(unit: string, isoWeek: string, friday: string, state: 'on_time' | 'late' | 'missing') {
  await db.weeklyReport.create({
    data: {
      unitId: await unitId(unit),
      isoWeek,
      status: state === 'missing' ? 'pending' : 'submitted',
      dueAt: at(`${friday}T17:00:00`),
      submittedAt: state === 'missing' ? null : at(`${friday}T${state === 'late' ? '18' : '11'}:00:00`),
      late: state === 'late',
    },
  });
}

beforeAll(async () => {
  database = await freshDatabase('sqlite');
  db = database.db;
  await seed(db, { adminPassword: 'test-admin-password-1' });
  const people = [
    { username: 'leader', role: 'leader', unit: 'plc-office', email: 'leader@zhuanban.test' },
    { username: 'coordinator', role: 'coordinator', unit: 'plc-office', email: 'coordinator@zhuanban.test' },
    { username: 'police.user', role: 'unit-user', unit: 'police', email: 'police.user@zhuanban.test' },
  ];
  for (const p of people)
    await db.user.create({
      data: {
        username: p.username,
        displayName: p.username,
        role: p.role,
        unitId: await unitId(p.unit),
        email: p.email,
        passwordHash: 'not-used',
      },
    });
  // October 2026
  await item(1, 'police', '2026-09-20', '2026-10-10', null, [
    ['blue', '2026-10-07'],
    ['yellow', '2026-10-11'],
    ['red', '2026-10-18'],
  ]);
  await item(2, 'police', '2026-10-05', '2026-10-25', '2026-10-20', [['blue', '2026-10-18']]);
  await item(3, 'court', '2026-10-08', '2026-11-20', null, []);
  await item(4, 'court', '2026-10-01', '2026-10-15', null, [
    ['yellow', '2026-10-16'],
    ['red', '2026-11-02'], // after the month: October still shows yellow
  ]);
  await item(5, 'justice', '2026-08-01', '2026-08-30', '2026-09-15', []); // closed before October
  await item(6, 'justice', '2026-11-02', '2026-11-30', null, []); // opened after October
  await report('court', '2026-W42', '2026-10-16', 'late');
  await report('police', '2026-W42', '2026-10-16', 'missing');
  await report('procuratorate', '2026-W42', '2026-10-16', 'on_time');
  await report('police', '2026-W44', '2026-10-30', 'late');
  await report('court', '2026-W45', '2026-11-06', 'late'); // November's week
  smtp = await startSmtp();
});

afterAll(async () => {
  await smtp?.stop();
  await database?.destroy();
});

const now = at('2026-11-03T09:00:00');

it('counts October by unit and colour, names the overdue items and the late and missing reports', async () => {
  const f = await circularFigures(db, '2026-10', now);
  const byUnit = Object.fromEntries(f.units.map((u) => [u.code, u]));
  expect(f.units.map((u) => u.code)).toEqual(['court', 'procuratorate', 'police', 'justice']);
  expect(byUnit.police).toMatchObject({
    total: 2,
    red: 1,
    yellow: 0,
    blue: 1,
    none: 0,
    closed: 1,
    overdue: 1,
  });
  expect(byUnit.court).toMatchObject({
    total: 2,
    red: 0,
    yellow: 1,
    blue: 0,
    none: 1,
    closed: 0,
    overdue: 1,
  });
  expect(byUnit.justice).toMatchObject({ total: 0, overdue: 0 });
  expect(f.totals).toEqual({ total: 4, red: 1, yellow: 1, blue: 1, none: 1, closed: 1, overdue: 2 });
  expect(f.overdue.map((o) => [o.number, o.unit, o.daysOverdue, o.colour])).toEqual([
    ['ZG-2026-001', '公安分局', 21, 'red'],
    ['ZG-2026-004', '区法院', 16, 'yellow'],
  ]);
  expect(f.weeks).toEqual(['2026-W40', '2026-W41', '2026-W42', '2026-W43', '2026-W44']);
  expect(f.lateReports).toEqual([
    { unit: '区法院', isoWeek: '2026-W42' },
    { unit: '公安分局', isoWeek: '2026-W44' },
  ]);
  expect(f.missingReports).toEqual([{ unit: '公安分局', isoWeek: '2026-W42' }]);
  await expect(circularFigures(db, '2026-13', now)).rejects.toThrow('通报期次应为年月');
  await expect(circularFigures(db, '2026-12', now)).rejects.toThrow('尚未开始');
});

it('archives the .docx, mails every unit and the leaders once, and a regeneration makes a second revision', async () => {
  const first = await generateCircular(db, actor, { period: '2026-10', trigger: 'manual' }, settings, now);
  expect(first).toMatchObject({ created: true, circular: { period: '2026-10', revision: 1 } });
  const row = await db.supervisionCircular.findUniqueOrThrow({
    where: { period: '2026-10' },
    include: { recipients: true },
  });
  expect(row.recipients).toHaveLength(5); // four member units and 区法学会
  const xml = zipEntry(Buffer.from(row.document), 'word/document.xml') ?? '';
  const text = xml.replace(/<[^>]+>/g, '');
  expect(text).toContain('企业权益保护工作督导通报（2026年10月）');
  expect(text).toContain(
    '在办整改台账事项共4项，其中红色督办1项、黄色督办1项、蓝色督办1项、未督办1项；本月销号1项；逾期未整改2项',
  );
  expect(text).toContain('ZG-2026-001公安分局问题1：企业诉求办理不力2026-10-1021红色');
  expect(text).toContain('ZG-2026-004区法院问题4：企业诉求办理不力2026-10-1516黄色');
  expect(text).not.toContain('ZG-2026-005');
  expect(text).toContain('迟报：区法院（2026-W42）、公安分局（2026-W44）。');
  expect(text).toContain('未报：公安分局（2026-W42）。');

  const dispatcher = startOutboxDispatcher({
    db,
    transport: smtpTransport(smtp.url),
    envelopeFrom: 'office@zhuanban.test',
    clock: manualClock(now.getTime()),
    log,
    intervalMs: 3_600_000,
  });
  await dispatcher.runOnce();
  const mails = await smtp.waitFor(6);
  expect(mails).toHaveLength(6);
  for (const m of mails) {
    expect(m.mail.subject).toBe('【督导通报】企业权益保护工作督导通报（2026年10月）');
    expect(m.mail.attachments.map((a) => a.filename)).toEqual(['督导通报-2026-10.docx']);
  }
  const to = (i: number) => mails[i].envelope.to.map((a) => a.toLowerCase());
  const police = mails.find((m) => m.envelope.to.includes('police@zhuanban.invalid'))!;
  expect(police.envelope.to).toContain('police.user@zhuanban.test');
  expect(police.mail.text).toContain('逾期未整改1项（ZG-2026-001）');
  const leaders = mails.findIndex((m) => m.envelope.to.includes('leader@zhuanban.test'));
  expect(to(leaders)).toEqual(expect.arrayContaining(['leader@zhuanban.test', 'coordinator@zhuanban.test']));
  expect(mails.flatMap((m) => m.envelope.to)).toEqual(
    expect.arrayContaining(['court@zhuanban.invalid', 'law-society@zhuanban.invalid']),
  );

  // asked again: the archived one, nothing sent
  const again = await generateCircular(db, actor, { period: '2026-10', trigger: 'manual' }, settings, now);
  expect(again).toMatchObject({ created: false, circular: { revision: 1 } });
  expect(await db.outboxMessage.count({ where: { template: 'supervision.circular' } })).toBe(6);

  const second = await generateCircular(
    db,
    actor,
    { period: '2026-10', trigger: 'manual', regenerate: true },
    settings,
    now,
  );
  expect(second).toMatchObject({ created: true, circular: { revision: 2 } });
  expect(await db.outboxMessage.count({ where: { template: 'supervision.circular' } })).toBe(12);
  const audit = await db.auditLog.findMany({
    where: { entity: 'supervisionCircular' },
    orderBy: { id: 'asc' },
  });
  expect(audit.map((a) => a.action)).toEqual([
    'supervisionCircular.generate',
    'supervisionCircular.regenerate',
  ]);
  await dispatcher.stop();
});

it('the monthly schedule circulates the month before, once', async () => {
  const clock = manualClock(at('2026-12-01T09:00:00').getTime());
  const schedule = startCircularSchedule({
    db,
    clock,
    log,
    mailSettings: settings,
    config: { cron: '0 9 1 * *', timezone: 'Asia/Shanghai' },
  });
  try {
    const run = await schedule.runNow();
    expect(run).toMatchObject({ created: true, circular: { period: '2026-11', revision: 1 } });
    expect((await schedule.runNow()).created).toBe(false);
    const row = await db.supervisionCircular.findUniqueOrThrow({ where: { period: '2026-11' } });
    expect(row.trigger).toBe('schedule');
    const text = (zipEntry(Buffer.from(row.document), 'word/document.xml') ?? '').replace(/<[^>]+>/g, '');
    expect(text).toContain('迟报：区法院（2026-W45）。');
  } finally {
    await schedule.stop();
  }
});
