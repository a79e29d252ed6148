// Expressions as Zeebe reads BPMN attributes: `=…` is FEEL, anything else a static value. Typed
// evaluation helpers produce Zeebe's failure messages, which become incident messages.
import { DateTime } from 'luxon';
import { zonedDateTimeText } from './zoned-text';
import { compileFeel, evaluateFeel, formatWarnings, type CompiledFeel, type VariableLookup } from './feel';

export type Expression = { static: true; text: string } | { static: false; text: string; feel: CompiledFeel };

export type Result<T> = { ok: true; value: T } | { ok: false; message: string };

/** Reads an attribute value; throws FeelSyntaxError when `=…` does not parse. */
export function readExpression(raw: string): Expression {
  const text = raw.trim();
  if (text.startsWith('=')) return { static: false, text, feel: compileFeel(text.slice(1)) };
  return { static: true, text: raw };
}

export function typeName(value: unknown): string {
  if (value === null || value === undefined) return 'NULL';
  if (typeof value === 'boolean') return 'BOOLEAN';
  if (typeof value === 'number') return 'NUMBER';
  if (typeof value === 'string') return 'STRING';
  if (Array.isArray(value)) return 'ARRAY';
  return 'OBJECT';
}

export class ExpressionEvaluator {
  constructor(private readonly now: () => number) {}

  evaluate(expr: Expression, lookup: VariableLookup): Result<unknown> & { warnings?: string } {
    if (expr.static) return { ok: true, value: expr.text };
    const outcome = evaluateFeel(expr.feel, lookup, this.now());
    if (!outcome.ok) return outcome;
    return { ok: true, value: outcome.value, warnings: formatWarnings(outcome.warnings) };
  }

  boolean(expr: Expression, lookup: VariableLookup): Result<boolean> {
    const r = this.evaluate(expr, lookup);
    if (!r.ok) return r;
    if (typeof r.value !== 'boolean') return mismatch(expr, 'BOOLEAN', r.value, r.warnings);
    return { ok: true, value: r.value };
  }

  string(expr: Expression, lookup: VariableLookup): Result<string> {
    const r = this.evaluate(expr, lookup);
    if (!r.ok) return r;
    if (typeof r.value !== 'string') return mismatch(expr, 'STRING', r.value, r.warnings);
    return { ok: true, value: r.value };
  }

  /** Correlation keys: strings as they are, numbers as integer strings (decimals are cut). */
  correlationKey(expr: Expression, lookup: VariableLookup): Result<string> {
    const r = this.evaluate(expr, lookup);
    if (!r.ok) return r;
    if (typeof r.value === 'string') return { ok: true, value: r.value };
    if (typeof r.value === 'number') return { ok: true, value: String(Math.trunc(r.value)) };
    return {
      ok: false,
      message: `Failed to extract the correlation key for '${expr.static ? expr.text : expr.feel.source}': The value must be either a string or a number, but was '${typeName(r.value)}'.${r.warnings ?? ''}`,
    };
  }

  integer(expr: Expression, lookup: VariableLookup): Result<number> {
    if (expr.static) {
      const n = Number(expr.text);
      if (!Number.isInteger(n)) return { ok: false, message: `Expected '${expr.text}' to be an integer` };
      return { ok: true, value: n };
    }
    const r = this.evaluate(expr, lookup);
    if (!r.ok) return r;
    if (typeof r.value !== 'number') return mismatch(expr, 'NUMBER', r.value, r.warnings);
    if (!Number.isInteger(r.value)) {
      return {
        ok: false,
        message: `Expected result of the expression '${expr.feel.source}' to be an integer, but was a decimal: '${r.value}'.`,
      };
    }
    return { ok: true, value: r.value };
  }

  array(expr: Expression, lookup: VariableLookup): Result<unknown[]> {
    const r = this.evaluate(expr, lookup);
    if (!r.ok) return r;
    if (!Array.isArray(r.value)) return mismatch(expr, 'ARRAY', r.value, r.warnings);
    return { ok: true, value: r.value };
  }

  /** A list of strings and nothing else (Zeebe's evaluateArrayOfStringsExpression). */
  stringArray(expr: Expression, lookup: VariableLookup): Result<string[]> {
    const r = this.evaluate(expr, lookup);
    if (!r.ok) return r;
    return strings(expr, r.value, r.warnings);
  }

  /** Candidate groups/users: a static CSV, or FEEL giving a list of strings (or one string). */
  stringList(expr: Expression, lookup: VariableLookup): Result<string[]> {
    if (expr.static) {
      return {
        ok: true,
        value: expr.text
          .split(',')
          .map((s) => s.trim())
          .filter((s) => s.length > 0),
      };
    }
    const r = this.evaluate(expr, lookup);
    if (!r.ok) return r;
    if (typeof r.value === 'string') return { ok: true, value: [r.value] };
    return strings(expr, r.value, r.warnings);
  }

  /** Optional date-time (due/follow-up dates): null or empty means unset. */
  optionalDateTime(expr: Expression, lookup: VariableLookup): Result<string | null> {
    const r = this.evaluate(expr, lookup);
    if (!r.ok) return r;
    if (r.value === null || r.value === '') return { ok: true, value: null };
    if (typeof r.value !== 'string' || Number.isNaN(parseZoned(r.value))) {
      return {
        ok: false,
        message: `Expected result of the expression '${expr.static ? expr.text : expr.feel.source}' to be a valid date-time string with an offset or zone, but was '${JSON.stringify(r.value)}'.`,
      };
    }
    // Zeebe keeps the evaluated ZonedDateTime's toString(), not the text as written
    return { ok: true, value: zonedDateTimeText(r.value) ?? r.value };
  }
}

function strings(expr: Expression, value: unknown, warnings?: string): Result<string[]> {
  if (!Array.isArray(value)) return mismatch(expr, 'ARRAY', value, warnings);
  if (value.some((v) => typeof v !== 'string')) {
    return {
      ok: false,
      message: `Expected result of the expression '${expr.static ? expr.text : expr.feel.source}' to be 'ARRAY' containing 'STRING' items, but was '${JSON.stringify(value)}' containing at least one non-'STRING' item.`,
    };
  }
  return { ok: true, value: value as string[] };
}

function mismatch<T>(expr: Expression, expected: string, value: unknown, warnings = ''): Result<T> {
  const source = expr.static ? expr.text : expr.feel.source;
  return {
    ok: false,
    message: `Expected result of the expression '${source}' to be '${expected}', but was '${typeName(value)}'.${warnings}`,
  };
}

/** Epoch ms of an ISO date-time that carries an offset or a zone (`…@Europe/Berlin`, `…[Asia/Shanghai]`); NaN otherwise. */
export function parseZoned(text: string): number {
  const m = /^([^@[]+?)(?:[@[]([^\]]+)\]?)?$/.exec(text.trim());
  if (!m) return NaN;
  const [, local, zone] = m;
  const hasOffset = /(Z|[+-]\d{2}(:?\d{2})?)$/.test(local) && local.includes('T');
  if (!hasOffset && !zone) return NaN;
  const dt = zone
    ? DateTime.fromISO(local, { zone, setZone: true })
    : DateTime.fromISO(local, { setZone: true });
  return dt.isValid ? dt.toMillis() : NaN;
}
