// zhuanban.ledger.escalate — graded reminders (三色督办), header `color`: blue before the deadline, yellow when it is
// missed, red as a circular (通报) to the task-force leaders with the office in copy. Sets the item's colour and
// writes a LedgerReminder; once per item, round, colour and due date.
import { z } from 'zod';
import { escalate, noteReminderMail } from '../../domain/ledger/supervision';
import { escalation } from '../../domain/notifications/templates';
import { defineHandler } from '../runtime/handler';
import { domainErrorsAsIncidents } from '../shared/errors';
import { workerActor } from '../shared/actor';
import { plainDate } from '../shared/dates';
import { mailUnit } from '../shared/unit-mail';

const type = 'zhuanban.ledger.escalate';

const variables = z.object({
  ledgerNumber: z.string(),
  rectificationRound: z.number().int().min(1),
  dueDate: z.string(),
});

export default defineHandler({
  type,
  variables,
  headers: z.object({ color: z.enum(['blue', 'yellow', 'red']) }),
  fetchVariables: Object.keys(variables.shape),
  handle: (job, services) =>
    domainErrorsAsIncidents(job, async () => {
      const v = job.variables;
      const { color } = job.headers;
      const dueDate = plainDate(v.dueDate, 'dueDate');
      const key = `${v.ledgerNumber}:${v.rectificationRound}:${color}:${dueDate}`;
      await job.once(
        async (tx) => {
          const { item, reminder, created } = await escalate(
            tx,
            workerActor(type),
            { ledgerNumber: v.ledgerNumber, color, round: v.rectificationRound, idempotencyKey: key },
            services.clock.now(),
          );
          if (!created) return { reminderId: reminder.id };
          const red = color === 'red';
          const outboxId = await mailUnit(tx, services, {
            unitCode: item.leadUnit.code,
            toRoles: red ? ['leader'] : [],
            ccUnits: red ? ['plc-office'] : [],
            ccRoles: red ? ['coordinator'] : [],
            idempotencyKey: `ledger.escalation:${key}`,
            content: escalation({
              color,
              ledgerNumber: item.number,
              unitName: item.leadUnit.name,
              problem: item.problem,
              dueAt: item.dueAt,
              round: v.rectificationRound,
            }),
            unitId: item.leadUnitId,
            relatedType: 'ledgerItem',
            relatedId: item.id,
          });
          if (outboxId !== null) await noteReminderMail(tx, reminder.id, outboxId);
          return { reminderId: reminder.id };
        },
        { key },
      );
      return job.complete();
    }),
});
