// The names a page of audit rows needs — units, people, ledger items, petitions, cases, enterprises,
// indicators — gathered from every row's values and records first, then read with one query per table for
// the whole page, never one per row.
import type { Db } from '../../../domain/db/client';
import { refKind, type Lookups, type RefKind } from './audit-values';

export interface AuditRowData {
  entity: string;
  entityId: string;
  before: unknown;
  after: unknown;
}

type Wanted = Record<RefKind, Set<string>>;

function collect(wanted: Wanted, key: string, value: unknown) {
  if (Array.isArray(value)) return value.forEach((v) => collect(wanted, key, v));
  if (value && typeof value === 'object') {
    const code = (value as { code?: unknown }).code;
    if (key === 'unit' && typeof code === 'string') wanted.unitCode.add(code);
    for (const [k, v] of Object.entries(value)) collect(wanted, k, v);
    return;
  }
  const kind = refKind(key);
  if (kind && (typeof value === 'number' || typeof value === 'string')) wanted[kind].add(String(value));
}

/** The record an audit row is about, where its id names one of the looked-up tables. */
const recordKinds: Record<string, RefKind> = {
  unit: 'unit',
  user: 'user',
  enterprise: 'enterprise',
  indicator: 'indicator',
  unitChatRobot: 'unit',
};

const ids = (s: Set<string>) => [...s].map(Number).filter((n) => Number.isInteger(n));

export async function auditLookups(db: Db, rows: AuditRowData[]): Promise<Lookups> {
  const wanted = Object.fromEntries(
    (['unit', 'unitCode', 'user', 'ledgerItem', 'petition', 'case', 'enterprise', 'indicator'] as const).map(
      (k) => [k, new Set<string>()],
    ),
  ) as Wanted;
  for (const r of rows) {
    collect(wanted, '', r.before);
    collect(wanted, '', r.after);
    const kind = recordKinds[r.entity];
    if (kind) wanted[kind].add(r.entityId);
  }
  const [units, users, ledgerItems, petitions, cases, enterprises, indicators] = await Promise.all([
    wanted.unit.size || wanted.unitCode.size
      ? db.unit.findMany({
          where: { OR: [{ id: { in: ids(wanted.unit) } }, { code: { in: [...wanted.unitCode] } }] },
          select: { id: true, code: true, name: true },
        })
      : [],
    wanted.user.size
      ? db.user.findMany({
          where: { OR: [{ id: { in: ids(wanted.user) } }, { username: { in: [...wanted.user] } }] },
          select: { id: true, username: true, displayName: true },
        })
      : [],
    wanted.ledgerItem.size
      ? db.ledgerItem.findMany({
          where: { id: { in: ids(wanted.ledgerItem) } },
          select: { id: true, number: true },
        })
      : [],
    wanted.petition.size
      ? db.petition.findMany({
          where: { id: { in: ids(wanted.petition) } },
          select: { id: true, number: true },
        })
      : [],
    wanted.case.size
      ? db.enterpriseCase.findMany({
          where: { id: { in: ids(wanted.case) } },
          select: { id: true, number: true },
        })
      : [],
    wanted.enterprise.size
      ? db.enterprise.findMany({
          where: { id: { in: ids(wanted.enterprise) } },
          select: { id: true, name: true },
        })
      : [],
    wanted.indicator.size
      ? db.indicator.findMany({
          where: { id: { in: ids(wanted.indicator) } },
          select: { id: true, name: true },
        })
      : [],
  ]);
  return {
    units: new Map(units.map((u) => [u.id, u.name])),
    unitCodes: new Map(units.map((u) => [u.code, u.name])),
    users: new Map(users.map((u) => [u.id, u.displayName])),
    usernames: new Map(users.map((u) => [u.username, u.displayName])),
    ledgerItems: new Map(ledgerItems.map((i) => [i.id, i.number])),
    petitions: new Map(petitions.map((p) => [p.id, p.number])),
    cases: new Map(cases.map((c) => [c.id, c.number])),
    enterprises: new Map(enterprises.map((e) => [e.id, e.name])),
    indicators: new Map(indicators.map((i) => [i.id, i.name])),
  };
}
