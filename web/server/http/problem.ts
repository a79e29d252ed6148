// RFC 9457 problem details: the one error middleware maps every error to application/problem+json with a
// zh-CN title and detail; validation errors name each field. Anything unexpected is a 500 and is logged.
import type { ErrorRequestHandler, RequestHandler, Response } from 'express';
import { ZodError } from 'zod';
import { DomainError } from '../../../domain/errors';
import { createLogger } from '../../../domain/log';
import { isDatabaseUnavailable } from '../../../domain/db/unavailable';

export interface FieldError {
  field: string;
  message: string;
}

export class HttpError extends Error {
  constructor(
    readonly status: number,
    readonly title: string,
    readonly detail?: string,
    readonly extra: { errors?: FieldError[]; headers?: Record<string, string>; type?: string } = {},
  ) {
    super(detail ?? title);
    this.name = 'HttpError';
  }
}

const types: Record<number, string> = {
  400: 'validation',
  401: 'unauthenticated',
  403: 'forbidden',
  404: 'not-found',
  409: 'conflict',
  413: 'too-large',
  423: 'locked',
  429: 'rate-limited',
  500: 'internal',
};

export function sendProblem(
  res: Response,
  status: number,
  title: string,
  detail?: string,
  errors?: FieldError[],
  type?: string,
): void {
  res
    .status(status)
    .type('application/problem+json')
    .json({
      type: `/problems/${type ?? types[status] ?? 'error'}`,
      title,
      status,
      detail,
      instance: res.req.originalUrl,
      errors,
    });
}

function fromZod(e: ZodError): HttpError {
  const errors = e.issues.map((i) => ({
    field: i.path.map(String).join('.') || '(body)',
    message: i.message,
  }));
  const detail = errors.map((f) => `${f.field}：${f.message}`).join('；');
  return new HttpError(400, '输入有误', detail, { errors });
}

function fromDomain(e: DomainError): HttpError {
  const status = { 'not-found': 404, conflict: 409, invalid: 400, forbidden: 403 }[e.kind];
  const errors = e.field ? [{ field: e.field, message: e.message }] : undefined;
  return new HttpError(
    status,
    { 404: '未找到', 409: '冲突', 400: '输入有误', 403: '无权访问' }[status] as string,
    e.message,
    {
      errors,
    },
  );
}

function fromBodyParser(e: unknown): HttpError | undefined {
  const type = typeof e === 'object' && e !== null ? (e as { type?: unknown }).type : undefined;
  if (type === 'entity.parse.failed') return new HttpError(400, '输入有误', '请求体不是合法的 JSON');
  if (type === 'entity.too.large') return new HttpError(413, '请求体过大');
  if (type === 'encoding.unsupported' || type === 'charset.unsupported')
    return new HttpError(400, '输入有误', '不支持的编码');
  // A body that claims gzip/deflate but does not inflate (zlib's Z_DATA_ERROR and friends), or a cut-off upload.
  const code = typeof e === 'object' && e !== null ? (e as { code?: unknown }).code : undefined;
  if (typeof code === 'string' && /^Z_/.test(code)) return new HttpError(400, '输入有误', '请求体无法解压');
  if (type === 'request.aborted' || type === 'request.size.invalid')
    return new HttpError(400, '输入有误', '请求体不完整');
  return undefined;
}

const log = createLogger('web');

export const errorMiddleware: ErrorRequestHandler = (err: unknown, req, res, next) => {
  if (res.headersSent) return next(err);
  const e =
    err instanceof HttpError
      ? err
      : err instanceof ZodError
        ? fromZod(err)
        : err instanceof DomainError
          ? fromDomain(err)
          : fromBodyParser(err);
  if (!e && isDatabaseUnavailable(err)) {
    log.warn('database unavailable', {
      requestId: req.id,
      method: req.method,
      path: req.path,
      error: String(err),
    });
    res.setHeader('Retry-After', '10');
    return sendProblem(res, 503, '数据库暂不可用', '数据库暂时无法访问，请稍后重试');
  }
  if (!e) {
    log.error('unexpected error', {
      requestId: req.id,
      method: req.method,
      path: req.path,
      error: err instanceof Error ? err : String(err),
      stack: err instanceof Error ? err.stack : undefined,
    });
    return sendProblem(
      res,
      500,
      '服务器内部错误',
      `请稍后重试；如果问题持续，请联系系统管理员并告知请求编号 ${req.id ?? '（无）'}`,
    );
  }
  for (const [name, value] of Object.entries(e.extra.headers ?? {})) res.setHeader(name, value);
  sendProblem(res, e.status, e.title, e.detail, e.extra.errors, e.extra.type);
};

export const notFoundMiddleware: RequestHandler = (req, _res, next) => {
  next(new HttpError(404, '未找到', `没有 ${req.method} ${req.path} 这个接口`));
};
