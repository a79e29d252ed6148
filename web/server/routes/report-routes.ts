// The weekly-report pages' API (工作周报): the week × unit matrix, one report, the plan's tasks with each unit's
// progress by week, and the week's summary with its Word document. Unit users see their own unit only; the
// summary, which holds every unit's report, is for the office and the leaders.
import { unitScope, type Principal } from '../../../domain/auth/roles';
import { buildWeeklyReportDocx } from '../../../domain/documents/weekly-report-docx';
import { reportDocument } from '../../../domain/weekly-reports/summary-text';
import type { AppContext } from '../context';
import { HttpError } from '../http/problem';
import { planTaskProgress, reportDetail, reportMatrix, weekSummary } from '../reports/reports-query';
import { intParam, type AnyRoute } from './define';

function wholeDistrictOnly(principal: Principal): void {
  if (!unitScope(principal).all)
    throw new HttpError(403, '无权访问', '周报汇总包含各单位的报送内容，仅专班办公室和专班领导可以查看');
}

export function reportRoutes(ctx: AppContext): AnyRoute[] {
  const { db } = ctx;
  return [
    {
      method: 'get',
      path: '/reports/matrix',
      action: 'weeklyReport.read',
      handler: ({ req, principal }) => reportMatrix(db, unitScope(principal), req.query),
    },
    {
      method: 'get',
      path: '/reports/plan-tasks',
      action: 'weeklyReport.read',
      handler: ({ req, principal }) => planTaskProgress(db, unitScope(principal), req.query),
    },
    {
      method: 'get',
      path: '/reports/summaries/:week',
      action: 'weeklyReport.read',
      handler({ req, principal }) {
        wholeDistrictOnly(principal);
        return weekSummary(db, String(req.params.week));
      },
    },
    {
      method: 'get',
      path: '/reports/summaries/:week/docx',
      action: 'weeklyReport.read',
      async handler({ req, res, principal }) {
        wholeDistrictOnly(principal);
        const now = new Date();
        const s = await weekSummary(db, String(req.params.week), now);
        const body = await buildWeeklyReportDocx(reportDocument(s.consolidation, s.text, now));
        const name = `工作周报汇总-${s.isoWeek}.docx`;
        res
          .status(200)
          .type('application/vnd.openxmlformats-officedocument.wordprocessingml.document')
          .setHeader(
            'Content-Disposition',
            `attachment; filename="weekly-${s.isoWeek}.docx"; filename*=UTF-8''${encodeURIComponent(name)}`,
          )
          .setHeader('Cache-Control', 'no-store')
          .end(body);
        return undefined;
      },
    },
    {
      method: 'get',
      path: '/reports/:id',
      action: 'weeklyReport.read',
      handler: ({ req, principal }) => reportDetail(db, unitScope(principal), intParam(req, 'id')),
    },
  ];
}
