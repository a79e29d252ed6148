// zhuanban.petition.scheduleSession — records the public-reply session (时间, 地点, 邀请人员, 是否公开). Participants
// must be notified at least the days of rule petition.hearing-notice (3) before it: a session asked for sooner is
// moved to the first day that allows it (same time of day), which the audit row and the invitations show.
import { z } from 'zod';
import { scheduleSession } from '../../domain/petitions/public-reply';
import { defineHandler } from '../runtime/handler';
import { domainErrorsAsIncidents } from '../shared/errors';
import { instant, shanghaiIso } from '../shared/dates';

const type = 'zhuanban.petition.scheduleSession';

const variables = z.object({
  petitionNumber: z.string(),
  sessionAt: z.string(),
  sessionVenue: z.string(),
  inviteeCategories: z.array(z.string()).nullish(),
  invitees: z.string(),
  sessionIsOpen: z.boolean().nullish(),
  publicNoticeText: z.string().nullish(),
});

export default defineHandler({
  type,
  actingFor: ['Task_PrepareSession'],
  variables,
  fetchVariables: Object.keys(variables.shape),
  handle: (job, services) =>
    domainErrorsAsIncidents(job, async () => {
      const v = job.variables;
      const result = await job.once(async (tx) => {
        const { session, postponed } = await scheduleSession(
          tx,
          job.actor,
          {
            petitionNumber: v.petitionNumber,
            sessionAt: instant(v.sessionAt, 'sessionAt'),
            venue: v.sessionVenue,
            inviteeCategories: v.inviteeCategories ?? [],
            invitees: v.invitees,
            isOpen: v.sessionIsOpen === true,
            publicNoticeText: v.publicNoticeText ?? null,
          },
          services.clock.now(),
        );
        if (postponed)
          job.log.info('session moved: participants need notice at least 3 days ahead', {
            asked: v.sessionAt,
            sessionAt: shanghaiIso(session.scheduledAt),
          });
        return { sessionAt: shanghaiIso(session.scheduledAt) };
      });
      return job.complete(result);
    }),
});
