// zhuanban.major.register — registers the matter the office flagged as major (start form major-matter-report),
// numbered ZD-<year>-<seq>; completes with `matterNumber` and `teamLeaderUsers` (the 组长's username when a user
// holds that position, else empty: the decision then waits in the leaders' group). One matter per instance.
import { z } from 'zod';
import {
  majorMatterInput,
  registerMajorMatter,
  teamLeaderUsernames,
} from '../../domain/major-matters/major-matters';
import { defineHandler } from '../runtime/handler';
import { domainErrorsAsIncidents } from '../shared/errors';

const type = 'zhuanban.major.register';

export default defineHandler({
  type,
  actingFor: ['StartEvent_MatterFlagged'],
  variables: z.object({}).catchall(z.unknown()),
  fetchVariables: Object.keys(majorMatterInput.shape),
  async handle(job, services) {
    return domainErrorsAsIncidents(job, async () => {
      const input = majorMatterInput.parse(job.variables);
      const out = await job.once(
        async (tx) => {
          const row = await registerMajorMatter(
            tx,
            job.actor,
            input,
            job.processInstanceKey,
            services.clock.now(),
          );
          return { matterNumber: row.number, teamLeaderUsers: await teamLeaderUsernames(tx) };
        },
        { key: job.processInstanceKey },
      );
      return job.complete({
        matterNumber: String(out.matterNumber),
        teamLeaderUsers: out.teamLeaderUsers as string[],
      });
    });
  },
});
