// zhuanban.case.recordMinutes — stores the minutes (tasks agreed, never findings of fact or verdicts) and the
// agreed items; completes with `agreedItems`, the same list each with its `id`, for the call activity that runs
// every item as a ledger item (originKey agreed-item:<id>).
import { z } from 'zod';
import { agreedItemInput, recordMinutes } from '../../domain/cases/meetings';
import { defineHandler, type JsonObject } from '../runtime/handler';
import { domainErrorsAsIncidents } from '../shared/errors';

const type = 'zhuanban.case.recordMinutes';

const submittedItem = agreedItemInput
  .extend({ assistingUnitCodes: z.array(z.string()).nullish() })
  .passthrough();

export default defineHandler({
  type,
  actingFor: ['Task_RecordMinutes'],
  variables: z.object({
    caseNumber: z.string().min(1),
    meetingSequence: z.number().int().min(1),
    meetingAttendance: z.string().nullish(),
    minutes: z.string().min(1),
    agreedItems: z.array(submittedItem).nullish(),
  }),
  fetchVariables: ['caseNumber', 'meetingSequence', 'meetingAttendance', 'minutes', 'agreedItems'],
  async handle(job, services) {
    const v = job.variables;
    const items = v.agreedItems ?? [];
    return domainErrorsAsIncidents(job, async () => {
      const out = await job.once(async (tx) => {
        const { agreedItems } = await recordMinutes(
          tx,
          job.actor,
          { caseNumber: v.caseNumber, sequence: v.meetingSequence },
          { attendance: v.meetingAttendance ?? null, minutes: v.minutes, items },
          services.clock.now(),
        );
        return { ids: agreedItems.map((a) => a.id) };
      });
      const ids = out.ids as number[];
      const agreed = items.map((item, i): JsonObject => ({
        ...(item as JsonObject),
        assistingUnitCodes: item.assistingUnitCodes ?? [],
        measures: item.measures ?? null,
        dueDate: item.dueDate.slice(0, 10),
        id: ids[i],
      }));
      return job.complete({ agreedItems: agreed });
    });
  },
});
