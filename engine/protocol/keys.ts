// Zeebe-shaped int64 keys: the partition id sits in the top bits (key = partition << 51 | counter).
// With one partition every key is above 2^51 and below 2^52, so a JS number holds it exactly;
// gateways turn keys into decimal strings, the way Zeebe clients expect them.

export const PARTITION_ID = 1;
const PARTITION_BITS = 2 ** 51;
export const FIRST_KEY = PARTITION_ID * PARTITION_BITS;

export type Key = number;

export class KeyGenerator {
  constructor(private last: Key = FIRST_KEY) {}

  next(): Key {
    this.last += 1;
    return this.last;
  }

  get current(): Key {
    return this.last;
  }

  /** Used by replay: keys are never reused, so the generator moves to the highest key seen. */
  advanceTo(key: Key): void {
    if (key > this.last) this.last = key;
  }
}

export function partitionOf(key: Key): number {
  return Math.floor(key / PARTITION_BITS);
}

/** Parses a key received on the wire (string or number); undefined when it is not a valid key. */
export function parseKey(raw: unknown): Key | undefined {
  if (typeof raw === 'number') return Number.isSafeInteger(raw) && raw > 0 ? raw : undefined;
  if (typeof raw !== 'string' || !/^-?[0-9]{1,25}$/.test(raw)) return undefined;
  const n = Number(raw);
  return Number.isSafeInteger(n) && n > 0 ? n : undefined;
}

export function keyToString(key: Key): string {
  return String(key);
}
