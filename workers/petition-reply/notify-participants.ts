// zhuanban.petition.notifyParticipants — invites the session's participants (mailed to the handling unit that
// delivers the invitations, the office in copy when committee staff are invited) and, for an open session, issues
// the public notice (公告). Refused as an incident when it is already too late to give them 3 days' notice.
import { z } from 'zod';
import { markParticipantsNotified, inviteeCategoryNames } from '../../domain/petitions/public-reply';
import { publicReplyInvitation } from '../../domain/notifications/templates';
import { publicReplyAnnouncement } from '../../domain/notifications/templates/decisions';
import { defineHandler } from '../runtime/handler';
import { domainErrorsAsIncidents } from '../shared/errors';
import { workerActor } from '../shared/actor';
import { mailUnit } from '../shared/unit-mail';

const type = 'zhuanban.petition.notifyParticipants';

const variables = z.object({
  petitionNumber: z.string(),
  publicNoticeText: z.string().nullish(),
});

const inviteesSchema = z.object({ categories: z.array(z.string()), names: z.array(z.string()) });

export default defineHandler({
  type,
  variables,
  fetchVariables: Object.keys(variables.shape),
  handle: (job, services) =>
    domainErrorsAsIncidents(job, async () => {
      const v = job.variables;
      const now = services.clock.now();
      await job.once(async (tx) => {
        const { petition, session } = await markParticipantsNotified(
          tx,
          workerActor(type),
          v.petitionNumber,
          now,
        );
        const invitees = inviteesSchema.parse(session.invitees);
        const unit = petition.handlingUnit;
        const categories = invitees.categories.map((c) => inviteeCategoryNames[c] ?? c);
        await mailUnit(tx, services, {
          unitCode: unit.code,
          ccRoles: invitees.categories.includes('committee-staff') ? ['coordinator'] : [],
          idempotencyKey: `petition.session-invitation:${petition.number}:${session.scheduledAt.toISOString()}`,
          content: publicReplyInvitation({
            petitionNumber: petition.number,
            subject: petition.subject,
            unitName: unit.name,
            scheduledAt: session.scheduledAt,
            venue: session.venue,
            isOpen: session.isOpen,
            inviteeName: `${invitees.names.join('、') || '各位参加人'}（${categories.join('、')}）`,
          }),
          unitId: unit.id,
          relatedType: 'petition',
          relatedId: petition.id,
        });
        if (session.isOpen)
          await mailUnit(tx, services, {
            unitCode: unit.code,
            idempotencyKey: `petition.public-notice:${petition.number}:${session.scheduledAt.toISOString()}`,
            content: publicReplyAnnouncement({
              petitionNumber: petition.number,
              subject: petition.subject,
              unitName: unit.name,
              scheduledAt: session.scheduledAt,
              venue: session.venue,
              text: v.publicNoticeText ?? '',
            }),
            unitId: unit.id,
            relatedType: 'petition',
            relatedId: petition.id,
          });
        return {};
      });
      return job.complete();
    }),
});
