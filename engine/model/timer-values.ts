// Timer values as Zeebe reads them: ISO-8601 dates (with offset or zone), durations
// (PnYnMnWnDTnHnMnS, may be negative), repeating intervals (R[n]/[start/]duration) and
// Spring-style cron expressions (6 fields, seconds first), evaluated in the server's time zone.
import { CronExpressionParser } from 'cron-parser';
import { DateTime, Duration } from 'luxon';
import { parseZoned } from '../feel/expression';

export type Parsed<T> = { ok: true; value: T } | { ok: false; message: string };

export interface IsoDuration {
  duration: Duration;
  negative: boolean;
}

export type Cycle =
  | { kind: 'interval'; repetitions: number; start: number | null; interval: IsoDuration }
  | { kind: 'cron'; expression: string };

export function parseIsoDuration(text: string): Parsed<IsoDuration> {
  const t = text.trim();
  const negative = t.startsWith('-');
  const duration = Duration.fromISO(negative ? t.slice(1) : t);
  if (!duration.isValid) return { ok: false, message: `Invalid duration format '${text}' for expression` };
  return { ok: true, value: { duration, negative } };
}

export function addDuration(epoch: number, d: IsoDuration): number {
  const base = DateTime.fromMillis(epoch, { zone: 'utc' });
  return (d.negative ? base.minus(d.duration) : base.plus(d.duration)).toMillis();
}

export function parseIsoDate(text: string): Parsed<number> {
  const epoch = parseZoned(text);
  if (Number.isNaN(epoch))
    return {
      ok: false,
      message: `Invalid date-time format '${text}' for expression (an offset or zone id is required)`,
    };
  return { ok: true, value: epoch };
}

const REPEATING = /^R(\d*)\/(?:([^/]+)\/)?(-?P[^/]+)$/;

export function parseCycle(text: string): Parsed<Cycle> {
  const t = text.trim();
  const m = REPEATING.exec(t);
  if (m) {
    const [, reps, start, interval] = m;
    const d = parseIsoDuration(interval);
    if (!d.ok) return { ok: false, message: `Invalid timer cycle '${text}': ${d.message}` };
    let startEpoch: number | null = null;
    if (start) {
      const s = parseIsoDate(start);
      if (!s.ok) return { ok: false, message: `Invalid timer cycle '${text}': ${s.message}` };
      startEpoch = s.value;
    }
    return {
      ok: true,
      value: {
        kind: 'interval',
        repetitions: reps === '' ? -1 : Number(reps),
        start: startEpoch,
        interval: d.value,
      },
    };
  }
  // Spring's cron (which Zeebe uses) takes exactly six fields, seconds first, or a macro such as
  // @daily; a five-field Unix expression would silently mean something else here.
  const fields = t.split(/\s+/).length;
  if (!t.startsWith('@') && fields !== 6) {
    return {
      ok: false,
      message: `Invalid timer cycle '${text}': neither a repeating interval (R[n]/[start/]duration) nor a cron expression (a cron expression must consist of 6 fields, seconds first, but found ${fields})`,
    };
  }
  try {
    CronExpressionParser.parse(t);
    return { ok: true, value: { kind: 'cron', expression: t } };
  } catch (e) {
    return {
      ok: false,
      message: `Invalid timer cycle '${text}': neither a repeating interval (R[n]/[start/]duration) nor a cron expression (${e instanceof Error ? e.message : String(e)})`,
    };
  }
}

/** The first due date of a cycle, relative to now. */
export function firstCycleDue(cycle: Cycle, now: number): number {
  if (cycle.kind === 'cron') return nextCron(cycle.expression, now);
  return cycle.start ?? addDuration(now, cycle.interval);
}

export function nextCron(expression: string, after: number): number {
  return CronExpressionParser.parse(expression, { currentDate: new Date(after) })
    .next()
    .getTime();
}

/**
 * The due date after a cycle fired: previous due + interval; if that is not after now, now +
 * interval (current Zeebe re-anchors like this instead of firing repeatedly to catch up).
 */
export function nextCycleDue(cycle: Cycle, previousDue: number, now: number): number {
  if (cycle.kind === 'cron') return nextCron(cycle.expression, Math.max(previousDue, now));
  const next = addDuration(previousDue, cycle.interval);
  if (next > now) return next;
  return Math.max(now, addDuration(now, cycle.interval));
}
