// The coordination-meeting mails of zhuanban.mail.send (templates meeting.invitation and meeting.rescheduled):
// one mail per attendee unit (so each unit sees its own in the outbox), each with the same .ics invitation —
// a UID per meeting and SEQUENCE = the reschedule count, so calendars move the entry instead of adding one.
import { z } from 'zod';
import type { Db } from '../../domain/db/client';
import { markInvitationsSent, meetingOf, type Attendee } from '../../domain/cases/meetings';
import { addresses, unitAddressees } from '../../domain/notifications/recipients';
import { meetingInvitation, meetingUid } from '../../domain/notifications/templates';
import type { OutgoingMail } from '../../domain/notifications/types';
import type { MailBatch, MailTemplateContext } from './mail-templates';
import { inSequence } from '../../domain/db/in-sequence';

/** How long a coordination meeting is booked in the calendar. */
export const meetingDurationMs = 2 * 3600_000;

const meetingRef = z.object({ caseNumber: z.string().min(1), meetingSequence: z.number().int().min(1) });

async function unitsOf(db: Db, attendees: Attendee[] | null, involved: string[]) {
  const codes = attendees?.filter((a) => a.role === 'unit' && a.unitCode).map((a) => a.unitCode as string);
  return db.unit.findMany({
    where: { code: { in: codes?.length ? codes : involved } },
    orderBy: { sortOrder: 'asc' },
  });
}

export function meetingMail(template: 'meeting.invitation' | 'meeting.rescheduled') {
  return async (variables: unknown, ctx: MailTemplateContext): Promise<MailBatch> => {
    const ref = meetingRef.parse(variables);
    const { case: c, meeting } = await meetingOf(ctx.db, ref.caseNumber, ref.meetingSequence);
    if (!meeting.scheduledAt || !meeting.place || !meeting.chair)
      throw new Error(`meeting ${ref.caseNumber}#${ref.meetingSequence} has no schedule yet`);
    const office = await ctx.db.unit.findFirst({ where: { kind: 'office' }, orderBy: { sortOrder: 'asc' } });
    if (!office?.email) throw new Error('the task-force office has no mail address');
    const units = await unitsOf(
      ctx.db,
      (meeting.attendees as Attendee[] | null) ?? null,
      c.involvedUnits.map((u) => u.unit.code),
    );
    const perUnit = await inSequence(units, async (u) => ({
      unit: u,
      to: await unitAddressees(ctx.db, u.code),
    }));
    const attendees = perUnit.flatMap((p) => p.to);
    const content = meetingInvitation({
      uid: meetingUid(meeting.id, ctx.settings.messageIdDomain),
      sequence: meeting.rescheduleCount,
      caseNumber: c.number,
      enterpriseName: c.enterprise.name,
      disputePoint: c.disputePoint,
      startsAt: meeting.scheduledAt,
      endsAt: new Date(meeting.scheduledAt.getTime() + meetingDurationMs),
      place: meeting.place,
      chair: meeting.chair,
      organizer: { name: office.name, email: office.email },
      attendees,
      stamp: ctx.now,
    });
    // One sending per meeting and reschedule: a redelivered job finds the same key.
    const key = `${template}:${c.number}:${meeting.sequence}:${meeting.rescheduleCount}`;
    const mails: OutgoingMail[] = perUnit
      .filter((p) => p.to.length > 0)
      .map((p) => ({
        idempotencyKey: `${key}:${p.unit.code}`,
        to: addresses(p.to),
        content,
        unitId: p.unit.id,
        relatedType: 'enterpriseCase',
        relatedId: c.id,
      }));
    return {
      key,
      mails,
      record: async (tx, actor) => {
        await markInvitationsSent(tx, actor, meeting.id, template, ctx.now);
      },
    };
  };
}
