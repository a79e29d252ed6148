// Gateway protocol fields → engine values (int64 as decimal strings, JSON as text).
/** Reads an int64 field (decimal string with longs: String); undefined when absent or zero. */
export function int64(raw: unknown): number {
  if (typeof raw === 'number') return raw;
  if (typeof raw === 'string' && raw !== '') return Number(raw);
  return 0;
}
