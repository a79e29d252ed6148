// Carries the web request's id into the engine calls made while serving it: the request handler runs inside
// `engineCallContext`, and the engine client's fetch adds the id as X-Request-Id, which the engine writes in
// its request log — one id from the user's error message through the web log to the engine's.
import { AsyncLocalStorage } from 'node:async_hooks';
import type { RequestHandler } from 'express';

const context = new AsyncLocalStorage<{ requestId: string }>();

/** Runs the rest of the request's handling with its id (after the body parsers: stream events lose it). */
export const engineCallContext: RequestHandler = (req, _res, next) => {
  if (req.id) context.run({ requestId: req.id }, next);
  else next();
};

/** fetch for the engine client: the current web request's id as X-Request-Id. */
export const fetchWithRequestId: typeof fetch = (input, init) => {
  const requestId = context.getStore()?.requestId;
  if (!requestId) return fetch(input, init);
  const headers = new Headers(init?.headers ?? (input instanceof Request ? input.headers : undefined));
  headers.set('X-Request-Id', requestId);
  return fetch(input, { ...init, headers });
};
