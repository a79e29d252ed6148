// Carries the web request's id and its signed-in person into the engine calls made while serving it: the
// request handler runs inside `engineCallContext`, and the engine client's fetch adds the id as X-Request-Id
// and the person as X-Zhuanban-User, which the engine writes in its request log — one id and one name from the
// user's error message through the web log to the engine's. Real Camunda ignores the unknown header.
import { AsyncLocalStorage } from 'node:async_hooks';
import type { Request as WebRequest, RequestHandler } from 'express';

// The request itself is kept, not its user: the session is resolved after this middleware runs.
const context = new AsyncLocalStorage<{ requestId: string; req: WebRequest }>();

/** Runs the rest of the request's handling with its id (after the body parsers: stream events lose it). */
export const engineCallContext: RequestHandler = (req, _res, next) => {
  if (req.id) context.run({ requestId: req.id, req }, next);
  else next();
};

/** The header value for a username: percent-encoded, since header values are Latin-1 and names may be Chinese. */
export const encodeUserHeader = (username: string): string => encodeURIComponent(username);

/** fetch for the engine client: the current web request's id as X-Request-Id, its person as X-Zhuanban-User. */
export const fetchWithRequestId: typeof fetch = (input, init) => {
  const store = context.getStore();
  if (!store) return fetch(input, init);
  const headers = new Headers(init?.headers ?? (input instanceof Request ? input.headers : undefined));
  headers.set('X-Request-Id', store.requestId);
  const username = store.req.auth?.principal.username;
  if (username) headers.set('X-Zhuanban-User', encodeUserHeader(username));
  return fetch(input, { ...init, headers });
};
