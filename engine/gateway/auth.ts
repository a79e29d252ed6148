// Who may call the engine, as Camunda 8.8 offers it: HTTP Basic credentials of configured users, and/or OIDC
// bearer tokens (JWTs) signed by a configured issuer's keys. One checker serves the gRPC and the REST gateway, so
// both answer the same caller the same way. Without any configured method the API is unprotected — allowed
// only on a loopback address (see `assertSafeBind`).
import { createHash, timingSafeEqual } from 'node:crypto';

export interface EngineUser {
  username: string;
  password: string;
}

export interface OidcOptions {
  /** The token issuer (`iss`), e.g. https://login.example.org/realms/camunda. */
  issuer: string;
  /** Expected `aud` of the tokens (any of them); unset → not checked. */
  audience?: string | readonly string[];
  /** Where the issuer's signing keys are; unset → discovered from `<issuer>/.well-known/openid-configuration`. */
  jwksUrl?: string;
}

export interface EngineAuthOptions {
  users?: readonly EngineUser[];
  oidc?: OidcOptions;
}

export type AuthResult = { ok: true; principal: string } | { ok: false; reason: string };

type JwtVerifier = (token: string) => Promise<string>;

/** Parses ENGINE_USERS: `name:password` pairs separated by commas (a password may contain ':' but not ','). */
export function parseEngineUsers(value: string): EngineUser[] {
  return value
    .split(',')
    .map((pair) => pair.trim())
    .filter(Boolean)
    .map((pair) => {
      const colon = pair.indexOf(':');
      if (colon <= 0 || colon === pair.length - 1)
        throw new Error(`expected name:password pairs separated by commas, got an entry without both parts`);
      return { username: pair.slice(0, colon), password: pair.slice(colon + 1) };
    });
}

const digest = (s: string) => createHash('sha256').update(s, 'utf8').digest();

export class EngineAuthenticator {
  private readonly users: { username: string; secret: Buffer }[];
  private verifier?: Promise<JwtVerifier>;

  constructor(private readonly options: EngineAuthOptions = {}) {
    this.users = (options.users ?? []).map((u) => ({
      username: u.username,
      secret: digest(`${u.username}:${u.password}`),
    }));
  }

  get enabled(): boolean {
    return this.users.length > 0 || this.options.oidc !== undefined;
  }

  /** What a 401 announces (WWW-Authenticate). */
  get challenge(): string {
    const schemes: string[] = [];
    if (this.users.length > 0) schemes.push('Basic realm="zhuanban-engine", charset="UTF-8"');
    if (this.options.oidc) schemes.push('Bearer realm="zhuanban-engine"');
    return schemes.join(', ');
  }

  async authenticate(authorization: string | undefined): Promise<AuthResult> {
    if (!this.enabled) return { ok: true, principal: 'anonymous' };
    if (!authorization) return { ok: false, reason: 'No credentials: send an Authorization header' };
    const space = authorization.indexOf(' ');
    const scheme = (space < 0 ? authorization : authorization.slice(0, space)).toLowerCase();
    const value = space < 0 ? '' : authorization.slice(space + 1).trim();
    if (scheme === 'basic' && this.users.length > 0) return this.basic(value);
    if (scheme === 'bearer' && this.options.oidc) return this.bearer(value);
    return { ok: false, reason: `The authorization scheme '${scheme}' is not accepted by this engine` };
  }

  private basic(value: string): AuthResult {
    const decoded = Buffer.from(value, 'base64').toString('utf8');
    const colon = decoded.indexOf(':');
    if (colon < 0) return { ok: false, reason: 'Malformed Basic credentials' };
    const given = digest(decoded);
    const username = decoded.slice(0, colon);
    // Every configured user is compared, in constant time: neither timing nor order tells which name exists.
    let match: string | undefined;
    for (const u of this.users) if (timingSafeEqual(u.secret, given)) match = u.username;
    return match === undefined || match !== username
      ? { ok: false, reason: 'Wrong user name or password' }
      : { ok: true, principal: match };
  }

  private async bearer(token: string): Promise<AuthResult> {
    try {
      this.verifier ??= createJwtVerifier(this.options.oidc!);
      const verify = await this.verifier;
      return { ok: true, principal: await verify(token) };
    } catch (e) {
      // A failed discovery is retried on the next request instead of being remembered.
      if (e instanceof DiscoveryError) this.verifier = undefined;
      return { ok: false, reason: `Invalid bearer token: ${e instanceof Error ? e.message : String(e)}` };
    }
  }
}

class DiscoveryError extends Error {}

async function jwksUrlOf(oidc: OidcOptions): Promise<URL> {
  if (oidc.jwksUrl) return new URL(oidc.jwksUrl);
  const well = `${oidc.issuer.replace(/\/$/, '')}/.well-known/openid-configuration`;
  let res: Response;
  try {
    res = await fetch(well, { signal: AbortSignal.timeout(5_000) });
  } catch (e) {
    throw new DiscoveryError(
      `the issuer's configuration at ${well} is unreachable (${(e as Error).message})`,
    );
  }
  const doc = (await res.json().catch(() => undefined)) as { jwks_uri?: unknown } | undefined;
  if (!res.ok || typeof doc?.jwks_uri !== 'string')
    throw new DiscoveryError(`the issuer's configuration at ${well} names no jwks_uri (HTTP ${res.status})`);
  return new URL(doc.jwks_uri);
}

async function createJwtVerifier(oidc: OidcOptions): Promise<JwtVerifier> {
  // jose is an ES module; loaded only when OIDC is configured.
  const { createRemoteJWKSet, jwtVerify } = await import('jose');
  const keys = createRemoteJWKSet(await jwksUrlOf(oidc));
  const audience = oidc.audience === undefined ? undefined : [oidc.audience].flat();
  return async (token) => {
    const { payload } = await jwtVerify(token, keys, {
      issuer: oidc.issuer,
      audience,
      clockTolerance: 30,
    });
    const who = payload.sub ?? (payload as { client_id?: string }).client_id ?? payload.azp;
    return typeof who === 'string' && who ? who : 'oidc';
  };
}

const LOOPBACK = /^(127(\.\d{1,3}){3}|::1|localhost)$/i;

export function isLoopback(host: string): boolean {
  return LOOPBACK.test(host.replace(/^\[|\]$/g, ''));
}

/** An engine reachable from the network must know who calls it. */
export function assertSafeBind(host: string, auth: EngineAuthenticator): void {
  if (!auth.enabled && !isLoopback(host))
    throw new Error(
      `refusing to serve the engine on ${host} without authentication: anyone on the network could complete ` +
        `tasks, deploy processes or move the clock. Set ENGINE_USERS (Basic) or ENGINE_OIDC_ISSUER, or bind to 127.0.0.1`,
    );
}
