// What the gRPC gateway asks of the engine. The gateway runs in a thread of its own (gateway-thread.ts), as
// Zeebe's gateway runs apart from the partition that processes commands: the engine's thread then spends
// nothing on HTTP/2 framing, protobuf or the per-call bookkeeping of grpc-js. The two talk through
// the messages below; engine-port.ts answers them on the engine's thread, engine-proxy.ts asks them.
import type { CommandResult } from '../../processors/writers';
import type { ActivatedJob, JobStream } from '../../processors/job/streams';
import type { ValueByType, ValueType } from '../../protocol/values';
import type { ActivationRequest } from '../long-polling';
import type { EngineAuthOptions } from '../auth';

/** What the engine's job streams need of a stream, besides its push (tenants: the default one only). */
export type StreamSpec = Pick<JobStream, 'type' | 'worker' | 'timeout' | 'fetchVariables'>;

export interface GatewayEngine {
  execute<T extends ValueType>(
    valueType: T,
    intent: string,
    value: ValueByType[T],
    key?: number,
  ): Promise<CommandResult>;
  deploy(resources: { name: string; content: string }[], tenantId: string): Promise<CommandResult>;
  /** Long-polling activation (engine/gateway/long-polling.ts); `onCancel` receives what stops the wait. */
  activate(request: ActivationRequest, onCancel: (cancel: () => void) => void): Promise<ActivatedJob[]>;
  /** Jobs that were activated for a caller who is gone go back to the pool. */
  yieldBack(jobs: ActivatedJob[]): void;
  /** Opens a job stream; `push` hands a job to the stream's call and says whether the call took it. */
  openStream(spec: StreamSpec, push: (job: ActivatedJob) => boolean): () => void;
}

/** How the thread is started. */
export interface GatewayThreadData {
  host: string;
  port: number;
  auth?: EngineAuthOptions;
  requestTimeoutMillis: number;
}

export type Call =
  | { op: 'execute'; args: [valueType: ValueType, intent: string, value: unknown, key: number] }
  | { op: 'deploy'; args: [resources: { name: string; content: string }[], tenantId: string] }
  | { op: 'activate'; args: [request: ActivationRequest] };

/** Thread → engine. */
export type ToEngine =
  | ({ id: number } & Call)
  | { cancel: number }
  | { open: number; spec: StreamSpec }
  | { close: number }
  | { yieldBack: ActivatedJob[] }
  | { listening: number }
  | { failed: string }
  | { closed: true };

/** A thrown error as it crosses the threads; `rejectionType` marks a GatewayError. */
export interface CrossError {
  message: string;
  rejectionType?: string;
}

/** Engine → thread. */
export type ToGateway =
  | { id: number; value: unknown }
  | { id: number; error: CrossError }
  | { push: number; job: ActivatedJob }
  | 'close';
