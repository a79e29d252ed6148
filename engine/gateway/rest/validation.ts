// Request validation for the REST API: zod schemas for keys, the filter properties of the
// searches ($eq, $neq, $exists, $gt…, $in, $notIn, $like), pages and sorts — strict, so that an
// unknown property or a wrong type is rejected with its name before anything changes.
import { z } from 'zod';
import { Problem, invalidArgument, validationProblem } from './problems';

export const key = z
  .string()
  .regex(/^-?[0-9]+$/, 'expected a key: a decimal number as a string')
  .min(1)
  .max(25);

export const dateTime = z
  .string()
  .refine(
    (s) => /^\d{4}-\d{2}-\d{2}T\d{2}:\d{2}/.test(s) && !Number.isNaN(Date.parse(s)),
    'expected an ISO-8601 date-time such as 2026-01-31T09:00:00+08:00',
  );

/**
 * An int64 field (timeouts, time to live, timestamps): a JSON number, or a decimal string as the
 * typed Orchestration Cluster client sends its 64-bit integers.
 */
export const int64 = z.union([
  z.number().int(),
  z
    .string()
    .regex(/^-?[0-9]{1,16}$/, 'expected an integer')
    .transform(Number),
]);

export const tenantId = z.string().min(1).max(256);
export const jsonObject = z.record(z.string(), z.unknown());
export const operationReference = int64.refine((n) => n > 0, 'expected a positive number');

function basic<T extends z.ZodType>(value: T) {
  return {
    $eq: value.optional(),
    $neq: value.optional(),
    $exists: z.boolean().optional(),
    $in: z.array(value).optional(),
  };
}

function range<T extends z.ZodType>(value: T) {
  return { $gt: value.optional(), $gte: value.optional(), $lt: value.optional(), $lte: value.optional() };
}

/** A property compared as text: a value, or { $eq, $neq, $exists, $in, $notIn, $like }. */
export const stringFilter = z.union([
  z.string(),
  z.strictObject({
    ...basic(z.string()),
    $notIn: z.array(z.string()).optional(),
    $like: z.string().optional(),
  }),
]);
export const keyFilter = z.union([key, z.strictObject({ ...basic(key), $notIn: z.array(key).optional() })]);
export const intFilter = z.union([
  z.number().int(),
  z.strictObject({ ...basic(z.number().int()), ...range(z.number().int()) }),
]);
export const dateFilter = z.union([dateTime, z.strictObject({ ...basic(dateTime), ...range(dateTime) })]);

export function enumFilter<const T extends readonly [string, ...string[]]>(values: T) {
  const e = z.enum(values);
  return z.union([e, z.strictObject({ ...basic(e), $like: z.string().optional() })]);
}

export const variableValueFilter = z.strictObject({ name: z.string(), value: stringFilter });

const page = z
  .strictObject({
    from: z.number().int().min(0).optional(),
    limit: z.number().int().min(1).max(10_000).optional(),
    after: z.string().min(1).optional(),
    before: z.string().min(1).optional(),
  })
  .refine((p) => !(p.after !== undefined && p.before !== undefined), {
    message: "only one of 'after' and 'before' may be given",
  })
  .refine((p) => !((p.after !== undefined || p.before !== undefined) && (p.from ?? 0) > 0), {
    message: "'from' cannot be combined with the cursors 'after' and 'before'",
  });

export function sortOf<const T extends readonly [string, ...string[]]>(fields: T) {
  return z.array(
    z.strictObject({ field: z.enum(fields), order: z.enum(['ASC', 'DESC', 'asc', 'desc']).optional() }),
  );
}

/** A search request: { filter?, sort?, page? } with the resource's filter and sort fields. */
export function searchRequest<F extends z.ZodType, const S extends readonly [string, ...string[]]>(
  filter: F,
  sortFields: S,
) {
  return z.strictObject({
    filter: filter.optional(),
    sort: sortOf(sortFields).optional(),
    page: page.optional(),
  });
}

/** Parses a body (an absent body counts as `{}`, so required properties are named) or throws a 400 problem. */
export function parse<T extends z.ZodType>(schema: T, body: unknown): z.infer<T> {
  const r = schema.safeParse(body === undefined ? {} : body);
  if (!r.success) throw validationProblem(r.error);
  return r.data;
}

/** The `truncateValues` query parameter of the variable searches (default true). */
export function truncateValues(raw: unknown): boolean {
  if (raw === undefined || raw === 'true') return true;
  if (raw === 'false') return false;
  throw invalidArgument(`Query parameter 'truncateValues' must be true or false, but was '${String(raw)}'`);
}

/** A key in the path: a positive decimal number; anything else is a 400 naming the parameter. */
export function pathKey(raw: unknown, name: string): number {
  const text = String(raw);
  const n = Number(text);
  if (!/^[0-9]{1,25}$/.test(text) || !Number.isSafeInteger(n) || n <= 0)
    throw invalidArgument(
      `Path parameter '${name}' must be a key (a positive decimal number), but was '${text}'`,
    );
  return n;
}

/** Keys in request bodies: strings on the wire, numbers in the engine. */
export function bodyKey(raw: string, name: string): number {
  const n = Number(raw);
  if (!Number.isSafeInteger(n) || n <= 0)
    throw invalidArgument(`Request property '${name}' must be a positive key, but was '${raw}'`);
  return n;
}

/** Properties of the API this engine cannot honour yet: a clear 400 rather than silently ignoring them. */
export function unsupported(name: string, reason = 'is not supported by this engine'): never {
  throw new Problem(400, 'INVALID_ARGUMENT', `Request property '${name}' ${reason}`);
}
