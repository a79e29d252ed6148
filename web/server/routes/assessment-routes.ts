// 考核 and 宣传: the ranked table of a period with the breakdown by dimension, the records behind any figure, the
// export, the office's manual scores and 奖惩 (each unit reads its own), the admin's rules; and the units' publicity, each unit its own.
import { z } from 'zod';
import { unitScope } from '../../../domain/auth/roles';
import { loadRules, saveRules } from '../../../domain/assessment/rules';
import { listSanctions, recordSanction } from '../../../domain/assessment/sanctions';
import { assessmentRecords, assessmentTable, enterAssessmentScore } from '../../../domain/assessment/scores';
import { invalid } from '../../../domain/errors';
import {
  listPublicity,
  mediaLevelLabels,
  publicityKindLabels,
  recordPublicity,
} from '../../../domain/publicity/publicity';
import { assessmentWorkbook } from '../assessment/assessment-export';
import type { AppContext } from '../context';
import { engineStarter } from '../start/engine-starter';
import { sendXlsx } from '../xlsx/sheet';
import { actorOf, type AnyRoute } from './define';

const dayFilter = z
  .string()
  .regex(/^\d{4}-\d{2}-\d{2}$/, '日期格式应为 2026-12-05')
  .optional();
const publicityQuery = z.object({ unit: z.string().optional(), from: dayFilter, to: dayFilter });

export function assessmentRoutes(ctx: AppContext): AnyRoute[] {
  const { db } = ctx;
  return [
    {
      method: 'get',
      path: '/publicity',
      action: 'publicity.read',
      async handler({ req, principal }) {
        const q = publicityQuery.parse(req.query);
        const unit = q.unit ? await db.unit.findUnique({ where: { code: q.unit } }) : null;
        if (q.unit && !unit) throw invalid(`单位“${q.unit}”不存在`, 'unit');
        return listPublicity(db, unitScope(principal), { from: q.from, to: q.to, unitId: unit?.id });
      },
    },
    {
      method: 'get',
      path: '/publicity/options',
      action: 'publicity.read',
      async handler({ principal }) {
        const scope = unitScope(principal);
        const units = await db.unit.findMany({
          where: {
            active: true,
            kind: { in: ['office', 'member', 'associate'] },
            ...(scope.all ? {} : { id: scope.unitId ?? -1 }),
          },
          orderBy: { sortOrder: 'asc' },
          select: { code: true, shortName: true },
        });
        return {
          kinds: Object.entries(publicityKindLabels).map(([value, label]) => ({ value, label })),
          mediaLevels: Object.entries(mediaLevelLabels).map(([value, label]) => ({ value, label })),
          units: units.map((u) => ({ value: u.code, label: u.shortName })),
        };
      },
    },
    {
      method: 'post',
      path: '/publicity',
      action: 'publicity.record',
      status: 201,
      handler: ({ req, principal }) =>
        recordPublicity(db, actorOf(principal), unitScope(principal), req.body),
    },
    {
      method: 'get',
      path: '/assessment',
      action: 'assessment.read',
      handler: ({ req }) => assessmentTable(db, req.query.period),
    },
    {
      method: 'get',
      path: '/assessment/records',
      action: 'assessment.read',
      handler: ({ req }) =>
        assessmentRecords(db, { period: req.query.period, unit: req.query.unit, measure: req.query.measure }),
    },
    {
      method: 'get',
      path: '/assessment/export',
      action: 'assessment.read',
      async handler({ req, res }) {
        const table = await assessmentTable(db, req.query.period);
        const sanctions = await listSanctions(db, { all: true }, table.period.key);
        const body = await assessmentWorkbook(table, sanctions.items);
        sendXlsx(res, body, `assessment-${table.period.key}.xlsx`, `考核结果-${table.period.label}.xlsx`);
        return undefined;
      },
    },
    {
      method: 'post',
      path: '/assessment/entries',
      action: 'assessment.enter',
      status: 201,
      handler: ({ req, principal }) => enterAssessmentScore(db, actorOf(principal), req.body),
    },
    {
      method: 'get',
      path: '/assessment/sanctions',
      action: 'sanction.read',
      handler: ({ req, principal }) => listSanctions(db, unitScope(principal), req.query.period),
    },
    {
      method: 'post',
      path: '/assessment/sanctions',
      action: 'sanction.record',
      status: 201,
      handler: ({ req, principal }) =>
        recordSanction(
          db,
          actorOf(principal),
          principal.unitId,
          req.body,
          new Date(),
          // A 责令整改's item and its rectification process together; without an engine the reconciler starts it.
          ctx.engine ? engineStarter(ctx.engine) : undefined,
        ),
    },
    {
      method: 'get',
      path: '/admin/assessment-rules',
      action: 'assessment.rules',
      handler: () => loadRules(db),
    },
    {
      method: 'put',
      path: '/admin/assessment-rules',
      action: 'assessment.rules',
      handler: ({ req, principal }) => saveRules(db, actorOf(principal), req.body),
    },
  ];
}
