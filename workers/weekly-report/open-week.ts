// zhuanban.report.openWeek — opens the week: its WeeklySummary and a pending WeeklyReport per reporting unit,
// due at the week's cut-off (none when opened after it); completes with `units`. Another instance owning the week raises the BPMN error
// week-already-started (the model ends at 不重复发起).
import { z } from 'zod';
import { loadWorkCalendar } from '../../domain/calendar/store';
import { DomainError } from '../../domain/errors';
import { openWeek } from '../../domain/weekly-reports/reports';
import { defineHandler } from '../runtime/handler';
import { workerActor } from '../shared/actor';
import { weeklyReportDeadlines } from '../shared/deadline-sets';
import { domainErrorsAsIncidents } from '../shared/errors';

const type = 'zhuanban.report.openWeek';
export const isoWeekSchema = z.string().regex(/^\d{4}-W(0[1-9]|[1-4]\d|5[0-3])$/, '周次格式应为 2026-W48');

export default defineHandler({
  type,
  variables: z.object({ isoWeek: isoWeekSchema }),
  fetchVariables: ['isoWeek'],
  async handle(job, services) {
    const { isoWeek } = job.variables;
    const { cutoffAt } = weeklyReportDeadlines(isoWeek, await loadWorkCalendar(services.db));
    // A week opened after its own cut-off (started by hand for a past week) has no due time: nobody could
    // have reported on time, so nobody is reminded or counted late for it.
    const dueAt = services.clock.now() < new Date(cutoffAt) ? new Date(cutoffAt) : null;
    try {
      const opened = await job.once(
        async (tx) => {
          const week = await openWeek(tx, workerActor(type), isoWeek, job.processInstanceKey, dueAt);
          return { units: week.unitCodes };
        },
        { key: `${isoWeek}:${job.processInstanceKey}` },
      );
      return job.complete({ units: opened.units });
    } catch (e) {
      if (e instanceof DomainError && e.kind === 'conflict')
        return job.bpmnError('week-already-started', e.message, {});
      return domainErrorsAsIncidents(job, () => Promise.reject(e));
    }
  },
});
