// Use cases of unit administration: list, create and update the units (their codes are BPMN candidate groups,
// so a code is fixed once created). Every change is audited.
import { z } from 'zod';
import { audit, audited, type Actor } from '../audit';
import { isUniqueViolation, type Db } from '../db/client';
import { conflict, notFound } from '../errors';

export const createUnitInput = z.object({
  code: z
    .string()
    .trim()
    .regex(/^[a-z][a-z0-9-]{1,39}$/, '单位代码为2–40位小写字母、数字或连字符，以字母开头'),
  name: z.string().trim().min(1, '请填写单位名称').max(100, '单位名称不超过100字'),
  shortName: z.string().trim().min(1, '请填写单位简称').max(30, '单位简称不超过30字'),
  kind: z.enum(['office', 'member', 'associate', 'external']),
  email: z.email('邮箱格式不正确').nullable().optional(),
  sortOrder: z
    .number({ message: '排序应为0–999的整数' })
    .int('排序应为0–999的整数')
    .min(0, '排序应为0–999的整数')
    .max(999, '排序应为0–999的整数')
    .optional(),
});

export const updateUnitInput = createUnitInput
  .omit({ code: true })
  .partial()
  .extend({ active: z.boolean().optional() })
  .strict();

export function listUnits(db: Db) {
  return db.unit.findMany({ orderBy: [{ sortOrder: 'asc' }, { code: 'asc' }] });
}

export async function createUnit(db: Db, actor: Actor, raw: unknown) {
  const input = createUnitInput.parse(raw);
  try {
    return await audited(db, async (tx) => {
      const unit = await tx.unit.create({ data: input });
      await audit(tx, actor, {
        action: 'unit.create',
        entity: 'unit',
        entityId: unit.id,
        unitId: unit.id,
        after: unit,
      });
      return unit;
    });
  } catch (e) {
    if (isUniqueViolation(e)) throw conflict(`单位代码“${input.code}”已存在`, 'code');
    throw e;
  }
}

export async function updateUnit(db: Db, actor: Actor, id: number, raw: unknown) {
  const input = updateUnitInput.parse(raw);
  return audited(db, async (tx) => {
    const before = await tx.unit.findUnique({ where: { id } });
    if (!before) throw notFound('单位');
    const unit = await tx.unit.update({ where: { id }, data: input });
    await audit(tx, actor, {
      action: 'unit.update',
      entity: 'unit',
      entityId: id,
      unitId: id,
      before,
      after: unit,
    });
    return unit;
  });
}
