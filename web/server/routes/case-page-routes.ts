// The coordination case's page over the JSON API (facts, meetings, the message forms offered now).
import type { AppContext } from '../context';
import { casePage } from '../cases/case-page';
import { intParam, type AnyRoute } from './define';

export function casePageRoutes(ctx: AppContext): AnyRoute[] {
  return [
    {
      method: 'get',
      path: '/case-pages/:id',
      action: 'case.read',
      handler: ({ req, principal }) => casePage(ctx, principal, intParam(req, 'id')),
    },
  ];
}
