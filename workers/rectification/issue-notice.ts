// zhuanban.ledger.issueNotice — issues the supervision notice (督办通知书) to the lead unit, assisting units in copy,
// at the start of every round and after an approved extension: the item takes the deadline in force and the round,
// its colour goes back to none. Once per item, round and due date.
import { z } from 'zod';
import { issueSupervisionNotice } from '../../domain/ledger/rectification';
import { supervisionNotice } from '../../domain/notifications/templates';
import { defineHandler } from '../runtime/handler';
import { domainErrorsAsIncidents } from '../shared/errors';
import { workerActor } from '../shared/actor';
import { plainDate } from '../shared/dates';
import { mailUnit } from '../shared/unit-mail';

const type = 'zhuanban.ledger.issueNotice';

const variables = z.object({
  ledgerNumber: z.string(),
  dueDate: z.string(),
  rectificationRound: z.number().int().min(1),
});

export default defineHandler({
  type,
  variables,
  fetchVariables: Object.keys(variables.shape),
  handle: (job, services) =>
    domainErrorsAsIncidents(job, async () => {
      const v = job.variables;
      const dueDate = plainDate(v.dueDate, 'dueDate');
      const round = v.rectificationRound;
      const now = services.clock.now();
      await job.once(
        async (tx) => {
          const { item, noticeText } = await issueSupervisionNotice(
            tx,
            workerActor(type),
            { ledgerNumber: v.ledgerNumber, dueDate, round },
            now,
          );
          const outboxId = await mailUnit(tx, services, {
            unitCode: item.leadUnit.code,
            ccUnits: item.assistingUnits.map((a) => a.unit.code),
            idempotencyKey: `ledger.notice:${item.number}:${round}:${dueDate}`,
            content: supervisionNotice({
              ledgerNumber: item.number,
              unitName: item.leadUnit.name,
              problem: item.problem,
              measures: item.measures ?? undefined,
              dueAt: item.dueAt,
              issuedAt: now,
              noticeText,
              assistingUnits: item.assistingUnits.map((a) => a.unit.name),
            }),
            unitId: item.leadUnitId,
            relatedType: 'ledgerItem',
            relatedId: item.id,
          });
          return { outboxId };
        },
        { key: `${v.ledgerNumber}:${round}:${dueDate}` },
      );
      return job.complete();
    }),
});
