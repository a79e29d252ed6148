// Filter properties of the REST API v2 (a plain value, or an advanced filter with $eq, $neq,
// $exists, $gt…, $in, $notIn, $like) turned into SQL conditions over projection columns.

export interface AdvancedFilter<T> {
  $eq?: T;
  $neq?: T;
  $exists?: boolean;
  $gt?: T;
  $gte?: T;
  $lt?: T;
  $lte?: T;
  $in?: T[];
  $notIn?: T[];
  $like?: string;
}

export type FilterProperty<T> = T | AdvancedFilter<T>;

/** A query the client got wrong in a way only the query layer can tell (a cursor that does not decode). */
export class InvalidQueryError extends Error {}

/** How a wire value becomes an SQL parameter: keys are decimal strings, dates ISO-8601 text. */
export type Kind = 'string' | 'key' | 'int' | 'date';

export function toParam(kind: Kind, value: unknown): unknown {
  if (kind === 'key') {
    const n = Number(value);
    return Number.isSafeInteger(n) ? n : -1;
  }
  if (kind === 'date') return Date.parse(String(value));
  return value;
}

export class Where {
  readonly parts: string[] = [];
  readonly params: unknown[] = [];

  add(sql: string, ...params: unknown[]): this {
    this.parts.push(sql);
    this.params.push(...params);
    return this;
  }

  get sql(): string {
    return this.parts.length > 0 ? `WHERE ${this.parts.join(' AND ')}` : '';
  }

  /** The conditions joined with AND, for use inside another condition. */
  get condition(): string {
    return this.parts.length > 0 ? this.parts.join(' AND ') : '1';
  }

  /** Adds the condition(s) for one filter property on a column. */
  property<T>(column: string, kind: Kind, value: FilterProperty<T> | undefined): this {
    if (value === undefined || value === null) return this;
    if (!isAdvanced(value)) return this.add(`${column} = ?`, toParam(kind, value));
    const f = value;
    const p = (v: unknown) => toParam(kind, v);
    if (f.$eq !== undefined) this.add(`${column} = ?`, p(f.$eq));
    if (f.$neq !== undefined) this.add(`(${column} IS NULL OR ${column} != ?)`, p(f.$neq));
    if (f.$exists !== undefined) this.add(`${column} IS ${f.$exists ? 'NOT ' : ''}NULL`);
    if (f.$gt !== undefined) this.add(`${column} > ?`, p(f.$gt));
    if (f.$gte !== undefined) this.add(`${column} >= ?`, p(f.$gte));
    if (f.$lt !== undefined) this.add(`${column} < ?`, p(f.$lt));
    if (f.$lte !== undefined) this.add(`${column} <= ?`, p(f.$lte));
    if (f.$in !== undefined) this.add(inList(column, f.$in.length), ...f.$in.map(p));
    if (f.$notIn !== undefined && f.$notIn.length > 0)
      this.add(`(${column} IS NULL OR NOT ${inList(column, f.$notIn.length)})`, ...f.$notIn.map(p));
    if (f.$like !== undefined) this.add(`${column} GLOB ?`, likeToGlob(f.$like));
    return this;
  }

  /**
   * A filter property over a list (candidate groups of a task): positive operators ask that some
   * member matches, $neq/$notIn that none does, $exists that the list is (not) empty.
   * `exists(condition)` returns an EXISTS subquery over the members with `m.value` as the member.
   */
  member<T>(value: FilterProperty<T> | undefined, exists: (condition: string) => string): this {
    if (value === undefined || value === null) return this;
    if (!isAdvanced(value)) return this.add(exists('m.value = ?'), value);
    const { $neq, $notIn, $exists, ...positive } = value;
    if ($exists !== undefined) this.add(`${$exists ? '' : 'NOT '}${exists('1')}`);
    if ($neq !== undefined) this.add(`NOT ${exists('m.value = ?')}`, $neq);
    if ($notIn !== undefined && $notIn.length > 0)
      this.add(`NOT ${exists(inList('m.value', $notIn.length))}`, ...$notIn);
    const inner = new Where().property('m.value', 'string', positive as AdvancedFilter<T>);
    if (inner.parts.length > 0) this.add(exists(inner.condition), ...inner.params);
    return this;
  }

  /**
   * `column IN (instances or scopes with a variable of this name whose JSON value matches)`; an
   * equality also compares the indexed start of the value, so it is an index lookup.
   */
  variable(
    column: string,
    by: 'process_instance_key' | 'scope_key',
    name: string,
    value: FilterProperty<string>,
  ): this {
    const inner = new Where().add('v.name = ?', name);
    const eq = isAdvanced(value) ? value.$eq : value;
    if (eq !== undefined) inner.add(`substr(v.value, 1, 64) = substr(?, 1, 64)`, eq);
    inner.property('v.value', 'string', value);
    return this.add(
      `${column} IN (SELECT v.${by} FROM variables v WHERE ${inner.condition})`,
      ...inner.params,
    );
  }

  /** Conditions combined with OR (the `$or` of a filter); an empty list adds nothing. */
  or(alternatives: Where[]): this {
    if (alternatives.length === 0) return this;
    this.add(
      `(${alternatives.map((w) => `(${w.condition})`).join(' OR ')})`,
      ...alternatives.flatMap((w) => w.params),
    );
    return this;
  }
}

function inList(column: string, n: number): string {
  return n === 0 ? '0' : `${column} IN (${new Array(n).fill('?').join(', ')})`;
}

function isAdvanced<T>(value: FilterProperty<T>): value is AdvancedFilter<T> {
  return typeof value === 'object' && value !== null && !Array.isArray(value);
}

/**
 * Camunda's like: `*` any run of characters, `?` one character, a backslash escapes. GLOB is
 * case-sensitive like Camunda's search; its own special characters become bracket classes.
 */
export function likeToGlob(pattern: string): string {
  let out = '';
  for (let i = 0; i < pattern.length; i++) {
    const c = pattern[i];
    if (c === '\\' && i + 1 < pattern.length) out += literal(pattern[++i]);
    else if (c === '*' || c === '?') out += c;
    else out += literal(c);
  }
  return out;
}

function literal(c: string): string {
  return c === '*' || c === '?' || c === '[' || c === ']' ? `[${c}]` : c;
}
