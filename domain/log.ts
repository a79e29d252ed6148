// Structured logs for the long-running parts (workers, outbox, scheduler, web, the composed system), written by
// pino: one JSON object per line with LOG_FORMAT=json (for a log stack), readable lines otherwise (pino-pretty).
// Fields that carry secrets (passwords, tokens, cookies, credentials in URLs) are masked before anything is
// written. LOG_LEVEL (debug, info, warn, error; default info) filters; tests pass their own sink to assert on lines.
import pino from 'pino';
import pretty from 'pino-pretty';

export type LogLevel = 'debug' | 'info' | 'warn' | 'error';
export type LogFields = Record<string, unknown>;

export interface Logger {
  debug(message: string, fields?: LogFields): void;
  info(message: string, fields?: LogFields): void;
  warn(message: string, fields?: LogFields): void;
  error(message: string, fields?: LogFields): void;
  /** A logger that adds these fields to every line (e.g. the job key). */
  child(fields: LogFields): Logger;
}

export interface LogRecord {
  time: string;
  level: LogLevel;
  component: string;
  message: string;
  fields: LogFields;
}

export interface LoggerOptions {
  format?: 'text' | 'json';
  level?: LogLevel;
  /** Where lines go (default: stdout, stderr for warn and error). */
  sink?: (record: LogRecord, line: string) => void;
}

const order: Record<LogLevel, number> = { debug: 10, info: 20, warn: 30, error: 40 };

function fieldValue(value: unknown): string {
  if (value instanceof Error) return fieldValue(value.message);
  if (value instanceof Date) return value.toISOString();
  const text = typeof value === 'string' ? value : JSON.stringify(value);
  return text !== undefined && /^[^\s"=]+$/.test(text) ? text : JSON.stringify(text ?? String(value));
}

export function formatText(record: LogRecord): string {
  const fields = Object.entries(record.fields)
    .filter(([, v]) => v !== undefined)
    .map(([k, v]) => `${k}=${fieldValue(v)}`)
    .join(' ');
  return `${record.time} ${record.level.toUpperCase().padEnd(5)} ${record.component}: ${record.message}${fields ? ' ' + fields : ''}`;
}

export function formatJson(record: LogRecord): string {
  const fields: LogFields = {};
  for (const [k, v] of Object.entries(record.fields)) fields[k] = v instanceof Error ? v.message : v;
  return JSON.stringify({
    time: record.time,
    level: record.level,
    component: record.component,
    msg: record.message,
    ...fields,
  });
}

const secretKey = /pass(word)?|secret|token|cookie|authorization|credential/i;

/** A copy of the fields with secrets masked: secret-named keys, and passwords inside URLs. */
export function redact(fields: LogFields): LogFields {
  const out: LogFields = {};
  for (const [k, v] of Object.entries(fields)) {
    if (v === undefined) continue;
    if (secretKey.test(k)) out[k] = '****';
    else if (v instanceof Error) out[k] = v.message.replace(/(\/\/[^:/@\s]+:)[^@/\s]+@/g, '$1****@');
    else if (typeof v === 'string') out[k] = v.replace(/(\/\/[^:/@\s]+:)[^@/\s]+@/g, '$1****@');
    else out[k] = v;
  }
  return out;
}

let pinoRoot: { json: pino.Logger; text: pino.Logger } | undefined;
function root(format: 'text' | 'json'): pino.Logger {
  pinoRoot ??= {
    json: pino({
      level: 'debug',
      base: undefined,
      timestamp: pino.stdTimeFunctions.isoTime,
      messageKey: 'msg',
      formatters: { level: (label) => ({ level: label }) },
    }),
    text: pino(
      { level: 'debug', base: undefined, timestamp: pino.stdTimeFunctions.isoTime },
      pretty({
        sync: true,
        colorize: process.stdout.isTTY === true,
        translateTime: 'SYS:yyyy-mm-dd HH:MM:ss',
        ignore: 'pid,hostname,component',
        messageFormat: '{component}: {msg}',
        singleLine: true,
      }),
    ),
  };
  return pinoRoot[format];
}

function pinoSink(format: 'text' | 'json') {
  return (record: LogRecord) => {
    root(format)[record.level]({ component: record.component, ...record.fields }, record.message);
  };
}

function envLevel(): LogLevel {
  const level = process.env.LOG_LEVEL?.toLowerCase();
  return level === 'debug' || level === 'warn' || level === 'error' ? level : 'info';
}

export function createLogger(component: string, options: LoggerOptions = {}, base: LogFields = {}): Logger {
  const format = options.format ?? (process.env.LOG_FORMAT === 'json' ? 'json' : 'text');
  const min = order[options.level ?? envLevel()];
  const sink = options.sink ?? pinoSink(format);
  const write = (level: LogLevel, message: string, fields?: LogFields) => {
    if (order[level] < min) return;
    const record: LogRecord = {
      time: new Date().toISOString(),
      level,
      component,
      message,
      fields: redact({ ...base, ...fields }),
    };
    sink(record, format === 'json' ? formatJson(record) : formatText(record));
  };
  return {
    debug: (m, f) => write('debug', m, f),
    info: (m, f) => write('info', m, f),
    warn: (m, f) => write('warn', m, f),
    error: (m, f) => write('error', m, f),
    child: (fields) => createLogger(component, options, { ...base, ...fields }),
  };
}

/** A logger that drops everything (tests that do not look at logs). */
export const silentLogger: Logger = {
  debug: () => undefined,
  info: () => undefined,
  warn: () => undefined,
  error: () => undefined,
  child: () => silentLogger,
};
