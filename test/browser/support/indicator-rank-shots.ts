// The 全市位次 pages for `npm run screenshots`: the page before any period is entered, then with records entered
// through the domain as the court would — the demo's (domain/seed/demo-registers.ts, written by the dashboard's
// shot) or the known ones of test/support/rank-data.ts; in both 执行合同's latest quarter is outside the 先进位次 —
// the record the office can list in the ledger, and the panel on 领导驾驶舱.
import type { Page } from 'playwright-core';
import { recordKnownRanks } from '../../support/rank-data';
import type { BootedSystem } from './system';
import type { Shot } from './shots';

async function knownRanks(booted: BootedSystem) {
  const db = booted.system.database.db;
  if (!(await db.indicatorPeriodFigure.count())) await recordKnownRanks(db);
  // The latest 执行合同 quarter, outside the 先进位次 in the known records and in the demo's alike.
  return db.indicatorPeriodFigure.findFirstOrThrow({
    where: { indicator: { code: 'enforcing-contracts' } },
    orderBy: { period: 'desc' },
  });
}

const rankRow = (page: Page) =>
  page.locator('tr[data-indicator="enforcing-contracts"] .rank-trend a').first();

/** Taken before the dashboard's shot, which fills the registers as the demo does. */
export const indicatorRanksEmptyShot: Shot = {
  name: 'indicator-ranks-empty',
  user: 'leader',
  async prepare(page, booted) {
    const entered = await booted.system.database.db.indicatorPeriodFigure.count();
    await page.goto('/indicator-ranks');
    await page.locator(entered ? 'table.rank-table' : '.state-empty').waitFor();
  },
};

export const indicatorRankShots: Shot[] = [
  {
    name: 'indicator-ranks',
    user: 'court.user',
    widths: [1280, 768],
    async prepare(page, booted) {
      await knownRanks(booted);
      await page.goto('/indicator-ranks');
      await page.getByRole('form', { name: '录入全市位次' }).waitFor();
      await rankRow(page).waitFor();
    },
  },
  {
    name: 'indicator-ranks-record',
    user: 'coordinator',
    async prepare(page, booted) {
      const record = await knownRanks(booted);
      await page.goto(`/indicator-ranks/records/${record.id}`);
      await page.getByRole('table', { name: '录入与更正记录' }).locator('tbody tr').first().waitFor();
    },
  },
  {
    name: 'indicator-ranks-dashboard',
    user: 'leader',
    widths: [1280, 768],
    async prepare(page, booted) {
      await knownRanks(booted);
      await page.goto('/dashboard');
      await rankRow(page).waitFor();
    },
  },
];
