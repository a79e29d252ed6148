// 全市位次 (plan task 13, §四(三)): the ranked indicators with their history per period, one record with its
// audit trail, entering and correcting a period's figure (the owning unit its own, the office any), raising a
// period outside the 先进位次 as a ledger item, and the admin's 先进位次 per indicator.
import { unitScope } from '../../../domain/auth/roles';
import {
  correctPeriodFigure,
  enterPeriodFigure,
  setAdvancedRank,
} from '../../../domain/indicators/period-figures';
import { periodFigureDetail, rankedIndicators } from '../../../domain/indicators/rank-history';
import { raiseRankProblem } from '../../../domain/indicators/rank-problem';
import type { AppContext } from '../context';
import { engineStarter } from '../start/engine-starter';
import { actorOf, intParam, type AnyRoute } from './define';

export function indicatorRankRoutes(ctx: AppContext): AnyRoute[] {
  const { db } = ctx;
  return [
    {
      method: 'get',
      path: '/indicator-ranks',
      action: 'indicatorRank.read',
      handler: ({ principal }) => rankedIndicators(db, unitScope(principal)),
    },
    {
      method: 'get',
      path: '/indicator-ranks/records/:id',
      action: 'indicatorRank.read',
      handler: ({ req, principal }) => periodFigureDetail(db, unitScope(principal), intParam(req, 'id')),
    },
    {
      method: 'post',
      path: '/indicator-ranks/records',
      action: 'indicatorRank.enter',
      status: 201,
      handler: ({ req, principal }) =>
        enterPeriodFigure(db, actorOf(principal), unitScope(principal), req.body),
    },
    {
      method: 'put',
      path: '/indicator-ranks/records/:id',
      action: 'indicatorRank.enter',
      handler: ({ req, principal }) =>
        correctPeriodFigure(db, actorOf(principal), unitScope(principal), intParam(req, 'id'), req.body),
    },
    {
      method: 'post',
      path: '/indicator-ranks/records/:id/ledger-item',
      action: 'indicatorRank.raise',
      status: 201,
      handler({ req, principal }) {
        // The item and its rectification process together; without an engine the reconciler starts it later.
        const starter = ctx.engine ? engineStarter(ctx.engine) : undefined;
        return raiseRankProblem(db, actorOf(principal), intParam(req, 'id'), req.body, new Date(), starter);
      },
    },
    {
      method: 'put',
      path: '/admin/indicators/:code/advanced-rank',
      action: 'admin.plan',
      handler: ({ req, principal }) =>
        setAdvancedRank(db, actorOf(principal), String(req.params.code), req.body),
    },
  ];
}
