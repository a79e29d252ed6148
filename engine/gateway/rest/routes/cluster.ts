// GET /v2/topology, and the engine clock: PUT /v2/clock pins it (timers that fall due fire),
// POST /v2/clock/reset lets it follow the system time again (ZEEBE-SEMANTICS §12).
import { z } from 'zod';
import type { RouteModule } from '../context';
import { run } from '../context';
import { int64, parse } from '../validation';
import { GATEWAY_VERSION } from '../../grpc/server';
import { Problem } from '../problems';

const pin = z.strictObject({
  timestamp: int64.refine((n) => n >= 0, 'expected epoch milliseconds, zero or more'),
});

export const clusterRoutes: RouteModule = (router, ctx) => {
  router.get('/topology', (_req, res) => {
    const { host, port } = ctx.grpc();
    res.json({
      brokers: [
        {
          nodeId: 0,
          host,
          port,
          partitions: [{ partitionId: 1, role: 'leader', health: 'healthy' }],
          version: GATEWAY_VERSION,
        },
      ],
      clusterSize: 1,
      partitionsCount: 1,
      replicationFactor: 1,
      gatewayVersion: GATEWAY_VERSION,
      lastCompletedChangeId: '-1',
    });
  });

  // Moving the clock fires every timer that falls due: in production that is a way to skip deadlines.
  router.use('/clock', (_req, _res, next) => {
    if (ctx.clockControlled) return next();
    next(
      new Problem(
        403,
        'FORBIDDEN',
        'The engine clock is not controllable: start the engine with ZEEBE_CLOCK_CONTROLLED=true to allow it',
      ),
    );
  });

  router.put('/clock', async (req, res) => {
    const { timestamp } = parse(pin, req.body);
    await run(ctx.engine, 'CLOCK', 'PIN', { time: timestamp });
    ctx.engine.checkDueDates();
    res.status(204).end();
  });

  router.post('/clock/reset', async (_req, res) => {
    await run(ctx.engine, 'CLOCK', 'RESET', { time: 0 });
    ctx.engine.checkDueDates();
    res.status(204).end();
  });
};
