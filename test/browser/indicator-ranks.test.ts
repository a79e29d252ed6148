// 全市位次 in the real browser against the whole system: before any period is entered the dashboard says so and
// shows no rank; then a leader sees 执行合同's latest rank in red on the dashboard (7th of 12, outside the top 3;
// with 诉前调解率's 5th, two outside) and the earlier ones green, and drills from it to the record and the entry
// behind it; the office lists it in the ledger from there; the court enters a period, is told a rank beyond the
// number of districts and a value that is not a number under the fields, saving nothing, and corrects a record
// only with a reason.
import type { Browser, Page } from 'playwright-core';
import { recordKnownRanks } from '../support/rank-data';
import { launchBrowser, openAs } from './support/browser';
import { bootSystem, demoPassword, type BootedSystem } from './support/system';

let booted: BootedSystem;
let browser: Browser;
let known: Awaited<ReturnType<typeof recordKnownRanks>>;
const refused = 'console: Failed to load resource: the server responded with a status of 400 (Bad Request)';

/** Opens the app as a demo user, takes the steps, expects no console problem but the allowed, and closes. */
async function as(username: string, steps: (page: Page) => Promise<void>, allowed: string[] = []) {
  const { page, context, problems } = await openAs(browser, booted.url, { username, password: demoPassword });
  try {
    await steps(page);
    expect(problems).toEqual(allowed);
  } finally {
    await context.close();
  }
}

beforeAll(async () => {
  [booted, browser] = await Promise.all([bootSystem(), launchBrowser()]);
}, 120_000);
afterAll(async () => {
  await browser?.close();
  await booted?.stop();
});

it('says on the dashboard that no period is entered yet, naming no rank', async () => {
  expect(await booted.system.database.db.indicatorPeriodFigure.count()).toBe(0);
  await as('leader', async (page) => {
    await page.goto('/dashboard');
    const panel = page.getByRole('region', { name: /全市位次/ });
    await panel.getByText('尚未录入任何评价期的全市位次').waitFor();
    await expect(panel.getByRole('heading').textContent()).resolves.toBe('全市位次（须进入先进位次）');
    await expect(panel.locator('.tag, table').count()).resolves.toBe(0);
  });
});

describe('with three periods of 执行合同 entered', () => {
  beforeAll(async () => {
    known = await recordKnownRanks(booted.system.database.db);
  });

  it('shows a leader the red rank on the dashboard and drills down to its entries', async () => {
    await as('leader', async (page) => {
      await page.goto('/dashboard');
      const panel = page.getByRole('region', { name: /全市位次/ });
      const row = panel.locator('tr[data-indicator="enforcing-contracts"]');
      await row.waitFor();
      await expect(panel.getByRole('heading').textContent()).resolves.toContain('最新一期未进入2项');
      const latest = row.locator('td.rank-latest a.tag');
      await expect(latest.textContent()).resolves.toContain('2026-Q3 第7名/共12');
      await expect(latest.getAttribute('class')).resolves.toContain('tag-red');
      await expect(row.locator('td').nth(2).textContent()).resolves.toContain('较上期下降4位');
      const trend = row.locator('.rank-trend a');
      await expect(trend.evaluateAll((as) => as.map((a) => [a.textContent, a.className]))).resolves.toEqual([
        ['2026-Q1 第2名/共12（先进位次内）', 'tag tag-green'],
        ['2026-Q2 第3名/共12（先进位次内）', 'tag tag-green'],
        ['2026-Q3 第7名/共12（未进入先进位次）', 'tag tag-red'],
      ]);
      await latest.click();
      await page.waitForURL(`**/indicator-ranks/records/${known.contractsQ3.id}`);
      await page.getByRole('heading', { level: 1, name: '执行合同 · 2026-Q3' }).waitFor();
      await expect(page.locator('dl').textContent()).resolves.toContain('未进入先进位次（前3名）');
      const entries = page.getByRole('table', { name: '录入与更正记录' }).locator('tbody tr');
      await expect(entries.count()).resolves.toBe(1);
      const court = await booted.system.database.db.user.findUniqueOrThrow({
        where: { username: 'court.user' },
      });
      await expect(entries.first().textContent()).resolves.toMatch(
        new RegExp(`${court.displayName}.*录入.*第7名/共12`),
      );
      // A leader reads; the ledger and corrections are for the office and the court.
      await expect(page.getByRole('button', { name: '列入整改台账' }).count()).resolves.toBe(0);
      await expect(page.getByRole('form', { name: '更正' }).count()).resolves.toBe(0);
    });
  });

  it('lets the office list the period in the ledger from its record, once', async () => {
    const db = booted.system.database.db;
    await as('coordinator', async (page) => {
      await page.goto(`/indicator-ranks/records/${known.contractsQ3.id}`);
      await page.getByRole('button', { name: '列入整改台账' }).click();
      await page.getByRole('link', { name: '查看整改事项' }).waitFor();
      const items = await db.ledgerItem.findMany({
        where: { originKey: `indicator-period:${known.contractsQ3.id}` },
      });
      expect(items).toHaveLength(1);
      expect(items[0]).toMatchObject({ source: 'supervision' });
      await expect(page.getByRole('button', { name: '列入整改台账' }).count()).resolves.toBe(0);
    });
  });

  it('lets the court enter a period, naming a bad rank or value under its field and saving nothing', async () => {
    const db = booted.system.database.db;
    await as(
      'court.user',
      async (page) => {
        await page.goto('/indicator-ranks');
        const form = page.getByRole('form', { name: '录入全市位次' });
        await form.getByLabel('指标').selectOption('protecting-minority-investors');
        await form.getByLabel('评价期').fill('2026-Q3');
        await form.getByLabel('全市位次').fill('14');
        await form.getByLabel('参评区县数').fill('12');
        const before = await db.indicatorPeriodFigure.count();
        const save = form.getByRole('button', { name: '保存' });
        await save.click();
        const rankError = form
          .getByLabel('全市位次')
          .locator('xpath=following-sibling::p[@class="field-error"]');
        await expect(rankError.textContent()).resolves.toBe('全市位次应在1到参评区县数之间');
        await form.getByLabel('全市位次').fill('2');
        await form.getByLabel(/^数值/).fill('七十六');
        await save.click();
        await form.getByText('数值应为0–100的数', { exact: true }).waitFor();
        // The summary names the field by its label, not by the API's key (value).
        await expect(form.locator('.notice-error').textContent()).resolves.toBe('数值：数值应为0–100的数');
        expect(await db.indicatorPeriodFigure.count()).toBe(before);
        await form.getByLabel(/^数值/).fill('76.5');
        await save.click();
        await form.getByText('已保存').waitFor();
        const latest = page.locator(
          'tr[data-indicator="protecting-minority-investors"] td.rank-latest a.tag',
        );
        await expect(latest.textContent()).resolves.toContain('2026-Q3 第2名/共12');
        const saved = await db.indicatorPeriodFigure.findFirstOrThrow({ orderBy: { id: 'desc' } });
        expect(saved).toMatchObject({ period: '2026-Q3', cityRank: 2, rankedCount: 12, value: 76.5 });
        expect(await db.indicatorPeriodFigure.count()).toBe(before + 1);
      },
      [refused, refused],
    );
  });

  it('lets the court correct a record only with a reason, the old figures kept in its trail', async () => {
    await as(
      'court.user',
      async (page) => {
        await page.goto(`/indicator-ranks/records/${known.insolvencyQ3.id}`);
        const form = page.getByRole('form', { name: '更正' });
        await form.getByLabel('全市位次').fill('2');
        await form.getByRole('button', { name: '保存更正' }).click();
        await form.getByText('请填写更正原因').first().waitFor();
        const db = booted.system.database.db;
        const unchanged = await db.indicatorPeriodFigure.findUniqueOrThrow({
          where: { id: known.insolvencyQ3.id },
        });
        expect(unchanged.cityRank).toBe(1);
        await form.getByLabel('更正原因').fill('市营商办更正通报');
        await form.getByRole('button', { name: '保存更正' }).click();
        await form.getByText('已更正').waitFor();
        const entries = page.getByRole('table', { name: '录入与更正记录' }).locator('tbody tr');
        // 已更正 shows as the save answers; the trail is read again after it: wait for its new row.
        await entries.nth(1).waitFor();
        await expect(entries.count()).resolves.toBe(2);
        await expect(entries.nth(1).textContent()).resolves.toMatch(
          /更正.*第1名\/共12.*第2名\/共12.*市营商办更正通报/,
        );
        await expect(page.locator('dl').textContent()).resolves.toContain('第2名/共12');
      },
      [refused],
    );
  });
});
