// Keeps web pages out of the REST API. A page open in a browser on the same machine can send requests to
// 127.0.0.1:8080 — a `text/plain` form post needs no CORS preflight — and DNS rebinding can make a foreign name
// resolve to loopback. So: a request a browser marks with a foreign Origin is refused, a body must be declared as
// JSON (or multipart for deployments, as Camunda accepts), and the Host must be an address or a known name.
// Clients like the SDKs send no Origin and always declare JSON, so nothing changes for them.
import type { NextFunction, Request, Response } from 'express';
import { Problem, sendProblem } from './problems';

export interface BrowserGuardOptions {
  /** Host names (besides IP addresses and localhost) the API may be reached by, e.g. the engine's DNS name. */
  allowedHosts?: readonly string[];
  /** Origins a browser may call from (none by default: the web app calls the engine from its server). */
  allowedOrigins?: readonly string[];
}

const ipv4 = /^\d{1,3}(\.\d{1,3}){3}$/;

function hostName(host: string): string {
  if (host.startsWith('[')) return host.slice(1, host.indexOf(']')); // [::1]:8080
  const colon = host.lastIndexOf(':');
  return colon > 0 ? host.slice(0, colon) : host;
}

export function browserGuard(options: BrowserGuardOptions = {}) {
  const hosts = new Set(['localhost', ...(options.allowedHosts ?? []).map((h) => h.toLowerCase())]);
  const origins = new Set(options.allowedOrigins ?? []);
  return (req: Request, res: Response, next: NextFunction): void => {
    const refuse = (status: number, title: string, detail: string) =>
      sendProblem(res, req.originalUrl.split('?')[0], new Problem(status, title, detail));
    const host = hostName((req.headers.host ?? '').toLowerCase());
    if (!(ipv4.test(host) || host.includes(':') || hosts.has(host)))
      return refuse(
        403,
        'FORBIDDEN',
        `Requests for host '${host}' are not served (allowed: IP addresses, ${[...hosts].join(', ')})`,
      );
    const origin = req.headers.origin;
    if (origin !== undefined && !origins.has(origin))
      return refuse(403, 'FORBIDDEN', `Cross-origin browser requests are not accepted (Origin: ${origin})`);
    const hasBody =
      Number(req.headers['content-length'] ?? 0) > 0 || req.headers['transfer-encoding'] !== undefined;
    const type = (req.headers['content-type'] ?? '').toLowerCase();
    if (hasBody && !/^application\/(.+\+)?json\b/.test(type) && !/^multipart\/form-data\b/.test(type))
      return refuse(
        415,
        'Unsupported Media Type',
        `The request body must be application/json, got '${type || 'none'}'`,
      );
    next();
  };
}
