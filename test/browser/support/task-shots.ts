// The screenshots of 我的待办 (issue 8): the inbox at 1280 px and on a tablet, a task with its form, diagram and
// history, each start form, the search results.
import type { Page } from 'playwright-core';
import type { Shot } from './shots';
import { demoPassword, type BootedSystem } from './system';

/** A weekly round for 2026-W50 (started once, as the office), so every unit has a task to show. */
async function ensureRound(booted: BootedSystem): Promise<void> {
  const first = await fetch(`${booted.url}/api/session`);
  const pre = first.headers
    .getSetCookie()
    .map((c) => c.split(';')[0])
    .join('; ');
  const { csrfToken } = (await first.json()) as { csrfToken: string };
  const login = await fetch(`${booted.url}/api/login`, {
    method: 'POST',
    headers: { 'content-type': 'application/json', 'x-csrf-token': csrfToken, cookie: pre },
    body: JSON.stringify({ username: 'coordinator', password: demoPassword }),
  });
  const cookie = login.headers
    .getSetCookie()
    .map((c) => c.split(';')[0])
    .join('; ');
  const { csrfToken: token } = (await login.json()) as { csrfToken: string };
  await fetch(`${booted.url}/api/start-forms/weekly-report`, {
    method: 'POST',
    headers: { 'content-type': 'application/json', 'x-csrf-token': token, cookie },
    body: JSON.stringify({
      idempotencyKey: 'screenshots-w50',
      variables: { isoWeek: '2026-W50', startReason: '截图' },
    }),
  });
  // An enterprise complaint to the court, so the inbox shows its 企业投诉·优先 marker at the top.
  await fetch(`${booted.url}/api/start-forms/petition-reply`, {
    method: 'POST',
    headers: { 'content-type': 'application/json', 'x-csrf-token': token, cookie },
    body: JSON.stringify({
      idempotencyKey: 'screenshots-enterprise-complaint',
      variables: {
        channel: 'court_report_phone',
        petitionerKind: 'enterprise',
        petitionerName: '联系人乙',
        enterpriseName: '东岸新材料有限公司',
        contact: '010-00000002',
        subject: '查封财产明显超标的',
        content: '执行中查封的厂房价值远超执行标的，请求依法解除超出部分。',
        receivingUnitCode: 'court',
      },
    }),
  });
}

async function openInbox(page: Page) {
  for (let i = 0; i < 20; i++) {
    await page.goto('/tasks');
    await page.locator('table.inbox-table, .state-empty').first().waitFor();
    if (await page.locator('a.task-link').count()) return;
    await page.waitForTimeout(500);
  }
}

async function formReady(page: Page) {
  await page.locator('.fjs-form').first().waitFor();
  await page
    .locator('.state-loading')
    .first()
    .waitFor({ state: 'detached' })
    .catch(() => undefined);
}

const startShot = (processId: string, heading: string): Shot => ({
  name: `start-${processId}`,
  user: 'coordinator',
  async prepare(page) {
    await page.goto(`/start/${processId}`);
    await page.getByRole('heading', { name: heading, exact: true }).waitFor();
    await formReady(page);
  },
});

export const taskShots: Shot[] = [
  {
    name: 'inbox',
    user: 'court.user',
    widths: [1280, 768],
    async prepare(page, booted) {
      await ensureRound(booted);
      await openInbox(page);
      await page.getByRole('heading', { name: '我的待办' }).waitFor();
    },
  },
  {
    name: 'task',
    user: 'court.user',
    widths: [1280, 768],
    async prepare(page, booted) {
      await ensureRound(booted);
      await openInbox(page);
      await page.locator('a.task-link').first().click();
      await formReady(page);
      await page.locator('.diagram .djs-container').waitFor();
      await page.locator('.tk-timeline li').first().waitFor();
    },
  },
  {
    name: 'task-preview',
    user: 'court.user',
    async prepare(page, booted) {
      await ensureRound(booted);
      await openInbox(page);
      await page.getByRole('button', { name: '预览' }).first().click();
      await formReady(page);
    },
  },
  {
    name: 'start',
    user: 'coordinator',
    async prepare(page) {
      await page.goto('/start');
      await page.getByRole('link', { name: '登记涉企案件' }).waitFor();
    },
  },
  startShot('case-coordination', '登记涉企案件'),
  startShot('petition-reply', '登记信访事项'),
  startShot('rectification', '建立整改事项'),
  startShot('weekly-report', '发起本周周报'),
  {
    name: 'search',
    user: 'coordinator',
    async prepare(page) {
      await page.goto('/search?q=2026&stay=1');
      await page.locator('table.data, .state-empty').first().waitFor();
    },
  },
];
