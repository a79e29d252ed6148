// Starts the engine with its gateways: the in-process entry point (tests, `npm start`) and what
// `zhuanban engine` runs. Binds to loopback unless told otherwise.
import { createServer } from 'node:net';
import { Engine, type EngineOptions } from './engine';
import { GrpcGatewayThread } from './gateway/grpc/gateway-host';
import { RestGateway } from './gateway/rest/server';
import { Projections } from './projections';
import type { AfterEmptyAttempt } from './gateway/long-polling';
import { assertSafeBind, EngineAuthenticator, type EngineAuthOptions } from './gateway/auth';
import { parseDataSize } from './storage';
import { DEFAULT_REQUEST_TIMEOUT_MILLIS } from './gateway/request-timeout';

export interface EngineServerOptions extends Partial<EngineOptions> {
  host?: string;
  /** 0 picks a free port. */
  grpcPort?: number;
  /**
   * Port of the REST API v2 (0 picks a free port), for the REST gateway (engine/gateway/rest);
   * without it no REST gateway is started.
   */
  restPort?: number;
  /** Finished process instances leave the REST searches this long after they ended (default: never). */
  retentionMillis?: number;
  /** Basic users and/or an OIDC issuer; without them the engine serves anyone and only on loopback. */
  auth?: EngineAuthOptions;
  /** Clients may pin the clock through REST (tests and trials only; Zeebe's ZEEBE_CLOCK_CONTROLLED). */
  clockControlled?: boolean;
  /** How long a command held by task listeners keeps its request: then REST 504, gRPC DEADLINE_EXCEEDED (default 15 s). */
  requestTimeoutMillis?: number;
  /** Test seam of the gateways' long polling (see engine/gateway/long-polling.ts). */
  afterEmptyActivation?: AfterEmptyAttempt;
  /** The REST request log (requests with an X-Request-Id, server errors): engine/gateway/rest/request-log.ts. */
  requestLog?: (line: string) => void;
}

export interface EngineServer {
  engine: Engine;
  host: string;
  grpcPort: number;
  /** host:port for ZEEBE_GRPC_ADDRESS. */
  grpcAddress: string;
  /** Base URL of the REST API v2 (ZEEBE_REST_ADDRESS), when one was started. */
  restAddress?: string;
  restPort?: number;
  /** The read models behind the REST searches, when REST was started. */
  projections?: Projections;
  /** The gRPC gateway's thread and its link to the engine. */
  grpcGateway: GrpcGatewayThread;
  close(): Promise<void>;
}

export class PortInUseError extends Error {}

function hostPort(host: string, port: number): string {
  return `${host.includes(':') ? `[${host}]` : host}:${port}`;
}

/** Fails fast, before recovery, when a fixed port is taken or the host is not an address of this machine. */
async function checkPort(host: string, port: number, what: string): Promise<void> {
  if (port === 0) return;
  await new Promise<void>((resolve, reject) => {
    const probe = createServer();
    probe.once('error', (e: NodeJS.ErrnoException) => {
      reject(
        e.code === 'EADDRINUSE'
          ? new PortInUseError(
              `the ${what} port ${hostPort(host, port)} is already in use (another engine running?); choose another port`,
            )
          : new Error(`cannot listen for ${what} on ${hostPort(host, port)}: ${e.message}`),
      );
    });
    probe.listen({ host, port, exclusive: true }, () => probe.close(() => resolve()));
  });
}

/** Zeebe's ZEEBE_BROKER_DATA_DISK_FREESPACE_PROCESSING ('2GB', '256MB'; '0' turns the check off). */
function minFreeDiskFromEnv(env: NodeJS.ProcessEnv = process.env): number | undefined {
  const text = env.ZEEBE_BROKER_DATA_DISK_FREESPACE_PROCESSING;
  if (text === undefined || text === '') return undefined;
  const bytes = parseDataSize(text);
  if (bytes === undefined)
    throw new Error(
      `ZEEBE_BROKER_DATA_DISK_FREESPACE_PROCESSING must be a data size such as 2GB or 512MB, got '${text}'`,
    );
  return bytes;
}

export async function startEngineServer(options: EngineServerOptions = {}): Promise<EngineServer> {
  const host = options.host ?? '127.0.0.1';
  const auth = new EngineAuthenticator(options.auth);
  assertSafeBind(host, auth);
  const grpcPortWanted = options.grpcPort ?? 26500;
  await checkPort(host, grpcPortWanted, 'gRPC');
  const engine = await Engine.start({
    dataDir: options.dataDir ?? 'data/engine',
    ...options,
    minFreeDiskBytes: options.minFreeDiskBytes ?? minFreeDiskFromEnv(),
  });
  // Opened before anything can be processed, so they catch up with the journal and miss no record.
  let projections: Projections | undefined;
  try {
    projections =
      options.restPort === undefined
        ? undefined
        : await Projections.open(engine, {
            dataDir: options.dataDir ?? 'data/engine',
            retentionMillis: options.retentionMillis,
            log: options.log,
          });
  } catch (e) {
    await engine.close();
    throw e;
  }
  const grpc = new GrpcGatewayThread(engine, {
    auth: options.auth,
    requestTimeoutMillis: options.requestTimeoutMillis ?? DEFAULT_REQUEST_TIMEOUT_MILLIS,
    afterEmptyActivation: options.afterEmptyActivation,
    log: options.log,
  });
  let grpcPort: number;
  try {
    grpcPort = await grpc.listen(host, grpcPortWanted);
  } catch (e) {
    await engine.close();
    await projections?.close();
    throw new Error(
      `cannot listen for gRPC on ${hostPort(host, grpcPortWanted)}: ${e instanceof Error ? e.message : String(e)}`,
    );
  }
  let rest: RestGateway | undefined;
  let restPort: number | undefined;
  if (projections && options.restPort !== undefined) {
    rest = new RestGateway(engine, projections, {
      grpc: () => ({ host, port: grpcPort }),
      auth,
      clockControlled: options.clockControlled,
      requestTimeoutMillis: options.requestTimeoutMillis,
      afterEmptyActivation: options.afterEmptyActivation,
      requestLog: options.requestLog,
    });
    try {
      restPort = await rest.listen(host, options.restPort);
    } catch (e) {
      await grpc.close();
      await engine.close();
      await projections.close();
      throw new Error(
        `cannot listen for REST on ${hostPort(host, options.restPort)}: ${e instanceof Error ? e.message : String(e)}`,
      );
    }
  }
  let closed = false;
  return {
    engine,
    host,
    grpcPort,
    grpcAddress: hostPort(host, grpcPort),
    restPort,
    restAddress: restPort === undefined ? undefined : `http://${hostPort(host, restPort)}`,
    projections,
    grpcGateway: grpc,
    async close() {
      if (closed) return;
      closed = true;
      await rest?.close();
      await grpc.close();
      await engine.close();
      await projections?.close();
    },
  };
}
