// `zhuanban demo`: migrates and seeds, then adds invented demo users for every role and unit and demo records.
import { parseArgs } from './args';

export const summary =
  'add invented demo users (every role and unit) and demo records (DEMO_PASSWORD or generated)';

export async function run(args: string[]): Promise<void> {
  parseArgs(args, {});
  const { runDemo } = await import('../../domain/seed/commands.js');
  await runDemo();
  const { runDemoProcesses } = await import('../demo/run-demo-processes.js');
  await runDemoProcesses();
}
