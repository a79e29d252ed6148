// Test harness for the REST API v2: a real engine with both gateways on free loopback ports, the
// SDK's CamundaRestClient, the typed Orchestration Cluster client with strict response validation
// (every answer is checked against the 8.8 schemas), the gRPC client, and raw HTTP for bad requests.
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { Camunda8 } from '@camunda8/sdk';
import type { ZeebeGrpcClient } from '@camunda8/sdk/dist/zeebe';
import type { CamundaRestClient } from '@camunda8/sdk/dist/c8/lib/CamundaRestClient';
import { startEngineServer, type EngineServer, type EngineServerOptions } from '../../../../engine/server';
import { noReadyDebounce } from '../../support/harness';

export type OrchestrationClient = ReturnType<Camunda8['getOrchestrationClusterApiClientLoose']>;

export interface RestTestEngine {
  server: EngineServer;
  /** http://127.0.0.1:port — what ZEEBE_REST_ADDRESS would hold. */
  address: string;
  rest: CamundaRestClient;
  api: OrchestrationClient;
  zeebe: ZeebeGrpcClient;
  /** Deploys files (name → content) through POST /v2/deployments. */
  deploy(...resources: { name: string; content: string }[]): ReturnType<CamundaRestClient['deployResources']>;
  /** Waits until the searches have seen everything the engine committed so far. */
  caughtUp(): Promise<void>;
  http(
    method: string,
    path: string,
    body?: string | object,
    headers?: Record<string, string>,
  ): Promise<RawResponse>;
  close(): Promise<void>;
}

export interface RawResponse {
  status: number;
  contentType: string;
  text: string;
  json: Record<string, unknown>;
}

process.env.ZEEBE_CLIENT_LOG_LEVEL ??= 'NONE';
// The Orchestration Cluster client reads these from the environment only: every response is checked
// against the 8.8 schemas, unknown fields included; a failed call is not retried. (Requests are not
// validated by the client: its validation rewrites a cursor page `{ after, limit }` into `{ from: 0, limit }`.)
process.env.CAMUNDA_SDK_VALIDATION ??= 'req:none,res:fanatical';
process.env.CAMUNDA_SDK_HTTP_RETRY_MAX_ATTEMPTS ??= '1';
process.env.CAMUNDA_SDK_LOG_LEVEL ??= 'silent';
process.env.CAMUNDA_SDK_VALIDATION_CAPTURE_DIR ??= join(tmpdir(), 'camunda-sdk-captures');

export function clientConfig(server: EngineServer) {
  return {
    ZEEBE_GRPC_ADDRESS: `grpc://${server.grpcAddress}`,
    ZEEBE_REST_ADDRESS: server.restAddress!,
    CAMUNDA_REST_ADDRESS: server.restAddress!,
    CAMUNDA_AUTH_STRATEGY: 'NONE',
    CAMUNDA_OAUTH_DISABLED: true,
    ZEEBE_CLIENT_LOG_LEVEL: 'NONE',
    CAMUNDA_LOG_LEVEL: 'none',
    ...noReadyDebounce,
  } as const;
}

/** An engine for tests: in memory, both gateways on free ports, the clock controllable. */
export const testEngineOptions = {
  dataDir: ':memory:',
  grpcPort: 0,
  restPort: 0,
  sync: 'off',
  clockControlled: true,
} as const satisfies EngineServerOptions;

export async function startRestEngine(options: EngineServerOptions = {}): Promise<RestTestEngine> {
  const server = await startEngineServer({ ...testEngineOptions, ...options });
  const c8 = new Camunda8(clientConfig(server) as never);
  const rest = c8.getCamundaRestClient();
  const api = c8.getOrchestrationClusterApiClientLoose();
  const zeebe = c8.getZeebeGrpcApiClient();
  const address = server.restAddress!;
  return {
    server,
    address,
    rest,
    api,
    zeebe,
    deploy: (...resources) => rest.deployResources(resources),
    caughtUp: () => server.projections!.caughtUp(),
    async http(method, path, body, headers = {}) {
      const text = body === undefined ? undefined : typeof body === 'string' ? body : JSON.stringify(body);
      const res = await fetch(`${address}${path}`, {
        method,
        headers: { ...(text !== undefined ? { 'content-type': 'application/json' } : {}), ...headers },
        body: text,
      });
      const out = await res.text();
      let json: Record<string, unknown> = {};
      try {
        json = out ? (JSON.parse(out) as Record<string, unknown>) : {};
      } catch {
        // not JSON (the BPMN XML)
      }
      return { status: res.status, contentType: res.headers.get('content-type') ?? '', text: out, json };
    },
    async close() {
      rest.stopWorkers();
      await zeebe.close();
      await server.close();
    },
  };
}

/** Polls until `check` passes (searches are eventually consistent, as in Camunda). */
export async function eventually<T>(
  probe: () => Promise<T>,
  check: (value: T) => boolean,
  timeoutMs = 5_000,
): Promise<T> {
  const until = Date.now() + timeoutMs;
  let last: T = await probe();
  while (!check(last)) {
    if (Date.now() > until)
      throw new Error(`condition not met within ${timeoutMs} ms; last value: ${JSON.stringify(last)}`);
    await new Promise((r) => setTimeout(r, 20));
    last = await probe();
  }
  return last;
}
