// `zhuanban workers`: the job workers alone (with the outbox delivery when SMTP_URL is set), against the gateway
// the SDK's ZEEBE_GRPC_ADDRESS / CAMUNDA_* variables name (default grpc://localhost:26500), on DATABASE_URL.
import { parseArgs } from './args';

export const summary =
  'start the job workers and the mail outbox delivery (ZEEBE_GRPC_ADDRESS, DATABASE_URL, SMTP_URL)';

export async function run(args: string[]): Promise<void> {
  parseArgs(args, {});
  const { createLogger } = await import('../../domain/log.js');
  const { openSeededDatabase, startMetricsPart, startWorkerPart } = await import('../system/parts.js');
  const { createZeebeClient, gatewayAddress } = await import('../../workers/runtime/zeebe-client.js');
  const { stopOnSignal } = await import('../system/signals.js');
  const log = createLogger('zhuanban');
  const database = await openSeededDatabase(log);
  const zeebe = createZeebeClient();
  const workers = await startWorkerPart({ zeebe, database });
  log.info('workers running', { jobTypes: workers.runtime.types.length, gateway: gatewayAddress() });
  const metrics = await startMetricsPart(database, log);
  await stopOnSignal(log, async () => {
    await metrics?.close();
    await workers.stop();
    await zeebe.close();
    await database.close();
  });
}
