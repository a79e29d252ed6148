// The dashboard in the real browser: a leader opens it and drills from the red figure down to the ledger items
// behind it — by the figure's link and by clicking the red slice of the chart — and the rates lead to records.
import type { Browser } from 'playwright-core';
import { launchBrowser, openAs } from './support/browser';
import { eventually } from './support/eventually';
import { bootSystem, demoPassword, type BootedSystem } from './support/system';

let booted: BootedSystem;
let browser: Browser;
let redNumbers: string[];

beforeAll(async () => {
  [booted, browser] = await Promise.all([bootSystem(), launchBrowser()]);
  const db = booted.system.database.db;
  // Two of the demo items turn red before anyone opens the dashboard (it shares its figures for 10 s).
  const items = await db.ledgerItem.findMany({ orderBy: { id: 'asc' }, take: 2 });
  await db.ledgerItem.updateMany({ where: { id: { in: items.map((i) => i.id) } }, data: { color: 'red' } });
  redNumbers = items.map((i) => i.number).sort();
}, 120_000);
afterAll(async () => {
  await browser?.close();
  await booted?.stop();
});

const ledgerNumbers = async (page: import('playwright-core').Page) =>
  (await page.locator('table.ledger-table tbody tr td:first-child').allTextContents()).sort();

it('lets a leader drill from the red figure to the red ledger items', async () => {
  const { page, context, problems } = await openAs(browser, booted.url, {
    username: 'leader',
    password: demoPassword,
  });
  await page.goto('/dashboard');
  await page.getByRole('heading', { name: '领导驾驶舱' }).waitFor();
  await page.locator('[data-chart="colors"] canvas').waitFor();
  await page.getByRole('link', { name: '红色预警 2项' }).click();
  await page.locator('table.ledger-table').waitFor();
  expect(new URL(page.url()).search).toBe('?color=red&status=active');
  expect(await ledgerNumbers(page)).toEqual(redNumbers);
  await expect(page.locator('table.ledger-table .tag-red').count()).resolves.toBe(2);
  expect(problems).toEqual([]);
  await context.close();
}, 60_000);

it('drills down by clicking the red slice of the chart', async () => {
  const { page, context } = await openAs(browser, booted.url, { username: 'leader', password: demoPassword });
  await page.goto('/dashboard');
  const canvas = page.locator('[data-chart="colors"] canvas');
  await canvas.waitFor();
  const box = (await canvas.boundingBox())!;
  // The ring starts at twelve o'clock with red (2 of 5 open items): a point a fifth of the way round is red.
  const r = (Math.min(box.width, box.height) / 2) * 0.55;
  const angle = (2 / 5 / 2) * 2 * Math.PI;
  await page.mouse.click(
    box.x + box.width / 2 + r * Math.sin(angle),
    box.y + box.height / 2 - r * Math.cos(angle),
  );
  await page.waitForURL(/\/ledger\?color=red&status=active$/);
  await page.locator('table.ledger-table').waitFor();
  expect(await ledgerNumbers(page)).toEqual(redNumbers);
  await context.close();
}, 60_000);

it('leads from the reply rate to the petitions not yet answered', async () => {
  const { page, context } = await openAs(browser, booted.url, { username: 'leader', password: demoPassword });
  await page.goto('/dashboard');
  await page.getByRole('link', { name: /信访事项答复率/ }).click();
  await page.getByRole('heading', { name: '尚未答复的信访事项' }).waitFor();
  const db = booted.system.database.db;
  const open = await db.petition.count({
    where: {
      status: { notIn: ['not_accepted', 'forwarded', 'diverted_to_litigation', 'replied', 'closed'] },
    },
  });
  // The rows arrive after the heading: count them until they are all there.
  await eventually(() => page.locator('table.data tbody tr').count(), open, 10_000);
  await context.close();
}, 60_000);
