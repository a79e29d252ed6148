// `npm run screenshots`: starts the whole system with the demo data, signs in as the users who see each page and
// saves a full-page PNG of every page under screenshots/ (ignored by git) — at 1280 px, and at 768 px for the
// tablet view — so a person can look at what zhuanban shows before calling a page done. Not part of `npm test`.
// `SHOTS=name,prefix npm run screenshots` saves only those.
import fs from 'node:fs';
import path from 'node:path';
import type { Page } from 'playwright-core';
import { launchBrowser, openAs } from './support/browser';
import { adminPassword, bootSystem, demoPassword, type BootedSystem } from './support/system';
import { shots as pageShots } from './support/shots';

const outDir = path.resolve(process.argv[2] ?? 'screenshots');

async function main() {
  fs.mkdirSync(outDir, { recursive: true });
  const booted: BootedSystem = await bootSystem();
  // The admin's forced first password change is shown by the sign-in test; the pages here come after it.
  await booted.system.database.db.user.update({
    where: { username: 'admin' },
    data: { mustChangePassword: false },
  });
  const browser = await launchBrowser();
  let failed = 0;
  try {
    // SHOTS=assessment,publicity takes only the shots whose names start with one of these.
    const only = process.env.SHOTS?.split(',').filter(Boolean);
    for (const shot of pageShots.filter((s) => !only || only.some((o) => s.name.startsWith(o)))) {
      for (const width of shot.widths ?? [1280]) {
        const user = await openAs(
          browser,
          booted.url,
          shot.user
            ? { username: shot.user, password: shot.user === 'admin' ? adminPassword : demoPassword }
            : undefined,
          { width, height: 900 },
        );
        const file = path.join(outDir, `${shot.name}${width === 1280 ? '' : `-${width}`}.png`);
        try {
          await shot.prepare(user.page, booted);
          await settle(user.page);
          await user.page.screenshot({ path: file, fullPage: true });
          console.log(
            `saved ${path.relative(process.cwd(), file)}${user.problems.length ? `  (${user.problems.join('; ')})` : ''}`,
          );
        } catch (e) {
          failed++;
          console.error(`failed ${shot.name} @${width}: ${(e as Error).message.split('\n')[0]}`);
        } finally {
          await user.context.close();
        }
      }
    }
  } finally {
    await browser.close();
    await booted.stop();
  }
  if (failed) process.exitCode = 1;
}

async function settle(page: Page) {
  await page.waitForLoadState('networkidle').catch(() => undefined);
  await page.evaluate('document.fonts.ready');
}

main().catch((e) => {
  console.error(e);
  process.exit(1);
});
