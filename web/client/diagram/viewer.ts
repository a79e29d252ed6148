// A read-only BPMN diagram (bpmn-js NavigatedViewer: pan and zoom), loaded on demand so pages without a
// diagram never fetch bpmn-js. The caller gets the viewer's canvas and overlays to mark elements and place
// badges; destroy() releases it when the page goes.
import { linkStylesheet } from '../shell/styles';

export interface ViewBox {
  x: number;
  y: number;
  width: number;
  height: number;
  scale?: number;
  outer?: { width: number; height: number };
}

export interface DiagramCanvas {
  addMarker(elementId: string, marker: string): void;
  removeMarker(elementId: string, marker: string): void;
  zoom(level?: 'fit-viewport' | number, center?: 'auto'): number;
  viewbox(box?: ViewBox): ViewBox;
}

export interface DiagramOverlays {
  add(
    elementId: string,
    type: string,
    overlay: { position: Record<string, number>; html: HTMLElement; scale?: unknown },
  ): string;
  remove(filter: { element?: string; type?: string } | string): void;
}

export interface ElementLike {
  id: string;
  type: string;
  businessObject: { name?: string; $type: string };
  x?: number;
  y?: number;
  width?: number;
  height?: number;
}

// Below this scale a task's name is too small to read; a process fitted into a side panel is far below it.
const readableScale = 0.8;

/** Shows the current elements at a readable size when the whole diagram, fitted, would be too small. */
function focusOn(canvas: DiagramCanvas, shapes: ElementLike[]) {
  const fitted = canvas.viewbox();
  const placed = shapes.filter((s) => s.x !== undefined && s.width !== undefined);
  if (!placed.length || !fitted.outer || (fitted.scale ?? 1) >= readableScale) return;
  const left = Math.min(...placed.map((s) => s.x!));
  const right = Math.max(...placed.map((s) => s.x! + s.width!));
  const top = Math.min(...placed.map((s) => s.y!));
  const bottom = Math.max(...placed.map((s) => s.y! + s.height!));
  const width = fitted.outer.width / readableScale;
  const height = fitted.outer.height / readableScale;
  canvas.viewbox({
    x: (left + right) / 2 - width / 2,
    y: (top + bottom) / 2 - height / 2,
    width,
    height,
  });
}

export interface DiagramHandle {
  canvas: DiagramCanvas;
  overlays: DiagramOverlays;
  /** Diagram elements by id (shapes and connections). */
  elements(): ElementLike[];
  /** Calls back with an element's id when it is clicked (shapes only). */
  onElementClick(fn: (element: ElementLike) => void): void;
  /** Zooms in (factor > 1) or out around the middle of the visible part. */
  zoomBy(factor: number): void;
  /** The whole diagram in the box, however small. */
  fit(): void;
  /** Back to the view the diagram opened with (the current elements at a readable size when focused). */
  reset(): void;
  destroy(): void;
}

export async function mountDiagram(
  container: HTMLElement,
  xml: string,
  options: { current?: string[]; focus?: boolean } = {},
): Promise<DiagramHandle> {
  const [{ default: NavigatedViewer }] = await Promise.all([
    import('bpmn-js/lib/NavigatedViewer'),
    linkStylesheet('bpmn-js'),
  ]);
  const viewer = new NavigatedViewer({ container });
  try {
    await viewer.importXML(xml);
  } catch (e) {
    viewer.destroy();
    throw new Error(`流程图无法显示：${(e as Error).message}`);
  }
  const canvas = viewer.get('canvas') as DiagramCanvas;
  const overlays = viewer.get('overlays') as DiagramOverlays;
  const registry = viewer.get('elementRegistry') as {
    getAll(): ElementLike[];
    get(id: string): ElementLike | undefined;
  };
  const events = viewer.get('eventBus') as {
    on(e: string, fn: (ev: { element: ElementLike }) => void): void;
  };
  canvas.zoom('fit-viewport', 'auto');
  const current = (options.current ?? []).map((id) => registry.get(id)).filter((e) => e !== undefined);
  for (const e of current) canvas.addMarker(e.id, 'current');
  if (options.focus) focusOn(canvas, current);
  const opened = canvas.viewbox();
  return {
    canvas,
    overlays,
    elements: () => registry.getAll(),
    onElementClick(fn) {
      events.on('element.click', (ev) => {
        if (ev.element.type !== 'label' && !ev.element.type.endsWith('Process')) fn(ev.element);
      });
    },
    zoomBy: (factor) => void canvas.zoom(canvas.zoom() * factor, 'auto'),
    fit: () => void canvas.zoom('fit-viewport', 'auto'),
    reset: () =>
      void canvas.viewbox({ x: opened.x, y: opened.y, width: opened.width, height: opened.height }),
    destroy: () => viewer.destroy(),
  };
}
