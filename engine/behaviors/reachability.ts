// Inclusive-gateway joins: whether any active path of a scope can still reach one of the join's
// incoming flows that have no token yet. Reachable flows per element are computed once per model.
import type { EngineContext } from '../processors/context';
import type { ExecutableElement, ExecutableFlow, ExecutableProcess } from '../model/types';
import type { Key } from '../protocol/keys';

const cache = new WeakMap<ExecutableProcess, Map<string, Set<string>>>();

function reachableFlows(process: ExecutableProcess, from: ExecutableElement): Set<string> {
  let perElement = cache.get(process);
  if (!perElement) cache.set(process, (perElement = new Map()));
  const cached = perElement.get(from.id);
  if (cached) return cached;
  const flows = new Set<string>();
  const seen = new Set<string>();
  const stack: ExecutableElement[] = [from];
  while (stack.length > 0) {
    const e = stack.pop()!;
    if (seen.has(e.id)) continue;
    seen.add(e.id);
    const next: ExecutableFlow[] = [...e.outgoing, ...e.boundaryEvents.flatMap((b) => b.outgoing)];
    for (const f of next) {
      flows.add(f.id);
      stack.push(f.target);
    }
  }
  perElement.set(from.id, flows);
  return flows;
}

export class ReachabilityBehavior {
  constructor(private readonly ctx: EngineContext) {}

  canStillReach(scopeKey: Key, missing: ExecutableFlow[], process: ExecutableProcess): boolean {
    const { elements } = this.ctx.state;
    const scope = elements.get(scopeKey);
    if (!scope) return false;
    let waitingTokens = 0;
    for (const waiting of Object.values(scope.joins ?? {}))
      for (const n of Object.values(waiting)) waitingTokens += n;
    if (scope.activeFlows > waitingTokens) return true; // a token in flight may be heading there
    const ids = new Set(missing.map((f) => f.id));
    for (const childKey of elements.children(scopeKey)) {
      const child = elements.get(childKey);
      const element = child && process.elements.get(child.value.elementId);
      if (!element) continue;
      for (const f of reachableFlows(process, element)) if (ids.has(f)) return true;
    }
    return false;
  }
}
