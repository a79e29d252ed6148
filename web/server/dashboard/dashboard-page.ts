// Everything 领导驾驶舱 shows, in the one answer the page loads: the district's figures (dashboard.ts), the
// 全市位次 of the ranked indicators and this year's figures of the court's long-pending register — one request
// per page load, so fifty leaders opening it cost fifty session checks and one computation (shared-answer.ts).
import type { UnitScope } from '../../../domain/auth/roles';
import { longPendingFigures } from '../../../domain/case-reviews/long-pending-figures';
import type { Db } from '../../../domain/db/client';
import { rankedIndicators } from '../../../domain/indicators/rank-history';
import { reviewRange } from '../case-reviews/case-review-query';
import { HttpError } from '../http/problem';
import { dashboard } from './dashboard';

export interface DashboardPageOptions {
  longPendingMonths: number;
  /** How old the figures may be when served; the page says so beside the time they were computed. */
  maxAgeMs: number;
}

export async function dashboardPage(db: Db, scope: UnitScope, o: DashboardPageOptions, now = new Date()) {
  // The figures are the whole district's: a unit's own view would need its own counting, not these.
  if (!scope.all) throw new HttpError(403, '无权访问', '领导驾驶舱显示全区数据，仅供专班办公室和领导查看');
  // The register's tab opens on the calendar year; the panel shows the same figures.
  const range = reviewRange.parse({});
  const [figures, cityRanks, longPending] = await Promise.all([
    dashboard(db, now),
    rankedIndicators(db, scope),
    longPendingFigures(db, range, o.longPendingMonths, now),
  ]);
  return {
    ...figures,
    maxAgeSeconds: Math.round(o.maxAgeMs / 1000),
    cityRanks,
    longPending: { range, figures: longPending },
  };
}

export type DashboardPage = Awaited<ReturnType<typeof dashboardPage>>;
