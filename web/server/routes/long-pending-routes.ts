// 长期未结案件 (plan task 5) under 案件评查: the court's register with its figures for a period, one case with its
// timeline, and the court's (or the office's) changes — register, edit, progress, close — and 即时整改 into a
// review batch or the ledger. Every reader sees the register; a user of another unit is refused by the domain.
import { unitScope } from '../../../domain/auth/roles';
import {
  closeLongPendingCase,
  recordLongPendingProgress,
  registerLongPendingCase,
  updateLongPendingCase,
} from '../../../domain/case-reviews/long-pending';
import {
  addLongPendingToReview,
  raiseLongPendingProblem,
} from '../../../domain/case-reviews/long-pending-actions';
import {
  defaultLongPendingMonths,
  listLongPending,
  longPendingDetail,
  longPendingFigures,
} from '../../../domain/case-reviews/long-pending-figures';
import type { AppContext } from '../context';
import { reviewRange } from '../case-reviews/case-review-query';
import { engineStarter } from '../start/engine-starter';
import { actorOf, intParam, type AnyRoute } from './define';

const base = '/case-reviews/long-pending';

export function longPendingRoutes(ctx: AppContext): AnyRoute[] {
  const { db } = ctx;
  const months = ctx.settings.longPendingMonths ?? defaultLongPendingMonths;
  return [
    {
      method: 'get',
      path: base,
      action: 'longPending.read',
      async handler({ req }) {
        const range = reviewRange.parse(req.query);
        const [figures, cases] = await Promise.all([
          longPendingFigures(db, range, months),
          listLongPending(db, req.query, months),
        ]);
        return { range, figures, cases };
      },
    },
    {
      method: 'get',
      path: `${base}/:id`,
      action: 'longPending.read',
      handler: ({ req }) => longPendingDetail(db, intParam(req, 'id'), months),
    },
    {
      method: 'post',
      path: base,
      action: 'longPending.record',
      status: 201,
      handler: ({ req, principal }) =>
        registerLongPendingCase(db, actorOf(principal), unitScope(principal), req.body ?? {}),
    },
    {
      method: 'put',
      path: `${base}/:id`,
      action: 'longPending.record',
      handler: ({ req, principal }) =>
        updateLongPendingCase(
          db,
          actorOf(principal),
          unitScope(principal),
          intParam(req, 'id'),
          req.body ?? {},
        ),
    },
    {
      method: 'post',
      path: `${base}/:id/progress`,
      action: 'longPending.record',
      status: 201,
      handler: ({ req, principal }) =>
        recordLongPendingProgress(
          db,
          actorOf(principal),
          unitScope(principal),
          intParam(req, 'id'),
          req.body,
        ),
    },
    {
      method: 'post',
      path: `${base}/:id/close`,
      action: 'longPending.record',
      handler: ({ req, principal }) =>
        closeLongPendingCase(
          db,
          actorOf(principal),
          unitScope(principal),
          intParam(req, 'id'),
          req.body ?? {},
        ),
    },
    {
      method: 'post',
      path: `${base}/:id/review-sample`,
      action: 'longPending.raise',
      status: 201,
      handler: ({ req, principal }) =>
        addLongPendingToReview(
          db,
          actorOf(principal),
          unitScope(principal),
          intParam(req, 'id'),
          req.body ?? {},
        ),
    },
    {
      method: 'post',
      path: `${base}/:id/ledger-item`,
      action: 'longPending.raise',
      status: 201,
      handler({ req, principal }) {
        // The item and its rectification process together; without an engine the reconciler starts it later.
        const starter = ctx.engine ? engineStarter(ctx.engine) : undefined;
        return raiseLongPendingProblem(
          db,
          actorOf(principal),
          unitScope(principal),
          intParam(req, 'id'),
          req.body ?? {},
          new Date(),
          starter,
        );
      },
    },
  ];
}
