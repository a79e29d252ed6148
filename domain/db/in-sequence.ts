// Queries one after the other: inside a transaction every query shares one connection, and
// node-postgres refuses (deprecated now, an error in pg 9) a query while another is running on it.

export async function inSequence<T, R>(items: readonly T[], fn: (item: T) => Promise<R>): Promise<R[]> {
  const out: R[] = [];
  for (const item of items) out.push(await fn(item));
  return out;
}
