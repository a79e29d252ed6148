// zhuanban.case.resolve — the coordinator confirmed the case resolved (化解): status `resolved`, `resolvedAt`.
import { z } from 'zod';
import { resolveCase } from '../../domain/cases/cases';
import { defineHandler } from '../runtime/handler';
import { domainErrorsAsIncidents } from '../shared/errors';

const type = 'zhuanban.case.resolve';

export default defineHandler({
  type,
  actingFor: ['Task_ConfirmResolution'],
  variables: z.object({ caseNumber: z.string().min(1), resolutionNote: z.string().nullish() }),
  fetchVariables: ['caseNumber', 'resolutionNote'],
  async handle(job, services) {
    const { caseNumber, resolutionNote } = job.variables;
    return domainErrorsAsIncidents(job, async () => {
      await job.once(
        async (tx) => {
          const { after } = await resolveCase(
            tx,
            job.actor,
            caseNumber,
            resolutionNote ?? null,
            services.clock.now(),
          );
          return { caseId: after.id };
        },
        { key: caseNumber },
      );
      return job.complete();
    });
  },
});
