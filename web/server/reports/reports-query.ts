// The weekly-report pages' reads (工作周报): the week × unit matrix of how each report stands, one unit's
// report with its task progress and figures against their targets, the plan's tasks with each unit's progress
// across weeks, and the week's consolidated summary (stored when the office has consolidated it, otherwise
// computed now as a preview) with its .docx. A unit user sees only its own unit's reports.
import { z } from 'zod';
import type { UnitScope } from '../../../domain/auth/roles';
import type { Db, Prisma } from '../../../domain/db/client';
import { notFound } from '../../../domain/errors';
import { consolidate, weekPeriod } from '../../../domain/weekly-reports/consolidation';
import { storedConsolidation } from '../../../domain/weekly-reports/summaries';
import { summaryText } from '../../../domain/weekly-reports/summary-text';
import { cellLabels, isoWeekOf, reportCell, weeksUpTo } from './punctuality';
import { publicityOfWeek } from '../../../domain/publicity/publicity';

const week = z.string().regex(/^\d{4}-W\d{2}$/, '周次格式应为 2026-W48');

export const matrixQuery = z.object({
  until: week.optional(),
  weeks: z.coerce
    .number()
    .int('周数应为1–52的整数')
    .min(1, '周数应为1–52的整数')
    .max(52, '周数应为1–52的整数')
    .default(12),
});

const reportWhere = (scope: UnitScope): Prisma.WeeklyReportWhereInput =>
  scope.all ? {} : { unitId: scope.unitId ?? -1 };

function reportingUnits(db: Db, scope: UnitScope) {
  return db.unit.findMany({
    where: {
      kind: { in: ['office', 'member'] },
      ...(scope.all ? { active: true } : { id: scope.unitId ?? -1 }),
    },
    orderBy: { sortOrder: 'asc' },
    select: { id: true, code: true, shortName: true },
  });
}

export async function reportMatrix(db: Db, scope: UnitScope, raw: unknown, now = new Date()) {
  const q = matrixQuery.parse(raw);
  const weeks = weeksUpTo(q.until ?? isoWeekOf(now), q.weeks).reverse();
  const [units, reports, summaries] = await Promise.all([
    reportingUnits(db, scope),
    db.weeklyReport.findMany({
      where: { AND: [reportWhere(scope), { isoWeek: { in: weeks } }] },
      select: {
        id: true,
        isoWeek: true,
        unitId: true,
        status: true,
        late: true,
        submittedAt: true,
        dueAt: true,
        makeupAt: true,
      },
    }),
    db.weeklySummary.findMany({
      where: { isoWeek: { in: weeks } },
      select: { isoWeek: true, content: true },
    }),
  ]);
  const withSummary = new Set(summaries.map((s) => s.isoWeek));
  // A 未报 may be made up only once the cut-off has ended the week's wait (the week is consolidated); before
  // that the unit still has its report task.
  const consolidated = new Set(summaries.filter((s) => storedConsolidation(s)).map((s) => s.isoWeek));
  return {
    units: units.map((u) => ({ code: u.code, shortName: u.shortName })),
    legend: cellLabels,
    weeks: weeks.map((w) => ({
      week: w,
      period: weekPeriod(w),
      hasSummary: withSummary.has(w),
      cells: Object.fromEntries(
        units.map((u) => {
          const r = reports.find((x) => x.isoWeek === w && x.unitId === u.id);
          if (!r) return [u.code, null];
          const cell = reportCell(r, now);
          const makeup = cell === 'missing' && consolidated.has(w);
          return [u.code, { id: r.id, cell, label: cellLabels[cell], submittedAt: r.submittedAt, makeup }];
        }),
      ),
    })),
  };
}

export async function reportDetail(db: Db, scope: UnitScope, id: number, now = new Date()) {
  const r = await db.weeklyReport.findFirst({
    where: { AND: [{ id }, reportWhere(scope)] },
    include: {
      unit: { select: { code: true, name: true, shortName: true } },
      taskProgress: { include: { planTask: { select: { number: true, title: true } } } },
      figures: {
        include: { indicator: { select: { code: true, name: true, target: true, comparator: true } } },
      },
    },
  });
  if (!r) throw notFound('工作周报');
  const owners = await db.indicatorOwner.findMany({ where: { unitId: r.unitId } });
  const publicity = await publicityOfWeek(db, r.isoWeek, r.unitId);
  const cell = reportCell(r, now);
  return {
    id: r.id,
    isoWeek: r.isoWeek,
    period: weekPeriod(r.isoWeek),
    unit: r.unit,
    status: r.status,
    cell,
    cellLabel: cellLabels[cell],
    author: r.author,
    dueAt: r.dueAt,
    submittedAt: r.submittedAt,
    returnReason: r.returnReason,
    signedOffAt: r.signedOffAt,
    reminderCount: r.reminderCount,
    problems: r.problems,
    coordinationRequests: r.coordinationRequests,
    nextWeekPlan: r.nextWeekPlan,
    processInstanceKey: r.processInstanceKey,
    taskProgress: r.taskProgress
      .sort((a, b) => a.planTask.number - b.planTask.number)
      .map((p) => ({ number: p.planTask.number, title: p.planTask.title, progress: p.progress })),
    figures: r.figures.map((f) => {
      const target = owners.find((o) => o.indicatorId === f.indicatorId)?.target ?? f.indicator.target;
      return {
        code: f.indicator.code,
        name: f.indicator.name,
        value: f.value,
        note: f.note,
        target,
        comparator: f.indicator.comparator,
        met: f.indicator.comparator === '=' ? f.value === target : f.value >= target,
      };
    }),
    publicity,
  };
}

export async function planTaskProgress(db: Db, scope: UnitScope, raw: unknown, now = new Date()) {
  const q = matrixQuery.parse(raw);
  const weeks = weeksUpTo(q.until ?? isoWeekOf(now), q.weeks).reverse();
  const [tasks, progress] = await Promise.all([
    db.planTask.findMany({
      orderBy: { number: 'asc' },
      include: {
        units: {
          where: scope.all ? {} : { unitId: scope.unitId ?? -1 },
          include: { unit: { select: { code: true, shortName: true, sortOrder: true } } },
        },
      },
    }),
    db.weeklyReportTaskProgress.findMany({
      where: { report: { AND: [reportWhere(scope), { isoWeek: { in: weeks } }] } },
      select: {
        planTaskId: true,
        progress: true,
        report: { select: { id: true, isoWeek: true, unitId: true } },
      },
    }),
  ]);
  return {
    weeks,
    tasks: tasks
      .filter((t) => scope.all || t.units.length > 0)
      .map((t) => ({
        number: t.number,
        title: t.title,
        units: t.units
          .sort((a, b) => a.unit.sortOrder - b.unit.sortOrder)
          .map((u) => ({
            code: u.unit.code,
            shortName: u.unit.shortName,
            isLead: u.isLead,
            weeks: weeks.map((w) => {
              const p = progress.find(
                (x) => x.planTaskId === t.id && x.report.unitId === u.unitId && x.report.isoWeek === w,
              );
              return p
                ? { week: w, progress: p.progress, reportId: p.report.id }
                : { week: w, progress: null };
            }),
          })),
      })),
  };
}

export async function weekSummary(db: Db, isoWeekRaw: string, now = new Date()) {
  const isoWeek = week.parse(isoWeekRaw);
  const stored = await db.weeklySummary.findUnique({ where: { isoWeek } });
  const c = stored ? storedConsolidation(stored) : null;
  const consolidation = c ?? (await consolidate(db, isoWeek, now));
  const content = (stored?.content ?? {}) as { summaryText?: string };
  return {
    isoWeek,
    period: weekPeriod(isoWeek),
    preview: !c,
    reviewedAt: stored?.reviewedAt ?? null,
    forwardedAt: stored?.forwardedAt ?? null,
    meetingMinutes: stored?.meetingMinutes ?? null,
    text: stored?.editedText ?? content.summaryText ?? summaryText(consolidation),
    consolidation,
  };
}
