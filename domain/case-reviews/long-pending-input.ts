// What the court enters for a long-pending case (plan task 5) and how it is checked: the 案号 in its usual
// form, (2024)豫0703民初123号, accepted with half- or full-width brackets, 〔〕 or spaces and kept in one
// spelling (full-width brackets, no spaces) so a case cannot be registered twice under two spellings; dates as
// YYYY-MM-DD in Asia/Shanghai, none in the future, none before the filing.
import { z } from 'zod';

const date = z.string().regex(/^\d{4}-\d{2}-\d{2}$/, '日期格式应为 2026-12-05');
const optionalText = (max: number) =>
  z
    .string()
    .trim()
    .max(max, `不能超过 ${max} 字`)
    .nullish()
    .transform((v) => v || null);

/** One spelling of a 案号: full-width brackets, no spaces. */
export function normaliseCaseNumber(raw: string): string {
  return raw
    .replace(/\s+/g, '')
    .replace(/[([〔【]/g, '（')
    .replace(/[)\]〕】]/g, '）');
}

// （year）[province or letter][court code][case type: 民初, 民终, 民再, 民申, 商初, 执, 执恢, 破 …][number]号[之一]
const caseNumberPattern =
  /^（(19|20)\d{2}）[\u4e00-\u9fffA-Z]?\d{0,6}[\u4e00-\u9fff]{0,3}[民商执破][\u4e00-\u9fff]{0,3}\d{1,6}号(之[一二三四五六七八九十\d]+)?$/;

export const caseNumber = z
  .string({ message: '请填写案号' })
  .trim()
  .min(1, '请填写案号')
  .max(60, '案号过长')
  .transform(normaliseCaseNumber)
  .refine((v) => caseNumberPattern.test(v), '案号格式应如（2024）豫0703民初123号，须为民商事或其执行案件');

export const caseTypes = ['civil', 'commercial'] as const;
export const caseTypeNames: Record<(typeof caseTypes)[number], string> = {
  civil: '民事',
  commercial: '商事',
};
export const closingMethods = ['judgment', 'mediation', 'withdrawal', 'enforced', 'other'] as const;
export const closingMethodNames: Record<(typeof closingMethods)[number], string> = {
  judgment: '判决',
  mediation: '调解',
  withdrawal: '撤诉',
  enforced: '执行完毕',
  other: '其他',
};

const caseFields = {
  caseType: z.enum(caseTypes, { message: '请选择案件类型（民事或商事）' }),
  parties: z
    .string({ message: '请填写当事人' })
    .trim()
    .min(1, '请填写当事人')
    .max(500, '当事人不能超过 500 字'),
  enterprise: z
    .string({ message: '请填写涉及的企业' })
    .trim()
    .min(1, '请填写涉及的企业')
    .max(200, '企业名称不能超过 200 字'),
  filedOn: date,
  handler: optionalText(100),
  plan: optionalText(2000),
  targetOn: date.nullish().transform((v) => v || null),
};

function datesInOrder(v: { filedOn: string; targetOn: string | null }, ctx: z.RefinementCtx, today: string) {
  if (v.filedOn > today) ctx.addIssue({ code: 'custom', path: ['filedOn'], message: '立案日期不能晚于今天' });
  if (v.targetOn && v.targetOn < v.filedOn)
    ctx.addIssue({ code: 'custom', path: ['targetOn'], message: '目标结案日期不能早于立案日期' });
}

export const registerInput = (today: string) =>
  z.object({ caseNumber, ...caseFields }).superRefine((v, ctx) => datesInOrder(v, ctx, today));
export type RegisterInput = z.input<ReturnType<typeof registerInput>>;

export const updateInput = (today: string) =>
  z.object(caseFields).superRefine((v, ctx) => datesInOrder(v, ctx, today));
export type UpdateInput = z.input<ReturnType<typeof updateInput>>;

export const progressInput = z.object({
  content: z
    .string({ message: '请填写进展情况' })
    .trim()
    .min(1, '请填写进展情况')
    .max(2000, '不能超过 2000 字'),
});

export const closeInput = (today: string) =>
  z
    .object({
      closedOn: date,
      closingMethod: z.enum(closingMethods, { message: '请选择结案方式' }),
      note: optionalText(2000),
    })
    .superRefine((v, ctx) => {
      if (v.closedOn > today)
        ctx.addIssue({ code: 'custom', path: ['closedOn'], message: '结案日期不能晚于今天' });
    });
export type CloseInput = z.input<ReturnType<typeof closeInput>>;

export const toReviewInput = z.object({
  batchId: z.coerce.number({ message: '请选择评查批次' }).int('请选择评查批次').positive('请选择评查批次'),
  problem: optionalText(2000),
});

export const raiseInput = z.object({
  leadUnitCode: z.string({ message: '请选择整改责任单位' }).trim().min(1, '请选择整改责任单位'),
  problem: z.string({ message: '请填写需整改的问题' }).trim().min(1, '请填写需整改的问题').max(2000),
  dueAt: z.coerce.date().optional(),
});
