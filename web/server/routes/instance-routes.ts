// The instance page's API: one process instance (by engine key or business key) with its diagram, history,
// record, variables, relatives and incidents; and the retry of an incident (optionally after setting variables).
import type { AppContext } from '../context';
import { instancePage } from '../monitor/instance';
import { retryIncident } from '../monitor/retry';
import { engineOf } from '../tasks/engine-calls';
import type { AnyRoute } from './define';

export function instanceRoutes(ctx: AppContext): AnyRoute[] {
  return [
    {
      method: 'get',
      path: '/instances/:key',
      action: 'instance.read',
      handler: ({ req, principal }) => instancePage(ctx.db, engineOf(ctx), principal, String(req.params.key)),
    },
    {
      method: 'post',
      path: '/instances/:key/incidents/:incidentKey/retry',
      action: 'instance.retry',
      handler: ({ req, principal }) =>
        retryIncident(
          ctx.db,
          engineOf(ctx),
          principal,
          String(req.params.key),
          String(req.params.incidentKey),
          req.body,
        ),
    },
  ];
}
