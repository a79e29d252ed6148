// What every request handler can reach: the domain database and the server's settings, plus the signed-in
// principal the session middleware attached to the request.
import type { Principal } from '../../domain/auth/roles';
import type { SessionPolicy } from '../../domain/auth/sessions';
import type { Db } from '../../domain/db/client';

export interface ServerSettings {
  session: SessionPolicy;
  loginRateLimit: { max: number; windowMs: number };
}

export interface AppContext {
  db: Db;
  provider: 'sqlite' | 'postgresql';
  settings: ServerSettings;
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
  }
}
