// zhuanban.report.openWeek — opens the week: its WeeklySummary and a pending WeeklyReport per reporting unit,
// due at the week's cut-off (none when opened after it); completes with `units` and `closesAt`, when the model's
// interrupting cut-off timer ends the per-unit wait: the week's own cut-off, or — for a week opened after it —
// the next regular cut-off (this Friday 17:00, or next Friday's once that has passed), so a past week started by
// hand gives the units until then. Another instance owning the week raises the BPMN error
// week-already-started (the model ends at 不重复发起).
import { DateTime } from 'luxon';
import { z } from 'zod';
import { zone } from '../../domain/calendar/deadline';
import { loadWorkCalendar } from '../../domain/calendar/store';
import { DomainError } from '../../domain/errors';
import { openWeek } from '../../domain/weekly-reports/reports';
import { defineHandler } from '../runtime/handler';
import { workerActor } from '../shared/actor';
import { weeklyReportDeadlines } from '../shared/deadline-sets';
import { domainErrorsAsIncidents } from '../shared/errors';

const type = 'zhuanban.report.openWeek';
export const isoWeekSchema = z.string().regex(/^\d{4}-W(0[1-9]|[1-4]\d|5[0-3])$/, '周次格式应为 2026-W48');

const weekOf = (d: DateTime) => `${d.weekYear}-W${String(d.weekNumber).padStart(2, '0')}`;

function nextCutoff(now: Date, calendar: Parameters<typeof weeklyReportDeadlines>[1]): string {
  const today = DateTime.fromJSDate(now, { zone });
  const thisWeek = weeklyReportDeadlines(weekOf(today), calendar).cutoffAt;
  return now < new Date(thisWeek)
    ? thisWeek
    : weeklyReportDeadlines(weekOf(today.plus({ weeks: 1 })), calendar).cutoffAt;
}

export default defineHandler({
  type,
  variables: z.object({ isoWeek: isoWeekSchema }),
  fetchVariables: ['isoWeek'],
  async handle(job, services) {
    const { isoWeek } = job.variables;
    const calendar = await loadWorkCalendar(services.db);
    const { cutoffAt } = weeklyReportDeadlines(isoWeek, calendar);
    const now = services.clock.now();
    // A week opened after its own cut-off (started by hand for a past week) has no due time: nobody could
    // have reported on time, so nobody is reminded or counted late for it.
    const dueAt = now < new Date(cutoffAt) ? new Date(cutoffAt) : null;
    const closesAt = dueAt ? cutoffAt : nextCutoff(now, calendar);
    try {
      const opened = await job.once(
        async (tx) => {
          const week = await openWeek(tx, workerActor(type), isoWeek, job.processInstanceKey, dueAt);
          return { units: week.unitCodes };
        },
        { key: `${isoWeek}:${job.processInstanceKey}` },
      );
      return job.complete({ units: opened.units, closesAt });
    } catch (e) {
      if (e instanceof DomainError && e.kind === 'conflict')
        return job.bpmnError('week-already-started', e.message, {});
      return domainErrorsAsIncidents(job, () => Promise.reject(e));
    }
  },
});
