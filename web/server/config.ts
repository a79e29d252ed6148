// The web server's configuration from the environment, validated once at start (fail fast with the variable
// named): listen address, public base URL (links in mails), TLS, proxy trust, session lifetime, lock-out and
// login rate limit, and the months after which a court case counts as long-pending.
import { z } from 'zod';
import type { ServerSettings } from './context';

const int = (fallback: number, min = 1) => z.coerce.number().int().min(min).default(fallback);

const envSchema = z.object({
  PORT: int(3000, 0),
  HOST: z.string().min(1).default('127.0.0.1'),
  TRUST_PROXY: z.string().optional(),
  WEB_BASE_URL: z.url({ message: '应为网址，如 http://192.168.1.10:3000' }).optional(),
  TLS_CERT_FILE: z.string().min(1).optional(),
  TLS_KEY_FILE: z.string().min(1).optional(),
  SESSION_IDLE_MINUTES: int(30),
  SESSION_ABSOLUTE_HOURS: int(12),
  LOGIN_MAX_FAILURES: int(5),
  LOGIN_LOCK_MINUTES: int(15),
  LOGIN_RATE_MAX: int(20),
  LOGIN_RATE_WINDOW_MINUTES: int(15),
  LONG_PENDING_MONTHS: int(12),
});

export interface WebConfig {
  port: number;
  host: string;
  trustProxy: boolean | number | string;
  /** Where people reach the site; mails link to pages under it. Unset: http://host:port of this server. */
  baseUrl?: string;
  tls?: { certFile: string; keyFile: string };
  settings: ServerSettings;
}

function trustProxy(raw: string | undefined): boolean | number | string {
  if (raw === undefined || raw === '' || raw === 'false') return false;
  // 'true' would believe any X-Forwarded-For a client sends, and so any address the login rate limit keys on.
  if (raw === 'true')
    throw new Error(
      'invalid web configuration: TRUST_PROXY=true trusts every X-Forwarded-For; give the number of proxies in front (e.g. 1), or their addresses (e.g. loopback, 10.0.0.5)',
    );
  return /^\d+$/.test(raw) ? Number(raw) : raw; // hop count, or 'loopback', or address list
}

export function loadWebConfig(env: NodeJS.ProcessEnv = process.env): WebConfig {
  const parsed = envSchema.safeParse(env);
  if (!parsed.success) {
    const issues = parsed.error.issues.map((i) => `${i.path.join('.')}: ${i.message}`).join('; ');
    throw new Error(`invalid web configuration: ${issues}`);
  }
  const e = parsed.data;
  if (!!e.TLS_CERT_FILE !== !!e.TLS_KEY_FILE)
    throw new Error('invalid web configuration: TLS_CERT_FILE and TLS_KEY_FILE must be set together');
  return {
    baseUrl: e.WEB_BASE_URL?.replace(/\/+$/, ''),
    tls:
      e.TLS_CERT_FILE && e.TLS_KEY_FILE ? { certFile: e.TLS_CERT_FILE, keyFile: e.TLS_KEY_FILE } : undefined,
    port: e.PORT,
    host: e.HOST,
    trustProxy: trustProxy(e.TRUST_PROXY),
    settings: {
      session: {
        idleMinutes: e.SESSION_IDLE_MINUTES,
        absoluteHours: e.SESSION_ABSOLUTE_HOURS,
        maxFailedLogins: e.LOGIN_MAX_FAILURES,
        lockMinutes: e.LOGIN_LOCK_MINUTES,
      },
      loginRateLimit: { max: e.LOGIN_RATE_MAX, windowMs: e.LOGIN_RATE_WINDOW_MINUTES * 60_000 },
      longPendingMonths: e.LONG_PENDING_MONTHS,
    },
  };
}
