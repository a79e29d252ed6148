// `zhuanban seed`: migrates, then seeds the reference data and the admin account (idempotent).
import { parseArgs } from './args';

export const summary = 'migrate and seed reference data and the admin account (ADMIN_PASSWORD or generated)';

export async function run(args: string[]): Promise<void> {
  parseArgs(args, {});
  const { runSeed } = await import('../../domain/seed/commands.js');
  await runSeed();
}
