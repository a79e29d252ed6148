// The journey of a disputed case in the real browser on the whole system: the coordinator registers it through
// the start form and accepts it; the court and the police each find their opinion task in 我的待办 and submit
// it through the form; the coordinator schedules the meeting (its time already come, so the minutes task
// follows at once) and records the minutes with two agreed items; each responsible unit signs its ledger
// notice and uploads its rectification evidence; the office verifies; the mails sent link to the right pages.
import type { Browser, Page } from 'playwright-core';
import { launchBrowser, openAs } from './support/browser';
import { bootSystem, demoPassword, type BootedSystem } from './support/system';
import { choose, field, fill, fillDate, openTask, pdf, submitTask } from './support/task-form';

let booted: BootedSystem;
let browser: Browser;
const pages = new Map<string, Page>();

const savedBaseUrl = process.env.WEB_BASE_URL;
beforeAll(async () => {
  // Where people reach the web: mails link under it.
  process.env.WEB_BASE_URL = 'http://zhuanban.test';
  [booted, browser] = await Promise.all([bootSystem(), launchBrowser()]);
}, 120_000);
afterAll(async () => {
  await browser?.close();
  await booted?.stop();
  if (savedBaseUrl === undefined) delete process.env.WEB_BASE_URL;
  else process.env.WEB_BASE_URL = savedBaseUrl;
});

async function as(username: string): Promise<Page> {
  let page = pages.get(username);
  if (!page) {
    page = (await openAs(browser, booted.url, { username, password: demoPassword })).page;
    pages.set(username, page);
  }
  return page;
}

const today = () => new Intl.DateTimeFormat('sv-SE', { timeZone: 'Asia/Shanghai' }).format(new Date());
const later = (days: number) =>
  new Intl.DateTimeFormat('sv-SE', { timeZone: 'Asia/Shanghai' }).format(
    new Date(Date.now() + days * 86_400_000),
  );

let caseNumber = '';

it('lets the coordinator register a disputed case through the start form and accept it', async () => {
  const page = await as('coordinator');
  await page.getByRole('link', { name: '发起' }).click();
  await page.getByRole('link', { name: '登记涉企案件' }).click();
  await page.locator('.fjs-form').waitFor();
  // The browser checks first, in Chinese.
  await page.getByRole('button', { name: '提交', exact: true }).click();
  await page.getByText('请检查以下内容后再提交').waitFor();
  await expect(page.locator('.fjs-form-field-error').first().textContent()).resolves.toContain('请填写此项');
  await fill(page, '企业名称', '浏览器测试机械有限公司');
  await fill(page, '案号', '（2026）某0101民初888号');
  await choose(page, '承办单位', '区法院');
  await fill(page, '争议焦点', '设备采购合同货款争议');
  await choose(page, '提请协调理由', '单位间存在分歧');
  await fill(page, '理由说明', '法院与公安对案件定性存在分歧');
  await choose(page, '相关单位（提交书面意见）', '区法院');
  await choose(page, '相关单位（提交书面意见）', '公安分局');
  await page.getByRole('button', { name: '提交', exact: true }).click();
  const notice = page.getByText(/已登记，编号 XT-\d{4}-\d+/);
  await notice.waitFor({ timeout: 15_000 });
  caseNumber = (await notice.textContent())!.match(/XT-\d{4}-\d+/)![0];
  await openTask(page, caseNumber, '受理审查');
  await choose(page, '审查结论', '受理，提请协调会研究');
  await submitTask(page);
}, 60_000);

it('lets the court and the police each find the opinion task in 我的待办 and submit it', async () => {
  for (const user of ['court.user', 'police.user']) {
    const page = await as(user);
    await openTask(page, caseNumber, '提交书面意见');
    await fill(page, '意见内容', `${user} 的书面意见：建议通过协调会明确职责分工`);
    await fill(page, '承办人', '承办人');
    await fill(page, '联系电话', '13800000000');
    await submitTask(page);
  }
  const opinions = await booted.system.database.db.caseOpinion.count({
    where: { case: { number: caseNumber } },
  });
  expect(opinions).toBe(2);
}, 60_000);

it('lets the coordinator schedule the meeting and record minutes with two agreed items', async () => {
  const page = await as('coordinator');
  await openTask(page, caseNumber, '确定会议安排');
  await fillDate(page, '会议时间（日期）', today());
  const time = page.getByLabel('会议时间（时间）').first();
  await time.fill('00:00');
  await time.press('Enter');
  await time.blur();
  await fill(page, '会议地点', '区委政法委第一会议室');
  await fill(page, '主持人', '专班领导甲');
  await choose(page, '参会单位', '区法院');
  await choose(page, '参会单位', '公安分局');
  await fill(page, '参会人员', '法院、公安承办人');
  await submitTask(page);

  await openTask(page, caseNumber, '记录会议纪要及议定事项');
  await fill(page, '实到人员', '法院、公安承办人及专班办公室');
  await fill(page, '会议纪要（协调督促事项）', '会议协调明确了各单位的工作任务');
  await page.getByRole('button', { name: '添加一项' }).click();
  const items = page.locator('.fjs-repeat-row-container');
  await expect(items.count()).resolves.toBe(2);
  const units = ['区法院', '公安分局'];
  for (let i = 0; i < 2; i++) {
    const row = items.nth(i);
    const task = row.getByLabel('工作任务');
    await task.fill(`议定事项${i + 1}：依法推进`);
    await task.blur();
    await row.locator('.fjs-form-field-select .fjs-input-group').click();
    await row.locator('.fjs-dropdownlist-item', { hasText: units[i] }).click();
    const date = row.getByLabel('完成期限');
    await date.fill(later(20));
    await date.press('Enter');
    await date.blur();
    await expect(task.inputValue()).resolves.toBe(`议定事项${i + 1}：依法推进`);
  }
  await page.getByLabel('确认纪要只记载协调督促的工作任务').click();
  await submitTask(page);
  const agreed = await booted.system.database.db.agreedItem.count({
    where: { meeting: { case: { number: caseNumber } } },
  });
  expect(agreed).toBe(2);
}, 90_000);

let ledgerNumbers: { unit: string; number: string }[] = [];

it('lets each responsible unit sign its ledger notice and upload its rectification evidence', async () => {
  const db = booted.system.database.db;
  for (let i = 0; i < 50 && ledgerNumbers.length < 2; i++) {
    const items = await db.ledgerItem.findMany({
      where: { source: 'coordination_meeting', sourceRef: caseNumber },
      include: { leadUnit: true },
    });
    ledgerNumbers = items.map((l) => ({ unit: l.leadUnit.code, number: l.number }));
    if (ledgerNumbers.length < 2) await new Promise((r) => setTimeout(r, 200));
  }
  expect(ledgerNumbers.map((l) => l.unit).sort()).toEqual(['court', 'police']);
  for (const { unit, number } of ledgerNumbers) {
    const page = await as(`${unit}.user`);
    await openTask(page, number, '签收督办通知书');
    await page.getByLabel('已收到督办通知书，按期整改').click();
    await fill(page, '整改联系人', '整改联系人');
    await fill(page, '联系电话', '13900000000');
    await submitTask(page);

    await openTask(page, number, '整改落实并报送进展');
    await fill(page, '整改进展', '已按议定事项完成整改');
    // A file whose content is not what its name says is refused, in Chinese, and not attached.
    const input = field(page, '佐证材料').locator('input[type=file]');
    await input.setInputFiles({
      name: '伪装.pdf',
      mimeType: 'application/pdf',
      buffer: Buffer.from('not a pdf at all'),
    });
    await field(page, '佐证材料').getByText('不支持的文件类型').waitFor();
    await input.setInputFiles({
      name: `${unit}整改报告.pdf`,
      mimeType: 'application/pdf',
      buffer: pdf(unit),
    });
    await field(page, '佐证材料')
      .getByRole('link', { name: `${unit}整改报告.pdf` })
      .waitFor();
    await choose(page, '本次报送', '整改完成，提交核验');
    await submitTask(page);
    const attached = await db.attachment.findMany({ where: { ledgerItem: { number } } });
    expect(attached.map((a) => a.fileName)).toEqual([`${unit}整改报告.pdf`]);
  }
}, 90_000);

it("lets each unit's lead review and sign the rectification before the office verifies it", async () => {
  for (const { unit, number } of ledgerNumbers) {
    const page = await as(`${unit}.lead`);
    await openTask(page, number, '主要领导审核签字');
    await choose(page, '审核意见', '签字同意，报专班办公室核验');
    await submitTask(page);
  }
}, 90_000);

it('lets the office verify the rectification and close both items', async () => {
  const page = await as('coordinator');
  for (const { number, unit } of ledgerNumbers) {
    await openTask(page, number, '核验整改情况');
    // The office sees the unit's evidence beside the form and can download it.
    const link = page
      .locator('.card')
      .getByRole('link', { name: `${unit}整改报告.pdf` })
      .first();
    await link.waitFor();
    const download = await Promise.all([page.waitForEvent('download'), link.click()]).then(([d]) => d);
    expect(download.suggestedFilename()).toBe(`${unit}整改报告.pdf`);
    await choose(page, '核验方式', '书面核验');
    await choose(page, '核验结论', '通过，销号');
    await fill(page, '核验意见', '佐证材料齐全，整改到位');
    await submitTask(page);
  }
  const db = booted.system.database.db;
  for (let i = 0; i < 50; i++) {
    const open = await db.ledgerItem.count({
      where: { number: { in: ledgerNumbers.map((l) => l.number) }, closedAt: null },
    });
    if (open === 0) break;
    await new Promise((r) => setTimeout(r, 200));
  }
  expect(
    await db.ledgerItem.count({
      where: { number: { in: ledgerNumbers.map((l) => l.number) }, status: 'closed' },
    }),
  ).toBe(2);
}, 90_000);

it('sent mails that link to the right pages', async () => {
  const texts = () =>
    booted.smtp.received.map((r) => ({ subject: r.mail.subject ?? '', text: r.mail.text ?? '' }));
  for (let i = 0; i < 50 && !texts().some((m) => m.subject.includes('会议通知')); i++)
    await new Promise((r) => setTimeout(r, 200));
  const invitation = texts().find((m) => m.subject.includes('会议通知') && m.subject.includes(caseNumber));
  expect(invitation?.text).toContain(`http://zhuanban.test/search?q=${caseNumber}`);
  for (const { number } of ledgerNumbers) {
    const notice = texts().find((m) => m.subject.includes('督办通知书') && m.subject.includes(number));
    expect(notice?.text).toContain(`http://zhuanban.test/tasks?key=${number}`);
  }
  // The link opens the unit's inbox filtered to the item.
  const page = await as('court.user');
  const court = ledgerNumbers.find((l) => l.unit === 'court')!;
  await page.goto(`/tasks?key=${court.number}&state=done`);
  await page.getByRole('link', { name: '整改落实并报送进展', exact: true }).waitFor();
}, 30_000);
