// Every route of the JSON API, in one list: mounted under /api by app.ts and walked by the authorization
// matrix test, so a route added here without an expectation there fails the test.
import type { AppContext } from '../context';
import { adminRoutes } from './admin-routes';
import { assessmentRoutes } from './assessment-routes';
import { dashboardRoutes } from './dashboard-routes';
import type { AnyRoute } from './define';
import { outboxRoutes } from './outbox-routes';
import { ledgerRoutes } from './ledger-routes';
import { recordRoutes } from './record-routes';
import { reportRoutes } from './report-routes';
import { referenceRoutes } from './reference-routes';
import { sessionRoutes } from './session-routes';
import { taskRoutes } from './task-routes';
import { startRoutes } from './start-routes';
import { attachmentRoutes } from './attachment-routes';
import { searchRoutes } from './search-routes';
import { monitorRoutes } from './monitor-routes';
import { liveRoutes } from './live-routes';
import { instanceRoutes } from './instance-routes';
import { weeklyRoundRoutes } from './weekly-round-routes';
import { circularRoutes } from './circular-routes';
import { caseReviewRoutes } from './case-review-routes';
import { longPendingRoutes } from './long-pending-routes';
import { indicatorRankRoutes } from './indicator-rank-routes';
import { casePageRoutes } from './case-page-routes';

export function allRoutes(ctx: AppContext): AnyRoute[] {
  return [
    ...referenceRoutes(ctx),
    ...sessionRoutes(ctx),
    ...adminRoutes(ctx),
    ...recordRoutes(ctx),
    ...ledgerRoutes(ctx),
    ...dashboardRoutes(ctx),
    ...reportRoutes(ctx),
    ...outboxRoutes(ctx),
    ...taskRoutes(ctx),
    ...startRoutes(ctx),
    ...attachmentRoutes(ctx),
    ...searchRoutes(ctx),
    ...monitorRoutes(ctx),
    ...liveRoutes(ctx),
    ...instanceRoutes(ctx),
    ...assessmentRoutes(ctx),
    ...circularRoutes(ctx),
    ...weeklyRoundRoutes(ctx),
    ...caseReviewRoutes(ctx),
    ...longPendingRoutes(ctx),
    ...indicatorRankRoutes(ctx),
    ...casePageRoutes(ctx),
  ];
}
