// The weekly round on 工作周报 in the real browser against the whole system. 补报: a past week run through the
// engine to its cut-off leaves every unit 未报; the court user opens the week's own report form from its 未报 cell
// (an empty form is held back with the fields named), sends it as 补报 — the cell reads 补报, the summary lists
// it and the office is told by mail — while the court lead, who opened the same form before, is refused in words;
// the police cannot 补报 for the court. 推进会: the office records a meeting with minutes, attendance and one 交办
// item, which is listed under the week and runs as a ledger item with its rectification process started.
import type { Browser, Locator } from 'playwright-core';
import { ApiClient } from '../support/api-client';
import { launchBrowser, openAs } from './support/browser';
import { bootSystem, demoPassword, type BootedSystem } from './support/system';
import { closePastWeek, lastWeek, until } from './support/weekly-round';

jest.setTimeout(120_000);

let booted: BootedSystem;
let browser: Browser;
const week = lastWeek();
const conflict = 'console: Failed to load resource: the server responded with a status of 409 (Conflict)';
const refused = 'console: Failed to load resource: the server responded with a status of 400 (Bad Request)';

beforeAll(async () => {
  [booted, browser] = await Promise.all([bootSystem(), launchBrowser()]);
  await closePastWeek(booted, week);
}, 180_000);
afterAll(async () => {
  await browser?.close();
  await booted?.stop();
});

/** A matrix cell's link or button: its word, then (for screen readers) whose report of which week. */
const cellName = (word: string) => new RegExp(`^${word}\\s*：区法院 ${week} 周报$`);

// Filled at machine speed, field after field with no pause and no leaving the field — as a paste or the browser's
// autofill does; every value must still arrive (form-js's debounce once dropped one, see forms/viewer.ts).
const fill = (field: Locator, value: string) => field.fill(value);

/** Fills the report; how many task and figure fields it filled. */
async function fillReport(dialog: Locator, author: string) {
  await fill(dialog.getByLabel('填报人'), author);
  const progress = await dialog.getByLabel('本周完成情况').all();
  for (const field of progress) await fill(field, '本周补充开展涉企案件排查，已按计划推进。');
  const values = await dialog.getByLabel('本周数值（%）').all();
  for (const value of values) await fill(value, '60');
  await fill(dialog.getByLabel('存在问题'), '周五截止前未及时报送，现予补报。');
  await fill(dialog.getByLabel('需协调事项'), '无');
  await fill(dialog.getByLabel('下周计划'), '按时报送周报，继续推进各项任务。');
  return { progress: progress.length, values: values.length };
}

it('takes a unit’s 补报 of a closed week once, names it in the matrix and the summary, and tells the office', async () => {
  const db = booted.system.database.db;
  const courtReport = () =>
    db.weeklyReport.findFirstOrThrow({ where: { isoWeek: week, unit: { code: 'court' } } });
  expect(await courtReport()).toMatchObject({ status: 'pending', makeupAt: null });

  // The police user can neither open nor send the court's 补报, and nothing changes.
  const police = new ApiClient(booted.url);
  expect((await police.login('police.user', demoPassword)).status).toBe(200);
  const form = await police.send('GET', `/api/reports/makeup/form?week=${week}&unit=court`);
  expect(form).toMatchObject({ status: 403, body: { detail: '只能补报本单位的周报' } });
  const sent = await police.send('POST', '/api/reports/makeup', {
    isoWeek: week,
    unitCode: 'court',
    report: { author: '越权', problems: '无', coordinationRequests: '无', nextWeekPlan: '无' },
  });
  expect(sent).toMatchObject({ status: 403, body: { detail: '只能补报本单位的周报' } });
  expect(await courtReport()).toMatchObject({ status: 'pending', makeupAt: null });

  // The court lead opens the 补报 form first and leaves it open.
  const lead = await openAs(browser, booted.url, { username: 'court.lead', password: demoPassword });
  await lead.page.goto('/reports');
  await lead.page.getByRole('button', { name: cellName('补报') }).click();
  const leadDialog = lead.page.getByRole('dialog', { name: `补报 ${week} 工作周报` });
  await leadDialog.getByRole('heading', { name: `${week} 工作周报（补报）` }).waitFor();

  const { page, context, problems } = await openAs(browser, booted.url, {
    username: 'court.user',
    password: demoPassword,
  });
  await page.goto('/reports');
  const row = page.locator('table.report-matrix tbody tr', { hasText: week });
  await row.getByRole('link', { name: cellName('未报') }).waitFor();
  // A unit sees its own column only.
  await expect(page.locator('table.report-matrix thead th').allTextContents()).resolves.toEqual([
    '周次',
    '区法院',
  ]);
  await row.getByRole('button', { name: cellName('补报') }).click();
  const dialog = page.getByRole('dialog', { name: `补报 ${week} 工作周报` });
  await dialog.getByText('区人民法院').first().waitFor();
  await dialog.getByText('补报后将计入该周汇总并标记为“补报”，同时告知专班办公室').waitFor();
  await dialog.getByRole('heading', { name: `${week} 工作周报（补报）` }).waitFor();
  // The court's plan tasks come prefilled as in the week's own task.
  expect(await dialog.getByLabel('本周完成情况').count()).toBeGreaterThan(0);

  await dialog.getByRole('button', { name: '提交补报' }).click();
  await dialog.getByText('请检查以下内容后再提交：').waitFor();
  await dialog.getByRole('alert').getByText('填报人：').waitFor();
  expect(await courtReport()).toMatchObject({ status: 'pending', makeupAt: null });

  const filled = await fillReport(dialog, '区人民法院承办人B');
  await dialog.getByRole('button', { name: '提交补报' }).click();
  await dialog.waitFor({ state: 'hidden' });
  await page.getByText(`已补报区法院${week}工作周报，已计入该周汇总并告知专班办公室。`).waitFor();
  await row.getByRole('link', { name: cellName('补报') }).waitFor();
  expect(await row.getByRole('button', { name: /^补报：/ }).count()).toBe(0);

  const report = await courtReport();
  // Every field typed without a pause arrived, the last one too.
  expect(report).toMatchObject({
    status: 'submitted',
    author: '区人民法院承办人B',
    problems: '周五截止前未及时报送，现予补报。',
    coordinationRequests: '无',
    nextWeekPlan: '按时报送周报，继续推进各项任务。',
  });
  const typed = await db.weeklyReport.findUniqueOrThrow({
    where: { id: report.id },
    include: { taskProgress: true, figures: true },
  });
  expect(typed.taskProgress.map((t) => t.progress)).toEqual(
    Array(typed.taskProgress.length).fill('本周补充开展涉企案件排查，已按计划推进。'),
  );
  expect(typed.taskProgress.length).toBe(filled.progress);
  expect(typed.figures.map((f) => f.value)).toEqual(Array(filled.values).fill(60));
  expect(report.makeupAt).not.toBeNull();
  const summary = await db.weeklySummary.findUniqueOrThrow({ where: { isoWeek: week } });
  const content = summary.content as { missingUnits: string[]; makeupUnits: { code: string }[] };
  expect(content.makeupUnits.map((u) => u.code)).toEqual(['court']);
  expect(content.missingUnits).toContain('区法院');
  const told = await db.outboxMessage.findMany({ where: { template: 'weekly-report.makeup' } });
  expect(told).toHaveLength(1);
  expect(told[0].subject).toBe(`【周报补报】区人民法院 ${week} 工作周报已补报`);
  expect((told[0].recipients as { to: string[] }).to).toContain('plc-office@zhuanban.invalid');
  const audit = await db.auditLog.findFirstOrThrow({ where: { action: 'weeklySummary.makeup' } });
  expect(audit.actorLabel).toBe('court.user');
  expect(problems).toEqual([]);
  await context.close();

  // The lead's form, opened before, is refused with the server's words and changes nothing.
  await fillReport(leadDialog, '区人民法院负责人');
  await leadDialog.getByRole('button', { name: '提交补报' }).click();
  await leadDialog.getByText(`区法院${week}工作周报已报送，无需补报`).waitFor();
  expect(await courtReport()).toMatchObject({ author: '区人民法院承办人B' });
  expect(await db.outboxMessage.count({ where: { template: 'weekly-report.makeup' } })).toBe(1);
  expect(lead.problems).toEqual([conflict]);
  await lead.context.close();
});

it('lets the office record a 推进会 whose 交办 item becomes a ledger item with its process started', async () => {
  const db = booted.system.database.db;
  const { page, context, problems } = await openAs(browser, booted.url, {
    username: 'coordinator',
    password: demoPassword,
  });
  await page.goto(`/reports?week=${week}`);
  const meetings = page.locator('section.progress-meetings');
  await meetings.getByText('本周尚未记录推进会').waitFor();
  await meetings.getByRole('button', { name: '记录推进会' }).click();
  const dialog = page.getByRole('dialog', { name: `记录推进会（${week}）` });
  await dialog.getByLabel('会议日期').fill('2026-11-27');
  await dialog.getByLabel('参会人员').fill('专班办公室主任、区法院副院长，公安分局副局长');
  await dialog
    .getByLabel('会议纪要')
    .fill('通报本周各单位周报报送情况，研究青禾精密机械有限公司执行款问题。');
  await dialog.getByRole('button', { name: '添加交办事项' }).click();
  await dialog.getByLabel('交办事项 1').fill('青禾精密机械有限公司执行款两周内执行到位');
  await dialog.getByLabel('完成期限').fill('2026-12-31');
  // No responsible unit: the server names the item's field, and nothing is recorded.
  await dialog.getByRole('button', { name: '保存' }).click();
  await dialog.getByText('请选择交办事项的责任单位').waitFor();
  expect(await db.progressMeeting.count()).toBe(0);

  await dialog.getByLabel('责任单位').selectOption({ label: '区法院' });
  await dialog.getByRole('button', { name: '保存' }).click();
  await dialog.waitFor({ state: 'hidden' });
  const item = await db.ledgerItem.findFirstOrThrow({
    where: { originKey: { startsWith: 'progress-meeting:' } },
  });
  expect(item).toMatchObject({
    source: 'weekly_meeting',
    problem: '青禾精密机械有限公司执行款两周内执行到位',
  });
  const listed = meetings.locator('li.card', { hasText: '工作推进会' });
  await listed.getByText('参会：专班办公室主任、区法院副院长、公安分局副局长').waitFor();
  await listed.getByText('交办：青禾精密机械有限公司执行款两周内执行到位（区法院，2026-12-31前）').waitFor();
  await listed.getByRole('link', { name: item.number }).click();
  await page.getByRole('heading', { name: '办理经过' }).waitFor();
  await page.getByText('青禾精密机械有限公司执行款两周内执行到位').first().waitFor();

  // Its rectification process runs: the court has the notice to acknowledge.
  const started = await until('the item’s process', async () => {
    const row = await db.ledgerItem.findUniqueOrThrow({ where: { id: item.id } });
    return row.processInstanceKey ?? undefined;
  });
  expect(started).toMatch(/^\d+$/);
  await page.goto('/ledger');
  const ledgerRow = page.locator('table.ledger-table tbody tr', { hasText: item.number });
  await expect(ledgerRow.textContent()).resolves.toContain('区法院');
  const audit = await db.auditLog.findFirstOrThrow({ where: { action: 'progressMeeting.create' } });
  expect(audit.actorLabel).toBe('coordinator');
  expect(problems).toEqual([refused]);
  await context.close();
});
