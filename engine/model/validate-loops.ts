// Rejects straight-through processing loops, as Zeebe does: a cycle of elements that never wait
// (undefined and manual tasks, script tasks, none/signal throw events, gateways, embedded
// subprocesses, call activities of a process in the same file) would keep the engine busy forever.
import type { ExecutableElement, ExecutableProcess } from './types';
import type { ValidationReport } from './report';

/** A loop is only rejected when it contains one of these (a loop of gateways alone is left alone). */
const WORKING = new Set([
  'MANUAL_TASK',
  'TASK',
  'CALL_ACTIVITY',
  'INTERMEDIATE_THROW_EVENT',
  'SCRIPT_TASK',
  'BUSINESS_RULE_TASK',
]);

function isStraightThrough(e: ExecutableElement): boolean {
  switch (e.type) {
    case 'MANUAL_TASK':
    case 'TASK':
    case 'EXCLUSIVE_GATEWAY':
    case 'INCLUSIVE_GATEWAY':
    case 'PARALLEL_GATEWAY':
    case 'START_EVENT':
    case 'END_EVENT':
    case 'SUB_PROCESS':
    case 'CALL_ACTIVITY':
      return true;
    case 'INTERMEDIATE_THROW_EVENT':
      return e.jobType === null; // a message throw event waits for its job
    case 'SCRIPT_TASK':
      return e.script !== null; // a script task without zeebe:script is a job
    default:
      return false;
  }
}

function next(e: ExecutableElement, processes: Map<string, ExecutableProcess>): ExecutableElement[] {
  if (e.type === 'SUB_PROCESS') return e.noneStartEvent ? [e.noneStartEvent] : [];
  if (e.type === 'CALL_ACTIVITY') {
    const id = e.calledElement?.processId;
    const called = id?.static ? processes.get(id.text) : undefined;
    return called?.root.noneStartEvent ? [called.root.noneStartEvent] : [];
  }
  if (e.outgoing.length > 0) return e.outgoing.map((f) => f.target);
  // An implicit end: the path continues after the enclosing subprocess.
  const scope = e.flowScope;
  return scope && scope.type === 'SUB_PROCESS' ? scope.outgoing.map((f) => f.target) : [];
}

/** Reports each straight-through loop, naming the elements on it (a > b > a). */
export function validateLoops(processes: ExecutableProcess[], report: ValidationReport): void {
  const byId = new Map(processes.map((p) => [p.id, p]));
  const nodes = processes.flatMap((p) => [...p.elements.values()]).filter(isStraightThrough);
  const edges = new Map(nodes.map((e) => [e, next(e, byId).filter(isStraightThrough)] as const));
  for (const component of stronglyConnected(nodes, edges)) {
    const working = component
      .filter((e) => WORKING.has(e.type))
      .sort((a, b) => (a.id < b.id ? -1 : a.id > b.id ? 1 : 0))[0];
    if (!working) continue;
    if (component.length === 1 && !edges.get(working)!.includes(working)) continue;
    const loop = cycleThrough(working, new Set(component), edges);
    report.error(
      working.id,
      `Processes are not allowed to contain a straight-through processing loop: ${loop.map((e) => e.id).join(' > ')}. Add an element that waits (a service or user task, a timer, a message) to the loop`,
    );
  }
}

/** Tarjan's strongly connected components of the straight-through graph. */
function stronglyConnected(
  nodes: ExecutableElement[],
  edges: Map<ExecutableElement, ExecutableElement[]>,
): ExecutableElement[][] {
  const index = new Map<ExecutableElement, number>();
  const low = new Map<ExecutableElement, number>();
  const stack: ExecutableElement[] = [];
  const onStack = new Set<ExecutableElement>();
  const result: ExecutableElement[][] = [];
  const connect = (v: ExecutableElement): void => {
    index.set(v, index.size);
    low.set(v, index.get(v)!);
    stack.push(v);
    onStack.add(v);
    for (const w of edges.get(v) ?? []) {
      if (!index.has(w)) {
        connect(w);
        low.set(v, Math.min(low.get(v)!, low.get(w)!));
      } else if (onStack.has(w)) low.set(v, Math.min(low.get(v)!, index.get(w)!));
    }
    if (low.get(v) === index.get(v)) {
      const component: ExecutableElement[] = [];
      let w: ExecutableElement;
      do {
        w = stack.pop()!;
        onStack.delete(w);
        component.push(w);
      } while (w !== v);
      result.push(component);
    }
  };
  for (const v of nodes) if (!index.has(v)) connect(v);
  return result;
}

/** The shortest way from `start` back to itself inside its component, closed (a > … > a). */
function cycleThrough(
  start: ExecutableElement,
  component: Set<ExecutableElement>,
  edges: Map<ExecutableElement, ExecutableElement[]>,
): ExecutableElement[] {
  const previous = new Map<ExecutableElement, ExecutableElement>();
  const queue = [start];
  while (queue.length > 0) {
    const v = queue.shift()!;
    for (const w of edges.get(v) ?? []) {
      if (!component.has(w)) continue;
      if (w === start) {
        const path = [v];
        while (path[0] !== start) path.unshift(previous.get(path[0])!);
        return [...path, start];
      }
      if (!previous.has(w)) {
        previous.set(w, v);
        queue.push(w);
      }
    }
  }
  return [start, start];
}
