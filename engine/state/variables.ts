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

  getLocal(scopeKey: Key, name: string): VariableEntry | undefined {
    return this.scopes.get(scopeKey)?.get(name);
  }

  locals(scopeKey: Key): ReadonlyMap<string, VariableEntry> | undefined {
    return this.scopes.get(scopeKey);
  }

  set(scopeKey: Key, name: string, key: Key, value: string): void {
    let scope = this.scopes.get(scopeKey);
    if (!scope) this.scopes.set(scopeKey, (scope = new Map()));
    const existing = scope.get(name);
    if (existing) existing.value = value;
    else scope.set(name, { key, value });
  }

  removeScope(scopeKey: Key): void {
    this.scopes.delete(scopeKey);
  }

  toJSON(): [Key, [string, VariableEntry][]][] {
    return [...this.scopes].map(([k, m]) => [k, [...m]]);
  }

  load(data: [Key, [string, VariableEntry][]][]): void {
    for (const [scopeKey, entries] of data) this.scopes.set(scopeKey, new Map(entries));
  }
}
