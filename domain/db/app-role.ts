// A PostgreSQL role for the running application with INSERT and SELECT only on the audit log, so that neither
// a bug nor an attacker with the application's connection can change, delete or truncate an audit row — not
// even by disabling the triggers (only the tables' owner can). The owner runs the migrations and grants:
//   DATABASE_URL=postgresql://owner@… npx zhuanban migrate --app-role zhuanban_app
// and the web, workers and scheduler then connect as zhuanban_app. Granting is idempotent; run it again after
// each migration (default privileges cover tables the owner creates later, but not the audit log's limits).
import pg from 'pg';

const roleName = /^[a-z_][a-z0-9_]{0,62}$/;

export function appRoleSql(role: string): string[] {
  if (!roleName.test(role))
    throw new Error(`应用角色名无效：${role}（小写字母、数字、下划线，以字母或下划线开头）`);
  const r = `"${role}"`;
  return [
    `GRANT USAGE ON SCHEMA public TO ${r}`,
    `GRANT SELECT, INSERT, UPDATE, DELETE ON ALL TABLES IN SCHEMA public TO ${r}`,
    `GRANT USAGE, SELECT ON ALL SEQUENCES IN SCHEMA public TO ${r}`,
    `ALTER DEFAULT PRIVILEGES IN SCHEMA public GRANT SELECT, INSERT, UPDATE, DELETE ON TABLES TO ${r}`,
    `ALTER DEFAULT PRIVILEGES IN SCHEMA public GRANT USAGE, SELECT ON SEQUENCES TO ${r}`,
    `REVOKE UPDATE, DELETE, TRUNCATE, REFERENCES, TRIGGER ON "AuditLog" FROM ${r}`,
    `REVOKE INSERT, UPDATE, DELETE, TRUNCATE ON "_prisma_migrations" FROM ${r}`,
  ];
}

/** Grants the application role its rights on the migrated database at `url` (run as the tables' owner). */
export async function grantAppRole(url: string, role: string): Promise<void> {
  const statements = appRoleSql(role);
  const client = new pg.Client({ connectionString: url });
  await client.connect();
  try {
    const { rowCount } = await client.query('SELECT 1 FROM pg_roles WHERE rolname = $1', [role]);
    if (!rowCount)
      throw new Error(
        `PostgreSQL 中没有角色 ${role}：请先由数据库管理员创建（CREATE ROLE ${role} LOGIN PASSWORD '…'）`,
      );
    await client.query('BEGIN');
    for (const s of statements) await client.query(s);
    await client.query('COMMIT');
  } catch (e) {
    await client.query('ROLLBACK').catch(() => undefined);
    throw e;
  } finally {
    await client.end();
  }
}
