// 长期未结案件 in the real browser against the whole system (engine, workers, web): the court user meets the
// empty register, registers a case from the keyboard (a malformed 案号 is named under its field and nothing is
// saved), records progress and closes it, and the figures follow; the office raises another case as a ledger
// item in one step — its rectification process starts and the item is listed on /ledger — and 领导驾驶舱 shows
// the register's figures.
import type { Browser } from 'playwright-core';
import { registerLongPendingCase } from '../../domain/case-reviews/long-pending';
import { launchBrowser, openAs } from './support/browser';
import { eventually } from './support/eventually';
import { bootSystem, demoPassword, type BootedSystem } from './support/system';

let booted: BootedSystem;
let browser: Browser;

beforeAll(async () => {
  [booted, browser] = await Promise.all([bootSystem(), launchBrowser()]);
}, 120_000);
afterAll(async () => {
  await browser?.close();
  await booted?.stop();
});

it('lets the court register a case by keyboard, record progress and close it', async () => {
  const db = booted.system.database.db;
  const { page, context, problems } = await openAs(browser, booted.url, {
    username: 'court.user',
    password: demoPassword,
  });
  try {
    await page.goto('/case-reviews/long-pending');
    await page.getByText('尚未登记长期未结案件').waitFor();
    await page.getByRole('button', { name: '登记案件' }).click();
    const dialog = page.getByRole('dialog', { name: '登记长期未结案件' });
    await dialog.getByLabel('案号').fill('民初555');
    await dialog.getByLabel('案件类型').selectOption('commercial');
    await dialog.getByLabel('当事人').fill('澄川新材料科技有限公司诉某材料公司');
    await dialog.getByLabel('涉及企业').fill('澄川新材料科技有限公司');
    await dialog.getByLabel('立案日期').fill('2024-07-08');
    await dialog.getByLabel('承办法官/部门').fill('民二庭');
    await dialog.getByLabel('清理措施').fill('限期组织质证');
    await dialog.getByLabel('承办法官/部门').press('Enter');
    await dialog.getByText(/^案号格式应如（2024）豫0703民初123号/).waitFor();
    expect(await db.longPendingCase.count()).toBe(0);
    await dialog.getByLabel('案号').fill('(2024) 豫0703民初555号');
    await dialog.getByLabel('案号').press('Enter');
    const detail = page.locator('#long-pending-detail');
    await detail.getByRole('heading', { name: /（2024）豫0703民初555号/ }).waitFor();
    // The saved case's panel and the register are loaded apart: wait for the register's row, then count.
    await eventually(() => page.locator('#long-pending-cases tbody tr').count(), 1);
    await expect(detail.textContent()).resolves.toContain('长期未结');

    await detail.getByLabel('清理进展', { exact: true }).fill('已通知双方于下周质证');
    await detail.getByRole('button', { name: '记录进展' }).click();
    await detail.locator('#long-pending-timeline').getByText('已通知双方于下周质证').waitFor();
    // The timeline names who recorded it as people know them, not by the sign-in name.
    const courtUser = await db.user.findUniqueOrThrow({ where: { username: 'court.user' } });
    const progress = detail.locator('#long-pending-timeline li', { hasText: '已通知双方于下周质证' });
    await expect(progress.textContent()).resolves.toContain(courtUser.displayName);
    await expect(progress.textContent()).resolves.not.toContain('court.user');

    await detail.getByLabel('结案方式').selectOption('mediation');
    await detail.getByLabel('结案说明（可不填）').fill('当庭调解');
    await detail.getByRole('button', { name: '确认结案' }).click();
    await detail
      .locator('#long-pending-timeline')
      .getByText(/^调解结案，结案日期 \d{4}-\d{2}-\d{2}：当庭调解$/)
      .waitFor();
    await expect(detail.getByRole('button', { name: '记录进展' }).count()).resolves.toBe(0);
    // the figures follow the closing: one cleared of one on the register this year
    const figure = (label: string, value: string) =>
      page
        .locator('#long-pending-figures li', {
          has: page.locator('.kpi-label', { hasText: new RegExp(`^${label}$`) }),
        })
        .locator('.kpi-value', { hasText: new RegExp(`^${value}$`) })
        .waitFor();
    await figure('本期结案', '1');
    await figure('清结率', '100%');
    await figure('长期未结', '0');
    const saved = await db.longPendingCase.findFirstOrThrow();
    expect(saved).toMatchObject({
      caseNumber: '（2024）豫0703民初555号',
      status: 'closed',
      closingMethod: 'mediation',
    });
    // the refused 案号 is the one failed request
    expect(problems).toEqual([
      'console: Failed to load resource: the server responded with a status of 400 (Bad Request)',
    ]);
  } finally {
    await context.close();
  }
});

it('lets the office raise a case as a ledger item that starts its process and shows on /ledger', async () => {
  const db = booted.system.database.db;
  const c = await registerLongPendingCase(
    db,
    { userId: null, label: 'court.user' },
    { all: true },
    {
      caseNumber: '（2023）豫0703民初808号',
      caseType: 'civil',
      parties: '北辰冷链物流有限公司诉某物业公司',
      enterprise: '北辰冷链物流有限公司',
      filedOn: '2023-09-01',
      plan: '限期审结',
    },
  );
  const { page, context, problems } = await openAs(browser, booted.url, {
    username: 'coordinator',
    password: demoPassword,
  });
  try {
    await page.goto('/case-reviews/long-pending');
    await page.getByRole('button', { name: '查看 （2023）豫0703民初808号' }).click();
    const detail = page.locator('#long-pending-detail');
    await detail.getByLabel('整改责任单位').selectOption('court');
    await detail.getByLabel('需整改的问题').fill('立案两年未结，未报批延长审限');
    await detail.getByRole('button', { name: '立为整改事项' }).click();
    const link = detail.getByRole('link', { name: /^ZG-\d{4}-\d{3}$/ });
    await link.waitFor();
    const number = (await link.textContent())!;
    const item = await db.ledgerItem.findUniqueOrThrow({ where: { number } });
    expect(item).toMatchObject({
      source: 'case_review',
      originKey: `long-pending:${c.id}`,
      problem: '立案两年未结，未报批延长审限',
    });
    expect(item.processInstanceKey).toMatch(/^\d+$/);
    await page.goto('/ledger');
    await page.locator('table.ledger-table').getByText(number).waitFor();
    // 领导驾驶舱 shows the register's figures: two registered, one open and over 12 months, one cleared of two
    await page.goto('/dashboard');
    const panel = page.getByRole('region', { name: '长期未结案件清理' });
    const tile = (label: string) =>
      panel.locator('li', { has: page.locator('.kpi-label', { hasText: new RegExp(`^${label}$`) }) });
    await tile('登记在册').locator('.kpi-value', { hasText: /^2$/ }).waitFor();
    await expect(tile('长期未结').locator('.kpi-value').textContent()).resolves.toBe('1');
    await expect(tile('清结率').locator('.kpi-value').textContent()).resolves.toBe('50%');
    expect(problems).toEqual([]);
  } finally {
    await context.close();
  }
});
