// Variable documents as clients send them: JSON text whose root must be an object, nested at most
// MAX_DOCUMENT_DEPTH levels (deeper documents overflowed the stack of the record encoder and stopped the engine).
import { GatewayError } from './rejections';
import { DEFAULT_TENANT } from '../protocol/values';

export function parseDocument(
  text: string | undefined | null,
  property = 'variables',
): Record<string, unknown> {
  if (text === undefined || text === null || text.trim() === '') return {};
  let value: unknown;
  try {
    value = JSON.parse(text);
  } catch (e) {
    throw new GatewayError(
      'INVALID_ARGUMENT',
      `Property '${property}' is invalid: Expected a JSON document, but it could not be parsed (${e instanceof Error ? e.message : String(e)})`,
    );
  }
  checkDepth(value, property);
  return requireObject(value, property);
}

export const MAX_DOCUMENT_DEPTH = 100;

/** Refuses a document nested deeper than MAX_DOCUMENT_DEPTH; iterative, so the check itself cannot overflow. */
export function checkDepth(value: unknown, property = 'variables'): void {
  const stack: [unknown, number][] = [[value, 0]];
  while (stack.length) {
    const [v, depth] = stack.pop()!;
    if (v === null || typeof v !== 'object') continue;
    if (depth >= MAX_DOCUMENT_DEPTH)
      throw new GatewayError(
        'INVALID_ARGUMENT',
        `Property '${property}' is invalid: the document is nested deeper than ${MAX_DOCUMENT_DEPTH} levels`,
      );
    for (const child of Object.values(v)) stack.push([child, depth + 1]);
  }
}

export function requireObject(value: unknown, property = 'variables'): Record<string, unknown> {
  if (value === undefined || value === null) return {};
  if (typeof value !== 'object' || Array.isArray(value)) {
    const kind = Array.isArray(value)
      ? 'ARRAY'
      : typeof value === 'string'
        ? 'STRING'
        : typeof value === 'number'
          ? 'NUMBER'
          : 'BOOLEAN';
    throw new GatewayError(
      'INVALID_ARGUMENT',
      `Property '${property}' is invalid: Expected document to be a root level object, but was '${kind}'`,
    );
  }
  return value as Record<string, unknown>;
}

/** Multi-tenancy is off: only the default tenant (or none) may be named. */
export function checkTenant(tenantId: string | undefined | null): string {
  if (!tenantId || tenantId === DEFAULT_TENANT) return DEFAULT_TENANT;
  throw new GatewayError(
    'INVALID_ARGUMENT',
    `Expected to handle request with tenant identifier '${tenantId}', but multi-tenancy is disabled`,
  );
}

export function checkTenants(tenantIds: string[] | undefined | null): string[] {
  for (const t of tenantIds ?? []) checkTenant(t);
  return [DEFAULT_TENANT];
}
