// A worker process for the kill test (test-only): the application's registered handlers on ZEEBE_GRPC_ADDRESS and
// DATABASE_URL, except that the first job of each type in HANG_TYPES (comma-separated) stops right after its transaction committed (its record,
// audit row and mail are stored, CompleteJob is never sent) and prints `committed <type> <jobKey>`, so the test
// can kill this process mid-job with SIGKILL. The clock stands at CLOCK_MS (the engine's pinned time).
//   node --import tsx test/processes-paths/support/dying-worker.ts
import { manualClock } from '../../../domain/clock';
import { openDatabase } from '../../../domain/db/client';
import { createLogger } from '../../../domain/log';
import { handlers } from '../../../workers';
import type { JobContext, JsonObject } from '../../../workers/runtime/handler';
import type { AnyJobHandler } from '../../../workers/runtime/runner';
import { startWorkers } from '../../../workers/runtime/runner';
import { createServices } from '../../../workers/runtime/services';
import { createZeebeClient } from '../../../workers/runtime/zeebe-client';

async function main(): Promise<void> {
  const hangTypes = new Set((process.env.HANG_TYPES ?? '').split(','));
  const database = await openDatabase({ url: process.env.DATABASE_URL, migrate: false });
  const services = createServices({
    db: database.db,
    clock: manualClock(Number(process.env.CLOCK_MS)),
    log: createLogger('workers', { level: 'warn' }),
    mailSettings: { from: '"工作专班办公室" <office@zhuanban.test>', messageIdDomain: 'zhuanban.test' },
  });
  const hung = new Set<string>();
  const list: AnyJobHandler[] = handlers.map((real) =>
    !hangTypes.has(real.type)
      ? real
      : {
          ...real,
          handle(job: JobContext<unknown, unknown, JsonObject>, s) {
            const dying: typeof job = {
              ...job,
              once: async (fn, options) => {
                const result = await job.once(fn, options);
                if (!hung.has(job.type)) {
                  hung.add(job.type);
                  process.stdout.write(`committed ${job.type} ${job.key}\n`);
                  await new Promise<never>(() => undefined); // killed here
                }
                return result;
              },
            };
            return real.handle(dying, s);
          },
        },
  );
  await startWorkers({ zeebe: createZeebeClient(), handlers: list, services, pollIntervalMs: 200 });
  process.stdout.write('ready\n');
}

main().catch((e: unknown) => {
  console.error(e);
  process.exit(1);
});
