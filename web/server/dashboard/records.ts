// The records behind a dashboard rate: the petitions not yet answered, the enterprise complaints not resolved
// (outcome 部分解决 / 未解决 / not yet visited) or not rated satisfied, the accepted cases not yet resolved — so a
// leader can go from a figure to each record.
import { z } from 'zod';
import type { Db, Prisma } from '../../../domain/db/client';
import { enterpriseFlag } from '../tasks/records';

const petitionStatus: Record<string, string> = {
  registered: '已登记',
  not_accepted: '不予受理',
  forwarded: '已转办',
  diverted_to_litigation: '导入诉讼',
  accepted: '已受理',
  handling: '办理中',
  public_reply_preparing: '公开答复准备中',
  replied: '已答复',
  closed: '已办结',
};
const caseStatus: Record<string, string> = {
  registered: '已登记',
  screening: '审查中',
  declined: '不予协调',
  opinions: '征求意见中',
  meeting_scheduled: '已定协调会',
  following_up: '跟踪落实中',
  resolved: '已化解',
};

const finished = ['not_accepted', 'forwarded', 'diverted_to_litigation', 'replied', 'closed'] as const;

const petitionQuery = z.object({
  filter: z
    .enum(['unreplied', 'unresolved', 'unsatisfied', 'all'], { message: '筛选条件无效' })
    .default('all'),
  unit: z.string().trim().max(50).optional(),
  limit: z.coerce.number().int().min(1).max(500).default(200),
});
const caseQuery = z.object({
  filter: z.enum(['unresolved', 'all'], { message: '筛选条件无效' }).default('all'),
  unit: z.string().trim().max(50).optional(),
  limit: z.coerce.number().int().min(1).max(500).default(200),
});

const petitionWhere: Record<string, Prisma.PetitionWhereInput> = {
  all: {},
  unreplied: { status: { notIn: [...finished] }, OR: [{ reply: null }, { reply: { deliveredAt: null } }] },
  unresolved: {
    petitionerKind: 'enterprise',
    status: { in: ['replied', 'closed'] },
    OR: [{ resolutionOutcome: null }, { resolutionOutcome: { not: 'resolved' } }],
  },
  unsatisfied: {
    petitionerKind: 'enterprise',
    status: { in: ['replied', 'closed'] },
    OR: [{ satisfaction: null }, { satisfaction: { rating: 'unsatisfied' } }],
  },
};

export async function petitionRecords(db: Db, raw: unknown) {
  const q = petitionQuery.parse(raw);
  const where: Prisma.PetitionWhereInput = {
    AND: [petitionWhere[q.filter], q.unit ? { handlingUnit: { code: q.unit } } : {}],
  };
  const [total, rows] = await Promise.all([
    db.petition.count({ where }),
    db.petition.findMany({
      where,
      // Enterprise complaints first (优先、快速), then the nearest deadline; the newest among the rest.
      orderBy: [{ petitionerKind: 'asc' }, { handlingDue: { sort: 'asc', nulls: 'last' } }, { id: 'desc' }],
      take: q.limit,
      select: {
        id: true,
        number: true,
        subject: true,
        petitionerKind: true,
        status: true,
        registeredAt: true,
        handlingUnit: { select: { shortName: true } },
      },
    }),
  ]);
  return {
    total,
    rows: rows.map((p) => ({
      id: p.id,
      number: p.number,
      title: p.subject,
      unit: p.handlingUnit.shortName,
      status: petitionStatus[p.status] ?? p.status,
      at: p.registeredAt,
      href: `/petitions/${p.id}`,
      flag: p.petitionerKind === 'enterprise' ? enterpriseFlag : null,
    })),
  };
}

export async function caseRecords(db: Db, raw: unknown) {
  const q = caseQuery.parse(raw);
  const where: Prisma.EnterpriseCaseWhereInput = {
    AND: [
      q.filter === 'unresolved' ? { status: { in: ['opinions', 'meeting_scheduled', 'following_up'] } } : {},
      q.unit ? { handlingUnit: { code: q.unit } } : {},
    ],
  };
  const [total, rows] = await Promise.all([
    db.enterpriseCase.count({ where }),
    db.enterpriseCase.findMany({
      where,
      orderBy: { id: 'desc' },
      take: q.limit,
      select: {
        id: true,
        number: true,
        disputePoint: true,
        status: true,
        createdAt: true,
        handlingUnit: { select: { shortName: true } },
        enterprise: { select: { name: true } },
      },
    }),
  ]);
  return {
    total,
    rows: rows.map((c) => ({
      id: c.id,
      number: c.number,
      title: `${c.enterprise.name}：${c.disputePoint}`,
      unit: c.handlingUnit.shortName,
      status: caseStatus[c.status] ?? c.status,
      at: c.createdAt,
      href: `/cases/${c.id}`,
    })),
  };
}
