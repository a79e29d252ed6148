// zhuanban.petition.register — creates the Petition from the petition-registration form (numbered XF-<year>-<seq>,
// the enterprise created when new); the process instance key makes a redelivered job return the same petition.
import { z } from 'zod';
import { registerPetition } from '../../domain/petitions/petitions';
import { defineHandler } from '../runtime/handler';
import { domainErrorsAsIncidents } from '../shared/errors';

const type = 'zhuanban.petition.register';

const variables = z.object({
  channel: z.string(),
  petitionerKind: z.string(),
  petitionerName: z.string(),
  enterpriseName: z.string().nullish(),
  contact: z.string().nullish(),
  subject: z.string(),
  content: z.string(),
  relatedCase: z.string().nullish(),
  receivingUnitCode: z.string(),
});

export default defineHandler({
  type,
  actingFor: ['StartEvent_PetitionRegistered'],
  variables,
  fetchVariables: Object.keys(variables.shape),
  handle: (job, services) =>
    domainErrorsAsIncidents(job, async () => {
      const result = await job.once(async (tx) => {
        const petition = await registerPetition(
          tx,
          job.actor,
          job.variables as Parameters<typeof registerPetition>[2],
          job.processInstanceKey,
          services.clock.now(),
        );
        const unit = await tx.unit.findUniqueOrThrow({ where: { id: petition.handlingUnitId } });
        return { petitionNumber: petition.number, handlingUnitCode: unit.code, replyDelivered: false };
      });
      return job.complete(result);
    }),
});
