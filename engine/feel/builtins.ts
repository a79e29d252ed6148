// Camunda's FEEL extension functions that feelin does not ship (see @camunda/feel-builtins for the
// list); standard FEEL builtins come from feelin itself. `now()` and `today()` read the engine clock.
import { randomUUID } from 'node:crypto';
import { date, dateAndTime, type FeelDateTime } from 'feelin';

export class FeelAssertionError extends Error {}

function isList(v: unknown): v is unknown[] {
  return Array.isArray(v);
}

function deepEqual(a: unknown, b: unknown): boolean {
  return JSON.stringify(a) === JSON.stringify(b);
}

/** Names of multi-word builtins the parser must know about, or `get or else(…)` is a syntax error. */
export const extensionNames = [
  'is defined',
  'get or else',
  'assert',
  'is empty',
  'partition',
  'duplicate values',
  'random number',
  'uuid',
  'to base64',
  'from base64',
  'is blank',
  'trim',
  'context merge',
  'last day of month',
];

export function camundaExtensions(): Record<string, unknown> {
  return {
    // feelin passes null for a missing variable, so a variable set to null counts as undefined here.
    'is defined': (value: unknown) => value !== null && value !== undefined,
    'get or else': (value: unknown, fallback: unknown) =>
      value === null || value === undefined ? fallback : value,
    assert: (value: unknown, condition: unknown, cause?: unknown) => {
      if (condition !== true) {
        throw new FeelAssertionError(
          typeof cause === 'string' ? cause : `The assertion failed for value '${JSON.stringify(value)}'`,
        );
      }
      return value;
    },
    'is empty': (list: unknown) => (isList(list) ? list.length === 0 : null),
    partition: (list: unknown, size: unknown) => {
      if (!isList(list) || typeof size !== 'number' || size <= 0) return null;
      const out: unknown[][] = [];
      for (let i = 0; i < list.length; i += size) out.push(list.slice(i, i + size));
      return out;
    },
    'duplicate values': (list: unknown) => {
      if (!isList(list)) return null;
      const dups: unknown[] = [];
      list.forEach((v, i) => {
        if (list.findIndex((w) => deepEqual(v, w)) !== i && !dups.some((d) => deepEqual(d, v))) dups.push(v);
      });
      return dups;
    },
    'random number': () => Math.random(),
    uuid: () => randomUUID(),
    'to base64': (s: unknown) => (typeof s === 'string' ? Buffer.from(s, 'utf8').toString('base64') : null),
    'from base64': (s: unknown) => (typeof s === 'string' ? Buffer.from(s, 'base64').toString('utf8') : null),
    'is blank': (s: unknown) => (typeof s === 'string' ? s.trim().length === 0 : null),
    trim: (s: unknown) => (typeof s === 'string' ? s.trim() : null),
    'context merge': (contexts: unknown) => {
      if (!isList(contexts)) return null;
      return Object.assign({}, ...contexts.filter((c) => c && typeof c === 'object' && !isList(c)));
    },
    'last day of month': (d: unknown) => {
      const iso = d && typeof d === 'object' && 'iso' in d ? String((d as { iso: string }).iso) : null;
      if (!iso) return null;
      const [y, m] = iso.split('-').map(Number);
      const last = new Date(Date.UTC(y, m, 0)).getUTCDate();
      return date(`${iso.slice(0, 8)}${String(last).padStart(2, '0')}`);
    },
  };
}

export function clockFunctions(now: number): Record<string, unknown> {
  const iso = new Date(now).toISOString();
  const current = (): FeelDateTime | null => dateAndTime(iso);
  const today = () => date(iso.slice(0, 10));
  return { now: current, today };
}
