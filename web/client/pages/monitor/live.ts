// The badges of one process version as they stream from /api/live/<processId>: a full state first, then only
// the elements that changed. EventSource reconnects by itself after a drop and sends the last event id, so the
// server sends the whole state again only when something was missed.
import { useEffect, useRef, useState } from 'preact/hooks';
import type { BadgeType } from '../../diagram/overlay-layer';

export type Badges = Record<string, Partial<Record<BadgeType, number>>>;

export interface LiveState {
  badges: Badges;
  connected: boolean;
  /** Bumped on every applied event, so the page re-renders its overlays. */
  version: number;
  engineNow?: number;
}

export function useLiveBadges(processId: string, version: number | undefined): LiveState {
  const badges = useRef<Badges>({});
  const [state, setState] = useState<LiveState>({ badges: {}, connected: false, version: 0 });
  useEffect(() => {
    if (version === undefined) return;
    badges.current = {};
    const source = new EventSource(`/api/live/${encodeURIComponent(processId)}?version=${version}`);
    source.addEventListener('badges', (e) => {
      const data = JSON.parse((e as MessageEvent<string>).data) as {
        full: boolean;
        elements: Record<string, Badges[string] | null>;
        engineNow: number;
      };
      const next = data.full ? {} : { ...badges.current };
      for (const [id, counts] of Object.entries(data.elements)) {
        if (counts) next[id] = counts;
        else delete next[id];
      }
      badges.current = next;
      setState((s) => ({ badges: next, connected: true, version: s.version + 1, engineNow: data.engineNow }));
    });
    source.addEventListener('ready', () => setState((s) => ({ ...s, connected: true })));
    source.onerror = () => setState((s) => ({ ...s, connected: false }));
    return () => source.close();
  }, [processId, version]);
  return state;
}
