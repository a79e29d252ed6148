// Reads and checks the whole configuration once, at the start of every command: every wrong value is reported
// at once, one line per variable naming what is expected, instead of failing later in the part that reads it.
// `describeConfig` prints the effective values with secrets masked (`zhuanban config`).
import { variables, type Variable } from './variables';

export interface ConfigProblem {
  name: string;
  message: string;
}

export interface ConfigReport {
  problems: ConfigProblem[];
  /** The variables that are set, by name. */
  set: Record<string, string>;
}

/** Cross-variable rules: settings that only make sense together. */
function pairs(set: Record<string, string>): ConfigProblem[] {
  const problems: ConfigProblem[] = [];
  const both = (a: string, b: string) => {
    if (!!set[a] !== !!set[b])
      problems.push({ name: set[a] ? b : a, message: `must be set together with ${set[a] ? a : b}` });
  };
  both('TLS_CERT_FILE', 'TLS_KEY_FILE');
  const strategy = set.CAMUNDA_AUTH_STRATEGY;
  if (strategy === 'OAUTH')
    for (const n of ['CAMUNDA_OAUTH_URL', 'ZEEBE_CLIENT_ID', 'ZEEBE_CLIENT_SECRET'])
      if (!set[n]) problems.push({ name: n, message: 'required when CAMUNDA_AUTH_STRATEGY=OAUTH' });
  if (strategy === 'BASIC')
    for (const n of ['CAMUNDA_BASIC_AUTH_USERNAME', 'CAMUNDA_BASIC_AUTH_PASSWORD'])
      if (!set[n]) problems.push({ name: n, message: 'required when CAMUNDA_AUTH_STRATEGY=BASIC' });
  if (set.ZEEBE_REST_ADDRESS && !set.ZEEBE_GRPC_ADDRESS)
    problems.push({
      name: 'ZEEBE_GRPC_ADDRESS',
      message: 'required with ZEEBE_REST_ADDRESS (the workers use gRPC)',
    });
  return problems;
}

export function checkConfig(env: NodeJS.ProcessEnv = process.env): ConfigReport {
  const problems: ConfigProblem[] = [];
  const set: Record<string, string> = {};
  for (const v of variables) {
    const raw = env[v.name];
    if (raw === undefined || raw === '') continue;
    set[v.name] = raw;
    const parsed = v.schema.safeParse(raw);
    if (!parsed.success)
      problems.push({ name: v.name, message: parsed.error.issues[0]?.message ?? 'invalid value' });
  }
  return { problems: [...problems, ...pairs(set)], set };
}

export class ConfigError extends Error {
  constructor(readonly problems: ConfigProblem[]) {
    super(
      `invalid configuration (${problems.length} problem${problems.length === 1 ? '' : 's'}):\n` +
        problems.map((p) => `  ${p.name}: ${p.message}`).join('\n'),
    );
    this.name = 'ConfigError';
  }
}

/** Throws one ConfigError listing every problem; returns the report when the configuration is sound. */
export function assertConfig(env: NodeJS.ProcessEnv = process.env): ConfigReport {
  const report = checkConfig(env);
  if (report.problems.length) throw new ConfigError(report.problems);
  return report;
}

function mask(v: Variable, value: string): string {
  if (!v.secret) return value;
  try {
    const u = new URL(value);
    if (u.password) u.password = '****';
    if (u.protocol === 'file:' || v.name === 'DATABASE_URL' || v.name === 'SMTP_URL') return u.toString();
  } catch {
    // not a URL
  }
  return '****';
}

/** One line per variable: name, effective value (secrets masked), and where the value comes from. */
export function describeConfig(env: NodeJS.ProcessEnv = process.env): string {
  const width = Math.max(...variables.map((v) => v.name.length));
  const lines: string[] = [];
  let group = '';
  for (const v of variables) {
    if (v.group !== group) {
      group = v.group;
      lines.push(`# ${group}`);
    }
    const raw = env[v.name];
    const shown =
      raw !== undefined && raw !== ''
        ? `${mask(v, raw)}`
        : v.default !== undefined
          ? `${v.default}  (default)`
          : '(not set)';
    lines.push(`${v.name.padEnd(width)}  ${shown}`);
  }
  return lines.join('\n');
}
