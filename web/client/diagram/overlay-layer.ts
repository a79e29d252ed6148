// The diagram's live layer: the page states what it wants shown — badges per element and type, marker classes
// per element (incident, overdue, taken flow, heat colour) — and render() changes only what differs from what is
// on screen: a changed number is rewritten in its badge, new badges are added, gone ones removed. Nothing is
// redrawn wholesale, so badges do not flicker while the counts stream in.
import type { DiagramHandle } from './viewer';

export type BadgeType = 'active' | 'incidents' | 'overdue' | 'completed';

export interface DesiredState {
  /** Per element: the number on each badge (0 or absent: no badge). */
  badges: Record<string, Partial<Record<BadgeType, number>>>;
  /** Per element: the marker classes it should carry. */
  markers: Record<string, string[]>;
}

const badgeWords: Record<BadgeType, string> = {
  active: '进行中',
  incidents: '故障',
  overdue: '逾期',
  completed: '已完成',
};

// Where each badge sits on its element: active bottom-left, incidents bottom-right, overdue top-right,
// completed top-left — the same corner for the same meaning on every element.
const positions: Record<BadgeType, Record<string, number>> = {
  active: { bottom: 8, left: -8 },
  incidents: { bottom: 8, right: 8 },
  overdue: { top: -8, right: 8 },
  completed: { top: -8, left: -8 },
};

interface Shown {
  overlayId: string;
  node: HTMLElement;
  value: number;
}

export class OverlayLayer {
  private readonly shown = new Map<string, Shown>();
  private readonly marked = new Set<string>();
  private readonly known: Set<string>;

  constructor(private readonly diagram: DiagramHandle) {
    this.known = new Set(diagram.elements().map((e) => e.id));
  }

  render(state: DesiredState): void {
    const wanted = new Set<string>();
    for (const [elementId, badges] of Object.entries(state.badges)) {
      if (!this.known.has(elementId)) continue;
      for (const [type, value] of Object.entries(badges) as [BadgeType, number | undefined][]) {
        if (!value) continue;
        const key = `${elementId}|${type}`;
        wanted.add(key);
        const shown = this.shown.get(key);
        if (shown) {
          if (shown.value !== value) {
            shown.node.textContent = String(value);
            shown.node.title = `${badgeWords[type]} ${value}`;
            shown.value = value;
          }
          continue;
        }
        const node = document.createElement('span');
        node.className = `live-badge live-badge-${type}`;
        node.dataset.element = elementId;
        node.dataset.type = type;
        node.textContent = String(value);
        node.title = `${badgeWords[type]} ${value}`;
        const overlayId = this.diagram.overlays.add(elementId, `live-${type}`, {
          position: positions[type],
          html: node,
        });
        this.shown.set(key, { overlayId, node, value });
      }
    }
    for (const [key, shown] of this.shown) {
      if (wanted.has(key)) continue;
      this.diagram.overlays.remove(shown.overlayId);
      this.shown.delete(key);
    }
    const wantedMarks = new Set<string>();
    for (const [elementId, markers] of Object.entries(state.markers)) {
      if (!this.known.has(elementId)) continue;
      for (const m of markers) wantedMarks.add(`${elementId}|${m}`);
    }
    for (const key of wantedMarks) {
      if (this.marked.has(key)) continue;
      const [id, marker] = key.split('|') as [string, string];
      this.diagram.canvas.addMarker(id, marker);
      this.marked.add(key);
    }
    for (const key of [...this.marked]) {
      if (wantedMarks.has(key)) continue;
      const [id, marker] = key.split('|') as [string, string];
      this.diagram.canvas.removeMarker(id, marker);
      this.marked.delete(key);
    }
  }
}

/** Heat classes heat-1 … heat-5 by an element's time against the slowest element's. */
export function heatMarkers(times: Record<string, number>): Record<string, string[]> {
  const max = Math.max(0, ...Object.values(times));
  const out: Record<string, string[]> = {};
  if (max <= 0) return out;
  for (const [id, t] of Object.entries(times)) out[id] = [`heat-${Math.max(1, Math.ceil((t / max) * 5))}`];
  return out;
}
