// The header's search box over the API: records by business key or enterprise name, within the user's scope,
// each with its process instance and the user's open tasks on it; `jump` when one exact hit has one place to go.
import { z } from 'zod';
import type { AppContext } from '../context';
import { searchRecords } from '../search/search';
import { viewerOf } from '../tasks/access';
import { engineCall, now } from '../tasks/engine-calls';
import type { AnyRoute } from './define';

const searchQuery = z.object({
  q: z.string({ message: '请输入要查找的内容' }).trim().min(1, '请输入要查找的内容').max(100, '查找内容过长'),
});

export function searchRoutes(ctx: AppContext): AnyRoute[] {
  const { db } = ctx;
  return [
    {
      method: 'get',
      path: '/search',
      action: 'search.read',
      async handler({ req, principal }) {
        const { q } = searchQuery.parse(req.query);
        const { exact, results } = await searchRecords(db, principal, q);
        const viewer = await viewerOf(db, principal);
        const withTasks = await Promise.all(
          results.map(async (r) => {
            if (!ctx.engine || !r.processInstanceKey || !viewer.groups.length) return { ...r, tasks: [] };
            const engine = ctx.engine;
            const found = (await engineCall(() =>
              engine.searchUserTasks(
                {
                  filter: {
                    processInstanceKey: r.processInstanceKey,
                    state: 'CREATED',
                    candidateGroup: { $in: viewer.groups },
                  },
                  page: { limit: 20 },
                } as never,
                now as never,
              ),
            ).catch(() => ({ items: [] }))) as unknown as { items: { userTaskKey: string; name: string }[] };
            return { ...r, tasks: found.items.map((t) => ({ userTaskKey: t.userTaskKey, name: t.name })) };
          }),
        );
        const only = exact && withTasks.length === 1 ? withTasks[0]! : undefined;
        const jump = only
          ? only.tasks.length === 1
            ? `/tasks/${only.tasks[0]!.userTaskKey}`
            : only.link
          : null;
        return { q, exact, results: withTasks, jump };
      },
    },
  ];
}
