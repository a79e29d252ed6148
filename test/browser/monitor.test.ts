// 流程监控 in the real browser: a leader keeps /monitor/case-coordination open while a coordinator (another
// browser context) starts a case and the court (a third) submits its opinion — the badge on the opinion task
// goes 0 → 1 → 0 and the meeting step's badge follows, without a reload; when the engine clock is pinned past
// the opinion deadline of a second case, its overdue badge appears. Then the element list and the instance page.
import type { Browser, BrowserContext, Page } from 'playwright-core';
import { caseForm, opinion } from '../web/monitor-support';
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

/** A signed-in browser context that calls the API as its user would (session cookie and CSRF token). */
async function actor(username: string) {
  const { context } = await openAs(browser, booted.url, { username, password: demoPassword });
  const token = async (c: BrowserContext) =>
    ((await (await c.request.get('/api/session')).json()) as { csrfToken: string }).csrfToken;
  const csrf = await token(context);
  return {
    async post<T>(path: string, data: unknown): Promise<T> {
      const res = await context.request.post(path, { data, headers: { 'x-csrf-token': csrf } });
      if (!res.ok()) throw new Error(`${username} POST ${path}: ${res.status()} ${await res.text()}`);
      return (await res.json()) as T;
    },
    async get<T>(path: string): Promise<T> {
      return (await (await context.request.get(path)).json()) as T;
    },
    async task(elementId: string, number: string): Promise<string> {
      for (let i = 0; i < 100; i++) {
        const r = await this.get<{ items: { userTaskKey: string; elementId: string }[] }>(
          `/api/tasks?pageSize=100&key=${number}`,
        );
        const t = r.items.find((x) => x.elementId === elementId);
        if (t) return t.userTaskKey;
        await new Promise((res) => setTimeout(res, 100));
      }
      throw new Error(`${username} has no ${elementId} for ${number}`);
    },
  };
}

const badge = (page: Page, elementId: string, type = 'active') =>
  page.locator(`.live-badge-${type}[data-element="${elementId}"]`);

/** Waits (up to 10 s) until the element's badge of that type shows the number. */
const badgeShows = (page: Page, elementId: string, type: string, text: string) =>
  badge(page, elementId, type)
    .filter({ hasText: new RegExp(`^${text}$`) })
    .waitFor({ timeout: 10_000 });

async function startCase(coordinator: Awaited<ReturnType<typeof actor>>, name: string) {
  const started = await coordinator.post<{ processInstanceKey: string; record: { number: string } }>(
    '/api/start-forms/case-coordination',
    { idempotencyKey: `browser${Date.now()}${name.length}`, variables: caseForm(name, ['court']) },
  );
  const screening = await coordinator.task('Task_Screening', started.record.number);
  await coordinator.post(`/api/tasks/${screening}/complete`, { variables: { screeningDecision: 'accept' } });
  return { number: started.record.number, key: started.processInstanceKey };
}

it('follows a case on the live diagram without reload: 0 → 1 → 0 on the opinion task, the meeting next, then overdue', async () => {
  const leader = await openAs(browser, booted.url, { username: 'leader', password: demoPassword });
  const page = leader.page;
  await page.goto('/monitor/case-coordination');
  await page.getByRole('heading', { name: '涉企案件协调会' }).waitFor();
  await page.locator('.diagram .djs-container').waitFor();
  await page.getByText('实时更新中').waitFor();
  await page.evaluate('window.stayed = true');
  expect(await badge(page, 'Task_SubmitOpinion').count()).toBe(0);

  const coordinator = await actor('coordinator');
  const court = await actor('court.user');
  const first = await startCase(coordinator, '浏览器监控测试甲公司');
  await badgeShows(page, 'Task_SubmitOpinion', 'active', '1');
  const courtTask = await court.task('Task_SubmitOpinion', first.number);
  await court.post(`/api/tasks/${courtTask}/complete`, { variables: opinion });
  await badge(page, 'Task_SubmitOpinion').waitFor({ state: 'detached', timeout: 10_000 });
  await badgeShows(page, 'Task_ScheduleMeeting', 'active', '1');

  // A second case waits for the court's opinion; the clock is pinned past its deadline.
  const second = await startCase(coordinator, '浏览器监控测试乙公司');
  await badgeShows(page, 'Task_SubmitOpinion', 'active', '1');
  expect(await badge(page, 'Task_SubmitOpinion', 'overdue').count()).toBe(0);
  const instance = await coordinator.get<{ variables: { name: string; value: unknown }[] }>(
    `/api/instances/${second.key}`,
  );
  const due = Date.parse(String(instance.variables.find((v) => v.name === 'opinionDueAt')!.value));
  const rest = booted.system.engine!.restAddress!;
  const authorization = booted.system.engineAuthorization!;
  await fetch(`${rest}/v2/clock`, {
    method: 'PUT',
    headers: { 'content-type': 'application/json', authorization },
    body: JSON.stringify({ timestamp: due + 3_600_000 }),
  });
  try {
    await badgeShows(page, 'Task_SubmitOpinion', 'overdue', '1');
    expect(await page.locator('[data-element-id="Task_SubmitOpinion"].live-overdue').count()).toBe(1);
  } finally {
    await fetch(`${rest}/v2/clock/reset`, { method: 'POST', headers: { authorization } });
  }
  expect(await page.evaluate('window.stayed')).toBe(true);

  // The element list: the waiting case with its business key, unit and deadline, leading to its instance page.
  await page.getByRole('button', { name: '提交书面意见', exact: true }).click();
  const row = page.locator('table.element-items tbody tr').filter({ hasText: second.number });
  await row.waitFor();
  await expect(row.textContent()).resolves.toContain('区法院');
  await expect(row.textContent()).resolves.toContain('逾期');
  await row.getByRole('link', { name: second.number }).click();
  await page.getByRole('heading', { name: `${second.number} · 涉企案件协调会` }).waitFor();
  await page.getByRole('heading', { name: '办理经过' }).waitFor();
  await page.locator('.diagram .djs-container').waitFor();
  expect(await page.locator('.djs-connection.taken').count()).toBeGreaterThan(3);
  expect(leader.problems.filter((p) => p.startsWith('page error'))).toEqual([]);
}, 120_000);
