// Variables by scope (element instance key). Values are kept as JSON text, as Zeebe keeps them,
// which is compact and makes "did it change?" a string comparison.
import type { Key } from '../protocol/keys';

export interface VariableEntry {
  key: Key;
  value: string;
}

export interface VariablesView {
  getLocal(scopeKey: Key, name: string): VariableEntry | undefined;
  locals(scopeKey: Key): ReadonlyMap<string, VariableEntry> | undefined;
}

export class VariableStore implements VariablesView {
  private readonly scopes = new Map<Key, Map<string, VariableEntry>>();
  /** Variable key → scope, for GET by key. */
  private readonly byKey = new Map<Key, { scopeKey: Key; name: string }>();

  getLocal(scopeKey: Key, name: string): VariableEntry | undefined {
    return this.scopes.get(scopeKey)?.get(name);
  }

  locals(scopeKey: Key): ReadonlyMap<string, VariableEntry> | undefined {
    return this.scopes.get(scopeKey);
  }

  locate(variableKey: Key): { scopeKey: Key; name: string } | undefined {
    return this.byKey.get(variableKey);
  }

  set(scopeKey: Key, name: string, key: Key, value: string): void {
    let scope = this.scopes.get(scopeKey);
    if (!scope) this.scopes.set(scopeKey, (scope = new Map()));
    const existing = scope.get(name);
    if (existing) existing.value = value;
    else {
      scope.set(name, { key, value });
      this.byKey.set(key, { scopeKey, name });
    }
  }

  removeScope(scopeKey: Key): void {
    const scope = this.scopes.get(scopeKey);
    if (!scope) return;
    for (const v of scope.values()) this.byKey.delete(v.key);
    this.scopes.delete(scopeKey);
  }

  get scopeCount(): number {
    return this.scopes.size;
  }

  toJSON(): [Key, [string, VariableEntry][]][] {
    return [...this.scopes].map(([k, m]) => [k, [...m]]);
  }

  load(data: [Key, [string, VariableEntry][]][]): void {
    for (const [scopeKey, entries] of data) {
      const scope = new Map(entries);
      this.scopes.set(scopeKey, scope);
      for (const [name, v] of entries) this.byKey.set(v.key, { scopeKey, name });
    }
  }
}
