// The web server's one way into the engine: the typed Camunda 8.8 REST API v2 client
// (@camunda8/orchestration-cluster-api), so the same pages run against the embedded engine or a real
// Orchestration Cluster. With ZEEBE_REST_ADDRESS / CAMUNDA_REST_ADDRESS set, the SDK's own variables
// (CAMUNDA_AUTH_STRATEGY, OAuth or basic credentials, CAMUNDA_TENANT_ID, …) configure it; otherwise it talks to
// the embedded engine's REST address given by the composition root.
import { createCamundaClientLoose, type CamundaClientLoose } from '@camunda8/orchestration-cluster-api';
import { fetchWithRequestId } from './request-context';

export type EngineApi = CamundaClientLoose;

export interface EngineClientOptions {
  /** http://127.0.0.1:8080 — the embedded engine's REST address (without /v2). */
  restAddress?: string;
  /** The embedded engine's internal credential, when it requires one. */
  credentials?: { username: string; password: string };
  env?: NodeJS.ProcessEnv;
}

/** The REST address the web uses: the external cluster's when configured, else the embedded engine's. */
export function engineRestAddress(options: EngineClientOptions): string | undefined {
  const env = options.env ?? process.env;
  return env.ZEEBE_REST_ADDRESS || env.CAMUNDA_REST_ADDRESS || options.restAddress;
}

export function createEngineApi(options: EngineClientOptions): EngineApi | undefined {
  const env = options.env ?? process.env;
  const external = env.ZEEBE_REST_ADDRESS || env.CAMUNDA_REST_ADDRESS;
  const address = engineRestAddress(options);
  if (!address) return undefined;
  const sdkEnv: Record<string, string | undefined> = { ...env, CAMUNDA_REST_ADDRESS: address };
  if (!external) {
    sdkEnv.CAMUNDA_AUTH_STRATEGY = options.credentials ? 'BASIC' : 'NONE';
    sdkEnv.CAMUNDA_BASIC_AUTH_USERNAME = options.credentials?.username;
    sdkEnv.CAMUNDA_BASIC_AUTH_PASSWORD = options.credentials?.password;
  }
  return createCamundaClientLoose({
    env: sdkEnv,
    config: {
      // Request validation off: it rewrites cursor pages { after, limit } into { from: 0, limit }.
      CAMUNDA_SDK_VALIDATION: 'req:none,res:none',
      CAMUNDA_SDK_LOG_LEVEL: env.CAMUNDA_SDK_LOG_LEVEL ?? 'silent',
    },
    throwOnError: true,
    fetch: fetchWithRequestId,
  } as Parameters<typeof createCamundaClientLoose>[0]);
}
