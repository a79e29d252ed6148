// 流程监控 at scale: 10,000 running case-coordination instances (the workers stopped first, so every instance
// waits at its first service task), then the time for the poller's snapshot (the engine reads behind every
// badge), for the element list API, and for the live diagram page — from navigation until the badge shows
// 10000 (goal ≤ 1 s). Run: node --import tsx test/bench/monitor-scale.ts [instances]
import { launchBrowser, openAs } from '../browser/support/browser';
import { bootSystem, demoPassword } from '../browser/support/system';
import { ApiClient } from '../support/api-client';
import { caseForm } from '../web/monitor-support';

const count = Number(process.argv[2] ?? 10_000);

async function main() {
  const booted = await bootSystem();
  await booted.system.workers.stop();
  const rest = booted.system.engine!.restAddress!;
  const started = Date.now();
  for (let i = 0; i < count; i += 50) {
    await Promise.all(
      Array.from({ length: Math.min(50, count - i) }, (_, j) =>
        fetch(`${rest}/v2/process-instances`, {
          method: 'POST',
          headers: { 'content-type': 'application/json', authorization: booted.system.engineAuthorization! },
          body: JSON.stringify({
            processDefinitionId: 'case-coordination',
            variables: {
              ...caseForm(`规模测试企业${i + j}`),
              caseNumber: `XT-2026-${String(i + j).padStart(5, '0')}`,
            },
          }),
        }).then((r) => r.text()),
      ),
    );
  }
  const createdMs = Date.now() - started;
  const leader = new ApiClient(booted.url);
  await leader.login('leader', demoPassword);
  let t = Date.now();
  const overview = await leader.send<{ processes: { processId: string; running: number }[] }>(
    'GET',
    '/api/monitor',
  );
  const firstSnapshotMs = Date.now() - t;
  t = Date.now();
  const items = await leader.send<{ items: unknown[] }>(
    'GET',
    '/api/monitor/case-coordination/elements/Task_RegisterCase',
  );
  const elementListMs = Date.now() - t;
  const browser = await launchBrowser();
  const { page } = await openAs(browser, booted.url, { username: 'leader', password: demoPassword });
  await page.goto('/monitor');
  t = Date.now();
  await page.goto('/monitor/case-coordination');
  await page
    .locator('.live-badge-active[data-element="Task_RegisterCase"]')
    .filter({ hasText: new RegExp(`^${count}$`) })
    .waitFor({ timeout: 30_000 });
  const pageMs = Date.now() - t;
  console.log(
    JSON.stringify({
      instances: overview.body.processes.find((p) => p.processId === 'case-coordination')?.running,
      createSeconds: Math.round(createdMs / 1000),
      overviewWithFirstSnapshotMs: firstSnapshotMs,
      elementListMs,
      elementListItems: items.body.items.length,
      diagramPageToBadgeMs: pageMs,
    }),
  );
  await browser.close();
  await booted.stop();
  process.exit(0);
}
void main();
