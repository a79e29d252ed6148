// The domain database on SQLite and on PostgreSQL, the same tests for both: migrations from empty, the seed
// twice gives the same data, constraints, and audit rows written with a change and never without it.
import { openDatabase } from '../../domain/db/client';
import { readMigrations, migrationsDir } from '../../domain/db/migrate';
import { verifyPassword } from '../../domain/auth/password';
import { deadlineFor } from '../../domain/calendar/store';
import { seed } from '../../domain/seed/seed';
import { openLedgerItem } from '../../domain/ledger/ledger-items';
import { audit, audited } from '../../domain/audit';
import { emptyDatabaseUrl, freshDatabase, providers, type TestDatabase } from '../support/databases';

const coordinator = { userId: null, label: 'test-coordinator' };

async function referenceSnapshot(t: TestDatabase) {
  const { db } = t;
  return {
    units: await db.unit.findMany({ orderBy: { code: 'asc' }, omit: { createdAt: true, updatedAt: true } }),
    positions: await db.position.findMany({ orderBy: { code: 'asc' } }),
    planTasks: await db.planTask.findMany({
      orderBy: { number: 'asc' },
      include: { units: { orderBy: { unitId: 'asc' } } },
    }),
    indicators: await db.indicator.findMany({
      orderBy: { code: 'asc' },
      include: { owners: { orderBy: { unitId: 'asc' } } },
    }),
    calendarDays: await db.calendarDay.findMany({ orderBy: { date: 'asc' } }),
    deadlineRules: await db.deadlineRule.findMany({ orderBy: { code: 'asc' }, omit: { updatedAt: true } }),
    users: await db.user.findMany({ select: { username: true, role: true } }),
    auditRows: await db.auditLog.count(),
  };
}

describe.each(providers)('domain database on %s', (provider) => {
  let t: TestDatabase;
  beforeAll(async () => {
    t = await freshDatabase(provider);
  }, 60_000);
  afterAll(async () => {
    await t?.destroy();
  });

  it('migrates an empty database to the latest migration, and a second start applies nothing', async () => {
    const names = readMigrations(migrationsDir(provider)).map((m) => m.name);
    expect(names.length).toBeGreaterThan(0);
    expect(t.migrated?.applied).toEqual(names);
    const again = await openDatabase({ url: t.url });
    try {
      expect(again.migrated).toEqual({ applied: [], alreadyApplied: names.length });
      const rows = await again.db.$queryRawUnsafe<{ migration_name: string }[]>(
        'SELECT migration_name FROM "_prisma_migrations" ORDER BY migration_name',
      );
      expect(rows.map((r) => r.migration_name)).toEqual(names);
    } finally {
      await again.close();
    }
  });

  it('seeds the reference data once: a second seed creates nothing and leaves the same data', async () => {
    const first = await seed(t.db, { adminPassword: 'first-admin-password' });
    expect(first.created).toEqual({
      units: 7,
      positions: 28,
      planTasks: 13,
      indicators: 11,
      calendarYears: 2,
      deadlineRules: 19,
    });
    expect(first.adminCreated).toBe(true);
    expect(first.generatedAdminPassword).toBeUndefined();
    const before = await referenceSnapshot(t);

    const second = await seed(t.db, { adminPassword: 'another-password' });
    expect(second).toEqual({ created: {}, adminCreated: false, generatedAdminPassword: undefined });
    expect(await referenceSnapshot(t)).toEqual(before);

    const admin = await t.db.user.findUniqueOrThrow({ where: { username: 'admin' } });
    expect(await verifyPassword('first-admin-password', admin.passwordHash)).toBe(true);
    expect(admin.passwordHash).not.toContain('first-admin-password');
    expect(before.calendarDays.find((d) => d.date === '2026-10-10')).toMatchObject({ kind: 'workday' });
  });

  it('computes a named deadline from the seeded rules and calendar', async () => {
    const result = await deadlineFor(t.db, 'petition.acceptance-notice', '2026-09-22');
    expect(result.dueDate).toBe('2026-10-08');
  });

  it('allows one weekly report per unit per ISO week', async () => {
    const court = await t.db.unit.findUniqueOrThrow({ where: { code: 'court' } });
    await t.db.weeklyReport.create({ data: { unitId: court.id, isoWeek: '2026-W48' } });
    await expect(
      t.db.weeklyReport.create({ data: { unitId: court.id, isoWeek: '2026-W48' } }),
    ).rejects.toMatchObject({
      code: 'P2002',
    });
    await t.db.weeklyReport.create({ data: { unitId: court.id, isoWeek: '2026-W49' } });
    expect(await t.db.weeklyReport.count({ where: { unitId: court.id } })).toBe(2);
  });

  it('numbers ledger items uniquely and refuses a duplicate number', async () => {
    const now = new Date('2026-11-20T02:00:00Z');
    const a = await openLedgerItem(
      t.db,
      coordinator,
      { source: 'complaint', problem: '查封超范围', leadUnitCode: 'police' },
      now,
    );
    const b = await openLedgerItem(
      t.db,
      coordinator,
      { source: 'supervision', problem: '执行缓慢', leadUnitCode: 'court' },
      now,
    );
    expect([a.number, b.number]).toEqual(['ZG-2026-001', 'ZG-2026-002']);
    expect(a.dueAt.toISOString()).toBe('2026-12-21T15:59:59.999Z'); // 30 days → Sun 20 Dec → Mon 21 Dec
    await expect(
      t.db.ledgerItem.create({
        data: { ...a, id: undefined, originKey: null, processInstanceKey: null },
      }),
    ).rejects.toMatchObject({ code: 'P2002' });
  });

  it('opens a ledger item once per origin key (a redelivered job)', async () => {
    const input = {
      source: 'overdue_petition',
      problem: '信访逾期',
      leadUnitCode: 'justice',
      originKey: 'petition-overdue:XF-2026-0009',
    } as const;
    const first = await openLedgerItem(t.db, coordinator, input);
    const again = await openLedgerItem(t.db, coordinator, input);
    expect(again.id).toBe(first.id);
    expect(await t.db.auditLog.count({ where: { entity: 'ledgerItem', entityId: String(first.id) } })).toBe(
      1,
    );
  });

  it('writes the audit row with the change, in the same transaction', async () => {
    const item = await openLedgerItem(t.db, coordinator, {
      source: 'case_review',
      problem: '评查发现问题',
      leadUnitCode: 'procuratorate',
    });
    const rows = await t.db.auditLog.findMany({ where: { entity: 'ledgerItem', entityId: String(item.id) } });
    expect(rows).toHaveLength(1);
    expect(rows[0]).toMatchObject({
      action: 'ledgerItem.create',
      actorLabel: 'test-coordinator',
      before: null,
    });
    expect(rows[0].after).toMatchObject({ number: item.number, problem: '评查发现问题' });
  });

  it('keeps neither the change nor its audit row when the transaction fails', async () => {
    const auditBefore = await t.db.auditLog.count();
    const unitsBefore = await t.db.unit.count();
    await expect(
      audited(t.db, async (tx) => {
        const unit = await tx.unit.create({
          data: { code: 'tmp-unit', name: '临时单位', shortName: '临时', kind: 'external' },
        });
        await audit(tx, coordinator, {
          action: 'unit.create',
          entity: 'unit',
          entityId: unit.id,
          after: unit,
        });
        throw new Error('something later in the use case failed');
      }),
    ).rejects.toThrow('something later');
    expect(await t.db.auditLog.count()).toBe(auditBefore);
    expect(await t.db.unit.count()).toBe(unitsBefore);
  });

  it('refuses an invalid ledger item with the field named, and changes nothing', async () => {
    const count = await t.db.ledgerItem.count();
    await expect(
      openLedgerItem(t.db, coordinator, { source: 'complaint', problem: '', leadUnitCode: 'police' }),
    ).rejects.toThrow('请填写问题描述');
    await expect(
      openLedgerItem(t.db, coordinator, { source: 'complaint', problem: '问题', leadUnitCode: 'nowhere' }),
    ).rejects.toMatchObject({
      field: 'leadUnitCode',
    });
    expect(await t.db.ledgerItem.count()).toBe(count);
  });

  it('keeps the audit log append-only in the database itself', async () => {
    const row = await t.db.auditLog.findFirstOrThrow();
    await expect(
      t.db.auditLog.update({ where: { id: row.id }, data: { action: 'tampered' } }),
    ).rejects.toThrow();
    await expect(t.db.auditLog.delete({ where: { id: row.id } })).rejects.toThrow();
    expect(await t.db.auditLog.findUniqueOrThrow({ where: { id: row.id } })).toEqual(row);
  });
});

describe.each(providers)('first start on %s', (provider) => {
  it('generates the admin password when ADMIN_PASSWORD is not set, and reports it only once', async () => {
    const { url, drop } = await emptyDatabaseUrl(provider);
    const database = await openDatabase({ url });
    try {
      const saved = process.env.ADMIN_PASSWORD;
      delete process.env.ADMIN_PASSWORD;
      const first = await seed(database.db).finally(() => {
        if (saved !== undefined) process.env.ADMIN_PASSWORD = saved;
      });
      expect(first.generatedAdminPassword).toMatch(/^[A-Za-z0-9_-]{20}$/);
      const admin = await database.db.user.findUniqueOrThrow({ where: { username: 'admin' } });
      expect(await verifyPassword(first.generatedAdminPassword as string, admin.passwordHash)).toBe(true);
      expect((await seed(database.db)).generatedAdminPassword).toBeUndefined();
    } finally {
      await database.close();
      await drop();
    }
  }, 60_000);

  it('treats an empty ADMIN_PASSWORD as unset and refuses a short one, never creating a weak admin', async () => {
    const { url, drop } = await emptyDatabaseUrl(provider);
    const database = await openDatabase({ url });
    try {
      await expect(seed(database.db, { adminPassword: 'short' })).rejects.toThrow(
        /ADMIN_PASSWORD is refused: at least 12 characters/,
      );
      expect(await database.db.user.findFirst({ where: { role: 'admin' } })).toBeNull();
      const report = await seed(database.db, { adminPassword: '   ' });
      const admin = await database.db.user.findUniqueOrThrow({ where: { username: 'admin' } });
      expect(await verifyPassword('', admin.passwordHash)).toBe(false);
      expect(await verifyPassword('   ', admin.passwordHash)).toBe(false);
      expect(await verifyPassword(report.generatedAdminPassword as string, admin.passwordHash)).toBe(true);
    } finally {
      await database.close();
      await drop();
    }
  }, 60_000);
});

// Scale-out replicas share a PostgreSQL database. (SQLite is the one-process default: one client per process.)
const shared = providers.filter((p) => p === 'postgresql');
if (shared.length) {
  describe.each(shared)('replicas starting together on %s', () => {
    it('ends with one copy of the reference data and one admin when two replicas seed at once', async () => {
      const { url, drop } = await emptyDatabaseUrl('postgresql');
      const a = await openDatabase({ url });
      const b = await openDatabase({ url });
      try {
        const [ra, rb] = await Promise.all([
          seed(a.db, { adminPassword: 'replica-a-password' }),
          seed(b.db, { adminPassword: 'replica-b-password' }),
        ]);
        expect((ra.created.units ?? 0) + (rb.created.units ?? 0)).toBe(7);
        expect(await a.db.unit.count()).toBe(7);
        expect(await a.db.calendarDay.count()).toBe(await b.db.calendarDay.count());
        expect(await a.db.user.count({ where: { role: 'admin' } })).toBe(1);
        expect([ra.adminCreated, rb.adminCreated].filter(Boolean)).toHaveLength(1);
      } finally {
        await a.close();
        await b.close();
        await drop();
      }
    }, 60_000);
  });
}
