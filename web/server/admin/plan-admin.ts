// Administration of the organisation and the plan that the domain does not offer yet: positions with their
// holders, the plan's 13 tasks with their responsible units, and the indicator targets (the plan's and each
// owner's own). Every change is audited in the same transaction. (The plan issue may move these into domain/.)
import { z } from 'zod';
import { audit, audited, type Actor } from '../../../domain/audit';
import type { Db } from '../../../domain/db/client';
import { invalid, notFound } from '../../../domain/errors';

export function listPositions(db: Db) {
  return db.position.findMany({
    orderBy: { sortOrder: 'asc' },
    include: {
      unit: { select: { code: true, shortName: true } },
      holder: { select: { id: true, username: true, displayName: true } },
    },
  });
}

export const positionUpdate = z
  .object({
    title: z.string().trim().min(1, '请填写职务名称').max(50).optional(),
    duty: z.string().trim().max(500).nullable().optional(),
    holderUsername: z.string().trim().min(1).nullable().optional(),
  })
  .strict();

export async function updatePosition(db: Db, actor: Actor, id: number, raw: unknown) {
  const input = positionUpdate.parse(raw);
  return audited(db, async (tx) => {
    const before = await tx.position.findUnique({ where: { id } });
    if (!before) throw notFound('职务');
    let holderId: number | null | undefined;
    if (input.holderUsername === null) holderId = null;
    else if (input.holderUsername !== undefined) {
      const user = await tx.user.findUnique({ where: { username: input.holderUsername } });
      if (!user || !user.active)
        throw invalid(`用户“${input.holderUsername}”不存在或已停用`, 'holderUsername');
      holderId = user.id;
    }
    const after = await tx.position.update({
      where: { id },
      data: { title: input.title, duty: input.duty, holderId },
    });
    await audit(tx, actor, {
      action: 'position.update',
      entity: 'position',
      entityId: id,
      unitId: before.unitId,
      before,
      after,
    });
    return after;
  });
}

export function listPlanTasks(db: Db) {
  return db.planTask.findMany({
    orderBy: { number: 'asc' },
    include: { units: { include: { unit: { select: { code: true, shortName: true } } } } },
  });
}

export const planTaskUpdate = z
  .object({
    title: z.string().trim().min(1, '请填写任务名称').max(200).optional(),
    description: z.string().trim().max(2000).nullable().optional(),
    units: z
      .array(z.object({ code: z.string().trim().min(1), isLead: z.boolean().default(false) }))
      .min(1, '至少指定一个责任单位')
      .max(10)
      .optional(),
  })
  .strict();

export async function updatePlanTask(db: Db, actor: Actor, id: number, raw: unknown) {
  const input = planTaskUpdate.parse(raw);
  return audited(db, async (tx) => {
    const before = await tx.planTask.findUnique({ where: { id }, include: { units: true } });
    if (!before) throw notFound('任务');
    if (input.units) {
      const codes = input.units.map((u) => u.code);
      const units = await tx.unit.findMany({ where: { code: { in: codes } } });
      const unknown = codes.filter((c) => !units.some((u) => u.code === c));
      if (unknown.length) throw invalid(`单位代码“${unknown.join('、')}”不存在`, 'units');
      await tx.planTaskUnit.deleteMany({ where: { planTaskId: id } });
      await tx.planTaskUnit.createMany({
        data: input.units.map((u) => ({
          planTaskId: id,
          unitId: units.find((x) => x.code === u.code)!.id,
          isLead: u.isLead,
        })),
      });
    }
    const after = await tx.planTask.update({
      where: { id },
      data: { title: input.title, description: input.description },
      include: { units: true },
    });
    await audit(tx, actor, { action: 'planTask.update', entity: 'planTask', entityId: id, before, after });
    return after;
  });
}

export function listIndicators(db: Db) {
  return db.indicator.findMany({
    orderBy: { sortOrder: 'asc' },
    include: { owners: { include: { unit: { select: { code: true, shortName: true, sortOrder: true } } } } },
  });
}

const percent = z
  .number({ message: '目标值应为0–100的数' })
  .min(0, '目标值应为0–100的数')
  .max(100, '目标值应为0–100的数');

export const indicatorUpdate = z
  .object({
    target: percent.optional(),
    owners: z
      .array(z.object({ unitCode: z.string().trim().min(1), target: percent.nullable() }))
      .max(20)
      .optional(),
  })
  .strict();

/** The plan's target, and each owner's own target (null: the plan's applies). */
export async function updateIndicatorTargets(db: Db, actor: Actor, id: number, raw: unknown) {
  const input = indicatorUpdate.parse(raw);
  return audited(db, async (tx) => {
    const before = await tx.indicator.findUnique({ where: { id }, include: { owners: true } });
    if (!before) throw notFound('指标');
    if (input.target !== undefined)
      await tx.indicator.update({ where: { id }, data: { target: input.target } });
    for (const o of input.owners ?? []) {
      const unit = await tx.unit.findUnique({ where: { code: o.unitCode } });
      const owner = unit && before.owners.find((x) => x.unitId === unit.id);
      if (!owner) throw invalid(`“${o.unitCode}”不是该指标的责任单位`, 'owners');
      await tx.indicatorOwner.update({
        where: { indicatorId_unitId: { indicatorId: id, unitId: owner.unitId } },
        data: { target: o.target },
      });
    }
    const after = await tx.indicator.findUniqueOrThrow({ where: { id }, include: { owners: true } });
    await audit(tx, actor, { action: 'indicator.update', entity: 'indicator', entityId: id, before, after });
    return after;
  });
}
