// The live badges as server-sent events: GET /api/live/:processId[?version=N] streams, for the caller's unit
// scope, the whole badge state first and then only the elements that changed. EventSource reconnects on its
// own and sends Last-Event-ID; a viewer still in step gets nothing more, one that missed changes gets the whole
// state again.
import type { AppContext } from '../context';
import { HttpError } from '../http/problem';
import { hubOf } from '../live/hub';
import type { LiveEvent } from '../live/poller';
import { chooseDefinition, scopeOf } from '../monitor/monitor';
import type { AnyRoute } from './define';

const HEARTBEAT_MS = 15_000;

export function liveRoutes(ctx: AppContext): AnyRoute[] {
  return [
    {
      method: 'get',
      path: '/live/:processId',
      action: 'monitor.read',
      async handler({ req, res, principal }) {
        const hub = hubOf(ctx);
        if (!hub) throw new HttpError(503, '流程引擎不可用', '流程引擎未连接，请稍后重试或联系系统管理员');
        const { def } = await chooseDefinition(hub.engine, String(req.params.processId), req.query.version);
        const scope = await scopeOf(ctx.db, principal);
        const poller = hub.poller(def);
        const lastEventId =
          req.header('last-event-id') ??
          (typeof req.query.lastEventId === 'string' ? req.query.lastEventId : undefined);
        res.status(200).set({
          'Content-Type': 'text/event-stream; charset=utf-8',
          'Cache-Control': 'no-cache, no-transform',
          Connection: 'keep-alive',
          'X-Accel-Buffering': 'no',
        });
        res.flushHeaders();
        res.write('retry: 1000\n\n');
        const send = (e: LiveEvent) =>
          res.write(
            `id: ${e.id}\nevent: badges\ndata: ${JSON.stringify({ full: e.full, elements: e.elements, engineNow: e.engineNow })}\n\n`,
          );
        let unsubscribe: (() => void) | undefined;
        let closed = false;
        const heartbeat = setInterval(() => res.write(': 心跳\n\n'), HEARTBEAT_MS);
        heartbeat.unref();
        req.on('close', () => {
          closed = true;
          clearInterval(heartbeat);
          unsubscribe?.();
        });
        try {
          unsubscribe = await poller.subscribe(scope, send, lastEventId);
          if (closed) unsubscribe();
          else res.write(`event: ready\ndata: ${JSON.stringify({ id: poller.eventId() })}\n\n`);
        } catch {
          res.write(`event: failure\ndata: ${JSON.stringify({ message: '无法连接流程引擎，正在重试' })}\n\n`);
          res.end();
        }
      },
    },
  ];
}
