// Is an error the database being away (stopped, restarting, unreachable, its connection cut, SQLite locked past
// the busy timeout) rather than anything wrong with the request? Such errors are not the job's or the caller's
// fault: workers hand the job back without spending its retries, and the web answers 503 instead of 500.
const prismaCodes = new Set([
  'P1001', // can't reach database server
  'P1002', // reached, but timed out
  'P1008', // operation timed out (SQLite busy)
  'P1017', // server closed the connection
  'P2024', // timed out fetching a connection from the pool
]);
// PostgreSQL SQLSTATEs: connection exceptions (08…) and operator intervention (57P01 admin shutdown, 57P02 crash
// shutdown, 57P03 cannot connect now).
const sqlState = /^(08\d{3}|57P0[123])$/;
const socketCodes = new Set(['ECONNREFUSED', 'ECONNRESET', 'EPIPE', 'ETIMEDOUT', 'EHOSTUNREACH']);

export function isDatabaseUnavailable(e: unknown, depth = 0): boolean {
  if (typeof e !== 'object' || e === null || depth > 4) return false;
  const err = e as { code?: unknown; cause?: unknown; name?: unknown; message?: unknown };
  const code = typeof err.code === 'string' ? err.code : undefined;
  if (code && (prismaCodes.has(code) || sqlState.test(code) || socketCodes.has(code))) return true;
  if (err.name === 'PrismaClientInitializationError') return true;
  if (
    typeof err.message === 'string' &&
    /Can't reach database server|Server has closed the connection/.test(err.message)
  )
    return true;
  return isDatabaseUnavailable(err.cause, depth + 1);
}
