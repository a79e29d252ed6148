// How projection values read on the wire: keys as decimal strings, dates as ISO-8601 text,
// absent values left out.

export function keyString(key: number): string;
export function keyString(key: number | null): string | undefined;
export function keyString(key: number | null): string | undefined {
  return key === null ? undefined : String(key);
}

export function isoDate(ms: number): string;
export function isoDate(ms: number | null): string | undefined;
export function isoDate(ms: number | null): string | undefined {
  return ms === null ? undefined : new Date(ms).toISOString();
}

/** Copies the object without its undefined properties (strict clients reject nulls for absent fields). */
export function defined<T extends object>(value: T): T {
  return Object.fromEntries(Object.entries(value).filter(([, v]) => v !== undefined)) as T;
}
