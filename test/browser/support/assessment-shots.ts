// The 宣传 and 考核 pages for `npm run screenshots`, with a few publicity items and one manual score added to the
// demo data of the current quarter, two 奖惩 (one a 责令整改 with its ledger item) and the demo's long-pending
// register (清结率 under 方案任务), so the tables have something to show.
import { DateTime } from 'luxon';
import type { Page } from 'playwright-core';
import { recordSanction } from '../../../domain/assessment/sanctions';
import { enterAssessmentScore } from '../../../domain/assessment/scores';
import { recordPublicity } from '../../../domain/publicity/publicity';
import { seedDemoRegisters } from '../../../domain/seed/demo-registers';
import { sampleAnsweredComplaints } from './assessment-complaints';
import type { BootedSystem } from './system';
import type { Shot } from './shots';

const quarter = () => {
  const now = DateTime.now().setZone('Asia/Shanghai');
  return `${now.year}-Q${now.quarter}`;
};

export async function sampleAssessmentData(booted: BootedSystem): Promise<void> {
  const db = booted.system.database.db;
  if (await db.publicityItem.count()) return;
  const office = { userId: null, label: 'coordinator' };
  const all = { all: true } as const;
  const today = DateTime.now().setZone('Asia/Shanghai');
  const day = (n: number) => today.minus({ days: n }).toISODate()!;
  await recordPublicity(db, office, all, {
    unitCode: 'court',
    kind: 'trial_broadcast',
    title: '某建材公司买卖合同纠纷案庭审直播',
    happenedOn: day(2),
    participants: '人大代表2名、企业家代表5名',
  });
  await recordPublicity(db, office, all, {
    unitCode: 'court',
    kind: 'media_report',
    title: '区法院“立审执”一体护航民营企业',
    happenedOn: day(9),
    outlet: '人民法院报',
    mediaLevel: 'national',
  });
  await recordPublicity(db, office, all, {
    unitCode: 'procuratorate',
    kind: 'typical_case',
    title: '检察机关依法保护企业合法权益典型案例（第一批）',
    happenedOn: day(5),
  });
  await recordPublicity(db, office, all, {
    unitCode: 'police',
    kind: 'press_conference',
    title: '打击涉企违法犯罪专项行动新闻发布会',
    happenedOn: day(12),
    participants: '政协委员、企业家代表',
  });
  await enterAssessmentScore(db, office, {
    period: quarter(),
    unitCode: 'court',
    dimension: 'provincial-evaluation',
    score: 92,
    reason: '省营商办季度评价：执行合同指标全市第二',
  });
  await enterAssessmentScore(db, office, {
    period: quarter(),
    unitCode: 'police',
    dimension: 'provincial-evaluation',
    score: 85,
    reason: '省营商办季度评价：涉企警情处置满意度良好',
  });
  const decided = { period: quarter(), decidedBy: '区优化法治化营商环境工作专班', decidedOn: day(1) };
  await recordSanction(db, office, null, {
    ...decided,
    unitCode: 'court',
    kind: 'commend',
    reason: '执行合同指标全市位次前移三位',
    basis: '《优化营商环境工作奖惩办法》第五条第一项',
  });
  await recordSanction(db, office, null, {
    ...decided,
    unitCode: 'police',
    kind: 'rectify',
    reason: '涉企警情回访连续两周未按期报送',
    basis: '《优化营商环境工作奖惩办法》第八条第二项',
  });
  await sampleAnsweredComplaints(db, today);
  await seedDemoRegisters(db);
}

async function openAssessment(page: Page, booted: BootedSystem) {
  await sampleAssessmentData(booted);
  await page.goto('/assessment');
  await page.locator('table.assessment-table').waitFor();
}

export const assessmentShots: Shot[] = [
  {
    name: 'publicity',
    user: 'court.user',
    async prepare(page, booted) {
      await sampleAssessmentData(booted);
      await page.goto('/publicity');
      await page.locator('table.publicity-table').waitFor();
    },
  },
  {
    name: 'publicity-add',
    user: 'court.user',
    async prepare(page, booted) {
      await sampleAssessmentData(booted);
      await page.goto('/publicity');
      await page.getByRole('button', { name: '登记宣传' }).click();
      await page
        .getByRole('dialog', { name: '登记宣传工作' })
        .getByLabel('宣传形式')
        .selectOption('media_report');
      await page.getByLabel('媒体名称').waitFor();
    },
  },
  { name: 'assessment', user: 'coordinator', widths: [1280, 768], prepare: openAssessment },
  {
    name: 'assessment-records',
    user: 'leader',
    async prepare(page, booted) {
      await openAssessment(page, booted);
      await page.getByRole('button', { name: '区法院 方案及清单重点任务落实情况 计分依据' }).click();
      await page.locator('.traced-records').first().waitFor();
    },
  },
  {
    name: 'assessment-daily-work',
    user: 'leader',
    async prepare(page, booted) {
      await openAssessment(page, booted);
      await page.getByRole('button', { name: '区法院 日常工作开展情况 计分依据' }).click();
      await page.locator('.traced-records').first().waitFor();
    },
  },
  {
    name: 'assessment-entry',
    user: 'coordinator',
    async prepare(page, booted) {
      await openAssessment(page, booted);
      await page.getByRole('button', { name: '区检察院 省级营商环境评价情况 计分依据' }).click();
      await page.getByRole('button', { name: '保存评分' }).waitFor();
    },
  },
  {
    name: 'assessment-sanction-add',
    user: 'coordinator',
    async prepare(page, booted) {
      await openAssessment(page, booted);
      await page.getByRole('button', { name: '登记奖惩' }).click();
      await page.getByRole('dialog', { name: '登记奖惩' }).getByLabel('类别').selectOption('rectify');
      await page.getByLabel('整改期限（可选）').waitFor();
    },
  },
  {
    name: 'assessment-unit',
    user: 'police.user',
    async prepare(page, booted) {
      await sampleAssessmentData(booted);
      await page.goto('/assessment');
      await page.getByText('涉企警情回访连续两周未按期报送').waitFor();
    },
  },
  {
    name: 'admin-assessment',
    user: 'admin',
    async prepare(page) {
      await page.goto('/admin/assessment');
      await page.getByRole('button', { name: '保存规则' }).waitFor();
    },
  },
];
