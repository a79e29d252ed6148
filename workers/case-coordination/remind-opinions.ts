// zhuanban.case.remindOpinions — mails the involved units whose opinion is still missing: before the deadline
// (header stage=reminder) or after it (stage=overdue, 催办). Once per meeting and stage.
import { z } from 'zod';
import { markOpinionsReminded, missingOpinions } from '../../domain/cases/meetings';
import { addresses, unitAddressees } from '../../domain/notifications/recipients';
import { reminder } from '../../domain/notifications/templates';
import { defineHandler } from '../runtime/handler';
import { workerActor } from '../shared/actor';
import { domainErrorsAsIncidents } from '../shared/errors';

const type = 'zhuanban.case.remindOpinions';

export default defineHandler({
  type,
  variables: z.object({ caseNumber: z.string().min(1), meetingSequence: z.number().int().min(1) }),
  headers: z.object({ stage: z.enum(['reminder', 'overdue']) }),
  fetchVariables: ['caseNumber', 'meetingSequence'],
  async handle(job, services) {
    const { caseNumber, meetingSequence } = job.variables;
    const stage = job.headers.stage;
    return domainErrorsAsIncidents(job, async () => {
      const out = await job.once(
        async (tx) => {
          const now = services.clock.now();
          const { case: c, rows } = await missingOpinions(tx, caseNumber, meetingSequence);
          for (const row of rows) {
            const to = await unitAddressees(tx, row.unit.code, ['unit-user', 'unit-lead']);
            if (to.length === 0) continue;
            await services.mail.enqueue(tx, {
              idempotencyKey: `case.opinion.${stage}:${caseNumber}:${meetingSequence}:${row.unit.code}`,
              to: addresses(to),
              content: reminder({
                recipient: row.unit.name,
                taskName: `提交${c.enterprise.name}涉企案件书面意见`,
                businessKey: caseNumber,
                dueAt: row.dueAt ?? now,
                overdue: stage === 'overdue',
                note: `争议焦点：${c.disputePoint}`,
              }),
              unitId: row.unitId,
              relatedType: 'enterpriseCase',
              relatedId: c.id,
            });
          }
          await markOpinionsReminded(
            tx,
            workerActor(type),
            rows.map((r) => r.id),
            stage,
            now,
          );
          return { units: rows.map((r) => r.unit.code) };
        },
        { key: `${caseNumber}:${meetingSequence}:${stage}` },
      );
      job.log.info('opinion reminders', { caseNumber, meetingSequence, stage, units: out.units });
      return job.complete();
    });
  },
});
