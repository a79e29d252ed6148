// zhuanban.case.register — registers the disputed case from the case-registration form (the enterprise created
// when new, the involved units attached), numbered XT-<year>-<seq>; completes with `caseNumber`. One case per
// process instance.
import { z } from 'zod';
import { registerCase, registerCaseInput } from '../../domain/cases/cases';
import { defineHandler } from '../runtime/handler';
import { domainErrorsAsIncidents } from '../shared/errors';

const type = 'zhuanban.case.register';

export default defineHandler({
  type,
  actingFor: ['StartEvent_CaseRegistered'],
  variables: z.object({}).catchall(z.unknown()),
  fetchVariables: Object.keys(registerCaseInput.shape),
  async handle(job, services) {
    return domainErrorsAsIncidents(job, async () => {
      const input = registerCaseInput.parse(job.variables);
      const out = await job.once(
        async (tx) => {
          const row = await registerCase(tx, job.actor, input, job.processInstanceKey, services.clock.now());
          return { caseNumber: row.number };
        },
        { key: job.processInstanceKey },
      );
      job.log.info('case registered', { caseNumber: out.caseNumber });
      return job.complete({ caseNumber: String(out.caseNumber) });
    });
  },
});
