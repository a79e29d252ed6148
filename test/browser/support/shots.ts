// The pages `npm run screenshots` saves: a name, the demo user who opens it (none = signed out), and how to get
// there. Each page issue adds its pages here.
import type { Page } from 'playwright-core';
import { generateYear } from '../../bench/dashboard-data';
import { forgetDashboard } from '../../../web/server/dashboard/shared-answer';
import type { BootedSystem } from './system';
import { taskShots } from './task-shots';
import { petitionShots } from './petition-shots';
import { monitorShots } from './monitor-shots';
import { assessmentShots } from './assessment-shots';
import { indicatorRankShots, indicatorRanksEmptyShot } from './indicator-rank-shots';
import { seedDemoRegisters } from '../../../domain/seed/demo-registers';
import { recordKnownReviews } from '../../support/case-review-data';
import { recordKnownLongPending } from '../../support/long-pending-data';
import { weeklyRoundShots } from './weekly-round-shots';
import { seedChatNotice } from './outbox-shots';

export interface Shot {
  name: string;
  user?: string;
  widths?: number[];
  prepare(page: Page, booted: BootedSystem): Promise<void>;
}

export const shots: Shot[] = [
  {
    name: 'login',
    widths: [1280, 768],
    async prepare(page) {
      await page.goto('/');
      await page.getByRole('button', { name: '登录' }).waitFor();
    },
  },
  {
    name: 'password',
    user: 'court.user',
    async prepare(page) {
      await page.goto('/password');
      await page.getByRole('heading', { name: '修改密码' }).waitFor();
    },
  },
  {
    name: 'ledger',
    user: 'coordinator',
    async prepare(page) {
      await page.goto('/ledger');
      await page.getByRole('heading', { name: '整改台账' }).waitFor();
      await page.locator('table.ledger-table').waitFor();
    },
  },
  {
    name: 'ledger-item',
    user: 'court.user',
    async prepare(page) {
      await page.goto('/ledger');
      await page.locator('table.ledger-table a').first().click();
      await page.getByRole('heading', { name: '办理经过' }).waitFor();
    },
  },
  indicatorRanksEmptyShot,
  {
    name: 'dashboard',
    user: 'leader',
    widths: [1280, 768],
    async prepare(page, booted) {
      // A quarter of figures beside the demo records, so the charts have something to show, and the demo's
      // 全市位次 and long-pending cases as `npm start -- --demo` writes them. The quarter ends two weeks back: the
      // weekly-round shots take last week, whose court report must still be missing (未报) for its 补报.
      const db = booted.system.database.db;
      await seedDemoRegisters(db);
      const twoWeeksBack = new Date(Date.now() - 14 * 86_400_000);
      if (!(await db.ledgerItem.count({ where: { number: { startsWith: 'ZG-2025-' } } })))
        await generateYear(db, twoWeeksBack, { ledgerItems: 120, petitions: 60, cases: 20, weeks: 12 });
      forgetDashboard(db);
      await page.goto('/dashboard');
      await page.locator('[data-chart="punctuality"] canvas').waitFor();
    },
  },
  ...weeklyRoundShots,
  {
    name: 'reports',
    user: 'coordinator',
    async prepare(page) {
      await page.goto('/reports');
      await page.locator('table.report-matrix').waitFor();
    },
  },
  {
    name: 'report-summary',
    user: 'leader',
    async prepare(page) {
      await page.goto('/reports/summary/2026-W47');
      await page.getByRole('heading', { name: '指标完成情况' }).waitFor();
    },
  },
  {
    name: 'report-tasks',
    user: 'court.user',
    async prepare(page) {
      await page.goto('/reports/tasks');
      await page.locator('table.task-progress').waitFor();
    },
  },
  {
    name: 'outbox',
    user: 'coordinator',
    async prepare(page, booted) {
      await seedChatNotice(booted);
      await page.goto('/outbox');
      await page.getByRole('heading', { name: '发件箱' }).waitFor();
      await page.locator('table.data td', { hasText: '企业微信' }).first().waitFor();
    },
  },
  {
    name: 'circulars',
    user: 'coordinator',
    async prepare(page) {
      await page.goto('/circulars');
      await page.getByRole('button', { name: '立即生成通报' }).click();
      await page.locator('table.circulars-table').waitFor();
    },
  },
  {
    name: 'case-reviews',
    user: 'coordinator',
    async prepare(page, booted) {
      const db = booted.system.database.db;
      if (!(await db.caseReviewBatch.count())) await recordKnownReviews(db);
      await page.goto('/case-reviews');
      await page.locator('#review-shares').waitFor();
      await page.getByRole('button', { name: /查看批次\s*（公安分局）/ }).click();
      await page
        .getByRole('button', { name: /查看案件/ })
        .first()
        .click();
      await page.locator('#batch-detail table').waitFor();
    },
  },
  {
    name: 'case-reviews-long-pending',
    user: 'court.user',
    async prepare(page, booted) {
      const db = booted.system.database.db;
      if (!(await db.caseReviewBatch.count())) await recordKnownReviews(db);
      if (!(await db.longPendingCase.count())) await recordKnownLongPending(db);
      await page.goto('/case-reviews/long-pending');
      await page.locator('#long-pending-cases').waitFor();
      await page.getByRole('button', { name: /^查看\s*（.*民初1536号$/ }).click();
      await page.locator('#long-pending-timeline').waitFor();
    },
  },
  ...taskShots,
  ...petitionShots,
  ...monitorShots,
  ...assessmentShots,
  ...indicatorRankShots,
  {
    name: 'admin-units-robot',
    user: 'admin',
    async prepare(page) {
      await page.goto('/admin/units');
      await page.getByRole('button', { name: /^群机器人\s*公安分局$/ }).click();
      const dialog = page.getByRole('dialog', { name: '公安分局 · 群机器人' });
      await dialog.getByLabel('平台').selectOption('dingtalk');
      await dialog
        .getByLabel('Webhook 地址')
        .fill('https://oapi.dingtalk.com/robot/send?access_token=3f2a9c…');
      await dialog.getByLabel('加签密钥（SEC 开头）').fill('SEC0123456789abcdef');
    },
  },
  {
    // 先进位次 refused: the value under the field and the summary naming it by its label.
    name: 'admin-plan-advanced-rank',
    user: 'admin',
    async prepare(page) {
      await page.goto('/admin/plan');
      await page.getByRole('button', { name: '设置 执行合同的先进位次' }).click();
      const dialog = page.getByRole('dialog', { name: '先进位次：执行合同' });
      await dialog.getByLabel('先进位次（全市前几名）').fill('0');
      await dialog.getByRole('button', { name: '保存' }).click();
      await dialog.locator('.field-error').waitFor();
    },
  },
  ...(['', '/units', '/plan', '/calendars', '/audit'] as const).map((sub): Shot => ({
    name: `admin${sub.replace('/', '-')}`,
    user: 'admin',
    async prepare(page) {
      await page.goto(`/admin${sub}`);
      await page.locator('nav.tabs').waitFor();
      await page.locator('table.data').first().waitFor();
    },
  })),
];
