// Reads of domain records within a principal's unit scope: the filter is part of every query, so a unit user
// guessing another unit's id gets "not found", exactly as for an id that does not exist.
import type { UnitScope } from '../auth/roles';
import type { Db, Prisma } from '../db/client';
import { notFound } from '../errors';

function ledgerWhere(scope: UnitScope): Prisma.LedgerItemWhereInput {
  if (scope.all) return {};
  const unitId = scope.unitId ?? -1;
  return { OR: [{ leadUnitId: unitId }, { assistingUnits: { some: { unitId } } }] };
}

function petitionWhere(scope: UnitScope): Prisma.PetitionWhereInput {
  if (scope.all) return {};
  const unitId = scope.unitId ?? -1;
  return { OR: [{ handlingUnitId: unitId }, { receivingUnitId: unitId }] };
}

function caseWhere(scope: UnitScope): Prisma.EnterpriseCaseWhereInput {
  if (scope.all) return {};
  const unitId = scope.unitId ?? -1;
  return { OR: [{ handlingUnitId: unitId }, { involvedUnits: { some: { unitId } } }] };
}

function reportWhere(scope: UnitScope): Prisma.WeeklyReportWhereInput {
  return scope.all ? {} : { unitId: scope.unitId ?? -1 };
}

const unitRef = { select: { code: true, shortName: true } } as const;

/** One page of the list, newest first: a page costs the same however many items the ledger holds. */
export interface ListPage {
  limit: number;
  offset: number;
}

export function listLedgerItems(db: Db, scope: UnitScope, page: ListPage) {
  return db.ledgerItem.findMany({
    where: ledgerWhere(scope),
    orderBy: { id: 'desc' },
    take: page.limit,
    skip: page.offset,
    include: { leadUnit: unitRef },
  });
}

export async function getLedgerItem(db: Db, scope: UnitScope, id: number) {
  const item = await db.ledgerItem.findFirst({
    where: { AND: [{ id }, ledgerWhere(scope)] },
    include: {
      leadUnit: unitRef,
      assistingUnits: { include: { unit: unitRef } },
      progressNotes: { orderBy: { id: 'asc' } },
      reminders: { orderBy: { id: 'asc' } },
      extensions: { orderBy: { id: 'asc' } },
      verifications: { orderBy: { round: 'asc' } },
    },
  });
  if (!item) throw notFound('整改事项');
  return item;
}

export async function getPetition(db: Db, scope: UnitScope, id: number) {
  const petition = await db.petition.findFirst({
    where: { AND: [{ id }, petitionWhere(scope)] },
    include: {
      receivingUnit: unitRef,
      handlingUnit: unitRef,
      notices: true,
      reply: true,
      session: true,
      satisfaction: true,
      parties: { orderBy: { sequence: 'asc' } },
    },
  });
  if (!petition) throw notFound('信访事项');
  return petition;
}

export async function getEnterpriseCase(db: Db, scope: UnitScope, id: number) {
  const found = await db.enterpriseCase.findFirst({
    where: { AND: [{ id }, caseWhere(scope)] },
    include: {
      enterprise: true,
      handlingUnit: unitRef,
      involvedUnits: { include: { unit: unitRef } },
      meetings: { include: { agreedItems: true }, orderBy: { sequence: 'asc' } },
      opinions: { include: { unit: unitRef } },
    },
  });
  if (!found) throw notFound('涉企案件');
  return found;
}

export function listWeeklyReports(db: Db, scope: UnitScope, isoWeek?: string) {
  return db.weeklyReport.findMany({
    where: { AND: [reportWhere(scope), isoWeek ? { isoWeek } : {}] },
    orderBy: [{ isoWeek: 'desc' }, { unitId: 'asc' }],
    take: 200,
    include: { unit: unitRef },
  });
}

export async function getWeeklyReport(db: Db, scope: UnitScope, id: number) {
  const report = await db.weeklyReport.findFirst({
    where: { AND: [{ id }, reportWhere(scope)] },
    include: { unit: unitRef, taskProgress: true, figures: true },
  });
  if (!report) throw notFound('工作周报');
  return report;
}

/** Throws "not found" unless the ledger item exists within the scope (before acting on it). */
export async function assertLedgerItemInScope(db: Db, scope: UnitScope, id: number): Promise<void> {
  const count = await db.ledgerItem.count({ where: { AND: [{ id }, ledgerWhere(scope)] } });
  if (count === 0) throw notFound('整改事项');
}
