// zhuanban.major.recordDecision — records the 组长's decision on a major matter (convene a meeting, with its
// time normalised to +08:00, or not) and tells the office by mail through the outbox. Once per matter.
import { z } from 'zod';
import { recordMajorDecision } from '../../domain/major-matters/major-matters';
import { addresses, roleAddressees, unitAddressees } from '../../domain/notifications/recipients';
import { letter } from '../../domain/notifications/templates/layout';
import { zhDateTime } from '../../domain/notifications/templates';
import { defineHandler } from '../runtime/handler';
import { instant, shanghaiIso } from '../shared/dates';
import { domainErrorsAsIncidents } from '../shared/errors';

const type = 'zhuanban.major.recordDecision';

export default defineHandler({
  type,
  actingFor: ['Task_DecideMeeting'],
  variables: z.object({
    matterNumber: z.string().min(1),
    matterTitle: z.string().nullish(),
    meetingDecision: z.string(),
    matterMeetingAt: z.string().nullish(),
    decisionNote: z.string().nullish(),
  }),
  fetchVariables: ['matterNumber', 'matterTitle', 'meetingDecision', 'matterMeetingAt', 'decisionNote'],
  async handle(job, services) {
    const v = job.variables;
    return domainErrorsAsIncidents(job, async () => {
      await job.once(
        async (tx) => {
          const at = v.matterMeetingAt ? instant(v.matterMeetingAt, 'matterMeetingAt') : null;
          const row = await recordMajorDecision(
            tx,
            job.actor,
            {
              matterNumber: v.matterNumber,
              meetingDecision: v.meetingDecision as 'convene',
              matterMeetingAt: v.matterMeetingAt,
              decisionNote: v.decisionNote ?? '',
            },
            at ? shanghaiIso(at) : null,
            services.clock.now(),
          );
          const to = [
            ...new Set(
              addresses([
                ...(await unitAddressees(tx, 'plc-office')),
                ...(await roleAddressees(tx, ['coordinator'])),
              ]),
            ),
          ];
          const convene = row.decision === 'convene';
          if (to.length)
            await services.mail.enqueue(tx, {
              idempotencyKey: `major-matter.decision:${row.number}`,
              to,
              content: letter({
                template: 'major-matter.decision',
                subject: `【重大事项】${row.number} ${row.title}：组长${convene ? '决定召开会议研究' : '决定不召开会议'}`,
                greeting: '专班办公室：',
                paragraphs: [
                  convene && at
                    ? `组长决定召开会议研究重大事项“${row.title}”，会议时间${zhDateTime(at)}，请做好会议准备。`
                    : `组长决定不就重大事项“${row.title}”召开会议，请按组长意见办理。`,
                  `组长意见：${row.decisionNote}`,
                ],
                facts: [
                  ['事项编号', row.number],
                  ['事项名称', row.title],
                ],
              }),
              relatedType: 'majorMatter',
              relatedId: row.id,
            });
          return { decision: row.decision };
        },
        { key: v.matterNumber },
      );
      return job.complete();
    });
  },
});
