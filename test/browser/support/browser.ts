// Debian's Chromium driven by playwright-core (the machine cannot download Playwright's own browsers): one
// headless browser per test file, a fresh context per user so sessions never mix.
import fs from 'node:fs';
import { chromium, type Browser, type BrowserContext, type Page } from 'playwright-core';

export const chromiumPath = process.env.CHROMIUM_PATH ?? '/usr/bin/chromium';

export async function launchBrowser(): Promise<Browser> {
  if (!fs.existsSync(chromiumPath))
    throw new Error(
      `${chromiumPath} not found: install Debian's chromium (apt-get install chromium chromium-l10n fonts-noto-cjk)`,
    );
  return chromium.launch({
    executablePath: chromiumPath,
    args: [
      '--headless',
      '--no-sandbox',
      '--disable-gpu',
      '--disable-background-networking',
      '--disable-component-update',
      '--disable-sync',
      '--disable-quic',
      '--no-first-run',
      // The browser's own controls (file picker, date fields) in Chinese, as in the offices' browsers.
      '--lang=zh-CN',
    ],
    // On Linux the UI language comes from LANGUAGE; LANG stays a UTF-8 locale that exists on every machine, or
    // downloads with Chinese names lose them.
    env: { ...process.env, LANGUAGE: 'zh_CN', LANG: 'C.UTF-8' },
  });
}

export interface UserPage {
  context: BrowserContext;
  page: Page;
  /** Console errors and failed requests the page produced (a page should have none). */
  problems: string[];
}

export async function openAs(
  browser: Browser,
  baseUrl: string,
  credentials?: { username: string; password: string },
  viewport = { width: 1280, height: 900 },
): Promise<UserPage> {
  const context = await browser.newContext({
    baseURL: baseUrl,
    viewport,
    locale: 'zh-CN',
    timezoneId: 'Asia/Shanghai',
  });
  context.setDefaultTimeout(10_000);
  const page = await context.newPage();
  const problems: string[] = [];
  page.on('console', (m) => {
    if (m.type() === 'error') problems.push(`console: ${m.text()}`);
  });
  page.on('pageerror', (e) => problems.push(`page error: ${e.message}`));
  if (credentials) await signIn(page, credentials.username, credentials.password);
  return { context, page, problems };
}

export async function signIn(page: Page, username: string, password: string, path = '/'): Promise<void> {
  await page.goto(path);
  await page.getByLabel('用户名').fill(username);
  await page.getByLabel('密码', { exact: true }).fill(password);
  await page.getByRole('button', { name: '登录' }).click();
  await page.locator('.app-header').waitFor();
}
