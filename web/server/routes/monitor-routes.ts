// 流程监控: the overview of the four processes, one process version's diagram, the items at an element and
// the heat view. Counts and lists come from the shared live poller, scoped to the caller's unit.
import type { AppContext } from '../context';
import { HttpError } from '../http/problem';
import { hubOf } from '../live/hub';
import { heat } from '../monitor/heat';
import { diagram, elementItems, overview, scopeOf } from '../monitor/monitor';
import type { AnyRoute } from './define';

export function monitorRoutes(ctx: AppContext): AnyRoute[] {
  const hub = () => {
    const h = hubOf(ctx);
    if (!h) throw new HttpError(503, '流程引擎不可用', '流程引擎未连接，请稍后重试或联系系统管理员');
    return h;
  };
  return [
    {
      method: 'get',
      path: '/monitor',
      action: 'monitor.read',
      handler: async ({ principal }) => overview(hub(), await scopeOf(ctx.db, principal)),
    },
    {
      method: 'get',
      path: '/monitor/:processId',
      action: 'monitor.read',
      handler: async ({ req }) => diagram(hub().engine, String(req.params.processId), req.query.version),
    },
    {
      method: 'get',
      path: '/monitor/:processId/heat',
      action: 'monitor.read',
      handler: async ({ req }) => heat(hub().engine, String(req.params.processId), req.query),
    },
    {
      method: 'get',
      path: '/monitor/:processId/elements/:elementId',
      action: 'monitor.read',
      handler: async ({ req, principal }) =>
        elementItems(
          ctx.db,
          hub(),
          await scopeOf(ctx.db, principal),
          String(req.params.processId),
          String(req.params.elementId),
          req.query,
        ),
    },
  ];
}
