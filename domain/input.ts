// Building blocks of the use cases' input schemas (zod) that more than one process's forms use.
import { z } from 'zod';

/** An optional text, trimmed, at most `max` characters; empty, null or missing all become null. */
export const optionalText = (max: number) =>
  z
    .string()
    .trim()
    .max(max)
    .nullish()
    .transform((v) => (v ? v : null));

/** A calendar day as YYYY-MM-DD that exists (no 2026-02-30). */
export const isoDay = z
  .string({ message: '请填写日期' })
  .regex(/^\d{4}-\d{2}-\d{2}$/, '日期格式应为 2026-12-05')
  .refine(
    (d) =>
      !Number.isNaN(Date.parse(`${d}T00:00:00Z`)) && new Date(`${d}T00:00:00Z`).toISOString().startsWith(d),
    '不是有效的日期',
  );
