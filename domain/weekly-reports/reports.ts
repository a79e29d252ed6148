// Use cases of the weekly report (工作周报): open a week (its summary row and a pending report per reporting
// unit, due at the cut-off), prefill a unit's report from its plan tasks and indicators, submit it (late when
// after the cut-off), return it to the unit, sign it off, and find and flag the units still without a submitted
// report. Each change runs inside the caller's transaction and writes its audit row there.
import { z } from 'zod';
import { audit, type Actor } from '../audit';
import type { Db, Tx } from '../db/client';
import { conflict, invalid, notFound } from '../errors';

/** Units that write a weekly report: the office and the member units, active, in their order. */
export function reportingUnits(tx: Tx | Db) {
  return tx.unit.findMany({
    where: { active: true, kind: { in: ['office', 'member'] } },
    orderBy: { sortOrder: 'asc' },
  });
}

export interface OpenedWeek {
  summaryId: number;
  unitCodes: string[];
}

/**
 * Opens a week for a process instance. Another instance owning the week is a conflict (the model ends it at
 * 不重复发起); the same instance asking again gets the same answer.
 */
export async function openWeek(
  tx: Tx,
  actor: Actor,
  isoWeek: string,
  processInstanceKey: string,
  dueAt: Date | null,
): Promise<OpenedWeek> {
  const existing = await tx.weeklySummary.findUnique({ where: { isoWeek } });
  if (existing && existing.processInstanceKey !== processInstanceKey)
    throw conflict(`${isoWeek} 工作周报已由另一流程实例发起`, 'isoWeek');
  const units = await reportingUnits(tx);
  if (!existing) {
    const summary = await tx.weeklySummary.create({ data: { isoWeek, content: {}, processInstanceKey } });
    await audit(tx, actor, {
      action: 'weeklySummary.create',
      entity: 'weeklySummary',
      entityId: summary.id,
      after: summary,
    });
  }
  for (const unit of units) {
    const where = { unitId_isoWeek: { unitId: unit.id, isoWeek } };
    const report = await tx.weeklyReport.findUnique({ where });
    if (report) {
      if (report.processInstanceKey !== processInstanceKey)
        await tx.weeklyReport.update({ where, data: { processInstanceKey, dueAt } });
      continue;
    }
    const row = await tx.weeklyReport.create({
      data: { isoWeek, unitId: unit.id, dueAt, processInstanceKey },
    });
    await audit(tx, actor, {
      action: 'weeklyReport.create',
      entity: 'weeklyReport',
      entityId: row.id,
      unitId: unit.id,
      after: row,
    });
  }
  const summary = await tx.weeklySummary.findUniqueOrThrow({ where: { isoWeek } });
  return { summaryId: summary.id, unitCodes: units.map((u) => u.code) };
}

export async function reportOf(tx: Tx | Db, isoWeek: string, unitCode: string) {
  const report = await tx.weeklyReport.findFirst({
    where: { isoWeek, unit: { code: unitCode } },
    include: {
      unit: true,
      taskProgress: { include: { planTask: true } },
      figures: { include: { indicator: true } },
    },
  });
  if (!report) throw notFound(`${unitCode} 的 ${isoWeek} 工作周报`);
  return report;
}

/** What the unit's form starts with (processes/README.md, zhuanban.report.open). */
export interface ReportPrefill {
  [key: string]: string | { [key: string]: string | number | null }[];
  unitName: string;
  taskProgress: { planTaskNumber: number; title: string; progress: string | null }[];
  figures: {
    indicatorCode: string;
    name: string;
    target: number;
    value: number | null;
    note: string | null;
  }[];
}

export async function prefillReport(tx: Tx | Db, isoWeek: string, unitCode: string): Promise<ReportPrefill> {
  const report = await reportOf(tx, isoWeek, unitCode);
  const tasks = await tx.planTask.findMany({
    where: { units: { some: { unitId: report.unitId } } },
    orderBy: { number: 'asc' },
  });
  const owned = await tx.indicatorOwner.findMany({
    where: { unitId: report.unitId, indicator: { source: 'report' } },
    include: { indicator: true },
    orderBy: { indicator: { sortOrder: 'asc' } },
  });
  const progress = new Map(report.taskProgress.map((p) => [p.planTaskId, p.progress]));
  const figures = new Map(report.figures.map((f) => [f.indicatorId, f]));
  return {
    unitName: report.unit.name,
    taskProgress: tasks.map((t) => ({
      planTaskNumber: t.number,
      title: t.title,
      progress: progress.get(t.id) ?? null,
    })),
    figures: owned.map((o) => ({
      indicatorCode: o.indicator.code,
      name: o.indicator.name,
      target: o.target ?? o.indicator.target,
      value: figures.get(o.indicatorId)?.value ?? null,
      note: figures.get(o.indicatorId)?.note ?? null,
    })),
  };
}

const text = (max: number) => z.string().trim().max(max).nullish();

/** The `report` group of the weekly-report-unit form. */
export const submittedReport = z.object({
  author: z.string().trim().min(1, '请填写填报人').max(50),
  authorPhone: text(30),
  taskProgress: z
    .array(z.object({ planTaskNumber: z.number().int().nullish(), title: text(200), progress: text(2000) }))
    .nullish(),
  figures: z
    .array(
      z.object({
        indicatorCode: text(100),
        name: text(100),
        value: z.number().min(0).max(100).nullish(),
        note: text(200),
      }),
    )
    .nullish(),
  problems: text(2000),
  coordinationRequests: text(2000),
  nextWeekPlan: text(2000),
});
export type SubmittedReport = z.input<typeof submittedReport>;

export async function submitReport(
  tx: Tx,
  actor: Actor,
  ref: { isoWeek: string; unitCode: string },
  raw: SubmittedReport,
  now: Date,
) {
  const input = submittedReport.parse(raw);
  const before = await reportOf(tx, ref.isoWeek, ref.unitCode);
  if (before.status === 'signed_off') throw invalid('该周报已签发，不能再提交');
  const tasks = await tx.planTask.findMany();
  const indicators = await tx.indicator.findMany({ where: { source: { not: 'evaluation' } } });
  for (const p of input.taskProgress ?? []) {
    const task = tasks.find((t) => (p.planTaskNumber ? t.number === p.planTaskNumber : t.title === p.title));
    if (!task || !p.progress) continue;
    const where = { reportId_planTaskId: { reportId: before.id, planTaskId: task.id } };
    await tx.weeklyReportTaskProgress.upsert({
      where,
      // The task's wording as the unit saw it: a later edit of the task does not rewrite this report.
      create: { reportId: before.id, planTaskId: task.id, progress: p.progress, taskTitle: task.title },
      update: { progress: p.progress, taskTitle: task.title },
    });
  }
  for (const f of input.figures ?? []) {
    const indicator = indicators.find((i) =>
      f.indicatorCode ? i.code === f.indicatorCode : i.name === f.name,
    );
    if (!indicator || f.value === null || f.value === undefined) continue;
    const data = { value: f.value, note: f.note ?? null };
    await tx.weeklyReportFigure.upsert({
      where: { reportId_indicatorId: { reportId: before.id, indicatorId: indicator.id } },
      create: { reportId: before.id, indicatorId: indicator.id, ...data },
      update: data,
    });
  }
  // Late when submitted after the cut-off; a report once late (flagged at the cut-off) stays late.
  const late = before.late || (before.dueAt !== null && now > before.dueAt);
  const after = await tx.weeklyReport.update({
    where: { id: before.id },
    data: {
      status: 'submitted',
      author: input.author,
      problems: input.problems ?? null,
      coordinationRequests: input.coordinationRequests ?? null,
      nextWeekPlan: input.nextWeekPlan ?? null,
      submittedAt: now,
      late,
      returnReason: null,
    },
  });
  await audit(tx, actor, {
    action: 'weeklyReport.submit',
    entity: 'weeklyReport',
    entityId: before.id,
    unitId: before.unitId,
    before: { status: before.status, late: before.late },
    after: { ...after, authorPhone: input.authorPhone ?? null },
  });
  return after;
}

async function changeStatus(
  tx: Tx,
  actor: Actor,
  ref: { isoWeek: string; unitCode: string },
  action: string,
  data: { status: 'returned' | 'signed_off'; returnReason?: string; signedOffAt?: Date },
) {
  const before = await reportOf(tx, ref.isoWeek, ref.unitCode);
  const after = await tx.weeklyReport.update({ where: { id: before.id }, data });
  await audit(tx, actor, {
    action,
    entity: 'weeklyReport',
    entityId: before.id,
    unitId: before.unitId,
    before: { status: before.status },
    after: data,
  });
  return { report: before, after };
}

export function returnReport(
  tx: Tx,
  actor: Actor,
  ref: { isoWeek: string; unitCode: string },
  reason: string,
) {
  if (!reason.trim()) throw invalid('请填写退回理由', 'returnReason');
  return changeStatus(tx, actor, ref, 'weeklyReport.return', {
    status: 'returned',
    returnReason: reason.trim(),
  });
}

export function signOffReport(tx: Tx, actor: Actor, ref: { isoWeek: string; unitCode: string }, now: Date) {
  return changeStatus(tx, actor, ref, 'weeklyReport.signOff', { status: 'signed_off', signedOffAt: now });
}

/** Reports of the week not yet submitted (pending, draft or returned), with their unit. */
export function pendingReports(tx: Tx | Db, isoWeek: string) {
  return tx.weeklyReport.findMany({
    where: { isoWeek, status: { in: ['pending', 'draft', 'returned'] } },
    include: { unit: true },
    orderBy: { unit: { sortOrder: 'asc' } },
  });
}

/** Counts a reminder on each report; `late` also flags it late (after the 17:00 cut-off). */
export async function markReminded(tx: Tx, actor: Actor, reportIds: number[], late: boolean) {
  for (const id of reportIds) {
    const after = await tx.weeklyReport.update({
      where: { id },
      data: { reminderCount: { increment: 1 }, ...(late ? { late: true } : {}) },
    });
    await audit(tx, actor, {
      action: late ? 'weeklyReport.flagLate' : 'weeklyReport.remind',
      entity: 'weeklyReport',
      entityId: id,
      unitId: after.unitId,
      after: { reminderCount: after.reminderCount, late: after.late },
    });
  }
}
