// One search over a projection table: filter (a Where), sort (API fields mapped to columns, the
// key as the last tie-breaker), and a page by offset (`from`/`limit`) or by cursor
// (`after`/`before` — opaque base64 of the sort values of the first or last item).
import type Database from 'better-sqlite3';
import { InvalidQueryError, type Where } from './filters';

export interface PageRequest {
  from?: number;
  limit?: number;
  after?: string;
  before?: string;
}

export interface SortRequest<F extends string = string> {
  field: F;
  order?: 'ASC' | 'DESC' | 'asc' | 'desc';
}

export interface PageResponse {
  totalItems: number;
  hasMoreTotalItems: boolean;
  startCursor?: string;
  endCursor?: string;
}

export interface SearchResult<T> {
  items: T[];
  page: PageResponse;
}

/** A sortable API field: its column, and whether the column can be NULL (NULLs sort last). */
export type SortColumn = string | { column: string; nullable: true };

export interface SearchSpec<Row, Item> {
  db: Database.Database;
  /** `table alias`, e.g. `process_instances t` (or a subquery with an alias). */
  from: string;
  /** Parameters of a subquery in `from`. */
  fromParams?: unknown[];
  where: Where;
  sortable: Record<string, SortColumn>;
  keyColumn: string;
  sort?: SortRequest[];
  page?: PageRequest;
  map: (row: Row) => Item;
}

export const DEFAULT_LIMIT = 100;

interface SortKey {
  expr: string;
  desc: boolean;
}

function sortKeys(spec: SearchSpec<unknown, unknown>): SortKey[] {
  const keys: SortKey[] = [];
  for (const s of spec.sort ?? []) {
    const col = spec.sortable[s.field];
    if (col === undefined) throw new InvalidQueryError(`Cannot sort by '${s.field}'`);
    const desc = (s.order ?? 'ASC').toUpperCase() === 'DESC';
    if (typeof col === 'string') keys.push({ expr: col, desc });
    else {
      keys.push({ expr: `(${col.column} IS NULL)`, desc: false });
      keys.push({ expr: `COALESCE(${col.column}, '')`, desc });
    }
  }
  keys.push({ expr: spec.keyColumn, desc: false });
  return keys;
}

function encodeCursor(values: unknown[]): string {
  return Buffer.from(JSON.stringify(values), 'utf8').toString('base64');
}

function decodeCursor(cursor: string, length: number): unknown[] {
  let values: unknown;
  try {
    values = JSON.parse(Buffer.from(cursor, 'base64').toString('utf8'));
  } catch {
    values = undefined;
  }
  const ok =
    Array.isArray(values) &&
    values.length === length &&
    values.every((v) => typeof v === 'number' || typeof v === 'string');
  if (!ok)
    throw new InvalidQueryError(
      `Cannot decode pagination cursor '${cursor}': it was not returned by a search with the same sort`,
    );
  return values as unknown[];
}

/** Rows strictly after (forward) or before (backward) the cursor position in the sort order. */
function keyset(keys: SortKey[], values: unknown[], forward: boolean): { sql: string; params: unknown[] } {
  const greater = (k: SortKey) => (k.desc ? !forward : forward);
  if (keys.every((k) => greater(k) === greater(keys[0]))) {
    const op = greater(keys[0]) ? '>' : '<';
    return {
      sql: `(${keys.map((k) => k.expr).join(', ')}) ${op} (${keys.map(() => '?').join(', ')})`,
      params: values,
    };
  }
  const ors: string[] = [];
  const params: unknown[] = [];
  keys.forEach((k, i) => {
    const ands = keys.slice(0, i).map((p) => `${p.expr} = ?`);
    ands.push(`${k.expr} ${greater(k) ? '>' : '<'} ?`);
    ors.push(`(${ands.join(' AND ')})`);
    params.push(...values.slice(0, i), values[i]);
  });
  return { sql: `(${ors.join(' OR ')})`, params };
}

export function search<Row, Item>(spec: SearchSpec<Row, Item>): SearchResult<Item> {
  const keys = sortKeys(spec as SearchSpec<unknown, unknown>);
  const page = spec.page ?? {};
  const limit = page.limit ?? DEFAULT_LIMIT;
  const backward = page.before !== undefined;
  const cursor = page.after ?? page.before;
  const conditions = [...spec.where.parts];
  const params = [...(spec.fromParams ?? []), ...spec.where.params];
  if (cursor !== undefined) {
    const k = keyset(keys, decodeCursor(cursor, keys.length), !backward);
    conditions.push(k.sql);
    params.push(...k.params);
  }
  const where = conditions.length > 0 ? `WHERE ${conditions.join(' AND ')}` : '';
  const order = keys.map((k) => `${k.expr} ${k.desc !== backward ? 'DESC' : 'ASC'}`).join(', ');
  const select = keys.map((k, i) => `${k.expr} AS _s${i}`).join(', ');
  const offset = cursor === undefined ? (page.from ?? 0) : 0;
  const rows = spec.db
    .prepare(`SELECT *, ${select} FROM ${spec.from} ${where} ORDER BY ${order} LIMIT ? OFFSET ?`)
    .all(...params, limit, offset) as Record<string, unknown>[];
  if (backward) rows.reverse();
  const total = spec.db
    .prepare(`SELECT COUNT(*) AS n FROM ${spec.from} ${spec.where.sql}`)
    .get(...(spec.fromParams ?? []), ...spec.where.params) as { n: number };
  const cursorOf = (row: Record<string, unknown>) => encodeCursor(keys.map((_, i) => row[`_s${i}`]));
  const result: PageResponse = { totalItems: total.n, hasMoreTotalItems: false };
  if (rows.length > 0) {
    result.startCursor = cursorOf(rows[0]);
    result.endCursor = cursorOf(rows[rows.length - 1]);
  }
  return { items: rows.map((r) => spec.map(r as Row)), page: result };
}
