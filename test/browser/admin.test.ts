// The admin pages in the real browser: an admin changes a deadline rule and adds a holiday, and the trial
// computation shows the next deadline move each time; the audit log then finds both changes.
import type { Browser, Page } from 'playwright-core';
import { hashPassword } from '../../domain/auth/password';
import { rankedIndicators } from '../../domain/indicators/rank-history';
import { launchBrowser, openAs } from './support/browser';
import { bootSystem, demoPassword, type BootedSystem } from './support/system';

let booted: BootedSystem;
let browser: Browser;

beforeAll(async () => {
  [booted, browser] = await Promise.all([bootSystem(), launchBrowser()]);
  // The seeded admin must change its password first (tested in sign-in.test.ts); this is a second admin.
  await booted.system.database.db.user.create({
    data: {
      username: 'ops.admin',
      displayName: '运维管理员',
      role: 'admin',
      passwordHash: await hashPassword(demoPassword),
    },
  });
}, 120_000);
afterAll(async () => {
  await browser?.close();
  await booted?.stop();
});

async function trial(page: Page): Promise<string> {
  const form = page.getByRole('form', { name: '期限试算' });
  await form.getByLabel('期限规则').selectOption({ label: '协调会书面意见' });
  await form.getByLabel('起算日').fill('2027-03-01');
  await form.getByRole('button', { name: '计算' }).click();
  return (await form.getByRole('status').textContent()) ?? '';
}

it('moves the next deadline when the admin changes a deadline rule and adds a holiday', async () => {
  const { page, context } = await openAs(browser, booted.url, {
    username: 'ops.admin',
    password: demoPassword,
  });
  await page.goto('/admin/calendars');
  await page.getByRole('heading', { name: '节假日与期限' }).waitFor();
  expect(await trial(page)).toBe('期满日：2027/03/04');

  await page.getByRole('button', { name: '编辑 协调会书面意见' }).click();
  const dialog = page.getByRole('dialog', { name: '编辑期限规则：协调会书面意见' });
  await dialog.getByLabel('天数').fill('5');
  await dialog.getByRole('button', { name: '保存' }).click();
  await dialog.waitFor({ state: 'hidden' });
  // The table reloads after the dialog closes: wait for the saved value rather than read the old row.
  await page
    .locator('tr', { hasText: '协调会书面意见' })
    .filter({ hasText: '5个工作日' })
    .first()
    .waitFor({ timeout: 10_000 });
  expect(await trial(page)).toBe('期满日：2027/03/08');

  await page.getByLabel('年份').selectOption('2027');
  const calendar = page.getByRole('form', { name: '2027年节假日安排' });
  await calendar.waitFor();
  await calendar.getByLabel('日期', { exact: true }).fill('2027-03-03');
  await calendar.getByLabel('名称').fill('测试假日');
  await calendar.getByRole('button', { name: '添加' }).click();
  await calendar.getByRole('button', { name: '保存节假日安排' }).click();
  await page.getByText('2027年节假日安排已保存').waitFor();
  expect(await trial(page)).toBe('期满日：2027/03/09');

  await page.goto('/admin/audit?actor=ops.admin');
  await page.getByRole('cell', { name: 'deadlineRule.update' }).waitFor();
  await page.getByRole('cell', { name: 'calendar.replace' }).waitFor();
  await context.close();
}, 90_000);

it('lets the admin set an indicator’s 先进位次, refusing a bad value under the field and saving nothing', async () => {
  const { db } = booted.system.database;
  const { page, context } = await openAs(browser, booted.url, {
    username: 'ops.admin',
    password: demoPassword,
  });
  await page.goto('/admin/plan');
  const ranks = page.getByRole('region', { name: '全市位次的先进位次' });
  const row = ranks.locator('tr[data-indicator="resolving-insolvency"]');
  await expect(row.locator('td').nth(1).textContent()).resolves.toBe('全市前3名');

  await row.getByRole('button', { name: '设置 办理破产的先进位次' }).click();
  const dialog = page.getByRole('dialog', { name: '先进位次：办理破产' });
  const field = dialog.getByLabel('先进位次（全市前几名）');
  for (const [typed, message] of [
    ['三', '先进位次应为正整数'],
    ['0', '先进位次应为正整数'],
    ['2.5', '先进位次应为正整数'],
    ['201', '先进位次不超过200'],
  ]) {
    await field.fill(typed);
    await dialog.getByRole('button', { name: '保存' }).click();
    await expect(dialog.locator('.field-error').textContent()).resolves.toBe(message);
    await expect(dialog.locator('.notice-error').textContent()).resolves.toBe(`先进位次：${message}`);
  }
  const unchanged = await db.indicator.findUniqueOrThrow({ where: { code: 'resolving-insolvency' } });
  expect(unchanged.advancedRank).toBe(3);
  expect(await db.auditLog.count({ where: { entity: 'indicator', actorLabel: 'ops.admin' } })).toBe(0);

  await field.fill('5');
  await dialog.getByRole('button', { name: '保存' }).click();
  await dialog.waitFor({ state: 'hidden' });
  await row.filter({ hasText: '全市前5名' }).waitFor();
  const saved = await db.indicator.findUniqueOrThrow({ where: { code: 'resolving-insolvency' } });
  expect(saved.advancedRank).toBe(5);
  const trail = await db.auditLog.findMany({ where: { entity: 'indicator', actorLabel: 'ops.admin' } });
  expect(trail.map((a) => [a.action, a.entityId])).toEqual([['indicator.update', String(saved.id)]]);
  expect(trail[0]!.before).toMatchObject({ advancedRank: 3 });
  expect(trail[0]!.after).toMatchObject({ advancedRank: 5 });

  // Cleared, the indicator keeps no rank and leaves the 全市位次 page.
  await row.getByRole('button', { name: '设置 办理破产的先进位次' }).click();
  await field.fill('');
  await dialog.getByRole('button', { name: '保存' }).click();
  await row.filter({ hasText: '不参加排名' }).waitFor();
  await context.close();
  const ranked = await rankedIndicators(db, { all: true });
  expect(ranked.map((i) => i.code)).not.toContain('resolving-insolvency');
  expect(ranked.map((i) => i.code)).toContain('enforcing-contracts');
}, 90_000);

// The server names a refused field by its API path (email, dimensions.0.weight); each summary must name it by the
// label the person sees instead — and a path the form cannot name by its message alone, never by the key.
describe('the admin forms’ error summaries', () => {
  const latin = /[A-Za-z]/;
  let page: Page;
  let close: () => Promise<void>;
  beforeAll(async () => {
    const opened = await openAs(browser, booted.url, { username: 'ops.admin', password: demoPassword });
    page = opened.page;
    close = () => opened.context.close();
  });
  afterAll(() => close());

  it('names a user’s name by its label', async () => {
    await page.goto('/admin');
    await page.getByRole('button', { name: '编辑 court.user' }).click();
    const dialog = page.getByRole('dialog', { name: '编辑用户 court.user' });
    await dialog.getByLabel('姓名').fill('  ');
    await dialog.getByRole('button', { name: '保存' }).click();
    await expect(dialog.locator('.notice-error').textContent()).resolves.toBe('姓名：请填写姓名');
    const user = await booted.system.database.db.user.findUniqueOrThrow({
      where: { username: 'court.user' },
    });
    expect(user.displayName.trim()).not.toBe('');
  });

  it('names a deadline rule’s name and days by their labels', async () => {
    await page.goto('/admin/calendars');
    await page.getByRole('button', { name: '编辑 协调会书面意见' }).click();
    const dialog = page.getByRole('dialog', { name: '编辑期限规则：协调会书面意见' });
    await dialog.getByLabel('天数').fill('400');
    await dialog.getByLabel('名称').fill(' ');
    await dialog.getByRole('button', { name: '保存' }).click();
    const summary = (await dialog.locator('.notice-error').textContent()) ?? '';
    expect(
      summary
        .split('；')
        .map((p) => p.split('：')[0])
        .sort(),
    ).toEqual(['名称', '天数'].sort());
    expect(summary).not.toMatch(latin);
  });

  it('names an assessment dimension’s weight by the dimension it belongs to', async () => {
    await page.goto('/admin/assessment');
    const weight = page.getByLabel('日常工作开展情况权重');
    await weight.fill('-5');
    await page.getByRole('button', { name: '保存规则' }).click();
    const items = page.getByRole('alert').locator('li');
    await items.first().waitFor();
    const texts = await items.allTextContents();
    expect(texts).toContain('日常工作开展情况权重：权重不能为负');
    for (const t of texts) expect(t).not.toMatch(latin);
  });
});
