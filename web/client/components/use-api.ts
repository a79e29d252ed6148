// Loads JSON for a page: { data, error, loading, reload }. A newer load cancels the older one, so quick filter
// changes never show stale answers; `path = null` waits.
import { useCallback, useEffect, useRef, useState } from 'preact/hooks';
import { api } from '../shell/api';

export interface Loaded<T> {
  data: T | undefined;
  error: unknown;
  loading: boolean;
  reload(): void;
}

export function useApi<T>(path: string | null, options: { intervalMs?: number } = {}): Loaded<T> {
  const [state, setState] = useState<{ data: T | undefined; error: unknown; loading: boolean }>({
    data: undefined,
    error: undefined,
    loading: path !== null,
  });
  const [tick, setTick] = useState(0);
  const reload = useCallback(() => setTick((t) => t + 1), []);
  const controller = useRef<AbortController | null>(null);

  useEffect(() => {
    if (path === null) return;
    controller.current?.abort();
    const c = new AbortController();
    controller.current = c;
    setState((s) => ({ ...s, loading: true }));
    api.get<T>(path, { signal: c.signal }).then(
      (data) => !c.signal.aborted && setState({ data, error: undefined, loading: false }),
      (error) => !c.signal.aborted && setState((s) => ({ data: s.data, error, loading: false })),
    );
    return () => c.abort();
  }, [path, tick]);

  useEffect(() => {
    if (!options.intervalMs || path === null) return;
    const id = setInterval(() => {
      if (document.visibilityState === 'visible') reload();
    }, options.intervalMs);
    return () => clearInterval(id);
  }, [options.intervalMs, path, reload]);

  return { ...state, reload };
}
