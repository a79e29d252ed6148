// One line per REST request that names its caller's request id (X-Request-Id, as the web sends it), and per
// request that failed on the engine's side: the id a user quotes leads from the web's log to the engine's.
import type { NextFunction, Request, Response } from 'express';

const saneId = /^[\w.-]{1,64}$/;

export function requestLog(log: (line: string) => void) {
  return (req: Request, res: Response, next: NextFunction) => {
    const started = process.hrtime.bigint();
    const given = req.get('x-request-id');
    const requestId = given && saneId.test(given) ? given : undefined;
    res.on('finish', () => {
      if (!requestId && res.statusCode < 500) return;
      const ms = Number(process.hrtime.bigint() - started) / 1e6;
      log(
        `rest ${req.method} ${req.originalUrl.split('?')[0]} ${res.statusCode} ${ms.toFixed(1)}ms requestId=${requestId ?? '-'}`,
      );
    });
    next();
  };
}
