// 会议改期 in the real browser on the whole system: a case waits for its scheduled meeting; the coordinator opens
// its instance page, sees the meeting, opens 会议改期 from 可办理事项, first sends it without a reason (the
// form's own rule stops it in the browser, nothing sent), then picks a new date and time in the form-js fields
// and gives the reason; the page confirms, and after the worker recorded it shows the new time and 已改期 1 次.
// A unit user sees the meeting on the same page but is offered nothing. The office then moves it again from the
// case's own page (/cases/<id>), whose meeting list follows; the court sees the list there and is offered
// nothing, the police (not in the case) get 未找到.
import type { Browser, Locator, Page } from 'playwright-core';
import { caseAwaitingMeeting, clientsFor, daysAhead } from '../web/monitor-support';
import { launchBrowser, openAs } from './support/browser';
import { bootSystem, demoPassword, type BootedSystem } from './support/system';

let booted: BootedSystem;
let browser: Browser;
let theCase: { number: string; processInstanceKey: string };
const as = clientsFor(() => booted);
const first = daysAhead(20);
const moved = daysAhead(22);
const movedAgain = daysAhead(24);

beforeAll(async () => {
  [booted, browser] = await Promise.all([bootSystem(), launchBrowser()]);
  theCase = await caseAwaitingMeeting(as, '浏览器改期有限公司', ['court'], `${first}T09:30:00+08:00`);
}, 120_000);
afterAll(async () => {
  await browser?.close();
  await booted?.stop();
});

/** Fills the 会议改期 form the way a person does and sends it. */
async function moveIn(dialog: Locator, day: string, at: string, reason: string) {
  const date = dialog.getByLabel('新的会议时间（日期）');
  await date.fill(day);
  await date.press('Enter');
  await date.blur();
  const time = dialog.getByLabel('新的会议时间（时间）');
  await time.fill(at);
  await time.press('Enter');
  await time.blur();
  const why = dialog.getByLabel('改期原因');
  await why.fill(reason);
  await why.blur();
  await dialog.getByRole('button', { name: '提交会议改期' }).click();
}

const dotted = (day: string) => day.replaceAll('-', '/');

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

  await moveIn(dialog, moved, '14:30', '法院承办人出庭，时间冲突');
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

it('lets the office move the meeting from the case page too, its meeting list following; units are offered nothing', async () => {
  const { id } = await booted.system.database.db.enterpriseCase.findUniqueOrThrow({
    where: { number: theCase.number },
  });
  const { page } = await openAs(browser, booted.url, { username: 'coordinator', password: demoPassword });
  await page.goto(`/instances/${theCase.processInstanceKey}`);
  await page.locator('.page-subtitle').getByRole('link', { name: theCase.number }).click();
  await page.getByRole('heading', { name: `涉企案件 ${theCase.number}` }).waitFor();
  expect(new URL(page.url()).pathname).toBe(`/cases/${id}`);
  const meetings = page.getByRole('region', { name: '协调会' });
  const row = meetings.locator('tbody tr').filter({ hasText: '第 1 次' });
  await row.getByText('1 次', { exact: true }).waitFor();
  expect(await row.textContent()).toContain(`${dotted(moved)} 14:30`);

  await page.getByRole('region', { name: '可办理事项' }).getByRole('button', { name: '会议改期' }).click();
  const dialog = page.getByRole('dialog', { name: '会议改期' });
  await dialog.getByText(`协调会改期：${theCase.number}`).waitFor();
  await moveIn(dialog, movedAgain, '10:00', '企业负责人出差，申请推迟');
  await page.getByText(/^已改期至 \d{4}年\d{1,2}月\d{1,2}日 10:00，各参会单位将收到新的会议通知$/).waitFor();
  await row.getByText('2 次', { exact: true }).waitFor({ timeout: 15_000 });
  expect(await row.textContent()).toContain(`${dotted(movedAgain)} 10:00`);
  const stored = await booted.system.database.db.coordinationMeeting.findFirstOrThrow({
    where: { caseId: id },
  });
  expect(stored.scheduledAt!.toISOString()).toBe(new Date(`${movedAgain}T10:00:00+08:00`).toISOString());
  const [audit] = await booted.system.database.db.auditLog.findMany({
    where: { action: 'processInstance.rescheduleMeeting', entityId: theCase.processInstanceKey },
    orderBy: { id: 'desc' },
    take: 1,
  });
  expect(audit.after).toMatchObject({ rescheduleReason: '企业负责人出差，申请推迟' });

  const court = (await openAs(browser, booted.url, { username: 'court.user', password: demoPassword })).page;
  await court.goto(`/cases/${id}`);
  await court.getByRole('region', { name: '协调会' }).getByText('2 次', { exact: true }).waitFor();
  expect(await court.getByRole('region', { name: '可办理事项' }).count()).toBe(0);
  expect(await court.getByRole('button', { name: '会议改期' }).count()).toBe(0);
  const police = (await openAs(browser, booted.url, { username: 'police.user', password: demoPassword }))
    .page;
  await police.goto(`/cases/${id}`);
  await police.locator('.notice-error').getByText('未找到').waitFor();
  expect(await police.getByRole('region', { name: '协调会' }).count()).toBe(0);
}, 90_000);
