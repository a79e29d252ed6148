// The rules of 考核 (plan §四(四)): the five dimensions the plan names, each with a weight (together 100) and
// either computed from the records — one or more measures whose shares sum to 100 — or entered by the office.
// An admin sets them (validated, audited); until then the defaults below apply.
import { z } from 'zod';
import { audit, audited, type Actor } from '../audit';
import type { Db } from '../db/client';
import { invalid } from '../errors';

export const measures = [
  'reportsOnTime',
  'ledgerOnTime',
  'indicatorAttainment',
  'taskProgress',
  'publicity',
  'complaintResolution',
  'longPendingClearance',
] as const;
export type Measure = (typeof measures)[number];

export const measureLabels: Record<Measure, string> = {
  reportsOnTime: '周报按时报送率',
  ledgerOnTime: '台账事项按期销号率',
  indicatorAttainment: '指标达标率',
  taskProgress: '方案任务进展填报率',
  publicity: '宣传工作完成率',
  complaintResolution: '企业投诉解决率',
  longPendingClearance: '长期未结案件清结率',
};

export const dimensionCodes = [
  'provincial-evaluation',
  'plan-tasks',
  'indicators',
  'daily-work',
  'reporting',
] as const;
export type DimensionCode = (typeof dimensionCodes)[number];

export const dimensionNames: Record<DimensionCode, string> = {
  'provincial-evaluation': '省级营商环境评价情况',
  'plan-tasks': '方案及清单重点任务落实情况',
  indicators: '指标整改提升情况',
  'daily-work': '日常工作开展情况',
  reporting: '信息报送情况',
};

export interface Dimension {
  code: DimensionCode;
  name: string;
  weight: number;
  manual: boolean;
  measures: { measure: Measure; share: number }[];
}

export interface AssessmentRules {
  dimensions: Dimension[];
  /** Publicity items a unit is expected to register per quarter (a year expects four times as many). */
  publicityTargetPerQuarter: number;
}

// The plan sets no weights: these are a starting point the admin replaces. 解决率 sits under 日常工作开展情况:
// it judges how each complaint that comes in through the units' channels is handled (plan task 9: 件件有反馈,
// 快受快办), which is day-to-day work; 方案任务 is judged by the tasks' progress and the ledger, and 指标 by the
// evaluation indicators the units report (the complaint rate is a process figure and not among them).
// 长期未结案件清结率 is plan task 5 itself, so it sits under 方案任务 too, at a fifth (the plan names no share);
// only the court keeps the register, so for every other unit it is not due and its share goes to the others.
export const defaultRules: AssessmentRules = {
  dimensions: [
    {
      code: 'provincial-evaluation',
      name: dimensionNames['provincial-evaluation'],
      weight: 30,
      manual: true,
      measures: [],
    },
    {
      code: 'plan-tasks',
      name: dimensionNames['plan-tasks'],
      weight: 25,
      manual: false,
      measures: [
        { measure: 'ledgerOnTime', share: 40 },
        { measure: 'taskProgress', share: 40 },
        { measure: 'longPendingClearance', share: 20 },
      ],
    },
    {
      code: 'indicators',
      name: dimensionNames.indicators,
      weight: 20,
      manual: false,
      measures: [{ measure: 'indicatorAttainment', share: 100 }],
    },
    {
      code: 'daily-work',
      name: dimensionNames['daily-work'],
      weight: 15,
      manual: false,
      measures: [
        { measure: 'publicity', share: 50 },
        { measure: 'complaintResolution', share: 50 },
      ],
    },
    {
      code: 'reporting',
      name: dimensionNames.reporting,
      weight: 10,
      manual: false,
      measures: [{ measure: 'reportsOnTime', share: 100 }],
    },
  ],
  publicityTargetPerQuarter: 3,
};

const sumIs100 = (xs: number[]) => Math.abs(xs.reduce((a, b) => a + b, 0) - 100) < 1e-9;

export const rulesInput = z
  .object({
    dimensions: z
      .array(
        z.object({
          code: z.enum(dimensionCodes, { message: '未知的考核维度' }),
          weight: z.number({ message: '权重应为数字' }).min(0, '权重不能为负').max(100, '权重不超过 100'),
          manual: z.boolean({ message: '请选择计分方式' }),
          measures: z
            .array(
              z.object({
                measure: z.enum(measures, { message: '未知的计算项' }),
                share: z.number({ message: '占比应为数字' }).gt(0, '占比应大于 0').max(100, '占比不超过 100'),
              }),
            )
            .max(measures.length),
        }),
      )
      .length(dimensionCodes.length, `应设置全部 ${dimensionCodes.length} 个考核维度`),
    publicityTargetPerQuarter: z
      .number({ message: '宣传目标应为数字' })
      .int('宣传目标应为整数')
      .min(1, '每季度宣传目标至少 1 项')
      .max(100, '每季度宣传目标不超过 100 项'),
  })
  .superRefine((v, ctx) => {
    const codes = v.dimensions.map((d) => d.code);
    if (new Set(codes).size !== codes.length)
      ctx.addIssue({ code: 'custom', path: ['dimensions'], message: '考核维度重复' });
    if (!sumIs100(v.dimensions.map((d) => d.weight)))
      ctx.addIssue({
        code: 'custom',
        path: ['dimensions'],
        message: `各维度权重之和应为 100（现为 ${v.dimensions.reduce((a, d) => a + d.weight, 0)}）`,
      });
    v.dimensions.forEach((d, i) => {
      const name = dimensionNames[d.code];
      if (d.manual && d.measures.length)
        ctx.addIssue({
          code: 'custom',
          path: ['dimensions', i, 'measures'],
          message: `“${name}”为人工评分，不应设置计算项`,
        });
      if (!d.manual && !d.measures.length)
        ctx.addIssue({
          code: 'custom',
          path: ['dimensions', i, 'measures'],
          message: `“${name}”须至少设置一个计算项`,
        });
      const ms = d.measures.map((m) => m.measure);
      if (new Set(ms).size !== ms.length)
        ctx.addIssue({
          code: 'custom',
          path: ['dimensions', i, 'measures'],
          message: `“${name}”的计算项重复`,
        });
      if (d.measures.length && !sumIs100(d.measures.map((m) => m.share)))
        ctx.addIssue({
          code: 'custom',
          path: ['dimensions', i, 'measures'],
          message: `“${name}”各计算项占比之和应为 100`,
        });
    });
  });
export type RulesInput = z.input<typeof rulesInput>;

export async function loadRules(db: Db): Promise<AssessmentRules> {
  const [rows, setting] = await Promise.all([
    db.assessmentDimension.findMany({ orderBy: { sortOrder: 'asc' } }),
    db.assessmentSetting.findUnique({ where: { key: 'publicityTargetPerQuarter' } }),
  ]);
  if (!rows.length) return structuredClone(defaultRules);
  return {
    dimensions: rows.map((r) => ({
      code: r.code as DimensionCode,
      name: r.name,
      weight: r.weight,
      manual: r.manual,
      measures: r.measures as Dimension['measures'],
    })),
    publicityTargetPerQuarter: setting?.value ?? defaultRules.publicityTargetPerQuarter,
  };
}

/** Replaces the rules as a whole (weights, scoring, the publicity target); the change is audited. */
export async function saveRules(db: Db, actor: Actor, raw: RulesInput): Promise<AssessmentRules> {
  const input = rulesInput.parse(raw);
  const before = await loadRules(db);
  const order = new Map(dimensionCodes.map((c, i) => [c, i]));
  const after: AssessmentRules = {
    dimensions: [...input.dimensions]
      .sort((a, b) => order.get(a.code)! - order.get(b.code)!)
      .map((d) => ({ ...d, name: dimensionNames[d.code] })),
    publicityTargetPerQuarter: input.publicityTargetPerQuarter,
  };
  if (after.dimensions.length !== dimensionCodes.length) throw invalid('考核维度不完整', 'dimensions');
  await audited(db, async (tx) => {
    for (const [i, d] of after.dimensions.entries()) {
      const data = { name: d.name, weight: d.weight, manual: d.manual, measures: d.measures, sortOrder: i };
      await tx.assessmentDimension.upsert({
        where: { code: d.code },
        create: { code: d.code, ...data },
        update: data,
      });
    }
    await tx.assessmentSetting.upsert({
      where: { key: 'publicityTargetPerQuarter' },
      create: { key: 'publicityTargetPerQuarter', value: after.publicityTargetPerQuarter },
      update: { value: after.publicityTargetPerQuarter },
    });
    await audit(tx, actor, {
      action: 'assessmentRules.update',
      entity: 'assessmentRules',
      entityId: 'rules',
      before,
      after,
    });
  });
  return after;
}
