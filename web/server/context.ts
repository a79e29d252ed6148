// What every request handler can reach: the domain database and the server's settings, plus the signed-in
// principal the session middleware attached to the request.
import type { Principal } from '../../domain/auth/roles';
import type { SessionPolicy } from '../../domain/auth/sessions';
import type { Db } from '../../domain/db/client';
import type { EngineApi } from './engine/client';

export interface ServerSettings {
  session: SessionPolicy;
  loginRateLimit: { max: number; windowMs: number };
  /** LONG_PENDING_MONTHS: a court case pending longer counts as 长期未结 (default 12). */
  longPendingMonths?: number;
}

export interface AppContext {
  db: Db;
  provider: 'sqlite' | 'postgresql';
  settings: ServerSettings;
  /** The engine's REST API v2; undefined when the web runs without an engine (some API tests). */
  engine?: EngineApi;
  /** The site's public base URL, for links in mails and pages. */
  baseUrl: string;
}

export interface RequestAuth {
  principal: Principal;
  token: string;
  csrfToken: string;
  expiresAt: Date;
}

declare module 'express-serve-static-core' {
  interface Request {
    auth?: RequestAuth;
    /** A session cookie came with the request but its session has ended (idle or absolute timeout, sign-out). */
    sessionExpired?: boolean;
  }
}
