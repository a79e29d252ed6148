// 考核 and 宣传 in the real browser against the whole system: a court user registers a media report (the form
// insists on the outlet) and sees only the court's items; the office opens the quarter's ranking, follows a
// score to the records behind it, scores a manual dimension (a reason is required) and exports the table, whose
// totals are the page's; the office records a 责令整改 (the form insists on reason and basis) that opens a ledger
// item; a unit user's 考核 page shows its own 奖惩 only, without the ranking; a leader follows the court's
// 长期未结案件清结率 to the case on the register.
import path from 'node:path';
import ExcelJS from 'exceljs';
import { DateTime } from 'luxon';
import type { Browser } from 'playwright-core';
import { registerLongPendingCase } from '../../domain/case-reviews/long-pending';
import { launchBrowser, openAs } from './support/browser';
import { bootSystem, demoPassword, type BootedSystem } from './support/system';

let booted: BootedSystem;
let browser: Browser;
const refused = 'console: Failed to load resource: the server responded with a status of 400 (Bad Request)';
const today = DateTime.now().setZone('Asia/Shanghai');
const period = `${today.year}-Q${today.quarter}`;

beforeAll(async () => {
  [booted, browser] = await Promise.all([bootSystem(), launchBrowser()]);
}, 120_000);
afterAll(async () => {
  await browser?.close();
  await booted?.stop();
});

it('lets a unit user register its own publicity and see only its unit’s items', async () => {
  const db = booted.system.database.db;
  const police = await db.unit.findUniqueOrThrow({ where: { code: 'police' } });
  await db.publicityItem.create({
    data: {
      unitId: police.id,
      kind: 'press_conference',
      title: '公安分局新闻发布会',
      happenedOn: today.toISODate()!,
    },
  });
  const { page, context, problems } = await openAs(browser, booted.url, {
    username: 'court.user',
    password: demoPassword,
  });
  await page.goto('/publicity');
  await page.getByRole('heading', { name: '宣传工作' }).waitFor();
  await page.getByText('还没有登记宣传工作').waitFor();
  await page.getByRole('button', { name: '登记宣传' }).click();
  const dialog = page.getByRole('dialog', { name: '登记宣传工作' });
  await expect(dialog.getByLabel('单位').locator('option').allTextContents()).resolves.toEqual(['区法院']);
  await dialog.getByLabel('宣传形式').selectOption('media_report');
  await dialog.getByLabel('标题').fill('区法院优化营商环境专题报道');
  await dialog.getByLabel('日期').fill(today.toISODate()!);
  await dialog.getByRole('button', { name: '保存' }).click();
  await dialog.getByText('媒体报道须填写媒体名称').first().waitFor();
  // The summary names the fields by their labels, not by the API's keys (outlet, mediaLevel).
  await expect(dialog.locator('.notice-error').textContent()).resolves.toBe(
    '媒体名称：媒体报道须填写媒体名称；媒体级别：媒体报道须为省级及以上媒体，请选择媒体级别',
  );
  expect(await db.publicityItem.count({ where: { unitId: { not: police.id } } })).toBe(0);
  await dialog.getByLabel('媒体名称').fill('河北法制报');
  await dialog.getByLabel('媒体级别').selectOption('provincial');
  await dialog.getByRole('button', { name: '保存' }).click();
  await dialog.waitFor({ state: 'hidden' });
  const rows = page.locator('table.publicity-table tbody tr');
  await rows.first().waitFor();
  await expect(rows.allTextContents()).resolves.toEqual([expect.stringContaining('河北法制报（省级）')]);
  // the one refused save (400) is the only failed request
  expect(problems).toEqual([refused]);
  await context.close();
});

it('shows the office the ranking, the records behind a score, takes a manual score with a reason, and exports it', async () => {
  const { page, context, problems } = await openAs(browser, booted.url, {
    username: 'coordinator',
    password: demoPassword,
  });
  await page.getByRole('navigation', { name: '主导航' }).getByRole('link', { name: '考核' }).click();
  await page.locator('table.assessment-table').waitFor();
  await expect(page.locator('table.assessment-table tbody tr').count()).resolves.toBe(5);

  // 日常工作 of the court: the publicity just registered is among the records behind it
  await page.getByRole('button', { name: '区法院 日常工作开展情况 计分依据' }).click();
  const trace = page.getByRole('dialog', { name: '区法院 · 日常工作开展情况' });
  await trace.getByText('区法院优化营商环境专题报道').waitFor();
  await trace.getByRole('button', { name: '关闭' }).click();

  await page.getByRole('button', { name: '区检察院 省级营商环境评价情况 计分依据' }).click();
  const entry = page.getByRole('dialog', { name: '区检察院 · 省级营商环境评价情况' });
  await entry.getByLabel('分数（0–100）').fill('88');
  await entry.getByRole('button', { name: '保存评分' }).click();
  await entry.getByText('请填写评分理由').first().waitFor();
  await expect(entry.locator('.notice-error').textContent()).resolves.toBe(
    '评分理由：请填写评分理由（至少 4 个字）',
  );
  await entry.getByLabel('评分理由').fill('省营商办通报：检察监督指标进位');
  await entry.getByRole('button', { name: '保存评分' }).click();
  await entry.getByText('评 88 分：省营商办通报：检察监督指标进位').waitFor();
  // Who scored is named as people know them — in the dialog's history and in the 人工评分 table below.
  const office = await booted.system.database.db.user.findUniqueOrThrow({
    where: { username: 'coordinator' },
  });
  const scored = entry.locator('li', { hasText: '评 88 分' });
  await expect(scored.textContent()).resolves.toContain(office.displayName);
  await expect(scored.textContent()).resolves.not.toContain('coordinator');
  await entry.getByRole('button', { name: '关闭' }).click();
  const manual = page.locator('tr', { hasText: '省营商办通报：检察监督指标进位' });
  await manual.waitFor();
  await expect(manual.textContent()).resolves.toContain(office.displayName);
  await expect(manual.textContent()).resolves.not.toContain('coordinator');
  const audit = await booted.system.database.db.auditLog.findFirst({
    where: { action: 'assessmentEntry.create' },
  });
  expect(audit?.actorLabel).toBe('coordinator');

  const pageTotals = await page
    .locator('table.assessment-table tbody tr')
    .evaluateAll((trs) =>
      trs.map((tr) => [
        tr.querySelector('th')!.textContent,
        Number.parseFloat(tr.lastElementChild!.textContent!),
      ]),
    );
  const [download] = await Promise.all([
    page.waitForEvent('download'),
    page.getByRole('link', { name: '导出 Excel' }).click(),
  ]);
  expect(download.suggestedFilename()).toMatch(/^考核结果-\d{4}年第.季度\.xlsx$/);
  const file = path.join(booted.dir, 'assessment.xlsx');
  await download.saveAs(file);
  const wb = new ExcelJS.Workbook();
  await wb.xlsx.readFile(file);
  const fileTotals: unknown[][] = [];
  const ws = wb.worksheets[0]!;
  ws.eachRow((row, n) => {
    if (n > 1) fileTotals.push([row.getCell(2).value, row.getCell(ws.columnCount - 1).value]);
  });
  expect(fileTotals).toEqual(pageTotals);
  expect(ws.name).toBe(`考核排名 ${period}`);
  // the one refused save (400) is the only failed request
  expect(problems).toEqual([refused]);
  await context.close();
});

it('lets the office record a 责令整改 that opens a ledger item, and shows a unit its own 奖惩 only', async () => {
  const db = booted.system.database.db;
  const office = await openAs(browser, booted.url, { username: 'coordinator', password: demoPassword });
  await office.page.goto('/assessment');
  await office.page.locator('table.assessment-table').waitFor();
  await office.page.getByText('本期尚无奖惩记录').waitFor();
  await office.page.getByRole('button', { name: '登记奖惩' }).click();
  const dialog = office.page.getByRole('dialog', { name: '登记奖惩' });
  await dialog.getByLabel('单位').selectOption('police');
  await dialog.getByLabel('类别').selectOption('rectify');
  await dialog.getByRole('button', { name: '登记' }).click();
  await dialog.getByText('请填写事由（至少 4 个字）').first().waitFor();
  await dialog.getByText('请填写依据（奖惩办法条款）（至少 2 个字）').first().waitFor();
  expect(await db.assessmentSanction.count()).toBe(0);
  await dialog.getByLabel('事由').fill('涉企警情回访连续两周未按期报送');
  await dialog.getByLabel('依据').fill('《优化营商环境工作奖惩办法》第八条第二项');
  await dialog.getByRole('button', { name: '登记' }).click();
  await dialog.waitFor({ state: 'hidden' });
  const item = await db.ledgerItem.findFirstOrThrow({ where: { originKey: { startsWith: 'sanction:' } } });
  await office.page.getByText(`已登记，并已生成整改台账 ${item.number}，整改流程已发起`).waitFor();
  const row = office.page.locator('tr', { hasText: '涉企警情回访连续两周未按期报送' });
  await expect(row.getByRole('link', { name: item.number }).getAttribute('href')).resolves.toBe(
    `/ledger/${item.id}`,
  );
  await expect(row.locator('td').first().textContent()).resolves.toBe('公安分局');
  const entrant = await db.user.findUniqueOrThrow({ where: { username: 'coordinator' } });
  await expect(row.textContent()).resolves.toContain(entrant.displayName);
  await expect(row.textContent()).resolves.not.toContain('coordinator');
  expect(office.problems).toEqual([refused]);
  await office.context.close();

  for (const [username, rows] of [
    ['police.user', 1],
    ['court.user', 0],
  ] as const) {
    const unit = await openAs(browser, booted.url, { username, password: demoPassword });
    await unit.page.getByRole('navigation', { name: '主导航' }).getByRole('link', { name: '考核' }).click();
    await unit.page.getByRole('heading', { name: '奖惩' }).waitFor();
    if (rows) await unit.page.getByText('涉企警情回访连续两周未按期报送').waitFor();
    else await unit.page.getByText('本期尚无奖惩记录').waitFor();
    await expect(unit.page.locator('table.assessment-table').count()).resolves.toBe(0);
    await expect(unit.page.getByRole('button', { name: '登记奖惩' }).count()).resolves.toBe(0);
    expect(unit.problems).toEqual([]);
    await unit.context.close();
  }
});

it('leads a leader from the court’s 长期未结案件清结率 to the case on the register, its panel open', async () => {
  const db = booted.system.database.db;
  const court = await db.unit.findUniqueOrThrow({ where: { code: 'court' } });
  // Past its target date and open: due in this quarter, not cleared.
  const due = await registerLongPendingCase(
    db,
    { userId: null, label: 'court.user' },
    { all: false, unitId: court.id },
    {
      caseNumber: '（2025）豫0703民初8801号',
      caseType: 'commercial',
      parties: '东岭新材料有限公司诉某贸易公司买卖合同纠纷',
      enterprise: '东岭新材料有限公司',
      filedOn: today.minus({ months: 16 }).toISODate()!,
      targetOn: today.minus({ days: 3 }).toISODate()!,
    },
  );
  const { page, context, problems } = await openAs(browser, booted.url, {
    username: 'leader',
    password: demoPassword,
  });
  await page.goto(`/assessment?period=${period}`);
  await page.getByRole('button', { name: '区法院 方案及清单重点任务落实情况 计分依据' }).click();
  const trace = page.getByRole('dialog', { name: '区法院 · 方案及清单重点任务落实情况' });
  await trace.getByText(/长期未结案件清结率（占 20%）/).waitFor();
  const row = trace.locator('li', { hasText: '（2025）豫0703民初8801号' });
  await expect(row.textContent()).resolves.toContain('本期内未结案');
  await expect(row.textContent()).resolves.toContain('不计入');
  await row.getByRole('link').click();
  await page.waitForURL(/\/case-reviews\/long-pending\?/);
  const panel = page.getByLabel('案件 （2025）豫0703民初8801号');
  await panel.getByText('东岭新材料有限公司诉某贸易公司买卖合同纠纷').first().waitFor();
  const quarterStart = today.startOf('quarter').toISODate()!;
  await expect(page.getByLabel('统计期间自').inputValue()).resolves.toBe(quarterStart);
  expect(new URL(page.url()).searchParams.get('case')).toBe(String(due.id));
  expect(problems).toEqual([]);
  await context.close();
});
