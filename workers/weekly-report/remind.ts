// zhuanban.report.remind — mails every unit still without a submitted report (15:00 reminder, header
// stage=reminder); at the 17:00 cut-off (stage=late, after the model ended the per-unit wait) also flags those
// reports late — the consolidation then names them 未报, and what they send later is a 补报. Once per week and stage.
// Reports of a week opened after its own cut-off have no due time and are left alone.
import { z } from 'zod';
import { addresses, unitAddressees } from '../../domain/notifications/recipients';
import { reminder } from '../../domain/notifications/templates';
import { markReminded, pendingReports } from '../../domain/weekly-reports/reports';
import { defineHandler } from '../runtime/handler';
import { workerActor } from '../shared/actor';
import { isoWeekSchema } from './open-week';

const type = 'zhuanban.report.remind';

export default defineHandler({
  type,
  variables: z.object({ isoWeek: isoWeekSchema }),
  headers: z.object({ stage: z.enum(['reminder', 'late']) }),
  fetchVariables: ['isoWeek'],
  async handle(job, services) {
    const { isoWeek } = job.variables;
    const late = job.headers.stage === 'late';
    const result = await job.once(
      async (tx) => {
        // A report without a due time belongs to a week opened after its cut-off: no reminder, never late.
        const pending = (await pendingReports(tx, isoWeek)).filter((r) => r.dueAt !== null);
        for (const report of pending) {
          const to = await unitAddressees(tx, report.unit.code, ['unit-user', 'unit-lead']);
          if (to.length === 0) continue;
          await services.mail.enqueue(tx, {
            idempotencyKey: `weekly-report.${job.headers.stage}:${isoWeek}:${report.unit.code}`,
            to: addresses(to),
            content: reminder({
              recipient: report.unit.name,
              taskName: `填报${isoWeek}工作周报`,
              businessKey: isoWeek,
              dueAt: report.dueAt ?? services.clock.now(),
              overdue: late,
              note: late
                ? '已过报送截止时间，本周汇总已将本单位记为未报。请尽快在“工作周报”页补报，补报的周报将加入本周汇总并告知专班办公室。'
                : report.status === 'returned'
                  ? '本单位周报已被退回修改，请修改后重新提交。'
                  : undefined,
            }),
            unitId: report.unitId,
            relatedType: 'weeklyReport',
            relatedId: report.id,
          });
        }
        await markReminded(
          tx,
          workerActor(type),
          pending.map((r) => r.id),
          late,
        );
        return { units: pending.map((r) => r.unit.code) };
      },
      { key: `${isoWeek}:${job.headers.stage}` },
    );
    job.log.info('weekly report reminders', { isoWeek, stage: job.headers.stage, units: result.units });
    return job.complete();
  },
});
