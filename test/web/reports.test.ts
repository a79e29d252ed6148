// The weekly-report pages' API over the real server: the week × unit matrix with each kind of cell (on time,
// late, 补报, missing, returned), one unit seeing only its own column and reports, a report's figures against
// their targets, the plan's tasks with each unit's progress by week, and the week's summary with its .docx.
import { DateTime } from 'luxon';
import { providers } from '../support/databases';
import { bootWeb, type TestWeb } from '../support/web-server';
import { zipEntry } from '../notifications/support/zip';
import { download } from './ledger-support';

const zone = 'Asia/Shanghai';
const at = (isoWeek: string, weekday: number, hour: number) =>
  DateTime.fromISO(`${isoWeek}-${weekday}`, { zone }).set({ hour }).toJSDate();

interface Matrix {
  units: { code: string }[];
  weeks: { week: string; cells: Record<string, { id: number; cell: string; label: string } | null> }[];
}

describe.each(providers)('weekly reports API on %s', (provider) => {
  let web: TestWeb;
  const week = '2026-W45';
  let courtTask = 0;
  beforeAll(async () => {
    web = await bootWeb({ provider });
    const db = web.database.db;
    const units = Object.fromEntries((await db.unit.findMany()).map((u) => [u.code, u.id]));
    const due = at(week, 4, 17);
    // A plan task the court is responsible for (the plan's own list, whatever its number).
    const task = await db.planTask.findFirstOrThrow({
      where: { units: { some: { unitId: units.court } } },
      orderBy: { number: 'asc' },
    });
    courtTask = task.number;
    const indicator = await db.indicator.findUniqueOrThrow({ where: { code: 'summary-procedure-rate' } });
    const row = (unit: string, data: object) =>
      db.weeklyReport.create({ data: { isoWeek: week, unitId: units[unit], dueAt: due, ...data } });
    const court = await row('court', { status: 'signed_off', submittedAt: at(week, 4, 10), author: '张三' });
    await db.weeklyReportTaskProgress.create({
      data: { reportId: court.id, planTaskId: task.id, progress: '已完成涉企案件专项清理' },
    });
    await db.weeklyReportFigure.create({
      data: { reportId: court.id, indicatorId: indicator.id, value: 80 },
    });
    await row('police', { status: 'submitted', late: true, submittedAt: at(week, 5, 9) });
    await row('procuratorate', { status: 'submitted', late: true, submittedAt: at('2026-W46', 2, 9) });
    await row('justice', { status: 'pending' });
    await row('plc-office', { status: 'returned', returnReason: '数据缺失' });
  }, 60_000);
  afterAll(async () => {
    await web?.stop();
  });

  it('shows the week × unit matrix with on time, late, 补报, missing and returned', async () => {
    const coordinator = await web.signedIn('coordinator');
    const res = await coordinator.send<Matrix>('GET', `/api/reports/matrix?until=2026-W47&weeks=4`);
    expect(res.status).toBe(200);
    expect(res.body.weeks.map((w) => w.week)).toEqual(['2026-W47', '2026-W46', '2026-W45', '2026-W44']);
    const cells = res.body.weeks.find((w) => w.week === week)!.cells;
    expect(Object.fromEntries(Object.entries(cells).map(([u, c]) => [u, c?.label]))).toEqual({
      'plc-office': '退回',
      court: '按时',
      procuratorate: '补报',
      police: '迟报',
      justice: '未报',
    });
    // The week was never consolidated (its wait not ended by the cut-off): the 未报 is not yet open to 补报.
    expect(cells.justice).toMatchObject({ cell: 'missing', makeup: false });
    expect(res.body.weeks.find((w) => w.week === '2026-W44')!.cells.court).toBeNull();
  });

  it('gives a unit user its own column and reports only', async () => {
    const police = await web.signedIn('police.user');
    const res = await police.send<Matrix>('GET', `/api/reports/matrix?until=2026-W47&weeks=4`);
    expect(res.body.units.map((u) => u.code)).toEqual(['police']);
    const courtId = (
      await web.database.db.weeklyReport.findFirstOrThrow({
        where: { isoWeek: week, unit: { code: 'court' } },
      })
    ).id;
    expect((await police.send('GET', `/api/reports/${courtId}`)).status).toBe(404);
    const tasks = await police.send<{ tasks: { units: { code: string }[] }[] }>(
      'GET',
      '/api/reports/plan-tasks',
    );
    expect(tasks.body.tasks.length).toBeGreaterThan(0);
    expect(new Set(tasks.body.tasks.flatMap((t) => t.units.map((u) => u.code)))).toEqual(new Set(['police']));
    expect((await police.send('GET', `/api/reports/summaries/${week}`)).status).toBe(403);
  });

  it('shows a report with its task progress and figures against their targets', async () => {
    const court = await web.signedIn('court.user');
    const id = (
      await web.database.db.weeklyReport.findFirstOrThrow({
        where: { isoWeek: week, unit: { code: 'court' } },
      })
    ).id;
    const res = await court.send<{
      cellLabel: string;
      taskProgress: unknown[];
      figures: { code: string; value: number; target: number; met: boolean }[];
    }>('GET', `/api/reports/${id}`);
    expect(res.status).toBe(200);
    expect(res.body.cellLabel).toBe('按时');
    expect(res.body.taskProgress).toEqual([
      { number: courtTask, title: expect.any(String), progress: '已完成涉企案件专项清理' },
    ]);
    expect(res.body.figures).toEqual([
      expect.objectContaining({ code: 'summary-procedure-rate', value: 80, target: 89, met: false }),
    ]);
    expect((await court.send('GET', '/api/reports/abc')).status).toBe(400);
  });

  it('lists the 13 plan tasks with each unit’s progress by week', async () => {
    const coordinator = await web.signedIn('coordinator');
    const res = await coordinator.send<{
      weeks: string[];
      tasks: {
        number: number;
        units: { code: string; weeks: { week: string; progress: string | null }[] }[];
      }[];
    }>('GET', '/api/reports/plan-tasks?until=2026-W46&weeks=3');
    expect(res.body.tasks.map((t) => t.number)).toEqual(Array.from({ length: 13 }, (_, i) => i + 1));
    expect(res.body.weeks).toEqual(['2026-W46', '2026-W45', '2026-W44']);
    const court = res.body.tasks.find((t) => t.number === courtTask)!.units.find((u) => u.code === 'court')!;
    expect(court.weeks.map((w) => w.progress)).toEqual([null, '已完成涉企案件专项清理', null]);
  });

  it('previews the summary of a week not yet consolidated and downloads it as .docx', async () => {
    const leader = await web.signedIn('leader');
    const res = await leader.send<{ preview: boolean; text: string; consolidation: { lateUnits: string[] } }>(
      'GET',
      `/api/reports/summaries/${week}`,
    );
    expect(res.status).toBe(200);
    expect(res.body.preview).toBe(true);
    expect(res.body.consolidation.lateUnits.sort()).toEqual(['公安分局', '区检察院'].sort());
    const doc = await download(leader, `/api/reports/summaries/${week}/docx`);
    expect(doc.status).toBe(200);
    expect(doc.headers.get('content-type')).toContain('wordprocessingml');
    const xml = zipEntry(doc.body, 'word/document.xml') ?? '';
    expect(xml).toContain('2026-W45');
    expect(xml).toContain('已完成涉企案件专项清理');
    const bad = await leader.send('GET', '/api/reports/summaries/2026-48');
    expect(bad.status).toBe(400);
  });
});
