// 会议改期 in the real browser on the whole system: a case waits for its scheduled meeting; the coordinator opens
// its instance page, sees the meeting, opens 会议改期 from 可办理事项, first sends it without a reason (the
// form's own rule stops it in the browser, nothing sent), then picks a new date and time in the form-js fields
// and gives the reason; the page confirms, and after the worker recorded it shows the new time and 已改期 1 次.
// A unit user sees the meeting on the same page but is offered nothing.
import type { Browser, Page } from 'playwright-core';
import { caseAwaitingMeeting, clientsFor, daysAhead } from '../web/monitor-support';
import { launchBrowser, openAs } from './support/browser';
import { bootSystem, demoPassword, type BootedSystem } from './support/system';

let booted: BootedSystem;
let browser: Browser;
let theCase: { number: string; processInstanceKey: string };
const as = clientsFor(() => booted);
const first = daysAhead(20);
const moved = daysAhead(22);

beforeAll(async () => {
  [booted, browser] = await Promise.all([bootSystem(), launchBrowser()]);
  theCase = await caseAwaitingMeeting(as, '浏览器改期有限公司', ['court'], `${first}T09:30:00+08:00`);
}, 120_000);
afterAll(async () => {
  await browser?.close();
  await booted?.stop();
});

async function openInstance(username: string): Promise<Page> {
  const { page } = await openAs(browser, booted.url, { username, password: demoPassword });
  await page.goto(`/instances/${theCase.processInstanceKey}`);
  await page.getByRole('heading', { name: '第 1 次协调会' }).waitFor();
  return page;
}

it('lets the office move the meeting through the form, and only the office', async () => {
  const page = await openInstance('coordinator');
  const actions = page.getByRole('region', { name: '可办理事项' });
  for (let i = 0; i < 40 && !(await actions.count()); i++) {
    await page.waitForTimeout(250);
    await page.reload();
  }
  await actions.getByRole('button', { name: '会议改期' }).click();
  const dialog = page.getByRole('dialog', { name: '会议改期' });
  await dialog.locator('.fjs-form').waitFor();
  await dialog.getByText(`协调会改期：${theCase.number}`).waitFor();

  await dialog.getByRole('button', { name: '提交会议改期' }).click();
  await dialog.getByText('请检查以下内容后再提交').waitFor();
  expect(
    await booted.system.database.db.coordinationMeeting.findFirstOrThrow({
      where: { case: { number: theCase.number } },
    }),
  ).toMatchObject({ rescheduleCount: 0 });

  const date = dialog.getByLabel('新的会议时间（日期）');
  await date.fill(moved);
  await date.press('Enter');
  await date.blur();
  const time = dialog.getByLabel('新的会议时间（时间）');
  await time.fill('14:30');
  await time.press('Enter');
  await time.blur();
  const reason = dialog.getByLabel('改期原因');
  await reason.fill('法院承办人出庭，时间冲突');
  await reason.blur();
  await dialog.getByRole('button', { name: '提交会议改期' }).click();
  await page.getByText(/^已改期至 \d{4}年\d{1,2}月\d{1,2}日 14:30，各参会单位将收到新的会议通知$/).waitFor();

  const meeting = page.getByRole('region', { name: '第 1 次协调会' });
  await meeting.getByText('1 次').waitFor({ timeout: 15_000 });
  const [y, m, d] = moved.split('-').map(Number);
  await meeting
    .getByText(new RegExp(`${y}.${String(m).padStart(2, '0')}.${String(d).padStart(2, '0')}.*14:30`))
    .waitFor();
  const row = await booted.system.database.db.coordinationMeeting.findFirstOrThrow({
    where: { case: { number: theCase.number } },
  });
  expect(row.scheduledAt!.toISOString()).toBe(new Date(`${moved}T14:30:00+08:00`).toISOString());

  const court = await openInstance('court.user');
  expect(await court.getByRole('region', { name: '可办理事项' }).count()).toBe(0);
}, 90_000);
