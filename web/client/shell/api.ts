// The browser's one way to the server: JSON over fetch with the session cookie and the CSRF header, errors as
// ApiError carrying the problem+json title, detail and per-field messages. A 401 while signed in means the
// session expired: the re-login dialog is asked to sign in again and the request is retried once, so nothing
// the user typed on the page is lost. A forced password change sends the user to /password.

export interface FieldErrors {
  [field: string]: string;
}

export class ApiError extends Error {
  constructor(
    readonly status: number,
    readonly title: string,
    readonly detail: string | undefined,
    readonly type: string | undefined,
    readonly fields: FieldErrors,
  ) {
    super(detail ? `${title}：${detail}` : title);
    this.name = 'ApiError';
  }
}

interface Hooks {
  csrfToken: string;
  signedIn: boolean;
  /** Resolves true when the user signed in again (the re-login dialog), false when they gave up. */
  relogin?: () => Promise<boolean>;
  passwordChangeRequired?: () => void;
}

export const apiHooks: Hooks = { csrfToken: '', signedIn: false };

async function toError(res: Response): Promise<ApiError> {
  let body: {
    title?: string;
    detail?: string;
    type?: string;
    errors?: { field: string; message: string }[];
  } = {};
  try {
    body = await res.json();
  } catch {
    body = {};
  }
  const fields: FieldErrors = {};
  for (const e of body.errors ?? []) fields[e.field] = e.message;
  const fallback = res.status >= 500 ? '服务器暂时无法处理请求' : `请求失败（${res.status}）`;
  const type = body.type?.replace(/^\/problems\//, '');
  return new ApiError(res.status, body.title ?? fallback, body.detail, type, fields);
}

export interface RequestOptions {
  signal?: AbortSignal;
  /** Do not open the re-login dialog on 401 (the login form itself). */
  noRelogin?: boolean;
}

export async function request<T>(
  method: string,
  path: string,
  body?: unknown,
  options: RequestOptions = {},
): Promise<T> {
  const send = () => {
    const headers: Record<string, string> = { Accept: 'application/json' };
    if (method !== 'GET') headers['X-CSRF-Token'] = apiHooks.csrfToken;
    let payload: BodyInit | undefined;
    if (body instanceof FormData) payload = body;
    else if (body !== undefined) {
      headers['Content-Type'] = 'application/json';
      payload = JSON.stringify(body);
    }
    return fetch(path, {
      method,
      headers,
      body: payload,
      credentials: 'same-origin',
      signal: options.signal,
    });
  };
  let res: Response;
  try {
    res = await send();
  } catch (e) {
    if ((e as Error).name === 'AbortError') throw e;
    throw new ApiError(0, '无法连接服务器', '请检查网络连接后重试', 'network', {});
  }
  if (res.status === 401 && apiHooks.signedIn && !options.noRelogin && apiHooks.relogin) {
    if (await apiHooks.relogin()) res = await send();
  }
  if (!res.ok) {
    const error = await toError(res);
    if (error.type === 'password-change-required') apiHooks.passwordChangeRequired?.();
    throw error;
  }
  if (res.status === 204) return undefined as T;
  const type = res.headers.get('content-type') ?? '';
  return (type.includes('json') ? await res.json() : await res.text()) as T;
}

export const api = {
  get: <T>(path: string, options?: RequestOptions) => request<T>('GET', path, undefined, options),
  post: <T>(path: string, body?: unknown, options?: RequestOptions) =>
    request<T>('POST', path, body ?? {}, options),
  put: <T>(path: string, body?: unknown, options?: RequestOptions) =>
    request<T>('PUT', path, body ?? {}, options),
  patch: <T>(path: string, body?: unknown, options?: RequestOptions) =>
    request<T>('PATCH', path, body ?? {}, options),
  del: <T>(path: string, options?: RequestOptions) => request<T>('DELETE', path, undefined, options),
};

/** A query string from the defined, non-empty values. */
export function query(params: Record<string, string | number | boolean | undefined | null>): string {
  const q = new URLSearchParams();
  for (const [k, v] of Object.entries(params))
    if (v !== undefined && v !== null && v !== '') q.set(k, String(v));
  const s = q.toString();
  return s ? `?${s}` : '';
}
