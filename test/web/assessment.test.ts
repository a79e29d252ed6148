// 考核 and 宣传 over the real server and database: publicity kept within the unit (list and registration), shown
// in that week's report and summary document; unit users cannot score; a manual score needs its reason and is
// audited; the export read back with exceljs holds the figures the API shows.
import ExcelJS from 'exceljs';
import { DateTime } from 'luxon';
import { zipEntry } from '../notifications/support/zip';
import { providers } from '../support/databases';
import { bootWeb, type TestWeb } from '../support/web-server';
import { download } from './ledger-support';

interface Table {
  period: { key: string };
  rows: {
    rank: number;
    unitCode: string;
    unitName: string;
    total: number;
    dimensions: { code: string; score: number | null }[];
  }[];
}

describe.each(providers)('考核 and 宣传 API on %s', (provider) => {
  let web: TestWeb;
  let week: string;
  let reportId: number;
  beforeAll(async () => {
    web = await bootWeb({ provider });
    const db = web.database.db;
    const court = await db.unit.findUniqueOrThrow({ where: { code: 'court' } });
    const report = await db.weeklyReport.findFirstOrThrow({
      where: { unitId: court.id },
      orderBy: { isoWeek: 'desc' },
    });
    week = report.isoWeek;
    reportId = report.id;
  }, 60_000);
  afterAll(async () => {
    await web?.stop();
  });

  const midweek = () => DateTime.fromISO(`${week}-3`).toISODate()!;

  it('keeps publicity within the unit and shows it in the week’s report and summary', async () => {
    const courtUser = await web.signedIn('court.user');
    const office = await web.signedIn('coordinator');
    const db = web.database.db;
    const before = await db.publicityItem.count();
    const foreign = await courtUser.send('POST', '/api/publicity', {
      unitCode: 'police',
      kind: 'press_conference',
      title: '代公安登记',
      happenedOn: midweek(),
    });
    expect(foreign.status).toBe(403);
    const noOutlet = await courtUser.send<{ errors: { field: string; message: string }[] }>(
      'POST',
      '/api/publicity',
      {
        unitCode: 'court',
        kind: 'media_report',
        title: '专题报道',
        happenedOn: midweek(),
      },
    );
    expect(noOutlet.status).toBe(400);
    expect(noOutlet.body.errors).toEqual(
      expect.arrayContaining([
        { field: 'outlet', message: '媒体报道须填写媒体名称' },
        { field: 'mediaLevel', message: '媒体报道须为省级及以上媒体，请选择媒体级别' },
      ]),
    );
    expect(await db.publicityItem.count()).toBe(before);

    const own = await courtUser.send('POST', '/api/publicity', {
      unitCode: 'court',
      kind: 'media_report',
      title: '法院护航民营企业专题报道',
      happenedOn: midweek(),
      outlet: '人民法院报',
      mediaLevel: 'national',
    });
    expect(own.status).toBe(201);
    const police = await office.send('POST', '/api/publicity', {
      unitCode: 'police',
      kind: 'press_conference',
      title: '公安分局涉企警情新闻发布会',
      happenedOn: midweek(),
      participants: '人大代表、政协委员、企业家代表',
    });
    expect(police.status).toBe(201);

    const courtList = await courtUser.send<{ unitCode: string; title: string }[]>('GET', '/api/publicity');
    expect(courtList.body.map((p) => p.unitCode)).toEqual(courtList.body.map(() => 'court'));
    expect(courtList.body.map((p) => p.title)).toContain('法院护航民营企业专题报道');
    // asking for another unit's items gives the own unit's only
    const asked = await courtUser.send<{ unitCode: string }[]>('GET', '/api/publicity?unit=police');
    expect(asked.body.every((p) => p.unitCode === 'court')).toBe(true);
    const all = await office.send<{ unitCode: string }[]>('GET', '/api/publicity');
    expect(new Set(all.body.map((p) => p.unitCode))).toEqual(new Set(['court', 'police']));
    const options = await courtUser.send<{ units: { value: string }[] }>('GET', '/api/publicity/options');
    expect(options.body.units.map((u) => u.value)).toEqual(['court']);

    const report = await courtUser.send<{ publicity: { title: string; outlet: string }[] }>(
      'GET',
      `/api/reports/${reportId}`,
    );
    expect(report.body.publicity).toEqual([
      expect.objectContaining({ title: '法院护航民营企业专题报道', outlet: '人民法院报' }),
    ]);
    const doc = await download(office, `/api/reports/summaries/${week}/docx`);
    const xml = zipEntry(doc.body, 'word/document.xml') ?? '';
    expect(xml).toContain('七、宣传工作');
    expect(xml).toContain('法院护航民营企业专题报道');
    expect(xml).toContain('公安分局涉企警情新闻发布会');
  });

  it('lets only the office score, with a reason, audited; unit users and leaders cannot', async () => {
    const db = web.database.db;
    const period = `${week.slice(0, 4)}-Q${Math.ceil(DateTime.fromISO(`${week}-5`).month / 3)}`;
    const entry = { period, unitCode: 'court', dimension: 'provincial-evaluation', score: 86.5, reason: '' };
    for (const who of ['court.user', 'court.lead', 'leader']) {
      const c = await web.signedIn(who);
      expect(
        (await c.send('POST', '/api/assessment/entries', { ...entry, reason: '想给自己打分' })).status,
      ).toBe(403);
    }
    const office = await web.signedIn('coordinator');
    const noReason = await office.send<{ errors: { field: string }[] }>(
      'POST',
      '/api/assessment/entries',
      entry,
    );
    expect(noReason.status).toBe(400);
    expect(noReason.body.errors.map((e) => e.field)).toEqual(['reason']);
    expect(await db.assessmentEntry.count()).toBe(0);
    const ok = await office.send('POST', '/api/assessment/entries', {
      ...entry,
      reason: '省营商办季度评价通报',
    });
    expect(ok.status).toBe(201);
    const log = await db.auditLog.findMany({ where: { entity: 'assessmentEntry' } });
    expect(log.map((l) => [l.action, l.actorLabel])).toEqual([['assessmentEntry.create', 'coordinator']]);

    const table = await office.send<Table>('GET', `/api/assessment?period=${period}`);
    const court = table.body.rows.find((r) => r.unitCode === 'court')!;
    expect(court.dimensions.find((d) => d.code === 'provincial-evaluation')!.score).toBe(86.5);
    const trail = await office.send<{ history: { reason: string }[] }>(
      'GET',
      `/api/assessment/records?period=${period}&unit=court&measure=provincial-evaluation`,
    );
    expect(trail.body.history.map((h) => h.reason)).toEqual(['省营商办季度评价通报']);
    expect((await office.send('GET', '/api/assessment?period=2026-Q5')).status).toBe(400);
  });

  it('exports the ranked table with the figures the page shows', async () => {
    const leader = await web.signedIn('leader');
    const period = week.slice(0, 4);
    const table = await leader.send<Table>('GET', `/api/assessment?period=${period}`);
    expect(table.status).toBe(200);
    expect(table.body.rows.length).toBeGreaterThanOrEqual(5);
    const file = await download(leader, `/api/assessment/export?period=${period}`);
    expect(file.status).toBe(200);
    expect(file.headers.get('content-type')).toContain('spreadsheetml');
    const wb = new ExcelJS.Workbook();
    await wb.xlsx.load(file.body as unknown as ArrayBuffer);
    const ws = wb.worksheets[0]!;
    expect(ws.views[0]).toMatchObject({ state: 'frozen', ySplit: 1 });
    const rows: unknown[][] = [];
    ws.eachRow((row, n) => {
      if (n > 1) rows.push((row.values as unknown[]).slice(1, 3 + table.body.rows[0]!.dimensions.length + 1));
    });
    expect(rows).toEqual(
      table.body.rows.map((r) => [r.rank, r.unitName, ...r.dimensions.map((d) => d.score ?? ''), r.total]),
    );
    expect(wb.worksheets[1]!.name).toBe('计分明细');
  });
});
