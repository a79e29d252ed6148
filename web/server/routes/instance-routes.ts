// The instance page's API: one process instance (by engine key or business key) with its diagram, history,
// record, variables, relatives and incidents; the retry of an incident (optionally after setting variables); and
// the message forms (会议改期, 申请延期) a person sends into an instance that waits for them.
import type { AppContext } from '../context';
import { messageForms } from '../messages';
import { messageFormRoutes } from '../messages/routes';
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
    ...messageFormRoutes(ctx, messageForms),
  ];
}
