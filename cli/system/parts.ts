// The parts of the system, each started from its configuration and returning how to stop it: the domain
// database (migrated and seeded), the Zeebe client, the workers with the outbox delivery, the schedule.
// `zhuanban all` composes them (start-system.ts); `zhuanban workers|scheduler|deploy` run one each.
import fs from 'node:fs';
import path from 'node:path';
import type { ZeebeGrpcClient } from '@camunda8/sdk/dist/zeebe';
import { openDatabase, type Database } from '../../domain/db/client';
import { seed } from '../../domain/seed/seed';
import { systemClock, type Clock } from '../../domain/clock';
import { createLogger, type Logger, type LoggerOptions } from '../../domain/log';
import { scrapedGauge, startMetricsServer, type MetricsServer } from '../../domain/metrics';
import type { EngineServer } from '../../engine/server';
import { mailSettingsFromEnv } from '../../domain/notifications/compose';
import { startOutboxDispatcher, type OutboxDispatcher } from '../../domain/notifications/dispatcher';
import { transportFromEnv } from '../../domain/notifications/transport';
import { startChatDispatcher } from '../../domain/notifications/chat/dispatcher';
import { handlers as registeredHandlers } from '../../workers';
import { startWorkers, type AnyJobHandler, type WorkerRuntime } from '../../workers/runtime/runner';
import { createServices } from '../../workers/runtime/services';
import { startScheduler, type RunningScheduler } from '../../scheduler';
import { circularConfigFromEnv } from '../../scheduler/supervision-circular';
import { scheduleConfigFromEnv } from '../../scheduler/weekly-report';
import { taskNoticeIntervalFromEnv } from '../../scheduler/task-notices';
import { createEngineApi, type EngineApi } from '../../web/server/engine/client';

export async function openSeededDatabase(log: Logger): Promise<Database> {
  const database = await openDatabase();
  const where = database.target.provider === 'sqlite' ? database.target.file : 'PostgreSQL';
  const applied = database.migrated?.applied ?? [];
  log.info('database ready', {
    database: where,
    migrationsApplied: applied.length ? applied.join(',') : 'none',
  });
  try {
    const report = await seed(database.db);
    const created = Object.entries(report.created).filter(([, n]) => n > 0);
    log.info('reference data seeded', {
      created: created.length ? created.map(([k, n]) => `${k}:${n}`).join(',') : 'none (up to date)',
    });
    if (report.generatedAdminPassword)
      // Shown once, as `zhuanban seed` does: the console, not the structured log fields.
      console.log(
        `已创建管理员账户 admin，初始密码（仅显示这一次，请登录后修改）：${report.generatedAdminPassword}`,
      );
  } catch (e) {
    await database.close();
    throw e;
  }
  return database;
}

export interface WorkerPart {
  runtime: WorkerRuntime;
  outbox: OutboxDispatcher | undefined;
  /** The group-chat robots' delivery (always on). */
  chat: OutboxDispatcher;
  stop(): Promise<void>;
}

/** The job workers, the group-chat delivery and, when SMTP_URL is set, the mail delivery (mails otherwise stay
 * in the outbox). */
export async function startWorkerPart(options: {
  zeebe: ZeebeGrpcClient;
  database: Database;
  clock?: Clock;
  handlers?: AnyJobHandler[];
  pollIntervalMs?: number;
  logOptions?: LoggerOptions;
}): Promise<WorkerPart> {
  const clock = options.clock ?? systemClock;
  const log = createLogger('workers', options.logOptions);
  const mailSettings = mailSettingsFromEnv();
  const services = createServices({ db: options.database.db, clock, log, mailSettings });
  const runtime = await startWorkers({
    zeebe: options.zeebe,
    handlers: options.handlers ?? registeredHandlers,
    services,
    log,
    pollIntervalMs: options.pollIntervalMs,
  });
  const transport = transportFromEnv();
  const mailLog = createLogger('mail', options.logOptions);
  const outbox = transport
    ? startOutboxDispatcher({
        db: options.database.db,
        transport,
        envelopeFrom: /<([^>]+)>/.exec(mailSettings.from)?.[1] ?? mailSettings.from,
        clock,
        log: mailLog,
      })
    : undefined;
  if (!outbox) mailLog.info('SMTP_URL not set: mails are kept in the outbox (shown in the web UI), not sent');
  // Group-chat robots need no setting of their own: a unit without a robot simply has no chat rows.
  const chat = startChatDispatcher({
    db: options.database.db,
    clock,
    log: createLogger('chat', options.logOptions),
  });
  return {
    runtime,
    outbox,
    chat,
    async stop() {
      await runtime.stop();
      await outbox?.stop();
      await chat.stop();
    },
  };
}

/** The schedule. The new-task notices read the engine's user tasks over REST: `engine` (zhuanban all passes its
 * embedded engine's client), else ZEEBE_REST_ADDRESS / CAMUNDA_REST_ADDRESS with the SDK's auth settings. */
export async function startSchedulePart(options: {
  zeebe: ZeebeGrpcClient;
  database: Database;
  engine?: EngineApi;
  clock?: Clock;
  logOptions?: LoggerOptions;
}): Promise<RunningScheduler> {
  const log = createLogger('scheduler', options.logOptions);
  const mailSettings = mailSettingsFromEnv();
  const intervalMs = taskNoticeIntervalFromEnv();
  const engine = intervalMs > 0 ? (options.engine ?? createEngineApi({})) : undefined;
  if (intervalMs > 0 && !engine)
    log.warn('new-task notices off: no engine REST address (set ZEEBE_REST_ADDRESS or CAMUNDA_REST_ADDRESS)');
  return startScheduler({
    zeebe: options.zeebe,
    db: options.database.db,
    clock: options.clock ?? systemClock,
    log,
    config: scheduleConfigFromEnv(),
    circular: { config: circularConfigFromEnv(), mailSettings },
    taskNotices: engine && { engine, intervalMs, mailSettings },
  });
}

/** Prometheus metrics on METRICS_PORT (loopback unless METRICS_HOST), with the outbox gauges; none when unset. */
export async function startMetricsPart(database: Database, log: Logger): Promise<MetricsServer | undefined> {
  const port = process.env.METRICS_PORT;
  if (!port) return undefined;
  scrapedGauge('zhuanban_outbox_pending', 'Mails waiting in the outbox', () =>
    database.db.outboxMessage.count({ where: { status: 'pending' } }),
  );
  scrapedGauge(
    'zhuanban_outbox_failed',
    'Mails whose delivery failed for good (resend in the outbox page)',
    () => database.db.outboxMessage.count({ where: { status: 'failed' } }),
  );
  const server = await startMetricsServer(Number(port), process.env.METRICS_HOST || '127.0.0.1');
  log.info('metrics listening', { metrics: `${server.address}/metrics` });
  return server;
}

/** The embedded engine's gauges, read when scraped: records written, journal size, snapshot age, projection lag. */
export function registerEngineMetrics(server: EngineServer, dataDir: string): void {
  const journalBytes = () =>
    ['journal.db', 'journal.db-wal']
      .map((f) => path.join(dataDir, f))
      .reduce((n, f) => n + (fs.existsSync(f) ? fs.statSync(f).size : 0), 0);
  scrapedGauge(
    'zhuanban_engine_records_total',
    'Records the engine has written (rate() of it: records per second)',
    async () => server.engine.lastPosition,
  );
  scrapedGauge('zhuanban_engine_journal_bytes', 'Size of the engine journal on disk', async () =>
    dataDir === ':memory:' ? 0 : journalBytes(),
  );
  scrapedGauge(
    'zhuanban_engine_snapshot_age_seconds',
    'Seconds since the engine last wrote a snapshot',
    async () => server.engine.snapshotAgeMillis / 1000,
  );
  scrapedGauge(
    'zhuanban_engine_projection_lag_records',
    'Records written but not yet visible to the REST searches',
    async () => server.projections?.status().lagRecords ?? 0,
  );
  scrapedGauge(
    'zhuanban_engine_projection_lag_seconds',
    'How long the oldest committed change not yet visible to the REST searches has waited',
    async () => (server.projections?.status().lagMillis ?? 0) / 1000,
  );
  scrapedGauge(
    'zhuanban_engine_projection_position',
    'The last journal position the REST searches show',
    async () => server.projections?.status().appliedPosition ?? 0,
  );
}
