// 宣传 (plan §三(三)(四)): each unit registers its publicity — 庭审直播, 典型案例, 新闻发布会 and reports in
// provincial or higher media with the outlet and the day — which the week's report and summary show and 考核
// counts. A unit user records and sees its own unit's items only.
import { DateTime } from 'luxon';
import { z } from 'zod';
import { audit, audited, type Actor } from '../audit';
import type { UnitScope } from '../auth/roles';
import { zone } from '../calendar/deadline';
import type { Db } from '../db/client';
import { DomainError, invalid } from '../errors';
import { isoDay, optionalText } from '../input';

export const publicityKinds = [
  'trial_broadcast',
  'typical_case',
  'press_conference',
  'media_report',
] as const;
export type PublicityKind = (typeof publicityKinds)[number];

export const publicityKindLabels: Record<PublicityKind, string> = {
  trial_broadcast: '庭审直播',
  typical_case: '发布典型案例',
  press_conference: '新闻发布会',
  media_report: '省级及以上媒体报道',
};

export const mediaLevelLabels = { provincial: '省级', national: '中央级' } as const;

export const publicityInput = z
  .object({
    unitCode: z.string({ message: '请选择单位' }).trim().min(1, '请选择单位'),
    kind: z.enum(publicityKinds, { message: '请选择宣传形式' }),
    title: z.string({ message: '请填写标题' }).trim().min(1, '请填写标题').max(200, '标题不超过 200 字'),
    happenedOn: isoDay,
    outlet: optionalText(100),
    mediaLevel: z.enum(['provincial', 'national'], { message: '媒体级别应为省级或中央级' }).nullish(),
    link: optionalText(500).refine(
      (v) => v === null || /^https?:\/\//.test(v),
      '链接应以 http:// 或 https:// 开头',
    ),
    participants: optionalText(500),
  })
  .superRefine((v, ctx) => {
    if (v.kind !== 'media_report') return;
    if (!v.outlet) ctx.addIssue({ code: 'custom', path: ['outlet'], message: '媒体报道须填写媒体名称' });
    if (!v.mediaLevel)
      ctx.addIssue({
        code: 'custom',
        path: ['mediaLevel'],
        message: '媒体报道须为省级及以上媒体，请选择媒体级别',
      });
  });
export type PublicityInput = z.input<typeof publicityInput>;

/** Registers one item; a unit user only for its own unit. */
export async function recordPublicity(db: Db, actor: Actor, scope: UnitScope, raw: PublicityInput) {
  const input = publicityInput.parse(raw);
  return audited(db, async (tx) => {
    const unit = await tx.unit.findUnique({ where: { code: input.unitCode } });
    if (!unit || !unit.active || unit.kind === 'external')
      throw invalid(`单位“${input.unitCode}”不存在`, 'unitCode');
    if (!scope.all && scope.unitId !== unit.id)
      throw new DomainError('forbidden', '只能登记本单位的宣传工作', 'unitCode');
    const item = await tx.publicityItem.create({
      data: {
        unitId: unit.id,
        kind: input.kind,
        title: input.title,
        happenedOn: input.happenedOn,
        outlet: input.outlet,
        mediaLevel: input.kind === 'media_report' ? input.mediaLevel : (input.mediaLevel ?? null),
        link: input.link,
        participants: input.participants,
        createdById: actor.userId,
      },
    });
    await audit(tx, actor, {
      action: 'publicity.create',
      entity: 'publicityItem',
      entityId: item.id,
      unitId: unit.id,
      after: item,
    });
    return item;
  });
}

export interface PublicityFilter {
  from?: string;
  to?: string;
  unitId?: number;
}

/** Items within the scope (and filter), newest first, with their unit and labels. */
export async function listPublicity(db: Db, scope: UnitScope, filter: PublicityFilter = {}) {
  if (!scope.all && scope.unitId === null) return [];
  const unitId = scope.all ? filter.unitId : (scope.unitId as number);
  const rows = await db.publicityItem.findMany({
    where: {
      ...(unitId !== undefined ? { unitId } : {}),
      happenedOn: { ...(filter.from ? { gte: filter.from } : {}), ...(filter.to ? { lte: filter.to } : {}) },
    },
    include: { unit: { select: { code: true, shortName: true, sortOrder: true } } },
    orderBy: [{ happenedOn: 'desc' }, { id: 'desc' }],
  });
  return rows.map(presentPublicity);
}

export function presentPublicity(r: {
  id: number;
  kind: string;
  title: string;
  happenedOn: string;
  outlet: string | null;
  mediaLevel: string | null;
  link: string | null;
  participants: string | null;
  unit: { code: string; shortName: string };
}) {
  return {
    id: r.id,
    unitCode: r.unit.code,
    unitName: r.unit.shortName,
    kind: r.kind,
    kindLabel: publicityKindLabels[r.kind as PublicityKind] ?? r.kind,
    title: r.title,
    happenedOn: r.happenedOn,
    outlet: r.outlet,
    mediaLevel: r.mediaLevel,
    mediaLevelLabel: r.mediaLevel ? mediaLevelLabels[r.mediaLevel as keyof typeof mediaLevelLabels] : null,
    link: r.link,
    participants: r.participants,
  };
}
export type PublicityRow = ReturnType<typeof presentPublicity>;

/** The items of an ISO week (Monday to Sunday), of one unit or all: what the week's report and summary show. */
export async function publicityOfWeek(db: Pick<Db, 'publicityItem'>, isoWeek: string, unitId?: number) {
  const monday = DateTime.fromISO(`${isoWeek}-1`, { zone });
  if (!monday.isValid) return [];
  const rows = await db.publicityItem.findMany({
    where: {
      ...(unitId !== undefined ? { unitId } : {}),
      happenedOn: { gte: monday.toISODate()!, lte: monday.plus({ days: 6 }).toISODate()! },
    },
    include: { unit: { select: { code: true, shortName: true, sortOrder: true } } },
    orderBy: [{ unit: { sortOrder: 'asc' } }, { happenedOn: 'asc' }, { id: 'asc' }],
  });
  return rows.map(presentPublicity);
}
