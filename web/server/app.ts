// The Express application: security headers (helmet), JSON bodies, sessions from the domain database, CSRF
// on every state-changing request, the API routes under /api, the built browser client for every other page,
// and one error middleware (problem+json). HSTS and upgrade-insecure-requests only when the site is served over
// TLS: an office LAN reached by plain HTTP must keep working.
import express, { type Express } from 'express';
import helmet from 'helmet';
import { csrfMiddleware, sessionMiddleware } from './auth/session-middleware';
import type { AppContext } from './context';
import { clientAssets } from './http/client-assets';
import { errorMiddleware, notFoundMiddleware } from './http/problem';
import { rejectUnsafeStrings } from './http/safe-strings';
import { healthRoutes } from './http/health';
import { requestMetrics } from './http/metrics';
import { requestId } from './http/request-id';
import { engineCallContext } from './engine/request-context';
import { mount } from './routes/define';
import { allRoutes } from './routes';

export function createApp(
  ctx: AppContext,
  options: { trustProxy?: boolean | number | string; tls?: boolean; clientDist?: string } = {},
): Express {
  const app = express();
  app.disable('x-powered-by');
  app.set('trust proxy', options.trustProxy ?? false);
  app.use(requestId);
  app.use(requestMetrics);
  app.use(healthRoutes(ctx));
  const tls = options.tls ?? false;
  app.use(
    helmet({
      strictTransportSecurity: tls,
      contentSecurityPolicy: {
        useDefaults: true,
        directives: {
          'upgrade-insecure-requests': tls ? [] : null,
          // form-js and bpmn-js set style attributes; scripts stay 'self' only.
          'style-src': ["'self'", "'unsafe-inline'"],
          'img-src': ["'self'", 'data:', 'blob:'],
          'font-src': ["'self'", 'data:'],
          'connect-src': ["'self'"],
        },
      },
    }),
  );
  app.use(express.json({ limit: '200kb', type: ['application/json', 'application/*+json'] }));
  app.use(rejectUnsafeStrings);
  app.use(engineCallContext);
  const api = express.Router();
  api.use((_req, res, next) => {
    res.setHeader('Cache-Control', 'no-store');
    next();
  });
  api.use(sessionMiddleware(ctx));
  api.use(csrfMiddleware);
  mount(api, ctx, allRoutes(ctx));
  app.use('/api', api);
  app.use(clientAssets(options.clientDist));
  app.use(notFoundMiddleware);
  app.use(errorMiddleware);
  return app;
}
