// The seed against the work plan itself (docs PLAN-2021.txt, the authority): the 13 tasks with the plan's
// numbers, headings, full text and 责任单位 in the plan's order; the roster's structure from the attachment
// without anybody's name; an install seeded with the earlier invented tasks brought to the plan's wording;
// and a report keeping the wording of a task edited after it was written.
import fs from 'node:fs';
import path from 'node:path';
import { audited } from '../../domain/audit';
import { seed } from '../../domain/seed/seed';
import { legacyTaskTitles, planUnitNames } from '../../domain/seed/reference-organisation';
import { consolidate } from '../../domain/weekly-reports/consolidation';
import { openWeek, submitReport } from '../../domain/weekly-reports/reports';
import { freshDatabase, type TestDatabase } from '../support/databases';

const planPath = path.join(__dirname, '../../../shared/docs/PLAN-2021.txt');
if (!fs.existsSync(planPath))
  throw new Error(
    `the plan's text is not at ${planPath}: it lives in shared/docs beside the checkout (it names real people, so it is not committed)`,
  );
const plan = fs.readFileSync(planPath, 'utf8');
const lines = plan.split('\n').map((l) => l.trim());
const tester = { userId: null, label: 'test' };

/** The tasks as the plan writes them, read from its text: number, heading, full text, 责任单位. */
function planTasksFromText() {
  const tasks: { number: number; area: string; text: string; responsible: string }[] = [];
  let area = '';
  for (const line of lines.slice(
    0,
    lines.findIndex((l) => l.startsWith('三、工作机制')),
  )) {
    const heading = /^\(([一二三四五六七八九十]+)\)(.+)$/.exec(line);
    if (heading) area = heading[2];
    const task = /^(\d+)\.(.+)\(责任单位:(.+)\)$/.exec(line);
    if (task) tasks.push({ number: Number(task[1]), area, text: task[2], responsible: task[3] });
  }
  return tasks;
}

/** The roster of the attachment: [title, post] per line, the person's name left out. */
function rosterFromText(): { body: 'leadership' | 'office'; title: string; post: string; name: string }[] {
  const start = lines.findIndex((l) => l.startsWith('组 长'));
  const rows: { body: 'leadership' | 'office'; title: string; post: string; name: string }[] = [];
  let title = '';
  let body: 'leadership' | 'office' = 'leadership';
  for (const line of lines.slice(start)) {
    if (line.startsWith('全区优化法治化营商环境')) {
      body = 'office';
      continue;
    }
    const m = /^(?:([^:]+):)?(\S+(?: \S)?)\s+(\S+)$/.exec(line);
    if (!m) continue;
    if (m[1]) title = m[1].replace(/\s/g, '');
    rows.push({ body, title, post: m[3], name: m[2].replace(/\s/g, '') });
  }
  return rows;
}

describe('the seed as the work plan writes it', () => {
  let t: TestDatabase;
  beforeAll(async () => {
    t = await freshDatabase('sqlite');
    await seed(t.db, { adminPassword: 'plan-seed-admin-password' });
  }, 60_000);
  afterAll(async () => {
    await t?.destroy();
  });

  it('has the plan at hand with its 13 tasks', () => {
    expect(fs.existsSync(planPath)).toBe(true);
    expect(planTasksFromText().map((x) => x.number)).toEqual([1, 2, 3, 4, 5, 6, 7, 8, 9, 10, 11, 12, 13]);
  });

  it('seeds the 13 tasks with the plan’s number, heading, full text and 责任单位, the first named as lead', async () => {
    const seeded = await t.db.planTask.findMany({
      orderBy: { number: 'asc' },
      include: { units: { include: { unit: true } } },
    });
    const expected = planTasksFromText();
    expect(seeded).toHaveLength(13);
    for (const [i, want] of expected.entries()) {
      const got = seeded[i];
      expect({
        number: got.number,
        area: got.area,
        text: got.description,
        responsible: got.responsible,
      }).toEqual(want);
      expect(got.title.length).toBeGreaterThan(0);
      const named = want.responsible.split('、').map((n) => planUnitNames[n]);
      expect(named).not.toContain(undefined);
      const lead = got.units.filter((u) => u.isLead).map((u) => u.unit.code);
      expect(lead).toEqual([named[0]]);
      expect(got.units.map((u) => u.unit.code).sort()).toEqual([...named].sort());
    }
    // The tasks the earlier seed had left out are there under the plan's numbers.
    expect(seeded[0].description).toContain('规范性文件');
    expect(seeded[4].description).toContain('长期未结案件清理');
    expect(seeded[7].description).toContain('法律援助');
    expect(seeded[11].description).toContain('律师');
  });

  it('seeds the roster’s structure — 组长, 副组长, the office’s 主任, 副主任, 成员 — with posts and no names', async () => {
    const positions = await t.db.position.findMany({
      orderBy: { sortOrder: 'asc' },
      include: { unit: true },
    });
    const roster = rosterFromText();
    expect(roster).toHaveLength(18);
    const seededRoster = positions
      .filter((p) => p.body !== 'unit')
      .map((p) => ({ body: p.body, title: p.title, post: p.post?.replace('（兼任）', '(兼任)') }));
    expect(seededRoster).toEqual(roster.map(({ body, title, post }) => ({ body, title, post })));
    // Names of people are configuration: none of the roster's names is in the seed.
    const seededText =
      JSON.stringify(await t.db.position.findMany()) + JSON.stringify(await t.db.user.findMany());
    for (const r of roster) expect(seededText).not.toContain(r.name);
    expect(positions.every((p) => p.holderId === null && p.holderName === null)).toBe(true);
    const lawSociety = positions.find((p) => p.post === '区法学会理事会会长');
    expect(lawSociety?.unit).toMatchObject({ code: 'law-society', name: '区法学会', kind: 'associate' });
  });

  it('names the court’s indicators of task 13 as the plan writes them', async () => {
    const task13 = planTasksFromText()[12].text;
    for (const code of ['enforcement-within-legal-period', 'actual-enforcement-rate']) {
      const { name } = await t.db.indicator.findUniqueOrThrow({ where: { code } });
      expect(task13).toContain(name);
    }
  });

  it('gives every 责任单位 its 主要领导 and 科级牵头领导 (§四(一))', async () => {
    const positions = await t.db.position.findMany({ where: { body: 'unit' }, include: { unit: true } });
    for (const code of Object.values(planUnitNames)) {
      const titles = positions.filter((p) => p.unit.code === code).map((p) => p.title);
      expect(titles.sort()).toEqual(['主要领导', '科级牵头领导']);
    }
  });

  it('keeps the 区法学会 out of the weekly round (it has no tasks)', async () => {
    await audited(t.db, (tx) => openWeek(tx, tester, '2026-W49', '42', new Date('2026-12-04T09:00:00Z')));
    const reports = await t.db.weeklyReport.findMany({
      where: { isoWeek: '2026-W49' },
      include: { unit: true },
    });
    expect(reports.map((r) => r.unit.code).sort()).toEqual([...Object.values(planUnitNames)].sort());
  });

  it('keeps in a report the task’s wording it was written with when an admin edits the task later', async () => {
    await audited(t.db, (tx) =>
      submitReport(
        tx,
        tester,
        { isoWeek: '2026-W49', unitCode: 'court' },
        { author: '填报人甲', taskProgress: [{ planTaskNumber: 5, progress: '清理长期未结案件3件' }] },
        new Date('2026-12-04T02:00:00Z'),
      ),
    );
    await t.db.planTask.update({ where: { number: 5 }, data: { title: '长期未结案件清理（改）' } });
    const c = await consolidate(t.db, '2026-W49', new Date('2026-12-04T09:30:00Z'));
    const court = JSON.stringify(c);
    expect(court).toContain('5. 长期未结案件清理');
    expect(court).not.toContain('长期未结案件清理（改）');
  });
});

describe('an install seeded with the earlier invented tasks', () => {
  let t: TestDatabase;
  beforeAll(async () => {
    t = await freshDatabase('sqlite');
  }, 60_000);
  afterAll(async () => {
    await t?.destroy();
  });

  it('gets the plan’s tasks in place of the invented ones, but an admin’s edit stands', async () => {
    for (const number of [1, 2]) {
      await t.db.planTask.create({ data: { number, title: legacyTaskTitles[number] } });
    }
    await t.db.planTask.create({
      data: { number: 3, title: '管理员改过的任务', description: '管理员写的全文' },
    });
    const report = await seed(t.db, { adminPassword: 'plan-seed-admin-password' });
    expect(report.created.planTasksReplaced).toBe(2);
    const tasks = await t.db.planTask.findMany({ orderBy: { number: 'asc' }, include: { units: true } });
    const expected = planTasksFromText();
    expect(tasks[0].description).toBe(expected[0].text);
    expect(tasks[1].responsible).toBe(expected[1].responsible);
    expect(tasks[1].units).toHaveLength(1);
    expect(tasks[2]).toMatchObject({ title: '管理员改过的任务', description: '管理员写的全文' });
    const audits = await t.db.auditLog.count({ where: { action: 'planTask.update', actorLabel: 'system' } });
    expect(audits).toBe(2);
    const legacy = await t.db.indicator.update({
      where: { code: 'actual-enforcement-rate' },
      data: { name: '实际执行到位率' },
    });
    expect((await seed(t.db)).created.indicatorsRenamed).toBe(1);
    expect((await t.db.indicator.findUniqueOrThrow({ where: { id: legacy.id } })).name).toBe(
      '案件实际执行到位率',
    );
    const again = await seed(t.db);
    expect(again.created.planTasksReplaced).toBeUndefined();
  });
});
