// The path-test bench: the real models deployed to the engine (embedded, or a separate process with
// ZHUANBAN_TEST_ENGINE=process: test/support/test-engine.ts; gRPC + REST API v2 on free loopback
// ports, in memory), the real workers (startWorkers with every registered handler, real services) on a fresh,
// migrated and seeded domain database (SQLite or PostgreSQL), the outbox dispatcher delivering to a real SMTP
// server on loopback, and users working their inbox through the REST API v2 (CamundaRestClient) as the web does.
// One clock for both sides: pin() moves the engine clock (PUT /v2/clock) and the workers' clock together.
import { Camunda8 } from '@camunda8/sdk';
import type { CamundaRestClient } from '@camunda8/sdk/dist/c8/lib/CamundaRestClient';
import type { ZeebeGrpcClient } from '@camunda8/sdk/dist/zeebe';
import { manualClock, type ManualClock } from '../../../../domain/clock';
import { createLogger, type LogRecord } from '../../../../domain/log';
import { mailSettingsFromEnv } from '../../../../domain/notifications/compose';
import { startOutboxDispatcher, type OutboxDispatcher } from '../../../../domain/notifications/dispatcher';
import { smtpTransport } from '../../../../domain/notifications/transport';
import { seed } from '../../../../domain/seed/seed';
import { startTestEngineEndpoint, type TestEngineEndpoint } from '../../../support/test-engine';
import { handlers as allHandlers } from '../../../../workers';
import type { AnyJobHandler, WorkerRuntime } from '../../../../workers/runtime/runner';
import { startWorkers } from '../../../../workers/runtime/runner';
import { createServices, type Services } from '../../../../workers/runtime/services';
import { deployAll } from '../../../processes/support/engine';
import { startSmtp, type TestSmtp } from '../../../notifications/support/smtp';
import { freshDatabase, type Provider, type TestDatabase } from '../../../support/databases';
import { UserInbox } from './inbox';

process.env.ZEEBE_CLIENT_LOG_LEVEL ??= 'NONE';
process.env.CAMUNDA_SDK_LOG_LEVEL ??= 'silent';

export const mailSettings = mailSettingsFromEnv({ MAIL_FROM: '"工作专班办公室" <office@zhuanban.test>' });

export interface PathBench {
  server: TestEngineEndpoint;
  rest: CamundaRestClient;
  inbox: UserInbox;
  database: TestDatabase;
  services: Services;
  clock: ManualClock;
  smtp: TestSmtp;
  logs: LogRecord[];
  /** Moves the engine clock and the workers' clock to the same instant, once the workers' jobs in hand are done. */
  pin(time: string | number | Date): Promise<void>;
  /** The workers in this process (stopWorkers / startWorkers simulate a crash and a restart). */
  startWorkers(handlers?: AnyJobHandler[]): Promise<WorkerRuntime>;
  stopWorkers(timeoutMs?: number): Promise<void>;
  /** Delivers what the outbox holds now and returns every mail the SMTP server received so far. */
  deliver(): Promise<TestSmtp['received']>;
  close(): Promise<void>;
}

export interface BenchOptions {
  provider?: Provider;
  start: string;
}

export async function startPathBench(options: BenchOptions): Promise<PathBench> {
  const server = await startTestEngineEndpoint();
  const c8 = new Camunda8({
    ZEEBE_GRPC_ADDRESS: `grpc://${server.grpcAddress}`,
    ZEEBE_REST_ADDRESS: server.restAddress,
    CAMUNDA_REST_ADDRESS: server.restAddress,
    CAMUNDA_AUTH_STRATEGY: 'NONE',
    CAMUNDA_OAUTH_DISABLED: true,
    ZEEBE_CLIENT_LOG_LEVEL: 'NONE',
    CAMUNDA_LOG_LEVEL: 'none',
  } as never);
  const rest = c8.getCamundaRestClient();
  const deployer = server.zeebeClient();
  await deployAll(deployer);
  await deployer.close();

  const database = await freshDatabase(options.provider ?? 'sqlite');
  await seed(database.db, { adminPassword: 'test-only-password-1' });
  const clock = manualClock(options.start);
  await rest.pinInternalClock(clock.now().getTime());
  const logs: LogRecord[] = [];
  const log = createLogger('workers', { level: 'debug', sink: (r) => logs.push(r) });
  const services = createServices({ db: database.db, clock, mailSettings, log });
  const smtp = await startSmtp();
  const transport = smtpTransport(smtp.url);
  const dispatcher: OutboxDispatcher = startOutboxDispatcher({
    db: database.db,
    transport,
    envelopeFrom: 'office@zhuanban.test',
    clock,
    log: createLogger('outbox', { sink: (r) => logs.push(r) }),
    intervalMs: 3_600_000, // passes are run by deliver()
  });

  let runtime: { workers: WorkerRuntime; zeebe: ZeebeGrpcClient } | undefined;

  const bench: PathBench = {
    server,
    rest,
    inbox: new UserInbox(rest),
    database,
    services,
    clock,
    smtp,
    logs,
    async pin(time) {
      // A job still in a worker's hands would time out as the engine's clock jumps, and be handed out again.
      const deadline = Date.now() + 5_000;
      while (runtime && runtime.workers.inFlight() > 0 && Date.now() < deadline)
        await new Promise((r) => setTimeout(r, 10));
      clock.set(time instanceof Date ? time.getTime() : time);
      await rest.pinInternalClock(clock.now().getTime());
    },
    async startWorkers(handlers = allHandlers) {
      if (runtime) throw new Error('workers already running');
      // A client of its own per runtime, so stopping it drops the connection as a crashed process would.
      const zeebe = server.zeebeClient();
      const workers = await startWorkers({ zeebe, handlers, services, log, pollIntervalMs: 200 });
      runtime = { workers, zeebe };
      return workers;
    },
    async stopWorkers(timeoutMs = 5_000) {
      if (!runtime) return;
      const { workers, zeebe } = runtime;
      runtime = undefined;
      await workers.stop(timeoutMs);
      await zeebe.close();
    },
    async deliver() {
      await dispatcher.runOnce();
      return smtp.received;
    },
    async close() {
      await bench.stopWorkers();
      await dispatcher.stop();
      transport.close();
      await smtp.stop();
      rest.stopWorkers();
      await server.close();
      await database.destroy();
    },
  };
  return bench;
}
