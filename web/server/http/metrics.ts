// Records every web request's duration by method, route pattern (/api/ledger-items/:id, not the id) and status.
import type { RequestHandler } from 'express';
import { httpDuration } from '../../../domain/metrics';

export const requestMetrics: RequestHandler = (req, res, next) => {
  const end = httpDuration.startTimer();
  res.on('finish', () => {
    const pattern = (req.route as { path?: string } | undefined)?.path;
    const route = pattern
      ? `${req.baseUrl}${pattern}`
      : req.path.startsWith('/assets/')
        ? '/assets'
        : 'other';
    end({ method: req.method, route, status: String(res.statusCode) });
  });
  next();
};
