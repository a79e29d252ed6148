// Gives every request an id — the caller's X-Request-Id when it is a sane token (a proxy's), else a new one —
// returned in the response header and written with every log line about the request, so a user's report of a
// failure ("请求编号 …") leads straight to the log.
import { randomUUID } from 'node:crypto';
import type { RequestHandler } from 'express';

declare module 'express-serve-static-core' {
  interface Request {
    id?: string;
  }
}

export const requestId: RequestHandler = (req, res, next) => {
  const given = req.get('x-request-id');
  req.id = given && /^[\w.-]{1,64}$/.test(given) ? given : randomUUID();
  res.setHeader('X-Request-Id', req.id);
  next();
};
