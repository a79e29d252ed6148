// The admin API: users, units and positions, the plan's tasks and indicator targets, holiday calendars,
// deadline rules and the audit log (with filters). Admin role only.
import { z } from 'zod';
import { createUnit, listUnits, updateUnit } from '../../../domain/admin/units';
import { listChatRobots, removeChatRobot, setChatRobot } from '../../../domain/admin/chat-robots';
import { createUser, listUsers, resetPassword, unlockUser, updateUser } from '../../../domain/admin/users';
import {
  getCalendarYear,
  listDeadlineRules,
  replaceCalendarYear,
  updateDeadlineRule,
} from '../../../domain/admin/calendars';
import { withoutSecrets } from '../admin/audit-changes';
import { auditFacets, searchAudit } from '../admin/audit-query';
import {
  listIndicators,
  listPlanTasks,
  listPositions,
  updateIndicatorTargets,
  updatePlanTask,
  updatePosition,
} from '../admin/plan-admin';
import type { AppContext } from '../context';
import { HttpError } from '../http/problem';
import { actorOf, intParam, type AnyRoute } from './define';

function yearParam(raw: string | string[] | undefined): number {
  const year = Number(raw);
  if (!Number.isInteger(year) || year < 2000 || year > 2100) {
    throw new HttpError(400, '输入有误', 'year：应为 2000–2100 之间的年份', {
      errors: [{ field: 'year', message: '应为年份' }],
    });
  }
  return year;
}

const auditQuery = z.object({
  entity: z.string().max(50).optional(),
  entityId: z.string().max(50).optional(),
  limit: z.coerce.number().int().min(1).max(500).default(100),
});

export function adminRoutes(ctx: AppContext): AnyRoute[] {
  const { db } = ctx;
  return [
    { method: 'get', path: '/admin/users', action: 'admin.users', handler: () => listUsers(db) },
    {
      method: 'post',
      path: '/admin/users',
      action: 'admin.users',
      status: 201,
      handler: ({ req, principal }) => createUser(db, actorOf(principal), req.body),
    },
    {
      method: 'patch',
      path: '/admin/users/:id',
      action: 'admin.users',
      handler: ({ req, principal }) => updateUser(db, actorOf(principal), intParam(req, 'id'), req.body),
    },
    {
      method: 'post',
      path: '/admin/users/:id/password',
      action: 'admin.users',
      status: 204,
      handler: ({ req, principal }) => resetPassword(db, actorOf(principal), intParam(req, 'id'), req.body),
    },
    {
      method: 'post',
      path: '/admin/users/:id/unlock',
      action: 'admin.users',
      handler: ({ req, principal }) => unlockUser(db, actorOf(principal), intParam(req, 'id')),
    },
    { method: 'get', path: '/admin/units', action: 'admin.units', handler: () => listUnits(db) },
    {
      method: 'post',
      path: '/admin/units',
      action: 'admin.units',
      status: 201,
      handler: ({ req, principal }) => createUnit(db, actorOf(principal), req.body),
    },
    {
      method: 'patch',
      path: '/admin/units/:id',
      action: 'admin.units',
      handler: ({ req, principal }) => updateUnit(db, actorOf(principal), intParam(req, 'id'), req.body),
    },
    { method: 'get', path: '/admin/chat-robots', action: 'admin.units', handler: () => listChatRobots(db) },
    {
      method: 'put',
      path: '/admin/units/:id/chat-robot',
      action: 'admin.units',
      handler: ({ req, principal }) => setChatRobot(db, actorOf(principal), intParam(req, 'id'), req.body),
    },
    {
      method: 'delete',
      path: '/admin/units/:id/chat-robot',
      action: 'admin.units',
      status: 204,
      handler: ({ req, principal }) => removeChatRobot(db, actorOf(principal), intParam(req, 'id')),
    },
    {
      method: 'get',
      path: '/admin/calendars/:year',
      action: 'admin.calendars',
      handler: ({ req }) => getCalendarYear(db, yearParam(req.params.year)),
    },
    {
      method: 'put',
      path: '/admin/calendars/:year',
      action: 'admin.calendars',
      handler: ({ req, principal }) =>
        replaceCalendarYear(db, actorOf(principal), yearParam(req.params.year), req.body),
    },
    {
      method: 'get',
      path: '/admin/deadline-rules',
      action: 'admin.deadlineRules',
      handler: () => listDeadlineRules(db),
    },
    {
      method: 'patch',
      path: '/admin/deadline-rules/:code',
      action: 'admin.deadlineRules',
      handler: ({ req, principal }) =>
        updateDeadlineRule(db, actorOf(principal), String(req.params.code), req.body),
    },
    {
      method: 'get',
      path: '/admin/audit',
      action: 'admin.audit',
      async handler({ req }) {
        const q = auditQuery.parse(req.query);
        const rows = await db.auditLog.findMany({
          where: { entity: q.entity, entityId: q.entityId },
          orderBy: { id: 'desc' },
          take: q.limit,
        });
        return rows.map((r) => ({ ...r, before: withoutSecrets(r.before), after: withoutSecrets(r.after) }));
      },
    },
    {
      method: 'get',
      path: '/admin/audit/search',
      action: 'admin.audit',
      handler: ({ req }) => searchAudit(db, req.query),
    },
    { method: 'get', path: '/admin/audit/facets', action: 'admin.audit', handler: () => auditFacets(db) },
    { method: 'get', path: '/admin/positions', action: 'admin.units', handler: () => listPositions(db) },
    {
      method: 'patch',
      path: '/admin/positions/:id',
      action: 'admin.units',
      handler: ({ req, principal }) => updatePosition(db, actorOf(principal), intParam(req, 'id'), req.body),
    },
    { method: 'get', path: '/admin/plan-tasks', action: 'admin.plan', handler: () => listPlanTasks(db) },
    {
      method: 'patch',
      path: '/admin/plan-tasks/:id',
      action: 'admin.plan',
      handler: ({ req, principal }) => updatePlanTask(db, actorOf(principal), intParam(req, 'id'), req.body),
    },
    { method: 'get', path: '/admin/indicators', action: 'admin.plan', handler: () => listIndicators(db) },
    {
      method: 'patch',
      path: '/admin/indicators/:id',
      action: 'admin.plan',
      handler: ({ req, principal }) =>
        updateIndicatorTargets(db, actorOf(principal), intParam(req, 'id'), req.body),
    },
  ];
}
