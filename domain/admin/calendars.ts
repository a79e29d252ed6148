// Use cases of calendar and deadline-rule administration: read a year of the holiday calendar, replace it
// (e.g. when the State Council publishes next year's notice), and change a deadline rule. Audited.
import { z } from 'zod';
import { DateTime } from 'luxon';
import { audit, audited, type Actor } from '../audit';
import type { Db } from '../db/client';
import { invalid, notFound } from '../errors';

export const calendarYearInput = z.object({
  source: z.string().trim().min(1, '请注明依据（通知名称及日期）').max(300, '依据不超过300字'),
  provisional: z.boolean().default(false),
  days: z
    .array(
      z.object({
        date: z.iso.date('日期格式应为 YYYY-MM-DD'),
        kind: z.enum(['holiday', 'workday'], { message: '类别应为放假或调休上班' }),
        name: z.string().trim().min(1, '请填写节日名称').max(30, '节日名称不超过30字'),
      }),
    )
    .max(80, '一年的节假日安排不超过80天'),
});

export const deadlineRuleUpdate = z
  .object({
    name: z.string({ message: '请填写名称' }).trim().min(1, '请填写名称').max(100, '名称不超过100字'),
    days: z
      .number({ message: '天数应为整数' })
      .int('天数应为整数')
      .min(-365, '天数应在-365到365之间')
      .max(365, '天数应在-365到365之间'),
    kind: z.enum(['calendar', 'working'], { message: '计算方式应为自然日或工作日' }),
    excludeStartDay: z.boolean(),
    rollForwardOnHoliday: z.boolean(),
    basis: z.string().trim().max(300, '依据不超过300字').nullable(),
  })
  .partial()
  .strict();

export async function getCalendarYear(db: Db, year: number) {
  const row = await db.calendarYear.findUnique({
    where: { year },
    include: { days: { orderBy: { date: 'asc' } } },
  });
  if (!row) throw notFound(`${year}年节假日安排`);
  return row;
}

export async function replaceCalendarYear(db: Db, actor: Actor, year: number, raw: unknown) {
  const input = calendarYearInput.parse(raw);
  const dates = new Set<string>();
  for (const [i, day] of input.days.entries()) {
    if (!day.date.startsWith(`${year}-`)) throw invalid(`${day.date} 不在 ${year} 年`, `days.${i}.date`);
    if (dates.has(day.date)) throw invalid(`${day.date} 重复`, `days.${i}.date`);
    dates.add(day.date);
    const weekday = DateTime.fromISO(day.date).weekday;
    if (day.kind === 'workday' && weekday <= 5)
      throw invalid(`${day.date} 是工作日，无需调休上班`, `days.${i}.kind`);
  }
  return audited(db, async (tx) => {
    const before = await tx.calendarYear.findUnique({ where: { year }, include: { days: true } });
    await tx.calendarDay.deleteMany({ where: { year } });
    const data = { source: input.source, provisional: input.provisional };
    await tx.calendarYear.upsert({ where: { year }, update: data, create: { year, ...data } });
    await tx.calendarDay.createMany({ data: input.days.map((d) => ({ ...d, year })) });
    const after = await tx.calendarYear.findUniqueOrThrow({
      where: { year },
      include: { days: { orderBy: { date: 'asc' } } },
    });
    await audit(tx, actor, {
      action: 'calendar.replace',
      entity: 'calendarYear',
      entityId: year,
      before,
      after,
    });
    return after;
  });
}

export function listDeadlineRules(db: Db) {
  return db.deadlineRule.findMany({ orderBy: { code: 'asc' } });
}

export async function updateDeadlineRule(db: Db, actor: Actor, code: string, raw: unknown) {
  const input = deadlineRuleUpdate.parse(raw);
  return audited(db, async (tx) => {
    const before = await tx.deadlineRule.findUnique({ where: { code } });
    if (!before) throw notFound('期限规则');
    const rule = await tx.deadlineRule.update({ where: { code }, data: input });
    await audit(tx, actor, {
      action: 'deadlineRule.update',
      entity: 'deadlineRule',
      entityId: rule.id,
      before,
      after: rule,
    });
    return rule;
  });
}
