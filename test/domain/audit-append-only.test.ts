// The audit log cannot be rewritten by any statement: on SQLite not by INSERT OR REPLACE / REPLACE / upsert on
// an existing id (REPLACE deletes without the DELETE trigger), on PostgreSQL not by TRUNCATE (also cascaded),
// and the PostgreSQL application role may only insert and read audit rows. Normal auditing keeps working.
import { randomBytes } from 'node:crypto';
import pg from 'pg';
import { openDatabase } from '../../domain/db/client';
import { grantAppRole, appRoleSql } from '../../domain/db/app-role';
import { audit, audited } from '../../domain/audit';
import { freshDatabase, providers, type TestDatabase } from '../support/databases';

const actor = { userId: null, label: 'test-auditor' };

async function writeOne(db: TestDatabase['db'], entityId: string) {
  await audited(db, (tx) => audit(tx, actor, { action: 'test.write', entity: 'Test', entityId }));
  return db.auditLog.findFirstOrThrow({ where: { entityId } });
}

describe.each(providers)('append-only audit log on %s', (provider) => {
  let t: TestDatabase;
  beforeAll(async () => {
    t = await freshDatabase(provider);
  }, 60_000);
  afterAll(async () => {
    await t?.destroy();
  });

  it('refuses every statement that would replace an existing row, and keeps auditing', async () => {
    const row = await writeOne(t.db, 'first');
    const attempts =
      provider === 'sqlite'
        ? [
            `INSERT OR REPLACE INTO "AuditLog" ("id","actorLabel","action","entity","entityId") VALUES (${row.id},'forged','x','Test','first')`,
            `REPLACE INTO "AuditLog" ("id","actorLabel","action","entity","entityId") VALUES (${row.id},'forged','x','Test','first')`,
            `INSERT INTO "AuditLog" ("id","actorLabel","action","entity","entityId") VALUES (${row.id},'forged','x','Test','first') ON CONFLICT("id") DO UPDATE SET "actorLabel"='forged'`,
            `UPDATE OR REPLACE "AuditLog" SET "id" = ${row.id + 1000} WHERE "id" = ${row.id}`,
            // a row -1 would make every auto-numbered insert look like a replacement (SQLite's NEW.id is -1)
            `INSERT INTO "AuditLog" ("id","actorLabel","action","entity","entityId") VALUES (-1,'forged','x','Test','neg')`,
          ]
        : [
            `INSERT INTO "AuditLog" ("id","actorLabel","action","entity","entityId") VALUES (${row.id},'forged','x','Test','first') ON CONFLICT("id") DO UPDATE SET "actorLabel"='forged'`,
            `TRUNCATE "AuditLog"`,
            `TRUNCATE "User" CASCADE`,
            `DELETE FROM "AuditLog"`,
          ];
    const before = await t.db.auditLog.count();
    for (const sql of attempts) {
      await expect(t.db.$executeRawUnsafe(sql)).rejects.toThrow(/append-only|start at 1/);
    }
    expect(await t.db.auditLog.count()).toBe(before);
    expect(await t.db.auditLog.findUniqueOrThrow({ where: { id: row.id } })).toEqual(row);
    const next = await writeOne(t.db, 'second');
    expect(next.id).toBeGreaterThan(row.id);
    expect(await t.db.auditLog.count()).toBe(before + 1);
  });
});

(providers.includes('postgresql') ? describe : describe.skip)('the PostgreSQL application role', () => {
  let t: TestDatabase;
  const role = `zb_app_${randomBytes(4).toString('hex')}`;
  const password = randomBytes(12).toString('hex');
  let appUrl: string;
  beforeAll(async () => {
    t = await freshDatabase('postgresql');
    await writeOne(t.db, 'by-owner');
    await t.db.$executeRawUnsafe(`CREATE ROLE "${role}" LOGIN PASSWORD '${password}'`);
    await grantAppRole(t.url, role);
    const u = new URL(t.url);
    u.username = role;
    u.password = password;
    appUrl = u.toString();
  }, 60_000);
  afterAll(async () => {
    await t?.destroy();
    const admin = new pg.Client({ connectionString: process.env.ZHUANBAN_TEST_PG_URL });
    await admin.connect();
    await admin.query(`DROP ROLE IF EXISTS "${role}"`).finally(() => admin.end());
  });

  it('refuses role names that are not plain identifiers', () => {
    expect(() => appRoleSql('x"; DROP TABLE "User"; --')).toThrow('应用角色名无效');
  });

  it('starts the application (migrations already applied), audits, and changes other tables', async () => {
    const app = await openDatabase({ url: appUrl });
    try {
      expect(app.migrated?.applied).toEqual([]);
      const row = await writeOne(app.db as TestDatabase['db'], 'by-app');
      expect(row.actorLabel).toBe('test-auditor');
      await app.db.user.create({
        data: { username: `u${role}`, displayName: '测试', passwordHash: 'x', role: 'admin' },
      });
      await app.db.user.update({ where: { username: `u${role}` }, data: { active: false } });
    } finally {
      await app.close();
    }
  });

  it('may not update, delete, truncate or disable the triggers of the audit log', async () => {
    const client = new pg.Client({ connectionString: appUrl });
    await client.connect();
    try {
      const before = (await client.query('SELECT count(*)::int AS n FROM "AuditLog"')).rows[0].n as number;
      for (const sql of [
        `UPDATE "AuditLog" SET "actorLabel" = 'forged'`,
        `DELETE FROM "AuditLog"`,
        `TRUNCATE "AuditLog"`,
        `ALTER TABLE "AuditLog" DISABLE TRIGGER ALL`,
        `DROP TRIGGER "AuditLog_append_only" ON "AuditLog"`,
        `INSERT INTO "_prisma_migrations" (id, checksum, migration_name) VALUES ('x', 'x', 'x')`,
      ]) {
        await expect(client.query(sql)).rejects.toThrow(/permission denied|must be owner/);
      }
      expect((await client.query('SELECT count(*)::int AS n FROM "AuditLog"')).rows[0].n).toBe(before);
    } finally {
      await client.end();
    }
  });
});
