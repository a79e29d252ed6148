// 督导通报 (supervision circulars): the list with period, date and counts, the archived .docx, and the office's
// "generate now" for a chosen month (once per month unless regenerate is asked for; audited). The office and the
// leaders see every circular; a unit sees the circulars that were sent to it.
import { z } from 'zod';
import { unitScope, type Principal } from '../../../domain/auth/roles';
import { generateCircular } from '../../../domain/circulars/circulars';
import type { CircularFigures } from '../../../domain/circulars/figures';
import type { Db } from '../../../domain/db/client';
import { invalid } from '../../../domain/errors';
import { mailSettingsFromEnv } from '../../../domain/notifications';
import type { AppContext } from '../context';
import { HttpError } from '../http/problem';
import { actorOf, intParam, type AnyRoute } from './define';

function visibleTo(principal: Principal) {
  const scope = unitScope(principal);
  return scope.all ? {} : { recipients: { some: { unitId: scope.unitId ?? -1 } } };
}

export async function listCirculars(db: Db, principal: Principal) {
  const rows = await db.supervisionCircular.findMany({
    where: visibleTo(principal),
    orderBy: { period: 'desc' },
    select: {
      id: true,
      period: true,
      title: true,
      trigger: true,
      revision: true,
      generatedAt: true,
      fileName: true,
      figures: true,
      _count: { select: { recipients: true } },
    },
  });
  return {
    items: rows.map(({ figures, _count, ...r }) => {
      const f = figures as unknown as CircularFigures;
      return {
        ...r,
        recipients: _count.recipients,
        totals: f.totals,
        lateReports: f.lateReports.length,
        missingReports: f.missingReports.length,
      };
    }),
  };
}

const generateBody = z.object({
  period: z.string({ message: '请选择通报月份' }),
  regenerate: z.boolean().optional(),
});

export function circularRoutes(ctx: AppContext): AnyRoute[] {
  const { db } = ctx;
  return [
    {
      method: 'get',
      path: '/circulars',
      action: 'circular.read',
      handler: ({ principal }) => listCirculars(db, principal),
    },
    {
      method: 'get',
      path: '/circulars/:id/docx',
      action: 'circular.read',
      async handler({ req, res, principal }) {
        const row = await db.supervisionCircular.findFirst({
          where: { id: intParam(req, 'id'), ...visibleTo(principal) },
          select: { period: true, fileName: true, document: true },
        });
        if (!row) throw new HttpError(404, '未找到', '该督导通报不存在，或未发送给您的单位');
        res
          .status(200)
          .type('application/vnd.openxmlformats-officedocument.wordprocessingml.document')
          .setHeader(
            'Content-Disposition',
            `attachment; filename="circular-${row.period}.docx"; filename*=UTF-8''${encodeURIComponent(row.fileName)}`,
          )
          .setHeader('Cache-Control', 'no-store')
          .end(Buffer.from(row.document));
        return undefined;
      },
    },
    {
      method: 'post',
      path: '/circulars',
      action: 'circular.generate',
      async handler({ req, principal }) {
        const parsed = generateBody.safeParse(req.body ?? {});
        if (!parsed.success) throw invalid(parsed.error.issues[0].message, 'period');
        const result = await generateCircular(
          db,
          actorOf(principal),
          { period: parsed.data.period, trigger: 'manual', regenerate: parsed.data.regenerate === true },
          mailSettingsFromEnv(),
          new Date(),
        );
        return {
          id: result.circular.id,
          period: result.circular.period,
          revision: result.circular.revision,
          created: result.created,
        };
      },
    },
  ];
}
