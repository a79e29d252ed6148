// `zhuanban migrate`: applies the committed migrations to the database DATABASE_URL names.
import { parseArgs } from './args';

export const summary = 'apply the database migrations (DATABASE_URL, default data/zhuanban.db)';

export async function run(args: string[]): Promise<void> {
  parseArgs(args, {});
  const { runMigrate } = await import('../../domain/seed/commands.js');
  await runMigrate();
}
