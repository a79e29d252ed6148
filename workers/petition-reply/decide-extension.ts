// zhuanban.petition.decideExtension — records the unit head's decision on extending the handling period. Approved:
// the new deadline (at most the days of rule petition.extension beyond the original period; a later date is cut
// to that limit), the extension notice (延期办理告知书) to the petitioner and the new handlingDueAt /
// handlingReminderAt for the watch. Rejected: the handling unit is told to finish within the period in force.
import { z } from 'zod';
import { deadlineFor } from '../../domain/calendar/store';
import { decidePetitionExtension } from '../../domain/petitions/replies';
import { petitionNotice } from '../../domain/notifications/templates';
import { petitionExtensionRefused } from '../../domain/notifications/templates/decisions';
import { defineHandler, type JsonObject } from '../runtime/handler';
import { domainErrorsAsIncidents } from '../shared/errors';
import { atTime, endOfDay, instant, plainDate } from '../shared/dates';
import { mailUnit } from '../shared/unit-mail';

const type = 'zhuanban.petition.decideExtension';

const variables = z.object({
  petitionNumber: z.string(),
  extensionReason: z.string().nullish(),
  requestedDueDate: z.string().nullish(),
  extensionDecision: z.enum(['approve', 'reject']),
  approvedDueDate: z.string().nullish(),
  extensionDecisionNote: z.string().nullish(),
  handlingDueAt: z.string(),
});

export default defineHandler({
  type,
  actingFor: ['Task_ApproveExtension'],
  variables,
  fetchVariables: Object.keys(variables.shape),
  handle: (job, services) =>
    domainErrorsAsIncidents(job, async () => {
      const v = job.variables;
      const now = services.clock.now();
      const currentDueAt = instant(v.handlingDueAt, 'handlingDueAt');
      const result = await job.once(async (tx): Promise<JsonObject> => {
        const outcome = await decidePetitionExtension(
          tx,
          job.actor,
          {
            petitionNumber: v.petitionNumber,
            decision: v.extensionDecision,
            reason: v.extensionReason ?? null,
            requestedDueDate: v.requestedDueDate ? plainDate(v.requestedDueDate, 'requestedDueDate') : null,
            approvedDueDate: v.approvedDueDate ? plainDate(v.approvedDueDate, 'approvedDueDate') : null,
            note: v.extensionDecisionNote ?? null,
            currentDueAt,
          },
          now,
        );
        const { petition } = outcome;
        const mail = {
          unitCode: petition.handlingUnit.code,
          unitId: petition.handlingUnitId,
          relatedType: 'petition' as const,
          relatedId: petition.id,
        };
        if (!outcome.approved || !outcome.dueDate) {
          await mailUnit(tx, services, {
            ...mail,
            idempotencyKey: `petition.extension-rejected:${petition.number}:${job.key}`,
            content: petitionExtensionRefused({
              petitionNumber: petition.number,
              subject: petition.subject,
              unitName: petition.handlingUnit.name,
              dueAt: currentDueAt,
              note: v.extensionDecisionNote,
            }),
          });
          return {};
        }
        const handlingDueAt = endOfDay(outcome.dueDate);
        const reminder = await deadlineFor(tx, 'petition.reminder-before-due', outcome.dueDate);
        await mailUnit(tx, services, {
          ...mail,
          idempotencyKey: `petition.notice:${petition.number}:extension:${outcome.dueDate}`,
          content: petitionNotice({
            kind: 'extension',
            petitionNumber: petition.number,
            petitionerName: petition.petitionerName,
            subject: petition.subject,
            unitName: petition.handlingUnit.name,
            issuedAt: now,
            body: outcome.noticeText ?? '',
            dueAt: instant(handlingDueAt, 'handlingDueAt'),
          }),
        });
        return { handlingDueAt, handlingReminderAt: atTime(reminder.dueDate, '09:00') };
      });
      return job.complete(result);
    }),
});
