// Variables: search (values truncated as Camunda truncates them in searches) and get by key
// (the full value). Values are JSON text, as the engine keeps them.
import type Database from 'better-sqlite3';
import { Where, type FilterProperty } from './filters';
import { search, type PageRequest, type SearchResult, type SortRequest } from './search';
import { keyString } from './values';

/** Longer values are cut in search results (`isTruncated`); GET by key returns them whole. */
export const TRUNCATE_AT = 8191;

export interface VariableFilter {
  name?: FilterProperty<string>;
  value?: FilterProperty<string>;
  tenantId?: string;
  isTruncated?: boolean;
  variableKey?: FilterProperty<string>;
  scopeKey?: FilterProperty<string>;
  processInstanceKey?: FilterProperty<string>;
}

export interface VariableItem {
  name: string;
  tenantId: string;
  variableKey: string;
  scopeKey: string;
  processInstanceKey: string;
  value: string;
  isTruncated?: boolean;
}

export interface VariableRow {
  key: number;
  name: string;
  value: string;
  scope_key: number;
  process_instance_key: number;
  tenant_id: string;
}

export const VARIABLE_SORTABLE = {
  value: 't.value',
  name: 't.name',
  tenantId: 't.tenant_id',
  variableKey: 't.key',
  scopeKey: 't.scope_key',
  processInstanceKey: 't.process_instance_key',
} as const;

/** A search item (with `isTruncated`, long values cut unless `truncate` is false) or, for GET, the whole value. */
export function toVariableItem(r: VariableRow, search: boolean, truncate = true): VariableItem {
  const item: VariableItem = {
    name: r.name,
    tenantId: r.tenant_id,
    variableKey: keyString(r.key),
    scopeKey: keyString(r.scope_key),
    processInstanceKey: keyString(r.process_instance_key),
    value: r.value,
  };
  if (search) {
    item.isTruncated = truncate && r.value.length > TRUNCATE_AT;
    if (item.isTruncated) item.value = r.value.slice(0, TRUNCATE_AT);
  }
  return item;
}

export class VariableQueries {
  constructor(private readonly db: Database.Database) {}

  search(
    filter: VariableFilter = {},
    sort?: SortRequest[],
    page?: PageRequest,
    truncate = true,
  ): SearchResult<VariableItem> {
    const w = new Where()
      .property('t.name', 'string', filter.name)
      .property('t.value', 'string', filter.value)
      .property('t.tenant_id', 'string', filter.tenantId)
      .property('t.key', 'key', filter.variableKey)
      .property('t.scope_key', 'key', filter.scopeKey)
      .property('t.process_instance_key', 'key', filter.processInstanceKey);
    if (filter.isTruncated !== undefined)
      w.add(`length(t.value) ${filter.isTruncated ? '>' : '<='} ?`, TRUNCATE_AT);
    return search<VariableRow, VariableItem>({
      db: this.db,
      from: 'variables t',
      where: w,
      sortable: VARIABLE_SORTABLE,
      keyColumn: 't.key',
      sort,
      page,
      map: (r) => toVariableItem(r, true, truncate),
    });
  }

  get(key: number): VariableItem | undefined {
    const r = this.db.prepare('SELECT * FROM variables WHERE key = ?').get(key) as VariableRow | undefined;
    return r && toVariableItem(r, false);
  }
}
