// A worker test bench through real parts: the embedded engine on a free loopback gRPC port (in memory), the
// real @camunda8/sdk client, a fresh migrated domain database (SQLite or PostgreSQL), the services factory with
// a log sink the test can read, and the engine's record stream for asserting job failures and incidents.
import fs from 'node:fs';
import path from 'node:path';
import type { ZeebeGrpcClient } from '@camunda8/sdk/dist/zeebe';
import { startEngineServer, type EngineServer } from '../../../engine/server';
import { RecordStream } from '../../engine/support/records';
import { freshDatabase, type Provider, type TestDatabase } from '../../support/databases';
import { createLogger, type Logger, type LogRecord } from '../../../domain/log';
import type { Clock } from '../../../domain/clock';
import { createServices, type Services } from '../../../workers/runtime/services';
import { startWorkers, type AnyJobHandler, type WorkerRuntime } from '../../../workers/runtime/runner';

import { createZeebeClient } from '../../../workers/runtime/zeebe-client';

/** The application's own client factory, pointed at the test engine (no ZEEBE_* variables are set in tests). */
export function zeebeClient(grpcAddress: string): ZeebeGrpcClient {
  return createZeebeClient({ embeddedAddress: `grpc://${grpcAddress}` }, { ZEEBE_CLIENT_LOG_LEVEL: 'NONE' });
}

export interface Bench {
  server: EngineServer;
  zeebe: ZeebeGrpcClient;
  records: RecordStream;
  database: TestDatabase;
  services: Services;
  logs: LogRecord[];
  log: Logger;
  deployFixture(file: string): Promise<void>;
  runWorkers(handlers: AnyJobHandler[], options?: { pollIntervalMs?: number }): Promise<WorkerRuntime>;
  close(): Promise<void>;
}

export async function startBench(provider: Provider = 'sqlite', clock?: Clock): Promise<Bench> {
  const server = await startEngineServer({ dataDir: ':memory:', grpcPort: 0, sync: 'off' });
  const records = new RecordStream(server.engine);
  const zeebe = zeebeClient(server.grpcAddress);
  const database = await freshDatabase(provider);
  const logs: LogRecord[] = [];
  const log = createLogger('workers', { level: 'debug', sink: (r) => logs.push(r) });
  const services = createServices({ db: database.db, clock, log });
  const runtimes: WorkerRuntime[] = [];
  return {
    server,
    zeebe,
    records,
    database,
    services,
    logs,
    log,
    async deployFixture(file) {
      const content = fs.readFileSync(path.join(__dirname, '..', 'fixtures', file));
      await zeebe.deployResources([{ process: content, name: file }]);
    },
    async runWorkers(handlers, options = {}) {
      const runtime = await startWorkers({
        zeebe,
        handlers,
        services,
        log,
        pollIntervalMs: options.pollIntervalMs ?? 500,
      });
      runtimes.push(runtime);
      return runtime;
    },
    async close() {
      for (const r of runtimes) await r.stop(5_000);
      await zeebe.close();
      await server.close();
      await database.destroy();
    },
  };
}
