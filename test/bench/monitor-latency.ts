// 流程监控's latency, change → badge in the browser: the whole system, 20 viewers (Chromium pages) on the live
// case-coordination diagram, then cases started one after another. The change is stamped by the engine (the
// start of the screening step's element instance); each page stamps when its badge on 受理审查 first shows the
// new count (a MutationObserver). Prints p50, p99 and max over all viewers and rounds (goal: p50 ≤ 250 ms,
// p99 ≤ 1 s), and the engine calls the shared poller made meanwhile. Run: node --import tsx test/bench/monitor-latency.ts [rounds] [viewers]
import type { Page } from 'playwright-core';
import { launchBrowser, signIn } from '../browser/support/browser';
import { bootSystem, demoPassword } from '../browser/support/system';
import { caseForm } from '../web/monitor-support';
import { percentile } from './support';

const rounds = Number(process.argv[2] ?? 20);
const viewers = Number(process.argv[3] ?? 20);

const observe = (target: string) => `(() => {
  window.__target = ${JSON.stringify(target)};
  window.__seen = 0;
  const check = () => {
    const b = document.querySelector('.live-badge-active[data-element="Task_Screening"]');
    if (!window.__seen && b && b.textContent === window.__target) window.__seen = Date.now();
  };
  if (!window.__obs) {
    window.__obs = new MutationObserver(check);
    window.__obs.observe(document.body, { subtree: true, childList: true, characterData: true });
  }
  check();
})()`;

async function main() {
  const booted = await bootSystem();
  const rest = booted.system.engine!.restAddress!;
  const browser = await launchBrowser();
  // One browser context per viewer, as separate browsers would be: a browser opens at most six connections to a
  // site, so tabs of one browser beyond that would wait for a slot instead of streaming.
  const options = { baseURL: booted.url, viewport: { width: 1280, height: 800 } };
  const context = await browser.newContext(options);
  const first = await context.newPage();
  await signIn(first, 'leader', demoPassword);
  const cookies = await context.cookies();
  const pages: Page[] = [first];
  for (let i = 1; i < viewers; i++) {
    const c = await browser.newContext(options);
    await c.addCookies(cookies);
    pages.push(await c.newPage());
  }
  for (const p of pages) {
    await p.goto('/monitor/case-coordination');
    await p.getByText('实时更新中').waitFor({ timeout: 60_000 });
  }
  const samples: number[] = [];
  for (let n = 1; n <= rounds; n++) {
    await Promise.all(pages.map((p) => p.evaluate(observe(String(n)))));
    const res = await fetch(`${rest}/v2/process-instances`, {
      method: 'POST',
      headers: { 'content-type': 'application/json', authorization: booted.system.engineAuthorization! },
      body: JSON.stringify({
        processDefinitionId: 'case-coordination',
        variables: caseForm(`基准测试企业${n}`),
      }),
    });
    const { processInstanceKey } = (await res.json()) as { processInstanceKey: string };
    let changedAt = 0;
    for (let i = 0; i < 200 && !changedAt; i++) {
      const s = await fetch(`${rest}/v2/element-instances/search`, {
        method: 'POST',
        headers: { 'content-type': 'application/json', authorization: booted.system.engineAuthorization! },
        body: JSON.stringify({ filter: { processInstanceKey, elementId: 'Task_Screening' } }),
      });
      const item = ((await s.json()) as { items: { startDate: string }[] }).items[0];
      if (item) changedAt = Date.parse(item.startDate);
      else await new Promise((r) => setTimeout(r, 20));
    }
    const seen = await Promise.all(
      pages.map(async (p) => {
        await p.waitForFunction(() => (globalThis as unknown as { __seen: number }).__seen > 0, undefined, {
          timeout: 10_000,
          polling: 20,
        });
        return (await p.evaluate('window.__seen')) as number;
      }),
    );
    for (const t of seen) samples.push(t - changedAt);
  }
  samples.sort((a, b) => a - b);
  console.log(
    JSON.stringify({
      viewers,
      rounds,
      samples: samples.length,
      p50Ms: percentile(samples, 50),
      p99Ms: percentile(samples, 99),
      maxMs: samples.at(-1),
      minMs: samples[0],
    }),
  );
  await browser.close();
  await booted.stop();
  process.exit(0);
}
void main();
