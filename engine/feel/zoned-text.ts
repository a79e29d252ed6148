// A modelled user task date (dueDate, followUpDate) as Zeebe 8.8 stores it: BpmnUserTaskBehavior evaluates it to a
// ZonedDateTime and keeps ZonedDateTime.toString() — the local date-time with seconds only when not zero and the
// fraction in groups of 3, 6 or 9 digits, then the offset (`Z` for UTC), then the region in brackets when the value
// named one (`2026-12-06T10:00+08:00[Asia/Shanghai]`). A value with an offset and a region is moved to the region's
// offset at the same instant, as java.time resolves it.
import { DateTime } from 'luxon';

const pad = (n: number, width = 2) => String(Math.abs(n)).padStart(width, '0');

function fraction(local: string): string {
  const digits = /T\d{2}:\d{2}:\d{2}[.,](\d+)/.exec(local)?.[1] ?? '';
  const nanos = Number(digits.slice(0, 9).padEnd(9, '0'));
  if (nanos === 0) return '';
  const text = String(nanos).padStart(9, '0');
  if (nanos % 1_000_000 === 0) return `.${text.slice(0, 3)}`;
  if (nanos % 1_000 === 0) return `.${text.slice(0, 6)}`;
  return `.${text}`;
}

function offsetText(minutes: number): string {
  if (minutes === 0) return 'Z';
  return `${minutes < 0 ? '-' : '+'}${pad(Math.trunc(Math.abs(minutes) / 60))}:${pad(Math.abs(minutes) % 60)}`;
}

/** Java's ZonedDateTime.toString() of an ISO date-time with an offset or zone; undefined when it is not one. */
export function zonedDateTimeText(text: string): string | undefined {
  const m = /^([^@[]+?)(?:[@[]([^\]]+)\]?)?$/.exec(text.trim());
  if (!m) return undefined;
  const [, local, zone] = m;
  const hasOffset = /(Z|[+-]\d{2}(:?\d{2})?)$/.test(local) && local.includes('T');
  if (!hasOffset && !zone) return undefined;
  let dt = hasOffset
    ? DateTime.fromISO(local, { setZone: true })
    : DateTime.fromISO(local, { zone, setZone: true });
  if (zone && hasOffset) dt = dt.setZone(zone);
  if (!dt.isValid) return undefined;
  const frac = fraction(local);
  const year = dt.year > 9999 ? `+${dt.year}` : dt.year < 0 ? `-${pad(dt.year, 4)}` : pad(dt.year, 4);
  const seconds = dt.second !== 0 || frac ? `:${pad(dt.second)}${frac}` : '';
  const offset = offsetText(dt.offset);
  const region = zone && !/^(Z|[+-]\d{2}(:?\d{2})?)$/.test(zone) ? `[${zone}]` : '';
  return `${year}-${pad(dt.month)}-${pad(dt.day)}T${pad(dt.hour)}:${pad(dt.minute)}${seconds}${offset}${region}`;
}
