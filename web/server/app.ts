// The Express application: security headers (helmet), JSON bodies, sessions from the domain database, CSRF
// on every state-changing request, the API routes under /api, and one error middleware (problem+json).
import express, { type Express } from 'express';
import helmet from 'helmet';
import { csrfMiddleware, sessionMiddleware } from './auth/session-middleware';
import type { AppContext } from './context';
import { errorMiddleware, notFoundMiddleware } from './http/problem';
import { mount } from './routes/define';
import { allRoutes } from './routes';

export function createApp(
  ctx: AppContext,
  options: { trustProxy?: boolean | number | string } = {},
): Express {
  const app = express();
  app.disable('x-powered-by');
  app.set('trust proxy', options.trustProxy ?? false);
  app.use(helmet());
  app.use(express.json({ limit: '200kb', type: ['application/json', 'application/*+json'] }));
  const api = express.Router();
  api.use((_req, res, next) => {
    res.setHeader('Cache-Control', 'no-store');
    next();
  });
  api.use(sessionMiddleware(ctx));
  api.use(csrfMiddleware);
  mount(api, ctx, allRoutes(ctx));
  app.use('/api', api);
  app.use(notFoundMiddleware);
  app.use(errorMiddleware);
  return app;
}
