// 督导通报 in the real browser against the whole system: a unit user sees the empty state and no generate button;
// the office generates last month's circular (the row with its counts, the .docx download is the archived one),
// asking again for the same month sends nothing new; the court user then sees the circular sent to its unit.
import { DateTime } from 'luxon';
import type { Browser } from 'playwright-core';
import { launchBrowser, openAs } from './support/browser';
import { bootSystem, demoPassword, type BootedSystem } from './support/system';

let booted: BootedSystem;
let browser: Browser;
const lastMonth = DateTime.now().setZone('Asia/Shanghai').minus({ months: 1 }).toFormat('yyyy-MM');

beforeAll(async () => {
  [booted, browser] = await Promise.all([bootSystem(), launchBrowser()]);
}, 120_000);
afterAll(async () => {
  await browser?.close();
  await booted?.stop();
});

it('lets the office generate a month once, download it, and shows it to the units it was sent to', async () => {
  const db = booted.system.database.db;
  const court = await openAs(browser, booted.url, { username: 'court.user', password: demoPassword });
  await court.page.goto('/circulars');
  await court.page.getByText('还没有督导通报').waitFor();
  expect(await court.page.getByRole('button', { name: '立即生成通报' }).count()).toBe(0);

  const office = await openAs(browser, booted.url, { username: 'coordinator', password: demoPassword });
  const page = office.page;
  await page.goto('/circulars');
  await page.getByRole('navigation', { name: '主导航' }).getByRole('link', { name: '督导通报' }).waitFor();
  // The month is chosen in Chinese (年/月 selects), not the browser's English month input.
  const [year, month] = lastMonth.split('-');
  const monthSelect = page.getByLabel('通报月份：月份');
  // The navigation shows before the page's own form: wait for the select before reading its options.
  await monthSelect.waitFor();
  await expect(monthSelect.locator('option').allTextContents()).resolves.toEqual(
    Array.from({ length: 12 }, (_, i) => `${i + 1}月`),
  );
  await page.getByLabel('通报月份：年份').selectOption(String(Number(year)));
  await monthSelect.selectOption(String(Number(month)));
  expect(await page.locator('input[type="month"], input[type="week"]').count()).toBe(0);
  await page.getByRole('button', { name: '立即生成通报' }).click();
  await page.getByText(`已生成${lastMonth}督导通报（第1版）`).waitFor();
  const rows = page.locator('table.circulars-table tbody tr');
  // The message shows when the POST answers; the list reloads after it, so wait for the row before counting.
  await rows.filter({ hasText: lastMonth }).first().waitFor();
  await expect(rows.allTextContents()).resolves.toEqual([expect.stringContaining(lastMonth)]);
  const archived = await db.supervisionCircular.findUniqueOrThrow({ where: { period: lastMonth } });
  const totals = (archived.figures as { totals: { total: number; overdue: number } }).totals;
  const cells = await rows.first().locator('td').allTextContents();
  expect(cells[2]).toBe(String(totals.total));
  expect(cells[5]).toBe(String(totals.overdue));
  const [download] = await Promise.all([
    page.waitForEvent('download'),
    rows.first().getByRole('link', { name: /下载/ }).click(),
  ]);
  const bytes = await new Promise<Buffer>((resolve, reject) => {
    download.createReadStream().then((s) => {
      const chunks: Buffer[] = [];
      s.on('data', (c: Buffer) => chunks.push(c));
      s.on('end', () => resolve(Buffer.concat(chunks)));
      s.on('error', reject);
    }, reject);
  });
  expect(bytes.equals(Buffer.from(archived.document))).toBe(true);

  const sent = await db.outboxMessage.count({ where: { template: 'supervision.circular' } });
  expect(sent).toBeGreaterThanOrEqual(5);
  await page.getByRole('button', { name: '立即生成通报' }).click();
  await page.getByText(`${lastMonth}督导通报已存在，未重复发送`).waitFor();
  expect(await db.outboxMessage.count({ where: { template: 'supervision.circular' } })).toBe(sent);

  await court.page.reload();
  await court.page.locator('table.circulars-table tbody tr').first().waitFor();
  expect(office.problems).toEqual([]);
  expect(court.problems).toEqual([]);
  await office.context.close();
  await court.context.close();
}, 120_000);
