// GET /v2/projections/status — not part of Camunda's API: how far the searches are behind the engine.
// Searches are eventually consistent (as in Camunda); this says by how much, for monitoring and for
// clients that want to wait until a command they sent is searchable (Camunda's clients poll instead).
import type { RouteModule } from '../context';

export const projectionStatusRoutes: RouteModule = (router, ctx) => {
  router.get('/projections/status', (_req, res) => {
    res.setHeader('Cache-Control', 'no-store');
    res.json(ctx.projections.status());
  });
};
