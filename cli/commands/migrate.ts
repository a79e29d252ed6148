// `zhuanban migrate`: applies the committed migrations to the database DATABASE_URL names; on PostgreSQL,
// `--app-role NAME` then grants that role what the running application needs (INSERT and SELECT only on the
// audit log; domain/db/app-role.ts).
import { parseArgs, UsageError } from './args';

export const summary =
  'apply the database migrations (DATABASE_URL, default data/zhuanban.db); --app-role NAME grants a PostgreSQL application role';

export async function run(args: string[]): Promise<void> {
  const options = parseArgs(args, { 'app-role': 'string' });
  const { runMigrate } = await import('../../domain/seed/commands.js');
  await runMigrate();
  const role = options['app-role'];
  if (typeof role !== 'string') return;
  const { resolveDatabaseUrl } = await import('../../domain/db/url.js');
  const target = resolveDatabaseUrl(process.env.DATABASE_URL);
  if (target.provider !== 'postgresql') throw new UsageError('--app-role is for PostgreSQL only');
  const { grantAppRole } = await import('../../domain/db/app-role.js');
  await grantAppRole(target.url, role);
  console.log(`数据库：已授予角色 ${role} 应用所需权限（审计日志仅可插入与查询）`);
}
