// Signing in through the real browser against the whole system: the login page in Chinese, a wrong password
// answered in place, the admin's forced password change on first sign-in, sign-out, and a session that expires
// while a form is half filled — the re-login dialog keeps what was typed and the request goes through after.
import type { Browser } from 'playwright-core';
import { launchBrowser, openAs, signIn } from './support/browser';
import { adminPassword, bootSystem, demoPassword, type BootedSystem } from './support/system';

let booted: BootedSystem;
let browser: Browser;

beforeAll(async () => {
  [booted, browser] = await Promise.all([bootSystem(), launchBrowser()]);
}, 120_000);
afterAll(async () => {
  await browser?.close();
  await booted?.stop();
});

it('shows the sign-in page in Chinese and answers a wrong password in place', async () => {
  const { page, context, problems } = await openAs(browser, booted.url);
  await page.goto('/');
  await page.getByRole('button', { name: '登录' }).waitFor();
  await expect(page.title()).resolves.toBe('登录 · 涉企维权工作专班');
  await page.getByLabel('用户名').fill('coordinator');
  await page.getByLabel('密码', { exact: true }).fill('wrong-password');
  await page.getByRole('button', { name: '登录' }).click();
  await expect(page.getByRole('alert').first().textContent()).resolves.toContain('用户名或密码错误');
  await expect(page.getByLabel('密码', { exact: true }).inputValue()).resolves.toBe('');
  expect(problems.filter((p) => !p.includes('401'))).toEqual([]);
  await context.close();
});

it('forces the admin to set a new password at first sign-in, then lets them in', async () => {
  const { page, context } = await openAs(browser, booted.url);
  await page.goto('/');
  await page.getByLabel('用户名').fill('admin');
  await page.getByLabel('密码', { exact: true }).fill(adminPassword);
  await page.getByRole('button', { name: '登录' }).click();
  await page.getByRole('heading', { name: '设置新密码' }).waitFor();
  // Every other API answers 403 until the password is changed.
  const blocked = await page.evaluate(async () => (await fetch('/api/admin/users')).status);
  expect(blocked).toBe(403);
  await page.getByLabel('当前密码').fill(adminPassword);
  await page.getByLabel('新密码', { exact: true }).fill('short');
  await page.getByLabel('再次输入新密码').fill('short');
  await page.getByRole('button', { name: '修改密码' }).click();
  await page.getByText('新密码至少12位').waitFor();
  await page.getByLabel('新密码', { exact: true }).fill('Zhuanban-Office-2026!');
  await page.getByLabel('再次输入新密码').fill('Zhuanban-Office-2026!');
  await page.getByRole('button', { name: '修改密码' }).click();
  await page.locator('.app-header').waitFor();
  const admin = await booted.system.database.db.user.findUniqueOrThrow({ where: { username: 'admin' } });
  expect(admin.mustChangePassword).toBe(false);
  await page.getByRole('button', { name: /系统管理员/ }).click();
  await page.getByRole('button', { name: '退出登录' }).click();
  await page.getByRole('heading', { name: '涉企维权工作专班' }).waitFor();
  await context.close();
});

it('keeps what was typed when the session expires, and sends it after signing in again', async () => {
  const { page, context } = await openAs(browser, booted.url);
  await signIn(page, 'court.user', demoPassword, '/password');
  await page.getByRole('heading', { name: '修改密码' }).waitFor();
  await page.getByLabel('当前密码').fill('typed-before-expiry');
  await page.getByLabel('新密码', { exact: true }).fill('a-brand-new-password');
  await page.getByLabel('再次输入新密码').fill('a-brand-new-password');
  // The session ends on the server (as after the idle timeout).
  const user = await booted.system.database.db.user.findUniqueOrThrow({ where: { username: 'court.user' } });
  await booted.system.database.db.session.deleteMany({ where: { userId: user.id } });
  await page.getByRole('button', { name: '修改密码' }).click();
  const dialog = page.getByRole('dialog', { name: '登录已过期' });
  await dialog.waitFor();
  await dialog.getByLabel('密码').fill(demoPassword);
  await dialog.getByRole('button', { name: '继续' }).click();
  await dialog.waitFor({ state: 'hidden' });
  // The retried request reached the server: it checked the typed current password and refused it.
  await page.getByText('当前密码不正确').first().waitFor();
  await expect(page.getByLabel('新密码', { exact: true }).inputValue()).resolves.toBe('a-brand-new-password');
  await context.close();
});

it('serves every page URL (a link from a mail) and sends the user there after sign-in', async () => {
  const { page, context } = await openAs(browser, booted.url);
  await signIn(page, 'leader', demoPassword, '/password');
  await page.getByRole('heading', { name: '修改密码' }).waitFor();
  await page.goto('/no/such/page');
  await page.getByText('页面不存在').waitFor();
  await context.close();
});
