// `zhuanban scheduler`: the schedule alone — publishes weekly-report-due at WEEKLY_REPORT_CRON (default Fridays
// 09:00 Asia/Shanghai), catches up a missed run at start, and announces new user tasks (ZEEBE_REST_ADDRESS).
import { parseArgs } from './args';

export const summary =
  'start the schedule: weekly-report-due on Fridays 09:00 Asia/Shanghai (WEEKLY_REPORT_CRON)';

export async function run(args: string[]): Promise<void> {
  parseArgs(args, {});
  const { createLogger } = await import('../../domain/log.js');
  const { openSeededDatabase, startSchedulePart } = await import('../system/parts.js');
  const { createZeebeClient } = await import('../../workers/runtime/zeebe-client.js');
  const { stopOnSignal } = await import('../system/signals.js');
  const log = createLogger('zhuanban');
  const database = await openSeededDatabase(log);
  const zeebe = createZeebeClient();
  const scheduler = await startSchedulePart({ zeebe, database });
  await stopOnSignal(log, async () => {
    await scheduler.stop();
    await zeebe.close();
    await database.close();
  });
}
