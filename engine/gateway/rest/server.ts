// The Camunda 8.8 Orchestration Cluster REST API (/v2) on express: body parsing with a size
// limit, the routes of each resource, and one error handler that answers everything that goes
// wrong as problem+json (ZEEBE-SEMANTICS §13.2). Binds to the host it is given (loopback by default).
import express, { type NextFunction, type Request, type Response } from 'express';
import { createServer, type Server } from 'node:http';
import type { AddressInfo, Socket } from 'node:net';
import type { Engine } from '../../engine';
import { ProjectionQueries, InvalidQueryError, type Projections } from '../../projections';
import { LongPolling, type AfterEmptyAttempt } from '../long-polling';
import { GatewayError, httpStatus } from '../rejections';
import { checkDepth } from '../documents';
import { browserGuard } from './browser-guard';
import { authenticate } from './authenticate';
import { requestLog } from './request-log';
import { readBarrier } from './read-barrier';
import { EngineAuthenticator } from '../auth';
import { Problem, sendProblem } from './problems';
import type { RestContext, RouteModule } from './context';
import { DEFAULT_REQUEST_TIMEOUT_MILLIS } from '../request-timeout';
import { clusterRoutes } from './routes/cluster';
import { deploymentRoutes } from './routes/deployments';
import { processDefinitionRoutes } from './routes/process-definitions';
import { processInstanceRoutes } from './routes/process-instances';
import { processInstanceModificationRoutes } from './routes/process-instance-modification';
import { processInstanceMigrationRoutes } from './routes/process-instance-migration';
import { elementInstanceRoutes } from './routes/element-instances';
import { adHocActivityRoutes } from './routes/ad-hoc-activities';
import { userTaskRoutes } from './routes/user-tasks';
import { jobRoutes } from './routes/jobs';
import { messageRoutes } from './routes/messages';
import { incidentRoutes } from './routes/incidents';
import { variableRoutes } from './routes/variables';
import { decisionDefinitionRoutes } from './routes/decision-definitions';
import { decisionInstanceRoutes } from './routes/decision-instances';
import { decisionRequirementsRoutes } from './routes/decision-requirements';
import { projectionStatusRoutes } from './routes/projection-status';

export interface RestGatewayOptions {
  /** Largest request body accepted, in bytes (default 4 MiB, the gRPC gateway's limit); larger → 413. */
  maxBodyBytes?: number;
  grpc: () => { host: string; port: number };
  /** Host names besides IP addresses and localhost that the API answers to (DNS-rebinding guard). */
  allowedHosts?: readonly string[];
  /** Who may call (default: anyone — only for an engine on loopback). */
  auth?: EngineAuthenticator;
  /** PUT /v2/clock and POST /v2/clock/reset are served only when true (Zeebe's ZEEBE_CLOCK_CONTROLLED). */
  clockControlled?: boolean;
  /** How long a command held by task listeners keeps its request before 504 (default 15 s, as Zeebe). */
  requestTimeoutMillis?: number;
  /** Test seam of the long polling (see engine/gateway/long-polling.ts). */
  afterEmptyActivation?: AfterEmptyAttempt;
  /** Where the request log goes (requests carrying X-Request-Id, and server errors); default none. */
  requestLog?: (line: string) => void;
}

const ROUTES: RouteModule[] = [
  clusterRoutes,
  deploymentRoutes,
  processDefinitionRoutes,
  processInstanceRoutes,
  processInstanceModificationRoutes,
  processInstanceMigrationRoutes,
  elementInstanceRoutes,
  adHocActivityRoutes,
  userTaskRoutes,
  jobRoutes,
  messageRoutes,
  incidentRoutes,
  variableRoutes,
  decisionDefinitionRoutes,
  decisionRequirementsRoutes,
  decisionInstanceRoutes,
  projectionStatusRoutes,
];

function toProblem(e: unknown): Problem {
  if (e instanceof Problem) return e;
  if (e instanceof GatewayError) return new Problem(httpStatus(e.rejectionType), e.rejectionType, e.message);
  if (e instanceof InvalidQueryError) return new Problem(400, 'INVALID_ARGUMENT', e.message);
  const http = e as { type?: string; status?: number; message?: string; limit?: number };
  if (http.type === 'entity.too.large')
    return new Problem(
      413,
      'Payload Too Large',
      `The request body is larger than the limit of ${http.limit} bytes`,
    );
  if (http.type === 'entity.parse.failed')
    return new Problem(
      400,
      'Bad Request',
      `The request body is not valid JSON: ${http.message ?? ''}`.trim(),
    );
  if (typeof http.status === 'number' && http.status >= 400 && http.status < 500)
    return new Problem(http.status, 'Bad Request', http.message ?? 'The request could not be read');
  console.error('rest: unexpected error', e);
  return new Problem(500, 'INTERNAL', `Unexpected error: ${e instanceof Error ? e.message : String(e)}`);
}

export class RestGateway {
  private readonly server: Server;
  private readonly polling: LongPolling;
  private readonly sockets = new Set<Socket>();
  port = 0;

  constructor(engine: Engine, projections: Projections, options: RestGatewayOptions) {
    this.polling = new LongPolling(engine, options.afterEmptyActivation);
    const ctx: RestContext = {
      engine,
      queries: new ProjectionQueries(projections),
      projections,
      polling: this.polling,
      grpc: options.grpc,
      clockControlled: options.clockControlled ?? false,
      requestTimeoutMillis: options.requestTimeoutMillis ?? DEFAULT_REQUEST_TIMEOUT_MILLIS,
    };
    const limit = options.maxBodyBytes ?? 4 * 1024 * 1024;
    const app = express();
    app.disable('x-powered-by');
    app.set('etag', false);
    const v2 = express.Router();
    const auth = options.auth ?? new EngineAuthenticator();
    if (options.requestLog) v2.use(requestLog(options.requestLog, auth.enabled));
    v2.use(browserGuard({ allowedHosts: options.allowedHosts }));
    v2.use(authenticate(auth));
    v2.use(express.raw({ type: 'multipart/form-data', limit }));
    v2.use(express.json({ limit, type: (req) => !/^multipart\//i.test(req.headers['content-type'] ?? '') }));
    v2.use((req: Request, _res: Response, next: NextFunction) => {
      checkDepth(req.body, 'request body');
      next();
    });
    v2.use(readBarrier(engine, projections));
    for (const routes of ROUTES) routes(v2, ctx);
    app.use('/v2', v2);
    app.use((req: Request, res: Response) =>
      sendProblem(res, req.path, new Problem(404, 'NOT_FOUND', `No endpoint ${req.method} ${req.path}`)),
    );
    app.use((err: unknown, req: Request, res: Response, _next: NextFunction) =>
      sendProblem(res, req.originalUrl.split('?')[0], toProblem(err)),
    );
    this.server = createServer(app);
    this.server.on('connection', (s) => {
      this.sockets.add(s);
      s.on('close', () => this.sockets.delete(s));
    });
  }

  async listen(host: string, port: number): Promise<number> {
    await new Promise<void>((resolve, reject) => {
      this.server.once('error', reject);
      this.server.listen(port, host, () => {
        this.server.off('error', reject);
        resolve();
      });
    });
    this.port = (this.server.address() as AddressInfo).port;
    return this.port;
  }

  async close(): Promise<void> {
    this.polling.close();
    await new Promise<void>((resolve) => {
      this.server.close(() => resolve());
      this.server.closeIdleConnections();
      setTimeout(() => {
        for (const s of this.sockets) s.destroy();
      }, 1_000).unref();
    });
  }
}
