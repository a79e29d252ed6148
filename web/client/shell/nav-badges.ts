// Numbers beside navigation entries (the open tasks of 我的待办), kept fresh without a reload. A page module
// registers a source for its path; the header re-renders when a count changes.
import { useEffect, useState } from 'preact/hooks';

type Source = () => Promise<number>;
const sources = new Map<string, { fn: Source; intervalMs: number }>();
const counts: Record<string, number> = {};
const listeners = new Set<() => void>();

export function registerNavBadge(path: string, fn: Source, intervalMs = 20_000): void {
  sources.set(path, { fn, intervalMs });
}

/** Sets a badge now (a page that just loaded the same number). */
export function setNavBadge(path: string, count: number): void {
  if (counts[path] === count) return;
  counts[path] = count;
  for (const l of listeners) l();
}

/** The counts for the given navigation paths; only those are polled (an admin has no inbox to count). */
export function useNavBadges(visiblePaths: readonly string[]): Record<string, number> {
  const [, setTick] = useState(0);
  useEffect(() => {
    const l = () => setTick((t) => t + 1);
    listeners.add(l);
    const timers = [...sources]
      .filter(([path]) => visiblePaths.includes(path))
      .map(([path, { fn, intervalMs }]) => {
        const poll = () => {
          if (document.visibilityState !== 'visible') return;
          fn().then(
            (n) => setNavBadge(path, n),
            () => undefined,
          );
        };
        poll();
        return setInterval(poll, intervalMs);
      });
    return () => {
      listeners.delete(l);
      timers.forEach(clearInterval);
    };
    // re-subscribed only when the visible paths change (the role)
  }, [visiblePaths.join('|')]);
  return counts;
}
