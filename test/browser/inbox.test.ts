// 我的待办 from the other two start forms, in the real browser: a petition registered by a unit user reaches
// its classification task (and the header search jumps to it); a weekly round started by hand reaches every
// unit's inbox, and starting the same week again is refused in plain words; another unit's task answers 404.
import type { Browser, Page } from 'playwright-core';
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

const user = async (username: string) =>
  (await openAs(browser, booted.url, { username, password: demoPassword })).page;

async function fill(page: Page, label: string, value: string) {
  const input = page
    .locator(`.fjs-form-field:has(> label:text-is("${label}"))`)
    .locator('input, textarea')
    .first();
  await input.fill(value);
  await input.blur();
}

async function waitForLink(page: Page, url: string, name: string) {
  const link = page.getByRole('link', { name, exact: true });
  for (let i = 0; i < 30; i++) {
    await page.goto(url);
    await page.locator('table.inbox-table, .state-empty').first().waitFor();
    if (await link.count()) return link.first();
    await page.waitForTimeout(500);
  }
  throw new Error(`${name} never appeared at ${url}`);
}

let petitionNumber = '';
let classifyUrl = '';

it('lets a unit user register a petition that reaches its classification task', async () => {
  const page = await user('police.user');
  await page.goto('/start');
  await page.getByRole('link', { name: '登记信访事项' }).click();
  await page.locator('.fjs-form').waitFor();
  // The unit's own code is the default receiving unit.
  await page.getByText('公安分局').first().waitFor();
  await page.locator('.fjs-form-field:has(> label:text-is("来源渠道")) .fjs-input-group').click();
  await page.locator('.fjs-dropdownlist-item', { hasText: '来访' }).click();
  await page.getByLabel('个人', { exact: true }).click();
  await fill(page, '信访人姓名', '李某');
  await fill(page, '联系电话', '13700000000');
  await fill(page, '信访事项', '反映货款被拖欠');
  await fill(page, '主要内容', '企业反映合作方长期拖欠货款，请求协调');
  await page.getByRole('button', { name: '提交', exact: true }).click();
  const notice = page.getByText(/已登记，编号 XF-\d{4}-\d+/);
  await notice.waitFor({ timeout: 15_000 });
  petitionNumber = (await notice.textContent())!.match(/XF-\d{4}-\d+/)![0];

  const link = await waitForLink(page, `/tasks?key=${petitionNumber}`, '受理分流');
  await link.click();
  await page.getByRole('heading', { name: '受理分流', level: 1 }).waitFor();
  await page.locator('.fjs-form').waitFor();
  classifyUrl = new URL(page.url()).pathname;
  // The side diagram shows the current step at a readable size, inside its frame, not the whole process shrunk.
  const current = page.locator('.diagram .djs-shape.current').first();
  await current.waitFor();
  const [frame, shape] = await Promise.all([page.locator('.diagram').boundingBox(), current.boundingBox()]);
  expect(shape!.width).toBeGreaterThanOrEqual(75); // a task is 100 wide; at the fitted scale it was about 15
  expect(shape!.x).toBeGreaterThanOrEqual(frame!.x);
  expect(shape!.x + shape!.width).toBeLessThanOrEqual(frame!.x + frame!.width);
  expect(shape!.y).toBeGreaterThanOrEqual(frame!.y);
  expect(shape!.y + shape!.height).toBeLessThanOrEqual(frame!.y + frame!.height);
  // 办理记录 names the registration once (its start event and the step recording it share the name).
  const history = page.locator('section[aria-labelledby="history-heading"]');
  await history.getByText('受理分流').waitFor();
  const steps = history.locator('ol.tk-timeline').first();
  expect(await steps.getByText('登记信访事项', { exact: true }).count()).toBe(1);
  await page.getByRole('link', { name: '查看整个流程' }).click();
  await page.waitForURL((u) => u.pathname.startsWith('/instances/'));
  await page.getByRole('heading', { name: /信访事项公开答复/, level: 1 }).waitFor();
  await page.goBack();
  await page.locator('.fjs-form').waitFor();
  // The header search box finds the petition and, with one open task on it, goes straight there.
  await page.goto('/tasks');
  await page.getByLabel('按编号或企业名称查找').fill(petitionNumber);
  await page.getByLabel('按编号或企业名称查找').press('Enter');
  await page.waitForURL((u) => u.pathname === classifyUrl);
}, 60_000);

it('keeps what was typed in a task form when the session ends, and submits it after signing in again', async () => {
  const page = await user('police.user');
  await page.goto(classifyUrl);
  await page.locator('.fjs-form').waitFor();
  await page.getByLabel('受理', { exact: true }).click();
  await page.getByLabel('一般事项', { exact: true }).click();
  await fill(page, '理由', '属于本单位职责范围，依法受理');
  const police = await booted.system.database.db.user.findUniqueOrThrow({
    where: { username: 'police.user' },
  });
  await booted.system.database.db.session.deleteMany({ where: { userId: police.id } });
  await page.getByRole('button', { name: '提交', exact: true }).click();
  const dialog = page.getByRole('dialog', { name: '登录已过期' });
  await dialog.waitFor();
  await dialog.getByLabel('密码').fill(demoPassword);
  await dialog.getByRole('button', { name: '继续' }).click();
  await page.getByText('已提交，任务“受理分流”办理完成').waitFor({ timeout: 15_000 });
  // The typed decision reached the worker: the petition is accepted.
  const status = () =>
    booted.system.database.db.petition
      .findUniqueOrThrow({ where: { number: petitionNumber } })
      .then((p) => p.status);
  for (let i = 0; i < 50 && (await status()) === 'registered'; i++) await page.waitForTimeout(200);
  expect(await status()).not.toBe('registered');
}, 60_000);

it('answers another unit’s task with 404, by URL and by API', async () => {
  const page = await user('court.user');
  await page.goto(classifyUrl);
  await page.getByText('该任务不存在，或不属于您的单位').waitFor();
  const status = await page.evaluate(async (p) => (await fetch(`/api${p}`)).status, classifyUrl);
  expect(status).toBe(404);
  // Search stays within scope: the court does not see the police's petition.
  await page.goto(`/search?q=${petitionNumber}`);
  await page.getByText('没有找到').waitFor();
}, 30_000);

it('starts a weekly round by hand that reaches every unit’s inbox, and only once', async () => {
  const page = await user('coordinator');
  await page.goto('/start/weekly-report');
  await page.locator('.fjs-form').waitFor();
  await fill(page, '周次（ISO 周）', '2026-W51');
  await fill(page, '补发起原因', '测试：手动补发起');
  await page.getByRole('button', { name: '提交', exact: true }).click();
  await page.getByText(/已发起 2026-W51 的周报/).waitFor({ timeout: 15_000 });
  for (const unit of ['plc-office', 'court', 'procuratorate', 'police', 'justice']) {
    const p = await user(`${unit}.user`);
    await waitForLink(p, '/tasks?key=2026-W51', '填写本单位周报');
    await p.context().close();
  }
  await page.getByRole('button', { name: /再发起本周周报/ }).click();
  await page.locator('.fjs-form').waitFor();
  await fill(page, '周次（ISO 周）', '2026-W51');
  await fill(page, '补发起原因', '重复发起');
  await page.getByRole('button', { name: '提交', exact: true }).click();
  await page.getByText('2026-W51 的周报已经发起过，不会重复发起').waitFor();
  expect(await booted.system.database.db.weeklySummary.count({ where: { isoWeek: '2026-W51' } })).toBe(1);
}, 90_000);
