// The composition root of `npm start` / `zhuanban all`: one process that brings up, in order, the domain database
// (migrated, seeded), the embedded engine (gRPC + REST v2, unless ZEEBE_GRPC_ADDRESS names an external gateway),
// the deployment of processes/, the workers with the outbox delivery, the schedule and the web server — all
// talking to the engine over its network APIs — and stops them in reverse order. Everything binds to loopback unless
// told otherwise; the engine answers only callers with credentials (its parts share one made at start).
import { createLogger, type LoggerOptions } from '../../domain/log';
import type { MetricsServer } from '../../domain/metrics';
import type { Clock } from '../../domain/clock';
import type { Database } from '../../domain/db/client';
import { startEngineServer, type EngineServer } from '../../engine/server';
import { startServer, type RunningServer } from '../../web/server/server';
import { createEngineApi } from '../../web/server/engine/client';
import type { AnyJobHandler } from '../../workers/runtime/runner';
import {
  createZeebeClient,
  externalGatewayConfigured,
  gatewayAddress,
} from '../../workers/runtime/zeebe-client';
import type { RunningScheduler } from '../../scheduler';
import { deployProcesses, describeDeployment, findProcessesDir } from './deploy';
import { engineSecurityFromEnv, internalCredential } from './engine-security';
import {
  openSeededDatabase,
  registerEngineMetrics,
  startMetricsPart,
  startSchedulePart,
  startWorkerPart,
  type WorkerPart,
} from './parts';

export interface SystemOptions {
  /** Engine journal and snapshots (default data/engine; ':memory:' for tests). */
  engineDataDir?: string;
  host?: string;
  /** Where the embedded engine listens (default ENGINE_HOST, else loopback — not `host`). */
  engineHost?: string;
  /** Clients may pin the engine clock (default ZEEBE_CLOCK_CONTROLLED). */
  clockControlled?: boolean;
  grpcPort?: number;
  restPort?: number;
  webPort?: number;
  processesDir?: string;
  handlers?: AnyJobHandler[];
  clock?: Clock;
  /** Format, level and sink of every part's log (default: LOG_FORMAT, LOG_LEVEL, stdout). */
  logOptions?: LoggerOptions;
}

export interface RunningSystem {
  database: Database;
  engine: EngineServer | undefined;
  /** What the parts use to call the embedded engine (tests call it the same way). */
  engineCredentials?: { username: string; password: string };
  /** The Authorization header value for direct calls to the embedded engine (tests, tools). */
  engineAuthorization?: string;
  zeebeAddress: string;
  workers: WorkerPart;
  scheduler: RunningScheduler;
  web: RunningServer;
  /** The Prometheus endpoint, when METRICS_PORT is set. */
  metrics?: MetricsServer;
  stop(): Promise<void>;
}

export async function startSystem(options: SystemOptions = {}): Promise<RunningSystem> {
  const logOptions = options.logOptions;
  const log = createLogger('zhuanban', logOptions);
  const host = options.host ?? '127.0.0.1';
  const stops: { name: string; stop: () => Promise<void> }[] = [];
  const stopAll = async () => {
    for (const part of stops.reverse()) {
      try {
        await part.stop();
      } catch (e) {
        log.error(`stopping ${part.name} failed`, { error: e });
      }
    }
    stops.length = 0;
  };
  try {
    const database = await openSeededDatabase(log);
    stops.push({ name: 'database', stop: () => database.close() });

    let engine: EngineServer | undefined;
    let engineCredentials: { username: string; password: string } | undefined;
    if (externalGatewayConfigured()) {
      log.info('using the external Zeebe gateway (ZEEBE_GRPC_ADDRESS): no embedded engine', {
        gateway: gatewayAddress(),
      });
    } else {
      const engineLog = createLogger('engine', logOptions);
      const security = engineSecurityFromEnv();
      engineCredentials = internalCredential();
      engine = await startEngineServer({
        dataDir: options.engineDataDir ?? 'data/engine',
        host: options.engineHost ?? (process.env.ENGINE_HOST?.trim() || '127.0.0.1'),
        auth: { ...security.auth, users: [...(security.auth.users ?? []), engineCredentials] },
        clockControlled: options.clockControlled ?? security.clockControlled,
        grpcPort: options.grpcPort ?? 26500,
        restPort: options.restPort ?? 8080,
        log: (line) => engineLog.info(line.replace(/^engine: /, '')),
        requestLog: (line) => engineLog.debug(line),
      });
      const running = engine;
      stops.push({ name: 'engine', stop: () => running.close() });
      log.info('engine listening', {
        grpc: running.grpcAddress,
        rest: running.restAddress ? `${running.restAddress}/v2` : 'off',
      });
    }
    const embeddedAddress = engine ? `grpc://${engine.grpcAddress}` : undefined;
    const zeebe = createZeebeClient({ embeddedAddress, embeddedCredentials: engineCredentials });
    stops.push({ name: 'zeebe client', stop: async () => void (await zeebe.close()) });

    const processesDir = options.processesDir ?? findProcessesDir();
    const deployed = await deployProcesses(zeebe, processesDir);
    log.info('processes deployed', { from: processesDir, versions: describeDeployment(deployed) });

    const workers = await startWorkerPart({
      zeebe,
      database,
      clock: options.clock,
      handlers: options.handlers,
      logOptions,
    });
    stops.push({ name: 'workers', stop: () => workers.stop() });
    log.info('workers running', {
      jobTypes: workers.runtime.types.length,
      gateway: gatewayAddress({ embeddedAddress }),
    });

    const scheduler = await startSchedulePart({
      zeebe,
      database,
      engine: createEngineApi({ restAddress: engine?.restAddress, credentials: engineCredentials }),
      clock: options.clock,
      logOptions,
    });
    stops.push({ name: 'scheduler', stop: () => scheduler.stop() });

    const metrics = await startMetricsPart(database, log);
    if (metrics) stops.push({ name: 'metrics', stop: () => metrics.close() });
    if (metrics && engine) registerEngineMetrics(engine, options.engineDataDir ?? 'data/engine');

    const webLog = createLogger('web', logOptions);
    const web = await startServer({
      database,
      host,
      port: options.webPort,
      engineRestAddress: engine?.restAddress,
      engineCredentials,
      log: (line) => webLog.info(line.replace(/^web: /, '')),
    });
    stops.push({ name: 'web', stop: () => web.stop() });

    log.info('ready', {
      web: web.url,
      grpc: engine?.grpcAddress ?? gatewayAddress(),
      rest: engine?.restAddress ? `${engine.restAddress}/v2` : undefined,
    });
    return {
      database,
      engine,
      engineCredentials,
      engineAuthorization: engineCredentials
        ? `Basic ${Buffer.from(`${engineCredentials.username}:${engineCredentials.password}`).toString('base64')}`
        : undefined,
      zeebeAddress: gatewayAddress({ embeddedAddress }),
      workers,
      scheduler,
      web,
      metrics,
      stop: stopAll,
    };
  } catch (e) {
    await stopAll();
    throw e;
  }
}
