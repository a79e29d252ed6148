// A read-only BPMN diagram (bpmn-js NavigatedViewer: pan and zoom), loaded on demand so pages without a
// diagram never fetch bpmn-js. The caller gets the viewer's canvas and overlays to mark elements and place
// badges; destroy() releases it when the page goes.
import { linkStylesheet } from '../shell/styles';

export interface DiagramCanvas {
  addMarker(elementId: string, marker: string): void;
  removeMarker(elementId: string, marker: string): void;
  zoom(level: 'fit-viewport' | number, center?: 'auto'): number;
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
}

export interface DiagramHandle {
  canvas: DiagramCanvas;
  overlays: DiagramOverlays;
  /** Diagram elements by id (shapes and connections). */
  elements(): ElementLike[];
  /** Calls back with an element's id when it is clicked (shapes only). */
  onElementClick(fn: (element: ElementLike) => void): void;
  destroy(): void;
}

export async function mountDiagram(
  container: HTMLElement,
  xml: string,
  options: { current?: string[] } = {},
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
  const registry = viewer.get('elementRegistry') as { getAll(): ElementLike[] };
  const events = viewer.get('eventBus') as {
    on(e: string, fn: (ev: { element: ElementLike }) => void): void;
  };
  canvas.zoom('fit-viewport', 'auto');
  for (const id of options.current ?? []) canvas.addMarker(id, 'current');
  return {
    canvas,
    overlays,
    elements: () => registry.getAll(),
    onElementClick(fn) {
      events.on('element.click', (ev) => {
        if (ev.element.type !== 'label' && !ev.element.type.endsWith('Process')) fn(ev.element);
      });
    },
    destroy: () => viewer.destroy(),
  };
}
