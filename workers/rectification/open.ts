// zhuanban.ledger.open — opens the ledger item (整改台账, numbered ZG-<year>-<seq>) from the opening form or a
// calling process. Idempotent by origin key: the caller's (agreed item, overdue petition) or, for an item opened
// by hand, the process instance's — so a redelivered job finds the item it opened. An overdue petition is linked
// to its item. An instance started for an item that already exists (opened by API, import or case review:
// `ledgerNumber` given) adopts that item instead — unless another instance owns it, which is an incident, not a
// second process for one item. Completes with the number, the due date (given or rule ledger.rectification) and round 1.
import { z } from 'zod';
import { endOfDueDay, localDate } from '../../domain/calendar/deadline';
import { openLedgerItem, type OpenLedgerItemInput } from '../../domain/ledger/ledger-items';
import { linkLedgerItem } from '../../domain/petitions/petitions';
import { defineHandler } from '../runtime/handler';
import { domainErrorsAsIncidents } from '../shared/errors';
import { plainDate } from '../shared/dates';
import { linkLedgerInstance } from '../../domain/ledger/ledger-process';

const type = 'zhuanban.ledger.open';

const variables = z.object({
  source: z.string(),
  sourceRef: z.string().nullish(),
  problem: z.string(),
  category: z.string().nullish(),
  measures: z.string().nullish(),
  leadUnitCode: z.string(),
  assistingUnitCodes: z.array(z.string()).nullish(),
  dueDate: z.string().nullish(),
  originKey: z.string().nullish(),
  ledgerNumber: z.string().nullish(),
});

export default defineHandler({
  type,
  actingFor: ['StartEvent_LedgerOpened'],
  variables,
  fetchVariables: Object.keys(variables.shape),
  handle: (job, services) =>
    domainErrorsAsIncidents(job, async () => {
      const v = job.variables;
      const actor = job.actor;
      if (v.ledgerNumber) {
        const number = v.ledgerNumber;
        const found = await services.db.ledgerItem.findUnique({ where: { number } });
        if (!found) return job.fail(`整改事项 ${number} 不存在`, { retries: 0 });
        const link = await linkLedgerInstance(services.db, number, job.processInstanceKey);
        if (!link.linked)
          return job.fail(`整改事项 ${number} 已由流程实例 ${link.owner} 办理，本实例重复，请取消`, {
            retries: 0,
          });
        return job.complete({
          ledgerNumber: number,
          dueDate: localDate(found.dueAt),
          rectificationRound: found.round,
        });
      }
      const item = await openLedgerItem(
        services.db,
        actor,
        {
          source: v.source as OpenLedgerItemInput['source'],
          sourceRef: v.sourceRef ?? undefined,
          problem: v.problem,
          category: v.category ?? undefined,
          measures: v.measures ?? undefined,
          leadUnitCode: v.leadUnitCode,
          assistingUnitCodes: v.assistingUnitCodes ?? [],
          dueAt: v.dueDate ? endOfDueDay(plainDate(v.dueDate, 'dueDate')) : undefined,
          originKey: v.originKey ?? `process-instance:${job.processInstanceKey}`,
          processInstanceKey: job.processInstanceKey,
        },
        services.clock.now(),
      );
      if (item.source === 'overdue_petition' && item.sourceRef) {
        const petitionNumber = item.sourceRef;
        await job.once(
          async (tx) => {
            await linkLedgerItem(tx, actor, petitionNumber, item.id);
            return {};
          },
          { key: `${item.number}:petition` },
        );
      }
      return job.complete({
        ledgerNumber: item.number,
        dueDate: localDate(item.dueAt),
        rectificationRound: 1,
      });
    }),
});
