// What an office worker meets on the first try, in the real browser on the demo data: the header search for a
// ledger number opens that item (it opened a page that said 「id：应为正整数」), which links its process in words
// rather than by an 18-digit engine key; a record that does not exist says
// so without offering a 重试 that can only fail again, and a process that does not exist shows no empty live
// diagram waiting to connect; on an upright tablet (768 px) every page of the navigation is in sight and a
// ledger number stays on one line; the dashboard says in words that nothing is overdue instead of empty axes;
// the weekly matrix starts at the first week the system holds reports instead of a column of 未发起 before it.
import type { Browser } from 'playwright-core';
import { launchBrowser, openAs } from './support/browser';
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

const office = () => openAs(browser, booted.url, { username: 'coordinator', password: demoPassword });

it('opens the ledger item a ledger number is searched for, its process linked by words, not the engine key', async () => {
  const db = booted.system.database.db;
  const first = await db.ledgerItem.findFirstOrThrow({ orderBy: { id: 'asc' } });
  const item = await db.ledgerItem.update({
    where: { id: first.id },
    data: { processInstanceKey: '2251799813699999' },
  });
  const { page, context } = await office();
  const search = page.getByRole('searchbox', { name: '按编号或企业名称查找' });
  await search.fill(item.number);
  await search.press('Enter');
  await page.waitForURL(`**/ledger/${item.id}`);
  await page.getByRole('heading', { name: new RegExp(item.number) }).waitFor();
  await expect(page.getByText(item.problem).first().isVisible()).resolves.toBe(true);
  await expect(page.getByRole('alert').count()).resolves.toBe(0);
  const toProcess = page.getByRole('link', { name: '查看流程图与办理经过' });
  await expect(toProcess.getAttribute('href')).resolves.toBe('/instances/2251799813699999');
  await expect(page.locator('main').innerText()).resolves.not.toContain('2251799813699999');
  await context.close();
}, 60_000);

it('says a record is not found without a retry button, and shows no live diagram for a missing process', async () => {
  const { page, context } = await office();
  for (const path of ['/reports/999999', '/outbox/999999', '/ledger/999999']) {
    await page.goto(path);
    const alert = page.getByRole('alert');
    await alert.waitFor();
    await expect(alert.innerText()).resolves.toContain('未找到');
    await expect(page.getByRole('button', { name: '重试' }).count()).resolves.toBe(0);
  }
  await page.goto('/monitor/no-such-process');
  await page.getByRole('alert').waitFor();
  await expect(page.getByRole('alert').innerText()).resolves.toContain('没有这个流程');
  await expect(page.getByText('正在连接…').count()).resolves.toBe(0);
  await expect(page.locator('.diagram').count()).resolves.toBe(0);
  await expect(page.getByRole('link', { name: '返回流程监控' }).isVisible()).resolves.toBe(true);
  await context.close();
}, 60_000);

it('keeps every page of the navigation in sight and ledger numbers on one line at 768 px', async () => {
  const { page, context } = await openAs(
    browser,
    booted.url,
    { username: 'coordinator', password: demoPassword },
    { width: 768, height: 1024 },
  );
  await page.goto('/ledger');
  await page.locator('table.ledger-table tbody tr').first().waitFor();
  const links = page.locator('.app-nav a');
  expect(await links.count()).toBeGreaterThan(8);
  const offScreen: string[] = [];
  for (const link of await links.all()) {
    const box = (await link.boundingBox())!;
    if (box.x < 0 || box.x + box.width > 768) offScreen.push(await link.innerText());
  }
  expect(offScreen).toEqual([]);
  const number = page.locator('table.ledger-table tbody tr td:first-child a').first();
  // An inline link broken over lines has one box per line.
  await expect(number.evaluate((a) => a.getClientRects().length)).resolves.toBe(1);
  await context.close();
}, 60_000);

it('says in words that nothing is overdue, and does not paint a zero red', async () => {
  await booted.system.database.db.ledgerItem.updateMany({ data: { color: 'none' } });
  const { page, context } = await openAs(browser, booted.url, { username: 'leader', password: demoPassword });
  await page.goto('/dashboard');
  const panel = page.getByRole('region', { name: '逾期未销号事项（按责任单位）' });
  await panel.getByText('目前没有逾期未销号的整改事项。').waitFor();
  await expect(panel.locator('[data-chart]').count()).resolves.toBe(0);
  const redFigure = page.getByRole('link', { name: /红色预警事项/ });
  await expect(redFigure.innerText()).resolves.toContain('0项');
  await expect(redFigure.getAttribute('class')).resolves.not.toContain('kpi-alert');
  await context.close();
}, 60_000);

it('closes the user menu on Esc with focus back on its button, and when focus moves on', async () => {
  const { page, context } = await openAs(browser, booted.url, {
    username: 'court.lead',
    password: demoPassword,
  });
  const focused = () => page.evaluate<string>('document.activeElement.className');
  const button = page.locator('.user-button');
  await button.focus();
  await page.keyboard.press('Enter');
  await expect(button.getAttribute('aria-expanded')).resolves.toBe('true');
  await page.keyboard.press('Tab');
  await expect(page.evaluate<string>('document.activeElement.textContent')).resolves.toBe('修改密码');
  await page.keyboard.press('Escape');
  await expect(page.locator('.user-menu-list').count()).resolves.toBe(0);
  await expect(focused()).resolves.toBe('user-button');
  await page.keyboard.press('Enter');
  await page.getByRole('link', { name: '修改密码' }).waitFor();
  await page.locator('.app-nav a').first().focus();
  await expect(page.locator('.user-menu-list').count()).resolves.toBe(0);
  // Focus that moves on right after the menu opened, before the page paints again, closes it too.
  // (Not the first link: focus is still there from above, and focusing it again moves nothing.)
  const openWhenFocusMoved = await page.evaluate<boolean>(`(async () => {
    document.querySelector('.user-button').click();
    for (let i = 0; i < 5; i++) await Promise.resolve(); // the menu's render, not the next frame
    const open = document.querySelector('.user-menu-list') !== null;
    document.querySelectorAll('.app-nav a')[1].focus();
    return open;
  })()`);
  expect(openWhenFocusMoved).toBe(true);
  await expect(page.locator('.user-menu-list').count()).resolves.toBe(0);
  await context.close();
}, 60_000);

it('lists the weekly matrix from the first week the system holds reports, not the weeks before it was in use', async () => {
  const db = booted.system.database.db;
  const first = (await db.weeklyReport.findFirstOrThrow({ orderBy: { isoWeek: 'asc' } })).isoWeek;
  const { page, context } = await office();
  await page.goto('/reports?weeks=52');
  await page.locator('table.report-matrix').waitFor();
  const weeks = await page.locator('table.report-matrix tbody th[scope="row"] > a').allTextContents();
  expect(weeks).toContain(first);
  expect(weeks.filter((w) => w < first)).toEqual([]);
  await page.getByText(new RegExp(`${first} 之前的 \\d+ 周没有周报记录`)).waitFor();
  await context.close();
}, 60_000);
