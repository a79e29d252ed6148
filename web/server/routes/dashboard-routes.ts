// The leaders' dashboard API: everything the page shows in one shared answer, and the records behind the rates.
import { unitScope } from '../../../domain/auth/roles';
import { defaultLongPendingMonths } from '../../../domain/case-reviews/long-pending-figures';
import type { AppContext } from '../context';
import { sharedDashboard } from '../dashboard/shared-answer';
import { caseRecords, petitionRecords } from '../dashboard/records';
import type { AnyRoute } from './define';

export function dashboardRoutes(ctx: AppContext): AnyRoute[] {
  const { db } = ctx;
  const months = ctx.settings.longPendingMonths ?? defaultLongPendingMonths;
  return [
    {
      method: 'get',
      path: '/dashboard',
      action: 'dashboard.read',
      async handler({ principal, res }) {
        // The shared answer is sent as the text it was serialised to once, not re-serialised per request.
        const json = await sharedDashboard(db, unitScope(principal), months);
        res.type('application/json').send(json);
      },
    },
    {
      method: 'get',
      path: '/dashboard/petitions',
      action: 'dashboard.read',
      handler: ({ req }) => petitionRecords(db, req.query),
    },
    {
      method: 'get',
      path: '/dashboard/cases',
      action: 'dashboard.read',
      handler: ({ req }) => caseRecords(db, req.query),
    },
  ];
}
