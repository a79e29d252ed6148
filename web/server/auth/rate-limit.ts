// A fixed-window limiter of failed login attempts, kept in memory (one web process; replicas each keep their own,
// the per-account lock-out in the database holds across them). `wait` looks without counting; `hit` counts one.

export class RateLimiter {
  private readonly windows = new Map<string, { count: number; resetAt: number }>();

  constructor(
    private readonly max: number,
    private readonly windowMs: number,
  ) {}

  /** The seconds to wait before another attempt under `key`, or 0. */
  wait(key: string, now = Date.now()): number {
    const w = this.windows.get(key);
    return w && w.resetAt > now && w.count >= this.max ? Math.ceil((w.resetAt - now) / 1000) : 0;
  }

  /** Counts one attempt; returns the seconds to wait when the limit is exceeded, else 0. */
  hit(key: string, now = Date.now()): number {
    if (this.windows.size > 10_000) {
      for (const [k, w] of this.windows) if (w.resetAt <= now) this.windows.delete(k);
    }
    let w = this.windows.get(key);
    if (!w || w.resetAt <= now) {
      w = { count: 0, resetAt: now + this.windowMs };
      this.windows.set(key, w);
    }
    w.count++;
    return w.count > this.max ? Math.ceil((w.resetAt - now) / 1000) : 0;
  }
}
