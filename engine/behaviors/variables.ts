// Variable scopes as Zeebe defines them: lookup walks from a scope to the root, local writes stay
// in one scope, and propagation updates the nearest scope that holds a name or else creates it
// in the root. Also the input and output mappings of elements (ZEEBE-SEMANTICS §2.3, §2.4).
import type { EngineContext } from '../processors/context';
import type { Key } from '../protocol/keys';
import type { VariableDocument } from '../protocol/values';
import type { ExecutableElement, Mapping } from '../model/types';
import type { VariableLookup } from '../feel/feel';
import type { Result } from '../feel/expression';

/** Who a scope belongs to: stamped on every VARIABLE record. */
export interface VariableOwner {
  processInstanceKey: Key;
  processDefinitionKey: Key;
  bpmnProcessId: string;
  tenantId: string;
}

export function ownerOf(v: {
  processInstanceKey: Key;
  processDefinitionKey: Key;
  bpmnProcessId: string;
  tenantId: string;
}): VariableOwner {
  return {
    processInstanceKey: v.processInstanceKey,
    processDefinitionKey: v.processDefinitionKey,
    bpmnProcessId: v.bpmnProcessId,
    tenantId: v.tenantId,
  };
}

export class VariableBehavior {
  constructor(private readonly ctx: EngineContext) {}

  /** Scope keys from the given scope up to the process instance root. */
  chain(scopeKey: Key): Key[] {
    const out: Key[] = [];
    let key = scopeKey;
    while (key > 0) {
      out.push(key);
      const instance = this.ctx.state.elements.get(key);
      if (!instance) break;
      key = instance.value.flowScopeKey;
    }
    return out;
  }

  lookup(scopeKey: Key, overlay?: Record<string, unknown>): VariableLookup {
    const chain = this.chain(scopeKey);
    const vars = this.ctx.state.variables;
    return (name: string) => {
      if (overlay && name in overlay) return overlay[name];
      for (const k of chain) {
        const v = vars.getLocal(k, name);
        if (v) return JSON.parse(v.value);
      }
      return undefined;
    };
  }

  /** All variables visible from the scope (innermost wins), optionally only the named ones. */
  collect(scopeKey: Key, names?: readonly string[]): VariableDocument {
    const out: VariableDocument = {};
    const wanted = names && names.length > 0 ? new Set(names) : null;
    for (const k of this.chain(scopeKey)) {
      const locals = this.ctx.state.variables.locals(k);
      if (!locals) continue;
      for (const [name, v] of locals) {
        if (name in out || (wanted && !wanted.has(name))) continue;
        out[name] = JSON.parse(v.value);
      }
    }
    return out;
  }

  /** Collects visible variables as JSON text, for job activation (avoids parse + stringify). */
  collectJson(scopeKey: Key, names?: readonly string[]): string {
    const seen = new Set<string>();
    const parts: string[] = [];
    const wanted = names && names.length > 0 ? new Set(names) : null;
    for (const k of this.chain(scopeKey)) {
      const locals = this.ctx.state.variables.locals(k);
      if (!locals) continue;
      for (const [name, v] of locals) {
        if (seen.has(name) || (wanted && !wanted.has(name))) continue;
        seen.add(name);
        parts.push(`${JSON.stringify(name)}:${v.value}`);
      }
    }
    return `{${parts.join(',')}}`;
  }

  /** The scope's own variables as a document. */
  localDocument(scopeKey: Key): VariableDocument {
    const doc: VariableDocument = {};
    for (const [name, v] of this.ctx.state.variables.locals(scopeKey) ?? []) doc[name] = JSON.parse(v.value);
    return doc;
  }

  owner(scopeKey: Key): VariableOwner {
    const instance = this.ctx.state.elements.get(scopeKey);
    if (!instance) throw new Error(`variable scope ${scopeKey} has no element instance`);
    return ownerOf(instance.value);
  }

  setLocal(scopeKey: Key, name: string, value: unknown, owner: VariableOwner = this.owner(scopeKey)): void {
    this.write(scopeKey, name, JSON.stringify(value ?? null), owner);
  }

  setLocalDocument(scopeKey: Key, doc: VariableDocument, owner: VariableOwner = this.owner(scopeKey)): void {
    for (const [name, value] of Object.entries(doc)) this.setLocal(scopeKey, name, value, owner);
  }

  /** Zeebe's merge: update the nearest scope holding each name, else create it in the root. */
  propagate(scopeKey: Key, doc: VariableDocument): void {
    const chain = this.chain(scopeKey);
    if (chain.length === 0) return;
    const owner = this.owner(chain[0]);
    const root = chain[chain.length - 1];
    for (const [name, value] of Object.entries(doc)) {
      const holder = chain.find((k) => this.ctx.state.variables.getLocal(k, name)) ?? root;
      this.write(holder, name, JSON.stringify(value ?? null), owner);
    }
  }

  private write(scopeKey: Key, name: string, json: string, owner: VariableOwner): void {
    const existing = this.ctx.state.variables.getLocal(scopeKey, name);
    if (existing && existing.value === json) return;
    const value = { name, value: json, scopeKey, ...owner };
    if (existing) this.ctx.w.appendEvent(existing.key, 'VARIABLE', 'UPDATED', value);
    else this.ctx.w.appendEvent(this.ctx.keys.next(), 'VARIABLE', 'CREATED', value);
  }

  /** Evaluates input mappings in order (each sees earlier results first); all or nothing. */
  evaluateInputs(element: ExecutableElement, scopeKey: Key): Result<VariableDocument> {
    return this.evaluateMappings(element.inputMappings, this.chainParentLookup(scopeKey), 'input');
  }

  applyInputs(element: ExecutableElement, scopeKey: Key): Result<null> {
    if (element.inputMappings.length === 0) return { ok: true, value: null };
    const r = this.evaluateInputs(element, scopeKey);
    if (!r.ok) return r;
    this.setLocalDocument(scopeKey, r.value);
    return { ok: true, value: null };
  }

  /**
   * Output mappings and result variables (§2.4): with mappings, results become locals, mappings are
   * evaluated in the element's scope and merged from the flow scope (or from the element itself for
   * a multi-instance inner instance); without mappings, results merge from the element's own scope.
   */
  applyOutputs(
    element: ExecutableElement,
    scopeKey: Key,
    results: VariableDocument | null,
    opts: { innerInstance: boolean; mergeLocals: boolean },
  ): Result<null> {
    const instance = this.ctx.state.elements.get(scopeKey);
    if (element.outputMappings.length > 0) {
      if (results) this.setLocalDocument(scopeKey, results);
      const r = this.evaluateMappings(element.outputMappings, this.lookup(scopeKey), 'output', scopeKey);
      if (!r.ok) return r;
      const start = opts.innerInstance ? scopeKey : (instance?.value.flowScopeKey ?? scopeKey);
      this.propagate(start, r.value);
    } else if (results && Object.keys(results).length > 0) {
      this.propagate(scopeKey, results);
    } else if (opts.mergeLocals && instance && (this.ctx.state.variables.locals(scopeKey)?.size ?? 0) > 0) {
      this.propagate(instance.value.flowScopeKey, this.localDocument(scopeKey));
    }
    return { ok: true, value: null };
  }

  private chainParentLookup(scopeKey: Key): VariableLookup {
    return this.lookup(scopeKey);
  }

  private evaluateMappings(
    mappings: Mapping[],
    base: VariableLookup,
    kind: 'input' | 'output',
    scopeKey?: Key,
  ): Result<VariableDocument> {
    const out: VariableDocument = {};
    const lookup: VariableLookup = (name) => (name in out ? out[name] : base(name));
    for (const m of mappings) {
      let value: unknown = null;
      if (m.source) {
        const r = this.ctx.expressions.evaluate(m.source, lookup);
        if (!r.ok) return { ok: false, message: r.message };
        value = r.value;
      }
      const [root, ...path] = m.target;
      if (path.length === 0) {
        out[root] = value;
        continue;
      }
      // Dotted targets build nested objects; an output keeps the siblings of an existing object.
      let current =
        root in out ? out[root] : kind === 'output' && scopeKey !== undefined ? base(root) : undefined;
      current = isObject(current) ? structuredClone(current) : {};
      out[root] = current;
      let node = current as Record<string, unknown>;
      for (let i = 0; i < path.length - 1; i++) {
        const next = node[path[i]];
        node = node[path[i]] = isObject(next) ? next : {};
      }
      node[path[path.length - 1]] = value;
    }
    return { ok: true, value: out };
  }
}

function isObject(v: unknown): v is Record<string, unknown> {
  return v !== null && typeof v === 'object' && !Array.isArray(v);
}
