// zhuanban.deadlines.compute — the timer variables of a model (header `deadlineSet`): reminder and cut-off of the
// weekly report, the opinion deadline of a coordination meeting, the petition classification and handling
// deadlines, the ledger item's due, blue and red instants. Computes and writes nothing — except that a
// petition's record learns its handling deadline here, once (the first value stays, as noteHandlingDue keeps it):
// until a reminder or the reply told it, the record showed no 办理期限 while the unit's task was due. A
// redelivered or re-entered job computes again (deadline-sets.ts says how each value is read).
import { z } from 'zod';
import { noteHandlingDue } from '../../domain/petitions/petitions';
import { defineHandler } from '../runtime/handler';
import { workerActor } from './actor';
import { instant } from './dates';
import {
  computeDeadlineSet,
  DeadlineInputError,
  deadlineSetNames,
  type DeadlineVariables,
} from './deadline-sets';

const variables = z.object({
  isoWeek: z.string().nullish(),
  caseNumber: z.string().nullish(),
  meetingSequence: z.number().int().nullish(),
  petitionNumber: z.string().nullish(),
  receivingUnitCode: z.string().nullish(),
  channel: z.string().nullish(),
  dueDate: z.string().nullish(),
});

export default defineHandler({
  type: 'zhuanban.deadlines.compute',
  variables,
  headers: z.object({ deadlineSet: z.enum(deadlineSetNames) }),
  fetchVariables: Object.keys(variables.shape),
  async handle(job, services) {
    let result: DeadlineVariables;
    try {
      result = await computeDeadlineSet(job.headers.deadlineSet, job.variables, {
        db: services.db,
        now: services.clock.now(),
        uncovered: (rule, years) =>
          job.log.warn(
            'the holiday calendar does not cover the years of a deadline: weekends only were assumed',
            {
              rule,
              years,
            },
          ),
      });
    } catch (e) {
      // Bad input from the model: an incident at once; anything else (database) is retried with back-off.
      if (e instanceof DeadlineInputError) return job.fail(e.message, { retries: 0 });
      throw e;
    }
    const petitionNumber = job.variables.petitionNumber;
    if (job.headers.deadlineSet === 'petition-handling' && petitionNumber && result.handlingDueAt) {
      const due = instant(result.handlingDueAt, 'handlingDueAt');
      await job.once(
        async (tx) => {
          const petition = await tx.petition.findUnique({
            where: { number: petitionNumber },
            select: { id: true, handlingDue: true, handlingUnitId: true },
          });
          if (petition) await noteHandlingDue(tx, workerActor(job.type), petition, due);
          return {};
        },
        { key: `${petitionNumber}:handlingDue` },
      );
    }
    return job.complete(result);
  },
});
