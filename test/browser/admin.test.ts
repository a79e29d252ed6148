// The admin pages in the real browser: an admin changes a deadline rule and adds a holiday, and the trial
// computation shows the next deadline move each time; the audit log then finds both changes.
import type { Browser, Page } from 'playwright-core';
import { updateUnit } from '../../domain/admin/units';
import { updateUser } from '../../domain/admin/users';
import { hashPassword } from '../../domain/auth/password';
import { openLedgerItem } from '../../domain/ledger/ledger-items';
import { updatePlanTask } from '../../web/server/admin/plan-admin';
import { rankedIndicators } from '../../domain/indicators/rank-history';
import { auditProblems, type AuditRow } from '../support/audit-words';
import { launchBrowser, openAs } from './support/browser';
import { bootSystem, demoPassword, type BootedSystem } from './support/system';

let booted: BootedSystem;
let browser: Browser;

beforeAll(async () => {
  [booted, browser] = await Promise.all([bootSystem(), launchBrowser()]);
  // The seeded admin must change its password first (tested in sign-in.test.ts); this is a second admin.
  await booted.system.database.db.user.create({
    data: {
      username: 'ops.admin',
      displayName: '运维管理员',
      role: 'admin',
      passwordHash: await hashPassword(demoPassword),
    },
  });
}, 120_000);
afterAll(async () => {
  await browser?.close();
  await booted?.stop();
});

async function trial(page: Page): Promise<string> {
  const form = page.getByRole('form', { name: '期限试算' });
  await form.getByLabel('期限规则').selectOption({ label: '协调会书面意见' });
  await form.getByLabel('起算日').fill('2027-03-01');
  await form.getByRole('button', { name: '计算' }).click();
  return (await form.getByRole('status').textContent()) ?? '';
}

it('moves the next deadline when the admin changes a deadline rule and adds a holiday', async () => {
  const { page, context } = await openAs(browser, booted.url, {
    username: 'ops.admin',
    password: demoPassword,
  });
  await page.goto('/admin/calendars');
  await page.getByRole('heading', { name: '节假日与期限' }).waitFor();
  expect(await trial(page)).toBe('期满日：2027/03/04');

  await page.getByRole('button', { name: '编辑 协调会书面意见' }).click();
  const dialog = page.getByRole('dialog', { name: '编辑期限规则：协调会书面意见' });
  await dialog.getByLabel('天数').fill('5');
  await dialog.getByRole('button', { name: '保存' }).click();
  await dialog.waitFor({ state: 'hidden' });
  // The table reloads after the dialog closes: wait for the saved value rather than read the old row.
  await page
    .locator('tr', { hasText: '协调会书面意见' })
    .filter({ hasText: '5个工作日' })
    .first()
    .waitFor({ timeout: 10_000 });
  expect(await trial(page)).toBe('期满日：2027/03/08');

  await page.getByLabel('年份').selectOption('2027');
  const calendar = page.getByRole('form', { name: '2027年节假日安排' });
  await calendar.waitFor();
  await calendar.getByLabel('日期', { exact: true }).fill('2027-03-03');
  await calendar.getByLabel('名称').fill('测试假日');
  await calendar.getByRole('button', { name: '添加' }).click();
  await calendar.getByRole('button', { name: '保存节假日安排' }).click();
  await page.getByText('2027年节假日安排已保存').waitFor();
  expect(await trial(page)).toBe('期满日：2027/03/09');

  await page.goto('/admin/audit?actor=ops.admin');
  await page.getByRole('cell', { name: 'deadlineRule.update' }).waitFor();
  await page.getByRole('cell', { name: 'calendar.replace' }).waitFor();
  // The change reads as the admin made it: the rule by its name, the days old → new.
  const rule = page.locator('tr', { has: page.getByRole('cell', { name: 'deadlineRule.update' }) });
  await expect(rule.locator('a').textContent()).resolves.toBe('协调会书面意见');
  await expect(rule.locator('.audit-changes').textContent()).resolves.toBe('天数：3 → 5');
  await context.close();
}, 90_000);

// 变更内容 of the rows a ledger item, a user edit, a plan-task edit and a unit edit write, as the page renders
// them: every field named in Chinese and no value a code — only a business number (ZG-2026-001) is Latin.
it('renders the changes of a ledger item, a user, a plan task and a unit in words, the raw data on request', async () => {
  const { db } = booted.system.database;
  const admin = await db.user.findUniqueOrThrow({ where: { username: 'ops.admin' } });
  const actor = { userId: admin.id, label: 'ops.admin' };
  const item = await openLedgerItem(db, actor, {
    source: 'supervision',
    problem: '执行案件款项发放不及时',
    leadUnitCode: 'court',
    assistingUnitCodes: ['justice'],
  });
  const user = await db.user.findUniqueOrThrow({ where: { username: 'police.user' } });
  await updateUser(db, actor, user.id, { displayName: '公安分局 王五', role: 'unit-lead' });
  const task = await db.planTask.findUniqueOrThrow({ where: { number: 3 } });
  await updatePlanTask(db, actor, task.id, { units: [{ code: 'police', isLead: true }] });
  const unit = await db.unit.findUniqueOrThrow({ where: { code: 'justice' } });
  await updateUnit(db, actor, unit.id, { shortName: '司法', sortOrder: unit.sortOrder + 10 });

  const { page, context } = await openAs(browser, booted.url, {
    username: 'ops.admin',
    password: demoPassword,
  });
  const rowOf = async (action: string) => {
    await page.goto(`/admin/audit?actor=ops.admin&action=${action}`);
    const row = page.locator('tbody tr').first();
    await row.locator('.audit-changes').waitFor();
    return row;
  };
  // `typed`: values people entered as they are (the demo's 承办人B).
  const words = async (action: string, typed: string[] = []) => {
    const lines = await (await rowOf(action)).locator('.audit-changes li').allTextContents();
    for (const line of lines) {
      const [field, ...value] = line.split('：');
      expect(field).not.toMatch(/[A-Za-z]/);
      const rest = typed.reduce((v, t) => v.replaceAll(t, ''), value.join('：'));
      expect(rest.replace(/\b[A-Z]{2}-\d{4}-\d+\b/g, '')).not.toMatch(/[A-Za-z]/);
    }
    return lines;
  };

  const ledger = await words('ledgerItem.create');
  expect(ledger).toEqual(
    expect.arrayContaining([
      `台账编号：${item.number}`,
      '问题来源：专班督办',
      '状态：待下发',
      '预警颜色：正常',
    ]),
  );
  const ledgerRow = await rowOf('ledgerItem.create');
  await expect(ledgerRow.locator('td').nth(3).textContent()).resolves.toContain(item.number);

  const userLines = await words('user.update', [user.displayName]);
  expect(userLines).toEqual(
    expect.arrayContaining([
      `姓名：${user.displayName} → 公安分局 王五`,
      '角色：成员单位工作人员 → 成员单位负责人',
    ]),
  );
  const police = await db.unit.findUniqueOrThrow({ where: { code: 'police' } });
  expect(await words('planTask.update')).toEqual([
    expect.stringMatching(`^责任单位：.* → ${police.name}（牵头）$`),
  ]);
  expect(await words('unit.update')).toEqual([
    `单位简称：${unit.shortName} → 司法`,
    `排序：${unit.sortOrder} → ${unit.sortOrder + 10}`,
  ]);

  // The stored record is one click away for an expert, not shown by default.
  const row = await rowOf('unit.update');
  const raw = row.locator('details.audit-raw');
  await expect(raw.locator('pre').first().isVisible()).resolves.toBe(false);
  await raw.locator('summary').click();
  await expect(raw.locator('pre').nth(1).textContent()).resolves.toContain('"shortName": "司法"');

  // Every row the whole system wrote so far — the seed, the demo through the engine and its workers, these
  // edits — reads in words, and names its record.
  const res = await page.request.get('/api/admin/audit/search?limit=500');
  expect(res.status()).toBe(200);
  const { rows } = (await res.json()) as { rows: AuditRow[] };
  expect(new Set(rows.map((r) => r.entity)).size).toBeGreaterThan(8);
  expect(auditProblems(rows)).toEqual([]);
  expect(rows.filter((r) => r.record === null).map((r) => `${r.entity}#${r.entityId}`)).toEqual([]);
  await context.close();
}, 90_000);

it('lets the admin set an indicator’s 先进位次, refusing a bad value under the field and saving nothing', async () => {
  const { db } = booted.system.database;
  const { page, context } = await openAs(browser, booted.url, {
    username: 'ops.admin',
    password: demoPassword,
  });
  await page.goto('/admin/plan');
  const ranks = page.getByRole('region', { name: '全市位次的先进位次' });
  const row = ranks.locator('tr[data-indicator="resolving-insolvency"]');
  await expect(row.locator('td').nth(1).textContent()).resolves.toBe('全市前3名');

  await row.getByRole('button', { name: '设置 办理破产的先进位次' }).click();
  const dialog = page.getByRole('dialog', { name: '先进位次：办理破产' });
  const field = dialog.getByLabel('先进位次（全市前几名）');
  for (const [typed, message] of [
    ['三', '先进位次应为正整数'],
    ['0', '先进位次应为正整数'],
    ['2.5', '先进位次应为正整数'],
    ['201', '先进位次不超过200'],
  ]) {
    await field.fill(typed);
    await dialog.getByRole('button', { name: '保存' }).click();
    await expect(dialog.locator('.field-error').textContent()).resolves.toBe(message);
    await expect(dialog.locator('.notice-error').textContent()).resolves.toBe(`先进位次：${message}`);
  }
  const unchanged = await db.indicator.findUniqueOrThrow({ where: { code: 'resolving-insolvency' } });
  expect(unchanged.advancedRank).toBe(3);
  expect(await db.auditLog.count({ where: { entity: 'indicator', actorLabel: 'ops.admin' } })).toBe(0);

  await field.fill('5');
  await dialog.getByRole('button', { name: '保存' }).click();
  await dialog.waitFor({ state: 'hidden' });
  await row.filter({ hasText: '全市前5名' }).waitFor();
  const saved = await db.indicator.findUniqueOrThrow({ where: { code: 'resolving-insolvency' } });
  expect(saved.advancedRank).toBe(5);
  const trail = await db.auditLog.findMany({ where: { entity: 'indicator', actorLabel: 'ops.admin' } });
  expect(trail.map((a) => [a.action, a.entityId])).toEqual([['indicator.update', String(saved.id)]]);
  expect(trail[0]!.before).toMatchObject({ advancedRank: 3 });
  expect(trail[0]!.after).toMatchObject({ advancedRank: 5 });

  // Cleared, the indicator keeps no rank and leaves the 全市位次 page.
  await row.getByRole('button', { name: '设置 办理破产的先进位次' }).click();
  await field.fill('');
  await dialog.getByRole('button', { name: '保存' }).click();
  await row.filter({ hasText: '不参加排名' }).waitFor();
  await context.close();
  const ranked = await rankedIndicators(db, { all: true });
  expect(ranked.map((i) => i.code)).not.toContain('resolving-insolvency');
  expect(ranked.map((i) => i.code)).toContain('enforcing-contracts');
}, 90_000);

// The server names a refused field by its API path (email, dimensions.0.weight); each summary must name it by the
// label the person sees instead — and a path the form cannot name by its message alone, never by the key.
describe('the admin forms’ error summaries', () => {
  const latin = /[A-Za-z]/;
  let page: Page;
  let close: () => Promise<void>;
  beforeAll(async () => {
    const opened = await openAs(browser, booted.url, { username: 'ops.admin', password: demoPassword });
    page = opened.page;
    close = () => opened.context.close();
  });
  afterAll(() => close());

  it('names a user’s name by its label', async () => {
    await page.goto('/admin');
    await page.getByRole('button', { name: '编辑 court.user' }).click();
    const dialog = page.getByRole('dialog', { name: '编辑用户 court.user' });
    await dialog.getByLabel('姓名').fill('  ');
    await dialog.getByRole('button', { name: '保存' }).click();
    await expect(dialog.locator('.notice-error').textContent()).resolves.toBe('姓名：请填写姓名');
    const user = await booted.system.database.db.user.findUniqueOrThrow({
      where: { username: 'court.user' },
    });
    expect(user.displayName.trim()).not.toBe('');
  });

  it('names a deadline rule’s name and days by their labels', async () => {
    await page.goto('/admin/calendars');
    await page.getByRole('button', { name: '编辑 协调会书面意见' }).click();
    const dialog = page.getByRole('dialog', { name: '编辑期限规则：协调会书面意见' });
    await dialog.getByLabel('天数').fill('400');
    await dialog.getByLabel('名称').fill(' ');
    await dialog.getByRole('button', { name: '保存' }).click();
    const summary = (await dialog.locator('.notice-error').textContent()) ?? '';
    expect(
      summary
        .split('；')
        .map((p) => p.split('：')[0])
        .sort(),
    ).toEqual(['名称', '天数'].sort());
    expect(summary).not.toMatch(latin);
  });

  it('names an assessment dimension’s weight by the dimension it belongs to', async () => {
    await page.goto('/admin/assessment');
    const weight = page.getByLabel('日常工作开展情况权重');
    await weight.fill('-5');
    await page.getByRole('button', { name: '保存规则' }).click();
    const items = page.getByRole('alert').locator('li');
    await items.first().waitFor();
    const texts = await items.allTextContents();
    expect(texts).toContain('日常工作开展情况权重：权重不能为负');
    for (const t of texts) expect(t).not.toMatch(latin);
  });
});
