// Every /v2 request must carry credentials the engine accepts once authentication is configured: 401 with a
// WWW-Authenticate challenge otherwise (problem+json, like every other refusal of this API).
import type { NextFunction, Request, Response } from 'express';
import type { EngineAuthenticator } from '../auth';
import { Problem, sendProblem } from './problems';

export function authenticate(auth: EngineAuthenticator) {
  return (req: Request, res: Response, next: NextFunction): void => {
    if (!auth.enabled) return next();
    auth.authenticate(req.headers.authorization).then(
      (result) => {
        if (result.ok) {
          res.locals.principal = result.principal;
          return next();
        }
        res.setHeader('WWW-Authenticate', auth.challenge);
        sendProblem(res, req.originalUrl.split('?')[0], new Problem(401, 'UNAUTHORIZED', result.reason));
      },
      (e: unknown) => next(e),
    );
  };
}
