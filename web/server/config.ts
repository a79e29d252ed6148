// The web server's configuration from the environment, validated once at start (fail fast with the variable
// named): listen address, proxy trust, session lifetime, lock-out and login rate limit.
import { z } from 'zod';
import type { ServerSettings } from './context';

const int = (fallback: number, min = 1) => z.coerce.number().int().min(min).default(fallback);

const envSchema = z.object({
  PORT: int(3000, 0),
  HOST: z.string().min(1).default('127.0.0.1'),
  TRUST_PROXY: z.string().optional(),
  SESSION_IDLE_MINUTES: int(30),
  SESSION_ABSOLUTE_HOURS: int(12),
  LOGIN_MAX_FAILURES: int(5),
  LOGIN_LOCK_MINUTES: int(15),
  LOGIN_RATE_MAX: int(20),
  LOGIN_RATE_WINDOW_MINUTES: int(15),
});

export interface WebConfig {
  port: number;
  host: string;
  trustProxy: boolean | number | string;
  settings: ServerSettings;
}

function trustProxy(raw: string | undefined): boolean | number | string {
  if (raw === undefined || raw === '' || raw === 'false') return false;
  if (raw === 'true') return true;
  return /^\d+$/.test(raw) ? Number(raw) : raw; // hop count, or 'loopback', or address list
}

export function loadWebConfig(env: NodeJS.ProcessEnv = process.env): WebConfig {
  const parsed = envSchema.safeParse(env);
  if (!parsed.success) {
    const issues = parsed.error.issues.map((i) => `${i.path.join('.')}: ${i.message}`).join('; ');
    throw new Error(`invalid web configuration: ${issues}`);
  }
  const e = parsed.data;
  return {
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
    },
  };
}
