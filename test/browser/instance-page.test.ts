// The instance page at an ordinary 1280×800 window on the whole system: a case waiting for the units' opinions
// opens with the opinion task large enough to read and inside the window without scrolling; the zoom buttons
// show the whole model and come back; the subtitle names the case (no engine key — that sits in the muted 详情
// line) and links to the case's page; the court's opinion task page has the same zoom buttons. A ledger item's
// instance page links from its subtitle to the item's page.
import type { Browser, Page } from 'playwright-core';
import { caseInOpinionRound, clientsFor, until } from '../web/monitor-support';
import { launchBrowser, openAs } from './support/browser';
import { bootSystem, demoPassword, type BootedSystem } from './support/system';
import { openTask } from './support/task-form';

let booted: BootedSystem;
let browser: Browser;
const as = clientsFor(() => booted);

beforeAll(async () => {
  [booted, browser] = await Promise.all([bootSystem(), launchBrowser()]);
}, 120_000);
afterAll(async () => {
  await browser?.close();
  await booted?.stop();
});

const shape = (page: Page, elementId: string) =>
  page.locator(`.diagram .djs-element.djs-shape[data-element-id="${elementId}"] .djs-visual > rect`).first();

async function widthOf(page: Page, elementId: string): Promise<number> {
  return (await shape(page, elementId).boundingBox())!.width;
}

async function officeOpens(path: string): Promise<Page> {
  const { page } = await openAs(
    browser,
    booted.url,
    { username: 'coordinator', password: demoPassword },
    { width: 1280, height: 800 },
  );
  await page.goto(path);
  await page.locator('.diagram .djs-container').waitFor();
  return page;
}

it('opens a case at its current task, readable and in view, with zoom buttons and the case in the subtitle', async () => {
  const theCase = await caseInOpinionRound(as, '实例页面放大测试有限公司', ['court']);
  const page = await officeOpens(`/instances/${theCase.processInstanceKey}`);
  await page.getByRole('heading', { name: `${theCase.number} · 涉企案件协调会` }).waitFor();

  const task = shape(page, 'Task_SubmitOpinion');
  await task.waitFor();
  const opened = await widthOf(page, 'Task_SubmitOpinion');
  expect(opened).toBeGreaterThanOrEqual(75);
  const box = (await task.boundingBox())!;
  expect(await page.evaluate('window.scrollY')).toBe(0);
  expect(box.y).toBeGreaterThan(0);
  expect(box.y + box.height).toBeLessThanOrEqual(800);
  expect(box.x + box.width).toBeLessThanOrEqual(1280);

  const subtitle = (await page.locator('.page-subtitle').textContent())!;
  expect(subtitle).toContain(`涉企案件 ${theCase.number}`);
  expect(subtitle).toContain('实例页面放大测试有限公司');
  expect(subtitle).not.toContain(theCase.processInstanceKey);
  await expect(page.locator('.inst-details').textContent()).resolves.toContain(theCase.processInstanceKey);
  const zoom = page.getByRole('toolbar', { name: '流程图缩放' });
  await zoom.getByRole('button', { name: '适应画布' }).click();
  await until('the fitted diagram', async () =>
    (await widthOf(page, 'Task_SubmitOpinion')) < opened - 5 ? true : undefined,
  );
  await zoom.getByRole('button', { name: '复位' }).click();
  expect(Math.round(await widthOf(page, 'Task_SubmitOpinion'))).toBe(Math.round(opened));
  await zoom.getByRole('button', { name: '放大' }).click();
  expect(await widthOf(page, 'Task_SubmitOpinion')).toBeGreaterThan(opened + 10);

  // The subtitle leads to the case's own page.
  const { id } = await booted.system.database.db.enterpriseCase.findUniqueOrThrow({
    where: { number: theCase.number },
  });
  await page.locator('.page-subtitle').getByRole('link', { name: theCase.number }).click();
  await page.getByRole('heading', { name: `涉企案件 ${theCase.number}` }).waitFor();
  expect(new URL(page.url()).pathname).toBe(`/cases/${id}`);

  // The task page's diagram has the same buttons.
  const court = (await openAs(browser, booted.url, { username: 'court.user', password: demoPassword })).page;
  await openTask(court, theCase.number, '提交书面意见');
  await shape(court, 'Task_SubmitOpinion').waitFor();
  const onTask = await widthOf(court, 'Task_SubmitOpinion');
  const tools = court.getByRole('toolbar', { name: '流程图缩放' });
  await tools.getByRole('button', { name: '适应画布' }).click();
  await until('the fitted task diagram', async () =>
    (await widthOf(court, 'Task_SubmitOpinion')) < onTask - 5 ? true : undefined,
  );
  await tools.getByRole('button', { name: '复位' }).click();
  expect(Math.round(await widthOf(court, 'Task_SubmitOpinion'))).toBe(Math.round(onTask));
}, 90_000);

it("links a ledger item's instance page to the item's own page", async () => {
  const coordinator = await as('coordinator');
  const created = await coordinator.send<{ id: number; number: string }>('POST', '/api/ledger-items', {
    source: 'complaint',
    problem: '企业反映窗口办理时限过长',
    measures: '压缩办理时限',
    leadUnitCode: 'justice',
  });
  expect(created.status).toBe(201);
  const item = await until('the ledger item process', async () => {
    const row = await booted.system.database.db.ledgerItem.findUniqueOrThrow({
      where: { id: created.body.id },
    });
    return row.processInstanceKey ?? undefined;
  });
  const page = await officeOpens(`/instances/${item}`);
  const subtitle = page.locator('.page-subtitle');
  await subtitle.getByText('企业反映窗口办理时限过长').waitFor();
  expect(await subtitle.textContent()).not.toContain(item);
  await subtitle.getByRole('link', { name: created.body.number }).click();
  await page.getByRole('heading', { name: `整改事项 ${created.body.number}` }).waitFor();
  expect(new URL(page.url()).pathname).toBe(`/ledger/${created.body.id}`);
}, 60_000);
