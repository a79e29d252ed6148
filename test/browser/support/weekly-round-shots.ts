// Screenshots of the weekly round beyond its tasks: a unit's 补报 dialog for last week (run through the engine to
// its cut-off first, so every unit is 未报 there), and the office's 推进会 dialog with a 交办 item, then the
// meeting as listed once saved (its item opened in the ledger).
import { DateTime } from 'luxon';
import type { Page } from 'playwright-core';
import type { Shot } from './shots';
import { closePastWeek, lastWeek } from './weekly-round';

async function openMeetingDialog(page: Page, week: string) {
  await page.goto(`/reports?week=${week}`);
  await page.getByRole('button', { name: '记录推进会' }).click();
  const dialog = page.getByRole('dialog', { name: `记录推进会（${week}）` });
  // The Friday of the week.
  await dialog.getByLabel('会议日期').fill(DateTime.fromISO(`${week}-5`).toISODate()!);
  await dialog.getByLabel('参会人员').fill('专班办公室主任、区法院副院长、公安分局副局长、区检察院副检察长');
  await dialog
    .getByLabel('会议纪要')
    .fill('通报上周各单位周报报送情况，研究青禾精密机械有限公司执行款未到位问题，明确责任单位和完成时限。');
  await dialog.getByRole('button', { name: '添加交办事项' }).click();
  await dialog.getByLabel('交办事项 1').fill('青禾精密机械有限公司执行款两周内执行到位');
  await dialog.getByLabel('责任单位').selectOption({ label: '区法院' });
  await dialog.getByLabel('完成期限').fill('2026-12-31');
  return dialog;
}

export const weeklyRoundShots: Shot[] = [
  {
    name: 'report-makeup',
    user: 'court.user',
    async prepare(page, booted) {
      const week = lastWeek();
      await closePastWeek(booted, week);
      await page.goto('/reports');
      await page.getByRole('button', { name: new RegExp(`^补报\\s*：区法院 ${week} 周报$`) }).click();
      const dialog = page.getByRole('dialog', { name: `补报 ${week} 工作周报` });
      await dialog.getByRole('heading', { name: `${week} 工作周报（补报）` }).waitFor();
      await dialog.getByLabel('填报人').fill('区人民法院承办人B');
    },
  },
  {
    name: 'report-meeting-dialog',
    user: 'coordinator',
    async prepare(page) {
      await openMeetingDialog(page, lastWeek());
    },
  },
  {
    name: 'report-meetings',
    user: 'coordinator',
    async prepare(page, booted) {
      const week = lastWeek();
      if (!(await booted.system.database.db.progressMeeting.count({ where: { isoWeek: week } }))) {
        const dialog = await openMeetingDialog(page, week);
        await dialog.getByRole('button', { name: '保存' }).click();
        await dialog.waitFor({ state: 'hidden' });
      } else await page.goto(`/reports?week=${week}`);
      await page.locator('section.progress-meetings li.card a').first().waitFor();
      await page.locator('section.progress-meetings').scrollIntoViewIfNeeded();
    },
  },
];
