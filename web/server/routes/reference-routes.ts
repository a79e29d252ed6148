// What every signed-in user may read: the units (codes are candidate groups) and a computed deadline; and the
// public health check with a database round trip.
import { z } from 'zod';
import { deadlineFor } from '../../../domain/calendar/store';
import type { AppContext } from '../context';
import { HttpError } from '../http/problem';
import type { AnyRoute } from './define';

const deadlineQuery = z.object({
  rule: z.string().min(1, '请指定期限规则代码').max(100),
  start: z.iso.date('日期格式应为 YYYY-MM-DD'),
});

export function referenceRoutes(ctx: AppContext): AnyRoute[] {
  const { db } = ctx;
  return [
    {
      method: 'get',
      path: '/health',
      action: 'public',
      async handler() {
        await db.$queryRawUnsafe('SELECT 1');
        return { status: 'ok', database: ctx.provider };
      },
    },
    {
      method: 'get',
      path: '/units',
      action: 'reference.read',
      handler: () =>
        db.unit.findMany({
          where: { active: true },
          select: { code: true, name: true, shortName: true, kind: true },
          orderBy: { sortOrder: 'asc' },
        }),
    },
    {
      method: 'get',
      path: '/deadlines',
      action: 'deadline.compute',
      async handler({ req }) {
        const q = deadlineQuery.parse(req.query);
        const rule = await db.deadlineRule.findUnique({ where: { code: q.rule } });
        if (!rule) throw new HttpError(404, '未找到', `期限规则“${q.rule}”不存在`);
        const result = await deadlineFor(db, q.rule, q.start);
        return { rule: rule.code, start: q.start, ...result };
      },
    },
  ];
}
