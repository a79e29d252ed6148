// Geometry checks over a model's diagram interchange (BPMNDI), so bpmn-js draws it cleanly: every flow node
// and flow has a shape or edge; shapes do not overlap (except a subprocess and what it contains, or a boundary
// event on its host); labels overlap neither shapes nor each other; edges are orthogonal, start and end on
// their elements' borders and do not run through other shapes.
import type { ModdleElement } from 'bpmn-moddle';
import { flowElements, list, processOf } from './models';

export interface Box {
  x: number;
  y: number;
  width: number;
  height: number;
}

interface Shape {
  id: string;
  element: ModdleElement;
  bounds: Box;
  label?: Box;
}

interface Edge {
  id: string;
  element: ModdleElement;
  points: { x: number; y: number }[];
  label?: Box;
}

const box = (b: ModdleElement | undefined): Box | undefined =>
  b ? { x: Number(b.x), y: Number(b.y), width: Number(b.width), height: Number(b.height) } : undefined;

function overlaps(a: Box, b: Box, slack = 0): boolean {
  return (
    a.x + slack < b.x + b.width &&
    b.x + slack < a.x + a.width &&
    a.y + slack < b.y + b.height &&
    b.y + slack < a.y + a.height
  );
}

function inside(inner: Box, outer: Box): boolean {
  return (
    inner.x >= outer.x &&
    inner.y >= outer.y &&
    inner.x + inner.width <= outer.x + outer.width &&
    inner.y + inner.height <= outer.y + outer.height
  );
}

function onBorder(p: { x: number; y: number }, b: Box): boolean {
  const within = (v: number, lo: number, hi: number) => v >= lo - 0.5 && v <= hi + 0.5;
  const onVertical =
    (Math.abs(p.x - b.x) < 0.5 || Math.abs(p.x - b.x - b.width) < 0.5) && within(p.y, b.y, b.y + b.height);
  const onHorizontal =
    (Math.abs(p.y - b.y) < 0.5 || Math.abs(p.y - b.y - b.height) < 0.5) && within(p.x, b.x, b.x + b.width);
  return onVertical || onHorizontal;
}

/** Does the axis-parallel segment a→b pass through the inside of box (its border excluded)? */
function segmentCrosses(a: { x: number; y: number }, b: { x: number; y: number }, r: Box): boolean {
  const inset = 1;
  const x1 = Math.min(a.x, b.x);
  const x2 = Math.max(a.x, b.x);
  const y1 = Math.min(a.y, b.y);
  const y2 = Math.max(a.y, b.y);
  return x2 > r.x + inset && x1 < r.x + r.width - inset && y2 > r.y + inset && y1 < r.y + r.height - inset;
}

export function diagramProblems(definitions: ModdleElement): string[] {
  const problems: string[] = [];
  const process = processOf(definitions);
  const diagrams = list(definitions, 'diagrams');
  if (diagrams.length !== 1) return [`expected one BPMNDiagram, found ${diagrams.length}`];
  const plane = diagrams[0].plane as ModdleElement;
  if ((plane.bpmnElement as ModdleElement | undefined)?.id !== process.id)
    problems.push(`the diagram plane must show process ${process.id}`);

  const shapes = new Map<string, Shape>();
  const edges = new Map<string, Edge>();
  for (const di of list(plane, 'planeElement')) {
    const element = di.bpmnElement as ModdleElement | undefined;
    if (!element?.id) {
      problems.push(`${di.id}: diagram element without a model element`);
      continue;
    }
    const label = box((di.label as ModdleElement | undefined)?.bounds as ModdleElement | undefined);
    if (di.$type === 'bpmndi:BPMNShape') {
      shapes.set(element.id, { id: element.id, element, bounds: box(di.bounds as ModdleElement)!, label });
    } else if (di.$type === 'bpmndi:BPMNEdge') {
      const points = list(di, 'waypoint').map((p) => ({ x: Number(p.x), y: Number(p.y) }));
      edges.set(element.id, { id: element.id, element, points, label });
    }
  }

  const elements = flowElements(process);
  const nodes = elements.filter((e) => e.$type !== 'bpmn:SequenceFlow');
  const flows = elements.filter((e) => e.$type === 'bpmn:SequenceFlow');
  for (const n of nodes) if (!shapes.has(n.id!)) problems.push(`${n.id}: no diagram shape`);
  for (const f of flows) if (!edges.has(f.id!)) problems.push(`${f.id}: no diagram edge`);
  for (const s of list(plane, 'planeElement'))
    if (
      s.$type === 'bpmndi:BPMNShape' &&
      (s.bpmnElement as ModdleElement).$type === 'bpmn:SubProcess' &&
      !s.isExpanded
    )
      problems.push(`${(s.bpmnElement as ModdleElement).id}: subprocesses are drawn expanded`);

  const containerOf = (e: ModdleElement): ModdleElement | undefined =>
    e.$parent?.$type === 'bpmn:SubProcess' ? e.$parent : undefined;
  const ancestors = (e: ModdleElement): Set<string> => {
    const out = new Set<string>();
    for (let c = containerOf(e); c; c = containerOf(c)) out.add(c.id!);
    return out;
  };
  const hostOf = (e: ModdleElement) => (e.attachedToRef as ModdleElement | undefined)?.id;
  const all = [...shapes.values()];

  // Shapes against shapes.
  for (const s of all) {
    const parents = ancestors(s.element);
    for (const p of parents) {
      const container = shapes.get(p);
      if (container && !inside(s.bounds, container.bounds))
        problems.push(`${s.id}: lies outside its subprocess ${p}`);
    }
    if (s.element.$type === 'bpmn:BoundaryEvent') {
      const host = shapes.get(hostOf(s.element)!);
      const c = { x: s.bounds.x + s.bounds.width / 2, y: s.bounds.y + s.bounds.height / 2 };
      if (host && !onBorder(c, host.bounds))
        problems.push(`${s.id}: boundary event is not on the border of its host`);
    }
  }
  for (let i = 0; i < all.length; i++) {
    for (let j = i + 1; j < all.length; j++) {
      const a = all[i];
      const b = all[j];
      if (ancestors(a.element).has(b.id) || ancestors(b.element).has(a.id)) continue;
      if (hostOf(a.element) === b.id || hostOf(b.element) === a.id) continue;
      if (overlaps(a.bounds, b.bounds)) problems.push(`shapes ${a.id} and ${b.id} overlap`);
    }
  }

  // Labels: of events, gateways and named flows; task and subprocess names are drawn inside their shapes.
  const labels: { owner: string; box: Box; scope: Set<string> }[] = [];
  for (const s of all) {
    const external = /Event|Gateway/.test(s.element.$type);
    if (external && s.element.name) {
      if (!s.label) problems.push(`${s.id}: named ${s.element.$type} without label bounds`);
      else labels.push({ owner: s.id, box: s.label, scope: ancestors(s.element) });
    }
  }
  for (const e of edges.values()) {
    if (e.element.name) {
      if (!e.label) problems.push(`${e.id}: named flow without label bounds`);
      else labels.push({ owner: e.id, box: e.label, scope: ancestors(e.element) });
    }
  }
  for (const l of labels) {
    for (const s of all) {
      if (l.scope.has(s.id)) {
        if (!inside(l.box, s.bounds)) problems.push(`label of ${l.owner} crosses the border of ${s.id}`);
        continue;
      }
      if (s.element.$type === 'bpmn:SubProcess' && !overlaps(l.box, s.bounds)) continue;
      if (overlaps(l.box, s.bounds)) problems.push(`label of ${l.owner} overlaps shape ${s.id}`);
    }
    for (const m of labels)
      if (m !== l && m.owner < l.owner && overlaps(l.box, m.box))
        problems.push(`labels of ${l.owner} and ${m.owner} overlap`);
  }

  // Edges: orthogonal, docked on their elements, clear of other shapes and of labels.
  for (const e of edges.values()) {
    const source = shapes.get((e.element.sourceRef as ModdleElement).id!);
    const target = shapes.get((e.element.targetRef as ModdleElement).id!);
    if (e.points.length < 2) {
      problems.push(`${e.id}: fewer than two waypoints`);
      continue;
    }
    if (source && !onBorder(e.points[0], source.bounds))
      problems.push(`${e.id}: does not start on the border of ${source.id}`);
    const last = e.points[e.points.length - 1];
    if (target && !onBorder(last, target.bounds))
      problems.push(`${e.id}: does not end on the border of ${target.id}`);
    const scope = ancestors(e.element);
    for (let k = 1; k < e.points.length; k++) {
      const a = e.points[k - 1];
      const b = e.points[k];
      if (a.x !== b.x && a.y !== b.y) problems.push(`${e.id}: segment ${k} is not horizontal or vertical`);
      for (const s of all) {
        if (s === source || s === target || scope.has(s.id)) continue;
        if (source && hostOf(source.element) === s.id) continue;
        if (s.element.$type === 'bpmn:SubProcess' && !segmentCrosses(a, b, s.bounds)) continue;
        if (segmentCrosses(a, b, s.bounds)) problems.push(`${e.id}: runs through ${s.id}`);
      }
      for (const l of labels) {
        if (l.owner === e.id) continue;
        if (segmentCrosses(a, b, l.box)) problems.push(`${e.id}: runs through the label of ${l.owner}`);
      }
    }
  }
  return problems;
}
