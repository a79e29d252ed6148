// The leaders' dashboard API: the figures in one answer, and the records behind the rates.
import type { AppContext } from '../context';
import { sharedDashboard } from '../dashboard/dashboard';
import { caseRecords, petitionRecords } from '../dashboard/records';
import type { AnyRoute } from './define';

export function dashboardRoutes(ctx: AppContext): AnyRoute[] {
  const { db } = ctx;
  return [
    { method: 'get', path: '/dashboard', action: 'dashboard.read', handler: () => sharedDashboard(db) },
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
