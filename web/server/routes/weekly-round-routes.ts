// The weekly round beyond the process's own tasks: a unit's 补报 after the cut-off ended the week's wait (its task
// is gone; the report is added to that week's summary and the office told), and the week's 推进会 — any number,
// each with minutes, attendance and 交办 items that open ledger items.
import { z } from 'zod';
import type { Principal } from '../../../domain/auth/roles';
import { mailSettingsFromEnv } from '../../../domain/notifications/compose';
import { createMailer } from '../../../domain/notifications/outbox';
import { audited } from '../../../domain/audit';
import { makeupPrefill, submitMakeupReport } from '../../../domain/weekly-reports/makeup';
import { validateSubmission } from '../forms/form-validation';
import { makeupForm, reportForm } from '../forms/report-form';
import { recordProgressMeeting } from '../../../domain/weekly-reports/progress-meetings';
import { progressMeetingsView } from '../reports/progress-meetings';
import type { AppContext } from '../context';
import { HttpError } from '../http/problem';
import { engineStarter } from '../start/engine-starter';
import { viewerOf } from '../tasks/access';
import { actorOf, type AnyRoute } from './define';

const isoWeek = z.string().regex(/^\d{4}-W(0[1-9]|[1-4]\d|5[0-3])$/, '周次格式应为 2026-W48');
const unitCode = z.string({ error: '请指明补报的单位' }).trim().min(1, '请指明补报的单位');
const makeupQuery = z.object({ week: isoWeek, unit: unitCode });
const makeupBody = z.object({ isoWeek, unitCode, report: z.record(z.string(), z.unknown()) });

export function weeklyRoundRoutes(ctx: AppContext): AnyRoute[] {
  const { db } = ctx;
  const mailer = createMailer(mailSettingsFromEnv(), () => new Date());
  // The request names the unit whose 未报 cell was clicked: a session that changed hands meanwhile (another
  // user signed in on the same browser) is refused rather than 补报 for a unit the person did not mean.
  const makeupUnit = async (principal: Principal, named: string) => {
    const viewer = await viewerOf(db, principal);
    if (!viewer.unitCode) throw new HttpError(403, '无权访问', '只有成员单位可以补报本单位周报');
    if (viewer.unitCode !== named) throw new HttpError(403, '无权访问', '只能补报本单位的周报');
    return viewer.unitCode;
  };
  return [
    {
      method: 'get',
      path: '/progress-meetings',
      action: 'weeklyReport.read',
      handler: ({ req }) => progressMeetingsView(db, String(req.query.week ?? '')),
    },
    {
      method: 'post',
      path: '/progress-meetings',
      action: 'progressMeeting.record',
      status: 201,
      handler: ({ req, principal }) =>
        recordProgressMeeting(
          db,
          actorOf(principal),
          req.body,
          new Date(),
          ctx.engine ? engineStarter(ctx.engine) : undefined,
        ),
    },
    {
      // The 补报 form: the week's own report form with the unit's prefill, refused as the 补报 itself would be.
      method: 'get',
      path: '/reports/makeup/form',
      action: 'weeklyReport.makeup',
      async handler({ req, principal }) {
        const { week, unit } = makeupQuery.parse(req.query);
        const unitCode = await makeupUnit(principal, unit);
        const report = await makeupPrefill(db, { isoWeek: week, unitCode });
        return {
          isoWeek: week,
          unitName: report.unitName,
          form: makeupForm(),
          data: { isoWeek: week, report },
        };
      },
    },
    {
      method: 'post',
      path: '/reports/makeup',
      action: 'weeklyReport.makeup',
      status: 201,
      async handler({ req, principal }) {
        const body = makeupBody.parse(req.body);
        const unitCode = await makeupUnit(principal, body.unitCode);
        const row = await audited(db, (tx) =>
          submitMakeupReport(
            tx,
            actorOf(principal),
            { isoWeek: body.isoWeek, unitCode },
            // The form's own rules (required fields, lengths, the phone pattern), as when the task is completed.
            validateSubmission(reportForm(), { report: body.report }).report as never,
            new Date(),
            mailer,
          ),
        );
        return { id: row.id, isoWeek: row.isoWeek, makeupAt: row.makeupAt };
      },
    },
  ];
}
