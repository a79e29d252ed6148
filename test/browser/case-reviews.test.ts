// The 案件评查 page in the real browser against the whole system: the office sees each unit's enterprise share
// against its target, drills down to a unit's batches and a batch's cases, raises a problem as a ledger item in
// one step (the item's number appears in the row, one item in the ledger), and records a new batch by keyboard.
import type { Browser } from 'playwright-core';
import { recordKnownReviews } from '../support/case-review-data';
import { launchBrowser, openAs } from './support/browser';
import { bootSystem, demoPassword, type BootedSystem } from './support/system';

let booted: BootedSystem;
let browser: Browser;

beforeAll(async () => {
  [booted, browser] = await Promise.all([bootSystem(), launchBrowser()]);
  await recordKnownReviews(booted.system.database.db);
}, 120_000);
afterAll(async () => {
  await browser?.close();
  await booted?.stop();
});

it('shows the shares, drills down to the cases and raises a problem as one ledger item', async () => {
  const db = booted.system.database.db;
  const { page, context, problems } = await openAs(browser, booted.url, {
    username: 'coordinator',
    password: demoPassword,
  });
  try {
    await page.goto('/case-reviews');
    const shares = page.locator('#review-shares');
    await shares.waitFor();
    const policeRow = shares.locator('tr', { hasText: '公安分局' });
    await expect(policeRow.textContent()).resolves.toMatch(/20.*1.*5%.*≥10%.*未达标/);
    await expect(shares.locator('tr', { hasText: '区委政法委' }).textContent()).resolves.toMatch(
      /40.*3.*7\.5%.*≥5%.*达标/,
    );
    await page.getByRole('button', { name: /查看批次\s*（公安分局）/ }).click();
    await expect(page.locator('#review-batches tbody tr').count()).resolves.toBe(1);
    await page.getByRole('button', { name: /查看案件\s*（执法质量考评抽查）/ }).click();
    const detail = page.locator('#batch-detail');
    await detail.locator('table').waitFor();
    await expect(detail.locator('tbody tr').count()).resolves.toBe(20);
    const caseNumber = '（2026）卫公（经）立字4号';
    await page.getByRole('button', { name: `发现问题，立为整改事项 （${caseNumber}）` }).click();
    await page.getByLabel('整改责任单位').selectOption('police');
    await page.getByRole('button', { name: `立为整改事项 （${caseNumber}）`, exact: true }).click();
    const link = detail.locator('tr', { hasText: caseNumber }).getByRole('link');
    await link.waitFor();
    const number = (await link.textContent())!;
    expect(number).toMatch(/^ZG-\d{4}-\d{3}$/);
    const items = await db.ledgerItem.findMany({ where: { sourceRef: { contains: caseNumber } } });
    expect(items).toHaveLength(1);
    expect(items[0]).toMatchObject({ number, problem: '涉企经济案件立案审批手续不全' });
    expect(problems).toEqual([]);
  } finally {
    await context.close();
  }
});

it('records a batch from the keyboard, and names a repeated case number without saving', async () => {
  const db = booted.system.database.db;
  const { page, context } = await openAs(browser, booted.url, {
    username: 'court.user',
    password: demoPassword,
  });
  try {
    await page.goto('/case-reviews');
    await page.getByRole('button', { name: '录入评查批次' }).click();
    await page.getByLabel('批次名称').fill('法院涉企长期未结案件评查');
    await page.getByLabel('评查日期', { exact: true }).fill('2026-11-30');
    await page.getByLabel('第1件案号').fill('（2024）豫0703民初88号');
    await page.getByLabel('第1件是否涉企').check();
    await page.getByRole('button', { name: '添加一件' }).click();
    await page.getByLabel('第2件案号').fill('（2024）豫0703民初88号');
    await page.getByRole('button', { name: '保存批次' }).click();
    await page.getByText('案号“（2024）豫0703民初88号”在本批次中重复').waitFor();
    expect(await db.caseReviewBatch.count({ where: { unit: { code: 'court' } } })).toBe(0);
    await page.getByLabel('第2件案号').fill('（2024）豫0703民初89号');
    await page.getByLabel('第2件案号').press('Enter');
    await page.getByRole('cell', { name: '法院涉企长期未结案件评查', exact: true }).waitFor();
    const shares = page.locator('#review-shares tbody tr');
    await expect(shares.count()).resolves.toBe(1);
    await expect(shares.first().textContent()).resolves.toMatch(/区人民法院.*2.*1.*50%/);
  } finally {
    await context.close();
  }
});
