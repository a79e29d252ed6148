// The 流程监控 pages for `npm run screenshots`: the overview, a live diagram with badges, completed counts and
// the legend, the items at the opinion task, the heat view, an instance page and the 会议改期 form of a case
// waiting for its meeting — over a few cases started and moved along through the API first (once per run).
import type { Page } from 'playwright-core';
import { ApiClient } from '../../support/api-client';
import {
  caseAwaitingMeeting,
  caseInOpinionRound,
  clientsFor,
  daysAhead,
  opinion,
  taskOf,
} from '../../web/monitor-support';
import type { Shot } from './shots';
import type { BootedSystem } from './system';

let seeded: Promise<string> | undefined;

/** Three cases: two waiting for opinions, one past them at the meeting; returns an instance key to show. */
function seed(booted: BootedSystem): Promise<string> {
  seeded ??= (async () => {
    const as: (u: string) => Promise<ApiClient> = clientsFor(() => booted);
    const a = await caseInOpinionRound(as, '东湖精密制造有限公司', ['court', 'police']);
    await caseInOpinionRound(as, '江城物流股份有限公司', ['court', 'procuratorate']);
    const c = await caseInOpinionRound(as, '南山食品有限公司', ['police']);
    const police = await as('police.user');
    for (const n of [a.number, c.number]) {
      const t = await taskOf(police, 'Task_SubmitOpinion', n);
      await police.send('POST', `/api/tasks/${t.userTaskKey}/complete`, { variables: opinion });
    }
    return a.processInstanceKey;
  })();
  return seeded;
}

let awaiting: Promise<string> | undefined;
/** A case waiting for its scheduled meeting, for the 会议改期 form. */
function seedMeeting(booted: BootedSystem): Promise<string> {
  awaiting ??= caseAwaitingMeeting(
    clientsFor(() => booted),
    '西城智能装备有限公司',
    ['court', 'police'],
    `${daysAhead(14)}T09:30:00+08:00`,
  ).then((c) => c.processInstanceKey);
  return awaiting;
}

async function openDiagram(page: Page, booted: BootedSystem) {
  await seed(booted);
  await page.goto('/monitor/case-coordination');
  await page.locator('.diagram .djs-container').waitFor();
  await page.locator('.live-badge-active[data-element="Task_SubmitOpinion"]').waitFor();
}

export const monitorShots: Shot[] = [
  {
    name: 'monitor',
    user: 'leader',
    widths: [1280, 768],
    async prepare(page, booted) {
      await seed(booted);
      await page.goto('/monitor');
      await page.locator('.monitor-card').first().waitFor();
    },
  },
  {
    name: 'monitor-unit',
    user: 'court.user',
    async prepare(page, booted) {
      await seed(booted);
      await page.goto('/monitor');
      await page.locator('.monitor-card').first().waitFor();
    },
  },
  {
    name: 'monitor-diagram',
    user: 'leader',
    async prepare(page, booted) {
      await openDiagram(page, booted);
      await page.getByLabel('显示已完成数').check();
      await page.locator('.live-badge-completed').first().waitFor();
    },
  },
  {
    name: 'monitor-element',
    user: 'coordinator',
    async prepare(page, booted) {
      await openDiagram(page, booted);
      await page.getByRole('button', { name: '提交书面意见', exact: true }).click();
      await page.locator('table.element-items tbody tr').first().waitFor();
    },
  },
  {
    name: 'monitor-heat',
    user: 'leader',
    async prepare(page, booted) {
      await openDiagram(page, booted);
      await page.getByLabel('热力视图').check();
      await page.locator('table.heat-table tbody tr').first().waitFor();
    },
  },
  {
    name: 'instance',
    user: 'coordinator',
    widths: [1280, 768],
    async prepare(page, booted) {
      const key = await seed(booted);
      await page.goto(`/instances/${key}`);
      await page.getByRole('heading', { name: '办理经过' }).waitFor();
      await page.locator('.diagram .djs-container').waitFor();
    },
  },
  {
    name: 'instance-meeting-reschedule',
    user: 'coordinator',
    async prepare(page, booted) {
      const key = await seedMeeting(booted);
      await page.goto(`/instances/${key}`);
      const button = page.getByRole('button', { name: '会议改期' });
      for (let i = 0; i < 40 && !(await button.count()); i++) {
        await page.waitForTimeout(250);
        await page.reload();
      }
      await button.click();
      await page.getByRole('dialog', { name: '会议改期' }).locator('.fjs-form').waitFor();
    },
  },
  {
    name: 'case-page',
    user: 'coordinator',
    widths: [1280, 768],
    async prepare(page, booted) {
      const key = await seedMeeting(booted);
      const { id } = await booted.system.database.db.enterpriseCase.findUniqueOrThrow({
        where: { processInstanceKey: key },
      });
      await page.goto(`/cases/${id}`);
      const button = page.getByRole('button', { name: '会议改期' });
      for (let i = 0; i < 40 && !(await button.count()); i++) {
        await page.waitForTimeout(250);
        await page.reload();
      }
      await button.waitFor();
    },
  },
];
