// Every environment variable zhuanban reads, in one table: its group, what it means, the default, whether it is a
// secret (masked when printed) and the zod schema that checks it. `loadConfig` validates them all at once at the
// start of every command; README's configuration table is checked against this list by a test.
import { CronExpressionParser } from 'cron-parser';
import { z } from 'zod';

export interface Variable {
  name: string;
  group: 'engine' | 'database' | 'mail' | 'web' | 'sign-in' | 'schedule' | 'logs and metrics' | 'accounts';
  description: string;
  default?: string;
  secret?: boolean;
  schema: z.ZodType<unknown>;
}

const text = z.string().trim().min(1, 'must not be empty');
const port = z.coerce
  .number({ message: 'expected a port number 0–65535' })
  .int('expected a port number 0–65535')
  .min(0, 'expected a port number 0–65535')
  .max(65535, 'expected a port number 0–65535');
const positiveInt = z.coerce
  .number({ message: 'expected a whole number ≥ 1' })
  .int('expected a whole number ≥ 1')
  .min(1, 'expected a whole number ≥ 1');
const url = (protocols: string[]) =>
  z.string().refine(
    (v) => {
      try {
        return protocols.includes(new URL(v).protocol.replace(/:$/, ''));
      } catch {
        return false;
      }
    },
    `expected a URL starting with ${protocols.map((p) => `${p}://`).join(' or ')}`,
  );
const timeOfDay = z.string().regex(/^([01]\d|2[0-3]):[0-5]\d$/, 'expected a time of day HH:MM, e.g. 15:00');
const timeZone = z.string().refine((v) => {
  try {
    new Intl.DateTimeFormat('en', { timeZone: v });
    return true;
  } catch {
    return false;
  }
}, 'expected an IANA time zone such as Asia/Shanghai');
const cron = z.string().refine((v) => {
  try {
    CronExpressionParser.parse(v);
    return true;
  } catch {
    return false;
  }
}, 'expected a cron expression such as "0 9 * * 5" (minute hour day month weekday)');

export const variables: Variable[] = [
  // engine
  {
    name: 'ZEEBE_GRPC_ADDRESS',
    group: 'engine',
    description:
      'gRPC gateway of an external Camunda 8.8 cluster (grpc://host:26500 or grpcs://…); set → no embedded engine',
    schema: url(['grpc', 'grpcs', 'http', 'https']),
  },
  {
    name: 'ZEEBE_REST_ADDRESS',
    group: 'engine',
    description:
      'REST API of that cluster (http://host:8080); the web uses it for tasks, diagrams and instances',
    schema: url(['http', 'https']),
  },
  {
    name: 'CAMUNDA_AUTH_STRATEGY',
    group: 'engine',
    description: 'how the SDK authenticates to the cluster: NONE, OAUTH or BASIC',
    default: 'NONE',
    schema: z.enum(['NONE', 'OAUTH', 'BASIC', 'COOKIE', 'BEARER'], {
      message: 'expected NONE, OAUTH or BASIC',
    }),
  },
  {
    name: 'CAMUNDA_OAUTH_URL',
    group: 'engine',
    description: 'token endpoint for OAUTH',
    schema: url(['http', 'https']),
  },
  { name: 'ZEEBE_CLIENT_ID', group: 'engine', description: 'OAuth client id', schema: text },
  {
    name: 'ZEEBE_CLIENT_SECRET',
    group: 'engine',
    description: 'OAuth client secret',
    secret: true,
    schema: text,
  },
  { name: 'CAMUNDA_BASIC_AUTH_USERNAME', group: 'engine', description: 'user for BASIC', schema: text },
  {
    name: 'CAMUNDA_BASIC_AUTH_PASSWORD',
    group: 'engine',
    description: 'password for BASIC',
    secret: true,
    schema: text,
  },
  {
    name: 'ENGINE_HOST',
    group: 'engine',
    description:
      'address the embedded engine binds to (zhuanban all); not loopback → only with its authentication',
    default: '127.0.0.1',
    schema: text,
  },
  {
    name: 'ZEEBE_BROKER_DATA_DISK_FREESPACE_PROCESSING',
    group: 'engine',
    description:
      'free disk space the engine keeps in its data folder: below it client commands are refused (RESOURCE_EXHAUSTED) until space is freed; e.g. 2GB, 512MB; 0 turns the check off',
    default: '256MB',
    schema: z
      .string()
      .regex(/^\s*\d+(\.\d+)?\s*(B|KB|MB|GB|TB)?\s*$/i, 'expected a data size such as 2GB or 512MB'),
  },
  {
    name: 'ENGINE_USERS',
    group: 'engine',
    description:
      'Basic credentials the embedded/standalone engine accepts: name:password[,name:password…] (clients: CAMUNDA_AUTH_STRATEGY=BASIC)',
    secret: true,
    schema: z.string().regex(/^[^:,\s]+:[^,]+(,[^:,\s]+:[^,]+)*$/, 'expected name:password[,name:password…]'),
  },
  {
    name: 'ENGINE_OIDC_ISSUER',
    group: 'engine',
    description: 'the engine also accepts bearer tokens (JWT) signed by this OIDC issuer',
    schema: url(['http', 'https']),
  },
  {
    name: 'ENGINE_OIDC_AUDIENCE',
    group: 'engine',
    description: 'audience the tokens must name (comma-separated alternatives)',
    schema: text,
  },
  {
    name: 'ENGINE_OIDC_JWKS_URL',
    group: 'engine',
    description: "the issuer's signing keys",
    default: "from the issuer's /.well-known/openid-configuration",
    schema: url(['http', 'https']),
  },
  {
    name: 'ZEEBE_CLOCK_CONTROLLED',
    group: 'engine',
    description: 'clients may pin the engine clock (PUT /v2/clock): tests and trials only',
    default: 'false',
    schema: z.enum(['true', 'false'], { message: 'expected true or false' }),
  },
  {
    name: 'CAMUNDA_TENANT_ID',
    group: 'engine',
    description: 'tenant of a multi-tenant cluster',
    default: '<default>',
    schema: text,
  },
  // database
  {
    name: 'DATABASE_URL',
    group: 'database',
    description: 'the domain database: file:path/to.db (SQLite) or postgresql://user:pass@host:5432/db',
    default: 'file:data/zhuanban.db',
    secret: true,
    schema: url(['file', 'postgres', 'postgresql']),
  },
  // mail
  {
    name: 'SMTP_URL',
    group: 'mail',
    description: 'smtp://user:pass@host:587 or smtps://…:465; unset → mails stay in the outbox',
    secret: true,
    schema: url(['smtp', 'smtps']),
  },
  {
    name: 'MAIL_FROM',
    group: 'mail',
    description: 'sender of every mail',
    default: '"工作专班办公室" <zhuanban@localhost>',
    schema: text,
  },
  // web
  { name: 'PORT', group: 'web', description: 'port of the web server', default: '3000', schema: port },
  {
    name: 'HOST',
    group: 'web',
    description: 'address the web server binds to',
    default: '127.0.0.1',
    schema: text,
  },
  {
    name: 'WEB_BASE_URL',
    group: 'web',
    description: 'where people reach the site; links in mails point under it',
    default: 'http://HOST:PORT',
    schema: url(['http', 'https']),
  },
  {
    name: 'TLS_CERT_FILE',
    group: 'web',
    description: 'PEM certificate: the web server speaks HTTPS (with TLS_KEY_FILE)',
    schema: text,
  },
  { name: 'TLS_KEY_FILE', group: 'web', description: 'PEM private key for TLS_CERT_FILE', schema: text },
  {
    name: 'TRUST_PROXY',
    group: 'web',
    description: 'behind a reverse proxy: the number of proxies (1) or their addresses; never true',
    schema: z
      .string()
      .refine(
        (v) => v !== 'true',
        'true would trust any X-Forwarded-For: give the number of proxies (1) or their addresses',
      ),
  },
  // sign-in
  {
    name: 'SESSION_IDLE_MINUTES',
    group: 'sign-in',
    description: 'a session ends after this much inactivity',
    default: '30',
    schema: positiveInt,
  },
  {
    name: 'SESSION_ABSOLUTE_HOURS',
    group: 'sign-in',
    description: 'and at the latest after this long',
    default: '12',
    schema: positiveInt,
  },
  {
    name: 'LOGIN_MAX_FAILURES',
    group: 'sign-in',
    description: 'wrong passwords in a row before the account locks',
    default: '5',
    schema: positiveInt,
  },
  {
    name: 'LOGIN_LOCK_MINUTES',
    group: 'sign-in',
    description: 'how long it stays locked',
    default: '15',
    schema: positiveInt,
  },
  {
    name: 'LOGIN_RATE_MAX',
    group: 'sign-in',
    description: 'failed sign-ins per address and username per window (per address: 5×)',
    default: '20',
    schema: positiveInt,
  },
  {
    name: 'LOGIN_RATE_WINDOW_MINUTES',
    group: 'sign-in',
    description: 'the rate-limit window',
    default: '15',
    schema: positiveInt,
  },
  // accounts
  {
    name: 'ADMIN_PASSWORD',
    group: 'accounts',
    description:
      'first password of the admin account (used once, when it is created); unset → generated and printed once',
    secret: true,
    schema: z.string(),
  },
  {
    name: 'DEMO_PASSWORD',
    group: 'accounts',
    description: 'password of the demo users of npm run demo; unset → generated and printed once',
    secret: true,
    schema: z.string(),
  },
  // schedule
  {
    name: 'PENDING_START_INTERVAL_MS',
    group: 'schedule',
    description:
      'how often the web server starts the rectification process of open ledger items that have had none for this long (an engine call that failed; 0 turns it off)',
    default: '60000',
    schema: z.coerce
      .number({ message: 'expected a whole number ≥ 0' })
      .int('expected a whole number ≥ 0')
      .min(0, 'expected a whole number ≥ 0'),
  },
  {
    name: 'LONG_PENDING_MONTHS',
    group: 'schedule',
    description:
      'a court case pending longer than this many months since filing counts as 长期未结 (plan task 5); the register flags and counts it',
    default: '12',
    schema: positiveInt,
  },
  {
    name: 'TASK_NOTICE_INTERVAL_MS',
    group: 'schedule',
    description:
      'how often the schedule looks for new user tasks and mails each candidate unit a 【待办】 notice (and its group robot); 0 turns it off',
    default: '30000',
    schema: z.coerce
      .number({ message: 'expected a whole number ≥ 0' })
      .int('expected a whole number ≥ 0')
      .min(0, 'expected a whole number ≥ 0'),
  },
  {
    name: 'WEEKLY_REPORT_CRON',
    group: 'schedule',
    description: 'when weekly-report-due is published',
    default: '0 9 * * 5',
    schema: cron,
  },
  {
    name: 'SCHEDULE_TIMEZONE',
    group: 'schedule',
    description: 'time zone of the schedule',
    default: 'Asia/Shanghai',
    schema: timeZone,
  },
  {
    name: 'WEEKLY_REPORT_REMINDER_TIME',
    group: 'schedule',
    description: 'Friday reminder to units that have not reported',
    default: '15:00',
    schema: timeOfDay,
  },
  {
    name: 'WEEKLY_REPORT_CUTOFF_TIME',
    group: 'schedule',
    description: 'Friday cut-off of the weekly reports',
    default: '17:00',
    schema: timeOfDay,
  },
  {
    name: 'SUPERVISION_CIRCULAR_CRON',
    group: 'schedule',
    description: 'when the supervision circular (督导通报) of the month before is generated and mailed',
    default: '0 9 1 * *',
    schema: cron,
  },
  // logs and metrics
  {
    name: 'LOG_FORMAT',
    group: 'logs and metrics',
    description: 'text (readable lines) or json (one object per line)',
    default: 'text',
    schema: z.enum(['text', 'json'], { message: 'expected text or json' }),
  },
  {
    name: 'LOG_LEVEL',
    group: 'logs and metrics',
    description: 'debug, info, warn or error',
    default: 'info',
    schema: z.enum(['debug', 'info', 'warn', 'error'], { message: 'expected debug, info, warn or error' }),
  },
  {
    name: 'METRICS_PORT',
    group: 'logs and metrics',
    description: 'Prometheus metrics at /metrics on this port; unset → no metrics listener',
    schema: port,
  },
  {
    name: 'METRICS_HOST',
    group: 'logs and metrics',
    description: 'address the metrics listener binds to',
    default: '127.0.0.1',
    schema: text,
  },
];
