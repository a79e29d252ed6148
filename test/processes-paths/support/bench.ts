// The bench of the path tests, all real parts: the engine (embedded, or a separate process: test/support/test-engine.ts) with its gRPC gateway and REST API v2 on free
// loopback ports (in memory), the real models and forms deployed, the real workers (the application's handler
// registry, started by startWorkers) on a fresh migrated and seeded domain database (SQLite or PostgreSQL), the
// outbox delivered to a real SMTP server on loopback. People act through the REST API v2 as the web would: start
// instances, find tasks by candidate group, assign and complete them with the form's variables, publish messages.
// One clock: the engine clock pinned through PUT /v2/clock and the workers' clock moved with it.
import { DateTime } from 'luxon';
import { Camunda8 } from '@camunda8/sdk';
import type { CamundaRestClient } from '@camunda8/sdk/dist/c8/lib/CamundaRestClient';
import type { ZeebeGrpcClient } from '@camunda8/sdk/dist/zeebe';
import { startTestEngineEndpoint, type TestEngineEndpoint } from '../../support/test-engine';
import { manualClock, type ManualClock } from '../../../domain/clock';
import type { Db } from '../../../domain/db/client';
import { createLogger, type LogRecord } from '../../../domain/log';
import { startOutboxDispatcher, type OutboxDispatcher } from '../../../domain/notifications/dispatcher';
import { smtpTransport } from '../../../domain/notifications/transport';
import { seed } from '../../../domain/seed/seed';
import { handlers } from '../../../workers';
import { createServices } from '../../../workers/runtime/services';
import { startWorkers, type AnyJobHandler, type WorkerRuntime } from '../../../workers/runtime/runner';
import { freshDatabase, type Provider, type TestDatabase } from '../../support/databases';
import { startSmtp, type Received, type TestSmtp } from '../../notifications/support/smtp';
import { deployAll } from '../../processes/support/engine';

export const zone = 'Asia/Shanghai';
export const DAY = 24 * 3600_000;

/** The Monday 09:00 (Asia/Shanghai) after the real today: timers and job deadlines lie ahead of wall time. */
export function nextMonday(): number {
  return DateTime.now().setZone(zone).startOf('week').plus({ weeks: 1 }).set({ hour: 9 }).toMillis();
}

/** YYYY-MM-DD in Shanghai of an instant. */
export const dateOf = (ms: number) => DateTime.fromMillis(ms, { zone }).toISODate() as string;
/** ISO 8601 with +08:00, what a form's utc_offset date-time submits. */
export const isoOf = (ms: number) =>
  DateTime.fromMillis(ms, { zone }).toISO({ suppressMilliseconds: true, includeOffset: true }) as string;

export interface Person {
  username: string;
  role: string;
  unit: string;
  email: string;
}

/** Invented test people with mail addresses (DOMAIN.md: role placeholders only). */
export const people: Person[] = [
  { username: 'coordinator', role: 'coordinator', unit: 'plc-office', email: 'coordinator@zhuanban.test' },
  { username: 'leader', role: 'leader', unit: 'plc-office', email: 'leader@zhuanban.test' },
  ...['court', 'procuratorate', 'police', 'justice'].flatMap((unit) => [
    { username: `${unit}.user`, role: 'unit-user', unit, email: `${unit}.user@zhuanban.test` },
    { username: `${unit}.lead`, role: 'unit-lead', unit, email: `${unit}.lead@zhuanban.test` },
  ]),
];

export interface OpenTask {
  userTaskKey: string;
  elementId: string;
  processInstanceKey: string;
  candidateGroups?: string[];
  dueDate?: string;
}

export interface Bench {
  server: TestEngineEndpoint;
  rest: CamundaRestClient;
  zeebe: ZeebeGrpcClient;
  database: TestDatabase;
  db: Db;
  clock: ManualClock;
  smtp: TestSmtp;
  logs: LogRecord[];
  now(): number;
  /** Pins the engine clock and the workers' clock to `ms`; timers that fall due fire. */
  pin(ms: number): Promise<void>;
  start(processId: string, variables: Record<string, unknown>): Promise<string>;
  /** Waits for the open task of `elementId` in `group`'s inbox (of the instance), as a user of that unit sees it. */
  task(group: string, elementId: string, processInstanceKey: string): Promise<OpenTask>;
  /** Finds the task in the unit's inbox, assigns it to `assignee` and completes it with the form's variables. */
  complete(
    group: string,
    elementId: string,
    processInstanceKey: string,
    variables: Record<string, unknown>,
    assignee?: string,
  ): Promise<OpenTask>;
  /** The open tasks of an instance another group sees (for the unit-scope checks). */
  inbox(group: string, processInstanceKey: string): Promise<OpenTask[]>;
  publish(name: string, correlationKey: string, variables: Record<string, unknown>): Promise<void>;
  until<T>(what: string, probe: () => Promise<T | undefined | null | false>, timeoutMs?: number): Promise<T>;
  ended(processInstanceKey: string): Promise<void>;
  /** Delivers the outbox over SMTP and answers the mails received since the last call. */
  mails(): Promise<Received[]>;
  /** Stops the workers (as a crash would leave them) and starts a new runtime; see restartWorkers. */
  runWorkers(list?: AnyJobHandler[]): Promise<WorkerRuntime>;
  close(): Promise<void>;
}

export interface BenchOptions {
  /** Start the workers in this process (default true); false leaves them to a separate process. */
  workers?: boolean;
}

export async function startBench(
  provider: Provider = 'sqlite',
  start = nextMonday(),
  options: BenchOptions = {},
): Promise<Bench> {
  const server = await startTestEngineEndpoint();
  const c8 = new Camunda8({
    ZEEBE_REST_ADDRESS: server.restAddress,
    CAMUNDA_REST_ADDRESS: server.restAddress,
    ZEEBE_GRPC_ADDRESS: `grpc://${server.grpcAddress}`,
    CAMUNDA_AUTH_STRATEGY: 'NONE',
    CAMUNDA_OAUTH_DISABLED: true,
    ZEEBE_CLIENT_LOG_LEVEL: 'NONE',
    CAMUNDA_LOG_LEVEL: 'none',
  } as never);
  const rest = c8.getCamundaRestClient();
  const zeebe = server.zeebeClient();
  const database = await freshDatabase(provider);
  const db = database.db;
  await seed(db, { adminPassword: 'test-admin-password-1' });
  for (const p of people) {
    const unit = await db.unit.findUniqueOrThrow({ where: { code: p.unit } });
    await db.user.create({
      data: {
        username: p.username,
        displayName: `${unit.shortName}${p.role === 'unit-lead' ? '负责人乙' : '承办人B'}`,
        role: p.role,
        unitId: unit.id,
        email: p.email,
        passwordHash: 'not-used-in-these-tests',
      },
    });
  }
  const clock = manualClock(start);
  await rest.pinInternalClock(start);
  await deployAll(zeebe);
  const logs: LogRecord[] = [];
  const log = createLogger('workers', { level: 'debug', sink: (r) => logs.push(r) });
  const services = createServices({
    db,
    clock,
    log,
    mailSettings: { from: '"工作专班办公室" <office@zhuanban.test>', messageIdDomain: 'zhuanban.test' },
  });
  const smtp = await startSmtp();
  const dispatcher: OutboxDispatcher = startOutboxDispatcher({
    db,
    transport: smtpTransport(smtp.url),
    envelopeFrom: 'office@zhuanban.test',
    clock,
    log,
    intervalMs: 3_600_000,
  });
  const runtimes: WorkerRuntime[] = [];
  const runWorkers = async (list: AnyJobHandler[] = handlers) => {
    const runtime = await startWorkers({ zeebe, handlers: list, services, log, pollIntervalMs: 200 });
    runtimes.push(runtime);
    return runtime;
  };
  if (options.workers !== false) await runWorkers();
  let seen = 0;

  const incidents = async (): Promise<string | undefined> => {
    const r = await rest.searchIncidents({ filter: { state: 'ACTIVE' } } as never);
    const first = r.items[0];
    return first && `${first.elementId}: ${first.errorType} ${first.errorMessage}`;
  };

  const bench: Bench = {
    server,
    rest,
    zeebe,
    database,
    db,
    clock,
    smtp,
    logs,
    now: () => clock.now().getTime(),
    async pin(ms) {
      clock.set(ms);
      await rest.pinInternalClock(ms);
    },
    async start(processId, variables) {
      const r = await rest.createProcessInstance({ processDefinitionId: processId, variables });
      return String(r.processInstanceKey);
    },
    async inbox(group, processInstanceKey) {
      const r = await rest.searchUserTasks({
        filter: { candidateGroup: group, state: 'CREATED', processInstanceKey },
      });
      return r.items.map((t) => ({
        ...t,
        userTaskKey: String(t.userTaskKey),
        processInstanceKey: String(t.processInstanceKey),
      }));
    },
    async task(group, elementId, processInstanceKey) {
      return bench.until(`task ${elementId} in the inbox of ${group}`, async () =>
        (await bench.inbox(group, processInstanceKey)).find((t) => t.elementId === elementId),
      );
    },
    async complete(group, elementId, processInstanceKey, variables, assignee) {
      const task = await bench.task(group, elementId, processInstanceKey);
      const who = assignee ?? ({ coordinators: 'coordinator', leaders: 'leader' }[group] || `${group}.user`);
      await rest.assignUserTask({ userTaskKey: task.userTaskKey, assignee: who, allowOverride: false });
      await rest.completeUserTask({ userTaskKey: task.userTaskKey, variables });
      return task;
    },
    async publish(name, correlationKey, variables) {
      await rest.publishMessage({ name, correlationKey, variables: variables as never, timeToLive: 0 });
    },
    async until(what, probe, timeoutMs = 15_000) {
      const deadline = Date.now() + timeoutMs;
      for (let i = 0; ; i++) {
        const value = await probe();
        if (value !== undefined && value !== null && value !== false) return value as never;
        if (i % 10 === 9) {
          const incident = await incidents();
          if (incident) throw new Error(`incident while waiting for ${what}: ${incident}`);
        }
        if (Date.now() > deadline) throw new Error(`timed out waiting for ${what}`);
        await new Promise((r) => setTimeout(r, 50));
      }
    },
    async ended(processInstanceKey) {
      await bench.until(`instance ${processInstanceKey} to complete`, async () => {
        const r = await rest.searchProcessInstances({ filter: { processInstanceKey } } as never);
        return r.items[0]?.state === 'COMPLETED';
      });
    },
    async mails() {
      await dispatcher.runOnce();
      const fresh = smtp.received.slice(seen);
      seen = smtp.received.length;
      return fresh;
    },
    runWorkers,
    async close() {
      for (const r of runtimes) await r.stop(5_000);
      await dispatcher.stop();
      await zeebe.close();
      await server.close();
      await smtp.stop();
      await database.destroy();
    },
  };
  return bench;
}
