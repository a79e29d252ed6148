// The audit log browsed with filters: who, which action or record, which unit, between which days — newest
// first, in pages; with the list of actions and actors that occur, for the filter choices. Each row comes with
// its record's business name and its change list in words (the names looked up once for the whole page), and
// its raw before/after without secrets.
import { DateTime } from 'luxon';
import { z } from 'zod';
import { zone } from '../../../domain/calendar/deadline';
import type { Db, Prisma } from '../../../domain/db/client';
import { peopleNames } from '../../../domain/people-names';
import { auditChanges, withoutSecrets } from './audit-changes';
import { auditLookups } from './audit-lookups';
import { processRecord, recordNames } from './audit-records';
import { stepNames } from './audit-steps';

// The system, the seed, the demo and the workers are named by the page itself; a person by their display name.
const byPerson = (label: string) =>
  !['system', 'seed', 'demo'].includes(label) && !label.startsWith('worker:');

const day = z.string().regex(/^\d{4}-\d{2}-\d{2}$/, '日期格式应为 2026-12-31');

export const auditQuery = z.object({
  actor: z.string().trim().max(100).optional(),
  action: z.string().trim().max(100).optional(),
  entity: z.string().trim().max(50).optional(),
  entityId: z.string().trim().max(50).optional(),
  unit: z.string().trim().max(50).optional(),
  from: day.optional(),
  to: day.optional(),
  limit: z.coerce.number().int().min(1).max(500).default(100),
  offset: z.coerce.number().int().min(0).default(0),
});

export async function searchAudit(db: Db, raw: unknown) {
  const q = auditQuery.parse(raw);
  const at: Prisma.DateTimeFilter = {};
  if (q.from) at.gte = DateTime.fromISO(q.from, { zone }).startOf('day').toJSDate();
  if (q.to) at.lte = DateTime.fromISO(q.to, { zone }).endOf('day').toJSDate();
  const unitId = q.unit ? ((await db.unit.findUnique({ where: { code: q.unit } }))?.id ?? -1) : undefined;
  const where: Prisma.AuditLogWhereInput = {
    actorLabel: q.actor || undefined,
    action: q.action || undefined,
    entity: q.entity || undefined,
    entityId: q.entityId || undefined,
    unitId,
    at: q.from || q.to ? at : undefined,
  };
  const [rows, total] = await Promise.all([
    db.auditLog.findMany({ where, orderBy: { id: 'desc' }, take: q.limit, skip: q.offset }),
    db.auditLog.count({ where }),
  ]);
  const [names, lookups, records, steps] = await Promise.all([
    peopleNames(
      db,
      rows.map((r) => ({ id: r.actorId, label: r.actorLabel })),
    ),
    auditLookups(db, rows),
    recordNames(db, rows),
    stepNames(),
  ]);
  return {
    total,
    rows: rows.map((r) => ({
      ...r,
      before: withoutSecrets(r.before),
      after: withoutSecrets(r.after),
      actorName: byPerson(r.actorLabel) ? names({ id: r.actorId, label: r.actorLabel }) : null,
      record: processRecord(r.entity, r.after, records.get(`${r.entity}:${r.entityId}`), steps) ?? null,
      changes: auditChanges(r.entity, r.before, r.after, lookups),
    })),
  };
}

export async function auditFacets(db: Db) {
  const [actions, actors, entities] = await Promise.all([
    db.auditLog.groupBy({ by: ['action'], _count: { _all: true }, orderBy: { action: 'asc' } }),
    db.auditLog.groupBy({ by: ['actorLabel'], _count: { _all: true }, orderBy: { actorLabel: 'asc' } }),
    db.auditLog.groupBy({ by: ['entity'], _count: { _all: true }, orderBy: { entity: 'asc' } }),
  ]);
  const people = actors.filter((a) => byPerson(a.actorLabel)).map((a) => ({ label: a.actorLabel }));
  const names = await peopleNames(db, people);
  return {
    actions: actions.map((a) => a.action),
    actors: actors.map((a) => a.actorLabel),
    actorNames: Object.fromEntries(people.map((p) => [p.label, names(p)])),
    entities: entities.map((e) => e.entity),
  };
}
