// Refuses request bodies holding strings no database or document should receive: a lone UTF-16 surrogate
// (PostgreSQL and the .docx/.xlsx writers fail on it) or a NUL character (PostgreSQL text cannot hold it). The
// answer is a 400 that names the field, before any handler runs, so nothing changes.
import type { RequestHandler } from 'express';
import { HttpError } from './problem';

const loneSurrogate = /[\uD800-\uDBFF](?![\uDC00-\uDFFF])|(?<![\uD800-\uDBFF])[\uDC00-\uDFFF]/;

function findUnsafe(value: unknown, path: string, depth = 0): string | undefined {
  if (depth > 64) return path || '(body)';
  if (typeof value === 'string')
    return value.includes('\u0000') || loneSurrogate.test(value) ? path : undefined;
  if (Array.isArray(value)) {
    for (let i = 0; i < value.length; i++) {
      const found = findUnsafe(value[i], path ? `${path}.${i}` : String(i), depth + 1);
      if (found !== undefined) return found;
    }
    return undefined;
  }
  if (value && typeof value === 'object') {
    for (const [k, v] of Object.entries(value)) {
      const key = path ? `${path}.${k}` : k;
      if (k.includes('\u0000') || loneSurrogate.test(k)) return key;
      const found = findUnsafe(v, key, depth + 1);
      if (found !== undefined) return found;
    }
  }
  return undefined;
}

export const rejectUnsafeStrings: RequestHandler = (req, _res, next) => {
  const field = findUnsafe(req.body, '');
  if (field !== undefined) {
    const message = '含有无法保存的字符（空字符或不成对的代理项）';
    throw new HttpError(400, '输入有误', `${field || '(body)'}：${message}`, {
      errors: [{ field: field || '(body)', message }],
    });
  }
  next();
};
