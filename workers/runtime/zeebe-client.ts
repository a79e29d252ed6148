// The Zeebe gRPC client of the application, configured the SDK's own way: from the ZEEBE_* / CAMUNDA_* variables
// (ZEEBE_GRPC_ADDRESS, CAMUNDA_AUTH_STRATEGY, CAMUNDA_OAUTH_URL, …), so pointing it at Camunda 8.8 is
// configuration only. `overrides` exist for the embedded engine on a port chosen at start (tests, `npm start`).
import { Camunda8 } from '@camunda8/sdk';
import type { ZeebeGrpcClient } from '@camunda8/sdk/dist/zeebe';

export interface ZeebeOverrides {
  /** grpc://host:port of the embedded engine, used only when ZEEBE_GRPC_ADDRESS/ZEEBE_ADDRESS are unset. */
  embeddedAddress?: string;
  /** The embedded engine's internal credential (`zhuanban all` makes one at each start). */
  embeddedCredentials?: { username: string; password: string };
}

/** True when the environment names a gateway, i.e. the application runs against an external cluster. */
export function externalGatewayConfigured(env: NodeJS.ProcessEnv = process.env): boolean {
  return Boolean(env.ZEEBE_GRPC_ADDRESS?.trim() || env.ZEEBE_ADDRESS?.trim());
}

/** The address the client will use, for the logs. */
export function gatewayAddress(overrides: ZeebeOverrides = {}, env: NodeJS.ProcessEnv = process.env): string {
  return (
    env.ZEEBE_GRPC_ADDRESS?.trim() ||
    env.ZEEBE_ADDRESS?.trim() ||
    overrides.embeddedAddress ||
    'grpc://localhost:26500'
  );
}

let filterInstalled = false;

/**
 * The SDK (8.8.13) prints a job stream that the client itself cancelled (on close and when streams are re-opened)
 * as an error, twice. That is the normal end of a stream, not a failure: exactly those lines are dropped.
 */
export function quietClientCancellations(): void {
  if (filterInstalled) return;
  filterInstalled = true;
  const original = console.error.bind(console);
  const isCancel = (a: unknown) =>
    (typeof a === 'object' &&
      a !== null &&
      (a as { code?: unknown }).code === 1 &&
      (a as { details?: unknown }).details === 'Cancelled on client') ||
    (typeof a === 'string' && a.includes('CANCELLED: Cancelled on client'));
  console.error = (...args: unknown[]) => {
    if (args.some(isCancel)) return;
    original(...args);
  };
}

export function createZeebeClient(
  overrides: ZeebeOverrides = {},
  env: NodeJS.ProcessEnv = process.env,
): ZeebeGrpcClient {
  quietClientCancellations();
  const config: Record<string, unknown> = {
    // The SDK logs channel life-cycle at INFO; ours are the structured logs. ZEEBE_CLIENT_LOG_LEVEL still wins.
    zeebeGrpcSettings: { ZEEBE_CLIENT_LOG_LEVEL: env.ZEEBE_CLIENT_LOG_LEVEL ?? 'ERROR' },
  };
  if (!externalGatewayConfigured(env) && overrides.embeddedAddress) {
    config.ZEEBE_GRPC_ADDRESS = overrides.embeddedAddress;
    config.CAMUNDA_AUTH_STRATEGY = env.CAMUNDA_AUTH_STRATEGY ?? 'NONE';
    if (overrides.embeddedCredentials) {
      config.CAMUNDA_AUTH_STRATEGY = 'BASIC';
      config.CAMUNDA_BASIC_AUTH_USERNAME = overrides.embeddedCredentials.username;
      config.CAMUNDA_BASIC_AUTH_PASSWORD = overrides.embeddedCredentials.password;
    }
  } else if (externalGatewayConfigured(env)) {
    // Passed explicitly: the SDK reads its environment once, when it is first loaded, which may be before the
    // caller's environment was final (a test, or an embedding host that sets it late).
    config.ZEEBE_GRPC_ADDRESS = gatewayAddress({}, env);
    if (env.CAMUNDA_AUTH_STRATEGY) config.CAMUNDA_AUTH_STRATEGY = env.CAMUNDA_AUTH_STRATEGY;
  }
  return new Camunda8(config as never).getZeebeGrpcApiClient();
}
