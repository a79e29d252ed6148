// Domain records over the JSON API, always within the caller's unit scope: the rectification ledger (list,
// read, open, progress notes), petitions, enterprise cases and weekly reports. The pages come in a later issue.
import { z } from 'zod';
import { unitScope } from '../../../domain/auth/roles';
import { addProgressNote } from '../../../domain/ledger/ledger-items';
import { openLedgerItemWithProcess } from '../start/ledger-starts';
import {
  assertLedgerItemInScope,
  getEnterpriseCase,
  getLedgerItem,
  getPetition,
  getWeeklyReport,
  listLedgerItems,
  listWeeklyReports,
} from '../../../domain/records/scoped-queries';
import type { AppContext } from '../context';
import { actorOf, intParam, type AnyRoute } from './define';

const weekQuery = z.object({
  week: z
    .string()
    .regex(/^\d{4}-W\d{2}$/, '周次格式应为 2026-W48')
    .optional(),
});

// The list used to be the newest 500 at once — a page that grew with the ledger until it held 500 (issue 13).
const pageQuery = z.object({
  limit: z.coerce
    .number({ message: '每页条数应为 1–500 的整数' })
    .int('每页条数应为 1–500 的整数')
    .min(1, '每页条数应为 1–500 的整数')
    .max(500, '每页条数应为 1–500 的整数')
    .default(100),
  offset: z.coerce
    .number({ message: '起始位置应为非负整数' })
    .int('起始位置应为非负整数')
    .min(0, '起始位置应为非负整数')
    .default(0),
});

export function recordRoutes(ctx: AppContext): AnyRoute[] {
  const { db } = ctx;
  return [
    {
      method: 'get',
      path: '/ledger-items',
      action: 'ledger.read',
      handler: ({ req, principal }) => listLedgerItems(db, unitScope(principal), pageQuery.parse(req.query)),
    },
    {
      method: 'get',
      path: '/ledger-items/:id',
      action: 'ledger.read',
      handler: ({ req, principal }) => getLedgerItem(db, unitScope(principal), intParam(req, 'id')),
    },
    {
      method: 'post',
      path: '/ledger-items',
      action: 'ledger.open',
      status: 201,
      handler: ({ req, principal }) =>
        openLedgerItemWithProcess(ctx, actorOf(principal), req.body, req.get('Idempotency-Key')),
    },
    {
      method: 'post',
      path: '/ledger-items/:id/progress-notes',
      action: 'ledger.progress',
      status: 201,
      async handler({ req, principal }) {
        const id = intParam(req, 'id');
        await assertLedgerItemInScope(db, unitScope(principal), id);
        return addProgressNote(db, actorOf(principal), id, req.body);
      },
    },
    {
      method: 'get',
      path: '/petitions/:id',
      action: 'petition.read',
      handler: ({ req, principal }) => getPetition(db, unitScope(principal), intParam(req, 'id')),
    },
    {
      method: 'get',
      path: '/cases/:id',
      action: 'case.read',
      handler: ({ req, principal }) => getEnterpriseCase(db, unitScope(principal), intParam(req, 'id')),
    },
    {
      method: 'get',
      path: '/weekly-reports',
      action: 'weeklyReport.read',
      handler: ({ req, principal }) =>
        listWeeklyReports(db, unitScope(principal), weekQuery.parse(req.query).week),
    },
    {
      method: 'get',
      path: '/weekly-reports/:id',
      action: 'weeklyReport.read',
      handler: ({ req, principal }) => getWeeklyReport(db, unitScope(principal), intParam(req, 'id')),
    },
  ];
}
