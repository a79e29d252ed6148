// The Zeebe gRPC gateway, run in its own thread (gateway-thread.ts) (gateway_protocol.Gateway from the proto file @camunda8/sdk ships, with 8.8's
// CompleteJobRequest: job-result.ts, and 8.8's ActivatedJob: activated-job.ts) on @grpc/grpc-js: unary RPCs, ActivateJobs as a server stream with long polling, and
// StreamActivatedJobs pushing jobs as the engine activates them. Gzip requests are accepted.
import { modifyProcessInstance } from './modification-handler';
import { migrateProcessInstance } from './migration-handler';
import { evaluateDecision } from './decision-handlers';
import * as grpc from '@grpc/grpc-js';
import * as protoLoader from '@grpc/proto-loader';
import type { GatewayEngine } from './gateway-engine';
import { GatewayError, grpcStatus } from '../rejections';
import { GrpcHandlers, type Req } from './handlers';
import { JobHandlers } from './job-handlers';
import { activatedJobSerializers, toActivatedJob } from './activated-job';
import { authenticated } from './authenticate';
import { EngineAuthenticator } from '../auth';
import { completeJobRequest8_8 } from './job-result';
import { GatewayTimeout } from './command';
import { DEFAULT_REQUEST_TIMEOUT_MILLIS } from '../request-timeout';

export const GATEWAY_VERSION = '8.8.0';
const MAX_MESSAGE_BYTES = 4 * 1024 * 1024;

/** How the proto is read: the SDK's own settings, so requests look to the handlers as the SDK sends them. */
const PROTO_OPTIONS: protoLoader.Options = {
  keepCase: true,
  longs: String,
  enums: String,
  defaults: true,
  oneofs: true,
};

function protoPath(): string {
  return require.resolve('@camunda8/sdk/dist/proto/zeebe.proto');
}

function toServiceError(e: unknown): grpc.ServiceError {
  if (e instanceof GatewayTimeout) {
    return Object.assign(new Error(e.message), {
      code: grpc.status.DEADLINE_EXCEEDED,
      details: e.message,
      metadata: new grpc.Metadata(),
    });
  }
  if (e instanceof GatewayError) {
    return Object.assign(new Error(e.message), {
      code: grpcStatus(e.rejectionType),
      details: e.message,
      metadata: new grpc.Metadata(),
    });
  }
  const message = e instanceof Error ? e.message : String(e);
  console.error('gateway: unexpected error', e);
  return Object.assign(new Error(message), {
    code: grpc.status.INTERNAL,
    details: `Unexpected error: ${message}`,
    metadata: new grpc.Metadata(),
  });
}

/**
 * Compressed requests are accepted (the SDK gzips every request), but the response headers ask
 * for uncompressed ones: gRPC clients then stop compressing on that channel. On loopback,
 * compressing costs both sides CPU (about half the SDK's per-request CPU) and saves nothing.
 */
function preferIdentity(): grpc.Metadata {
  const m = new grpc.Metadata();
  m.set('grpc-accept-encoding', 'identity');
  return m;
}

// One instance for every call: grpc-js only reads response metadata (toHttp2Headers), and building it per
// call validated the key by a regular expression each time.
const IDENTITY = preferIdentity();

type Unary = (req: Req) => unknown;

export class GrpcGateway {
  private readonly server: grpc.Server;
  private readonly handlers: GrpcHandlers;
  private readonly jobs: JobHandlers;
  private readonly activeCalls = new Set<grpc.ServerWritableStream<Req, unknown>>();
  port = 0;
  host = '127.0.0.1';

  constructor(
    private readonly engine: GatewayEngine,
    auth: EngineAuthenticator = new EngineAuthenticator(),
    requestTimeoutMillis = DEFAULT_REQUEST_TIMEOUT_MILLIS,
  ) {
    this.jobs = new JobHandlers(engine);
    this.handlers = new GrpcHandlers(
      engine,
      GATEWAY_VERSION,
      () => ({ host: this.host, port: this.port }),
      requestTimeoutMillis,
    );
    this.server = new grpc.Server({
      'grpc.max_receive_message_length': MAX_MESSAGE_BYTES,
      'grpc.max_send_message_length': MAX_MESSAGE_BYTES,
      // Channelz's per-call counters and timestamps cost every call; no channelz service is served.
      'grpc.enable_channelz': 0,
    });
    const definition = protoLoader.loadSync(protoPath(), PROTO_OPTIONS);
    const proto = grpc.loadPackageDefinition(definition) as unknown as {
      gateway_protocol: { Gateway: { service: grpc.ServiceDefinition } };
    };
    const sdkService = proto.gateway_protocol.Gateway.service;
    // CompleteJob is read with 8.8's message, which adds the job result the SDK's proto lacks; activated
    // jobs are written with 8.8's ActivatedJob, which adds the task, the kind and the listener event type.
    const serialize = activatedJobSerializers(PROTO_OPTIONS);
    const service: grpc.ServiceDefinition = {
      ...sdkService,
      CompleteJob: { ...sdkService.CompleteJob, requestDeserialize: completeJobRequest8_8(PROTO_OPTIONS) },
      ActivateJobs: { ...sdkService.ActivateJobs, responseSerialize: serialize.ActivateJobs },
      StreamActivatedJobs: {
        ...sdkService.StreamActivatedJobs,
        responseSerialize: serialize.StreamActivatedJobs,
      },
    };
    const h = this.handlers;
    const j = this.jobs;
    const unary =
      (fn: Unary): grpc.handleUnaryCall<Req, unknown> =>
      (call, callback) => {
        call.sendMetadata(IDENTITY);
        Promise.resolve()
          .then(() => fn(call.request))
          .then(
            (res) => callback(null, res),
            (e) => callback(toServiceError(e)),
          );
      };
    this.server.addService(
      service,
      authenticated(
        {
          Topology: unary(() => h.topology()),
          DeployResource: unary((r) => h.deployResource(r)),
          DeployProcess: unary((r) => h.deployProcess(r)),
          CreateProcessInstance: unary((r) => h.createProcessInstance(r)),
          CreateProcessInstanceWithResult: unary((r) => h.createProcessInstanceWithResult(r)),
          CancelProcessInstance: unary((r) => h.cancelProcessInstance(r)),
          CompleteJob: unary((r) => j.completeJob(r)),
          FailJob: unary((r) => j.failJob(r)),
          ThrowError: unary((r) => j.throwError(r)),
          UpdateJobRetries: unary((r) => j.updateJobRetries(r)),
          UpdateJobTimeout: unary((r) => j.updateJobTimeout(r)),
          PublishMessage: unary((r) => h.publishMessage(r)),
          ResolveIncident: unary((r) => h.resolveIncident(r)),
          SetVariables: unary((r) => h.setVariables(r)),
          BroadcastSignal: unary((r) => h.broadcastSignal(r)),
          EvaluateDecision: unary((r) => evaluateDecision(this.engine, r)),
          ModifyProcessInstance: unary((r) => modifyProcessInstance(this.engine, r)),
          MigrateProcessInstance: unary((r) => migrateProcessInstance(this.engine, r)),
          DeleteResource: unary((r) => h.deleteResource(r)),
          ActivateJobs: (call: grpc.ServerWritableStream<Req, unknown>) => this.activateJobs(call),
          StreamActivatedJobs: (call: grpc.ServerWritableStream<Req, unknown>) => this.streamJobs(call),
        },
        auth,
      ),
    );
  }

  private activateJobs(call: grpc.ServerWritableStream<Req, unknown>): void {
    call.sendMetadata(IDENTITY);
    this.activeCalls.add(call);
    let cancel: () => void = () => undefined;
    call.on('cancelled', () => cancel());
    this.jobs
      .activateJobs(call.request, (c) => (cancel = c))
      .then(
        (jobs) => {
          if (call.cancelled) {
            this.engine.yieldBack(jobs);
            return;
          }
          if (jobs.length > 0) call.write({ jobs: jobs.map(toActivatedJob) });
          call.end();
        },
        // A server stream ends with an error status through 'error'; destroy() would drop the
        // status and leave the client waiting for its deadline.
        (e) => call.emit('error', toServiceError(e)),
      )
      .finally(() => this.activeCalls.delete(call));
  }

  private streamJobs(call: grpc.ServerWritableStream<Req, unknown>): void {
    let request;
    try {
      request = this.jobs.activationRequest(call.request, true);
    } catch (e) {
      call.emit('error', toServiceError(e));
      return;
    }
    call.sendMetadata(IDENTITY);
    this.activeCalls.add(call);
    const spec = {
      type: request.type,
      worker: request.worker,
      timeout: request.timeout,
      fetchVariables: request.fetchVariables,
    };
    const remove = this.engine.openStream(spec, (job) => {
      if (call.cancelled || call.destroyed || call.writableEnded) return false;
      call.write(toActivatedJob(job));
      return true;
    });
    const close = () => {
      remove();
      this.activeCalls.delete(call);
    };
    call.on('cancelled', close);
    call.on('close', close);
    call.on('error', close);
  }

  async listen(host: string, port: number): Promise<number> {
    this.host = host;
    this.port = await new Promise<number>((resolve, reject) =>
      this.server.bindAsync(`${host}:${port}`, grpc.ServerCredentials.createInsecure(), (err, bound) =>
        err ? reject(err) : resolve(bound),
      ),
    );
    return this.port;
  }

  async close(): Promise<void> {
    for (const call of this.activeCalls) call.end();
    await new Promise<void>((resolve) => {
      const timer = setTimeout(() => {
        this.server.forceShutdown();
        resolve();
      }, 2_000);
      this.server.tryShutdown(() => {
        clearTimeout(timer);
        resolve();
      });
    });
  }
}
