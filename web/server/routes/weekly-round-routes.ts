// The weekly round beyond the process's own tasks: a unit's 补报 after the cut-off ended the week's wait (its task
// is gone; the report is added to that week's summary and the office told), and the week's 推进会 — any number,
// each with minutes, attendance and 交办 items that open ledger items.
import { z } from 'zod';
import { mailSettingsFromEnv } from '../../../domain/notifications/compose';
import { createMailer } from '../../../domain/notifications/outbox';
import { audited } from '../../../domain/audit';
import { submitMakeupReport } from '../../../domain/weekly-reports/makeup';
import { progressMeetingsOf, recordProgressMeeting } from '../../../domain/weekly-reports/progress-meetings';
import type { AppContext } from '../context';
import { HttpError } from '../http/problem';
import { engineStarter } from '../start/engine-starter';
import { viewerOf } from '../tasks/access';
import { actorOf, type AnyRoute } from './define';

const isoWeek = z.string().regex(/^\d{4}-W(0[1-9]|[1-4]\d|5[0-3])$/, '周次格式应为 2026-W48');
const makeupBody = z.object({ isoWeek, report: z.record(z.string(), z.unknown()) });

export function weeklyRoundRoutes(ctx: AppContext): AnyRoute[] {
  const { db } = ctx;
  const mailer = createMailer(mailSettingsFromEnv(), () => new Date());
  return [
    {
      method: 'get',
      path: '/progress-meetings',
      action: 'weeklyReport.read',
      handler: ({ req }) => progressMeetingsOf(db, String(req.query.week ?? '')),
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
      method: 'post',
      path: '/reports/makeup',
      action: 'weeklyReport.makeup',
      status: 201,
      async handler({ req, principal }) {
        const body = makeupBody.parse(req.body);
        const viewer = await viewerOf(db, principal);
        if (!viewer.unitCode) throw new HttpError(403, '无权访问', '只有成员单位可以补报本单位周报');
        const unitCode = viewer.unitCode;
        const row = await audited(db, (tx) =>
          submitMakeupReport(
            tx,
            actorOf(principal),
            { isoWeek: body.isoWeek, unitCode },
            body.report as never,
            new Date(),
            mailer,
          ),
        );
        return { id: row.id, isoWeek: row.isoWeek, makeupAt: row.makeupAt };
      },
    },
  ];
}
