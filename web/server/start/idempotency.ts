// Retry-safe starts: the page sends a key it made once per form; the first request with that key does the
// work, and any repeat of it from the same user within ten minutes — a double click, a resend after a lost
// answer — gets the same answer instead of a second process instance. Kept in this process's memory: enough
// for one web server; replicas behind a balancer need sticky sessions for this guarantee.
const ttlMs = 10 * 60_000;
const entries = new Map<string, { at: number; result: Promise<unknown> }>();

export function once<T>(userId: number, key: string, work: () => Promise<T>): Promise<T> {
  const id = `${userId}:${key}`;
  const t = Date.now();
  for (const [k, e] of entries) if (t - e.at > ttlMs) entries.delete(k);
  const found = entries.get(id);
  if (found) return found.result as Promise<T>;
  const result = work();
  entries.set(id, { at: t, result });
  // A failed start may be tried again with the same key.
  result.catch(() => entries.delete(id));
  return result;
}
