// The engine's protection as the environment configures it (ENGINE_USERS, ENGINE_OIDC_*, ZEEBE_CLOCK_CONTROLLED),
// for `zhuanban engine` and the embedded engine of `zhuanban all`. `all` adds an internal credential that only its
// own parts know, made anew at each start and never written anywhere, so its engine never serves anonymous callers.
import { randomBytes } from 'node:crypto';
import { parseEngineUsers, type EngineAuthOptions, type EngineUser } from '../../engine/gateway/auth';

export interface EngineSecurity {
  auth: EngineAuthOptions;
  clockControlled: boolean;
}

export function engineSecurityFromEnv(env: NodeJS.ProcessEnv = process.env): EngineSecurity {
  const users = env.ENGINE_USERS ? parseEngineUsers(env.ENGINE_USERS) : [];
  const issuer = env.ENGINE_OIDC_ISSUER?.trim();
  return {
    auth: {
      users,
      oidc: issuer
        ? {
            issuer,
            audience: audiences(env.ENGINE_OIDC_AUDIENCE),
            jwksUrl: env.ENGINE_OIDC_JWKS_URL?.trim() || undefined,
          }
        : undefined,
    },
    clockControlled: env.ZEEBE_CLOCK_CONTROLLED === 'true',
  };
}

function audiences(value: string | undefined): string[] | undefined {
  const list = (value ?? '')
    .split(',')
    .map((a) => a.trim())
    .filter(Boolean);
  return list.length > 0 ? list : undefined;
}

export function internalCredential(): EngineUser {
  return { username: 'zhuanban-internal', password: randomBytes(24).toString('base64url') };
}
