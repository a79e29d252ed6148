// A small HTTP client for the web tests, over real fetch: keeps cookies like a browser (a jar per client),
// remembers the CSRF token the server hands out, and returns status, headers and parsed body.

export interface ApiResponse<T = unknown> {
  status: number;
  headers: Headers;
  body: T;
  setCookies: string[];
}

export interface SendOptions {
  /** Send the X-CSRF-Token header (default true). */
  csrf?: boolean;
  headers?: Record<string, string>;
  rawBody?: string;
}

export class ApiClient {
  readonly cookies = new Map<string, string>();
  csrfToken: string | undefined;

  constructor(readonly baseUrl: string) {}

  async send<T = Record<string, unknown>>(
    method: string,
    path: string,
    body?: unknown,
    options: SendOptions = {},
  ): Promise<ApiResponse<T>> {
    const headers: Record<string, string> = { accept: 'application/json', ...options.headers };
    if (this.cookies.size) headers.cookie = [...this.cookies].map(([k, v]) => `${k}=${v}`).join('; ');
    if (options.csrf !== false && this.csrfToken && method !== 'GET')
      headers['x-csrf-token'] = this.csrfToken;
    let payload: string | undefined = options.rawBody;
    if (body !== undefined) {
      headers['content-type'] = 'application/json';
      payload = JSON.stringify(body);
    } else if (payload !== undefined) headers['content-type'] = 'application/json';
    const res = await fetch(this.baseUrl + path, { method, headers, body: payload, redirect: 'manual' });
    const setCookies = res.headers.getSetCookie();
    for (const line of setCookies) {
      const [pair, ...attrs] = line.split(';');
      const eq = pair.indexOf('=');
      const name = pair.slice(0, eq).trim();
      const value = pair.slice(eq + 1).trim();
      const expired = attrs.some((a) => /^\s*expires=/i.test(a) && Date.parse(a.split('=')[1]) <= Date.now());
      if (expired || value === '') this.cookies.delete(name);
      else this.cookies.set(name, value);
    }
    const text = await res.text();
    const parsed =
      text && /json/.test(res.headers.get('content-type') ?? '') ? (JSON.parse(text) as T) : (text as T);
    return { status: res.status, headers: res.headers, body: parsed, setCookies };
  }

  /** Fetches a CSRF token (pre-session or of the session). */
  async refreshCsrf(): Promise<string> {
    const res = await this.send<{ csrfToken: string }>('GET', '/api/session');
    this.csrfToken = res.body.csrfToken;
    return this.csrfToken;
  }

  async login(
    username: string,
    password: string,
  ): Promise<ApiResponse<{ csrfToken?: string; user?: unknown }>> {
    if (!this.csrfToken) await this.refreshCsrf();
    const res = await this.send<{ csrfToken?: string; user?: unknown }>('POST', '/api/login', {
      username,
      password,
    });
    if (res.status === 200 && res.body.csrfToken) this.csrfToken = res.body.csrfToken;
    return res;
  }
}
