// Read-your-writes for the searches. The projections apply committed batches in their own thread, a few
// milliseconds after the engine answered the command; a client that searches right after its command (the
// web's inbox after a completion, the scheduler, the tests) would otherwise miss its own change now and then.
// So a read waits until the projections show what was committed when it arrived — at most SEARCH_WAIT_MILLIS:
// a projection that far behind (catching up after a restart) answers with what it has, eventually consistent
// as in Camunda. GET /v2/projections/status says how far behind they are.
import type { NextFunction, Request, Response } from 'express';
import type { Engine } from '../../engine';
import type { Projections } from '../../projections';

export const SEARCH_WAIT_MILLIS = 1_000;

const UNBARRED = new Set(['/topology', '/projections/status']);

function readsProjections(req: Request): boolean {
  if (req.method === 'GET') return !UNBARRED.has(req.path);
  return req.method === 'POST' && /\/(search|statistics\/element-instances)$/.test(req.path);
}

export function readBarrier(engine: Engine, projections: Projections) {
  return (req: Request, _res: Response, next: NextFunction) => {
    if (!readsProjections(req)) return next();
    projections.caughtUp(engine.committedPosition, SEARCH_WAIT_MILLIS).then(() => next(), next);
  };
}
