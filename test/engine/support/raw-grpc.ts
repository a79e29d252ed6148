// A bare gRPC client of the Zeebe gateway (the proto @camunda8/sdk ships, loaded the way the SDK
// loads it) for requests the SDK refuses to send or rewrites on the client side: malformed JSON,
// arrays as variables, blank activation parameters, the deprecated DeployProcess, oversized bodies;
// or over another proto of the gateway's package (8.8 messages the SDK's proto lacks).
import * as grpc from '@grpc/grpc-js';
import * as protoLoader from '@grpc/proto-loader';

type Request = Record<string, unknown>;

export interface RawGateway {
  /** A unary RPC (`DeployResource`, `CompleteJob`, …); rejects with the grpc ServiceError. */
  unary<T = Record<string, unknown>>(method: string, request: Request): Promise<T>;
  /** A server-streaming RPC (`ActivateJobs`): every message until the server ends the call. */
  stream<T = Record<string, unknown>>(method: string, request: Request): Promise<T[]>;
  /** The first message of a server stream that stays open (`StreamActivatedJobs`); the call is then cancelled. */
  first<T = Record<string, unknown>>(method: string, request: Request): Promise<T>;
  close(): void;
}

const SDK_PROTO = require.resolve('@camunda8/sdk/dist/proto/zeebe.proto');

/** The Gateway client of a proto file, loaded as the SDK loads its own. */
function gatewayClient(protoFile: string): grpc.ServiceClientConstructor {
  const definition = protoLoader.loadSync(protoFile, {
    keepCase: true,
    longs: String,
    enums: String,
    defaults: true,
    oneofs: true,
  });
  const proto = grpc.loadPackageDefinition(definition) as unknown as {
    gateway_protocol: { Gateway: grpc.ServiceClientConstructor };
  };
  return proto.gateway_protocol.Gateway;
}

/** A client of the gateway over the SDK's proto, or over another proto file of package gateway_protocol. */
export function rawGateway(address: string, protoFile = SDK_PROTO): RawGateway {
  const Gateway = gatewayClient(protoFile);
  const client = new Gateway(address, grpc.credentials.createInsecure(), {
    'grpc.max_send_message_length': -1,
    'grpc.max_receive_message_length': -1,
  }) as unknown as Record<string, (...args: unknown[]) => unknown> & grpc.Client;
  return {
    unary(method, request) {
      return new Promise((resolve, reject) => {
        client[method].call(client, request, (err: grpc.ServiceError | null, res: unknown) =>
          err ? reject(err) : resolve(res as never),
        );
      });
    },
    stream(method, request) {
      return new Promise((resolve, reject) => {
        const messages: never[] = [];
        const call = client[method].call(client, request) as grpc.ClientReadableStream<never>;
        call.on('data', (m: never) => messages.push(m));
        call.on('error', reject);
        call.on('end', () => resolve(messages));
      });
    },
    first(method, request) {
      return new Promise((resolve, reject) => {
        const call = client[method].call(client, request) as grpc.ClientReadableStream<never>;
        call.on('data', (m: never) => {
          resolve(m);
          call.cancel();
        });
        call.on('error', (e: grpc.ServiceError) => {
          if (e.code !== grpc.status.CANCELLED) reject(e);
        });
      });
    },
    close() {
      client.close();
    },
  };
}

/** The gRPC status name of an error (`INVALID_ARGUMENT`), for readable expectations. */
export function statusName(e: unknown): string {
  const code = (e as { code?: number }).code;
  return code === undefined ? String(e) : (grpc.status[code] ?? String(code));
}
