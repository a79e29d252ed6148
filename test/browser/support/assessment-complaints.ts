// Two enterprise complaints the court answered this quarter, one 已解决 and one 部分解决, so the 考核 page's
// 企业投诉解决率 has records to trace in the screenshots. They go through the domain's reply and return-visit use
// cases; they have no process instance (the shots only read them).
import { DateTime } from 'luxon';
import type { Db } from '../../../domain/db/client';
import { deliverReply, recordSatisfaction, saveReplyDraft } from '../../../domain/petitions/replies';

const actor = { userId: null, label: 'court.user' };

export async function sampleAnsweredComplaints(db: Db, today: DateTime): Promise<void> {
  const court = await db.unit.findUniqueOrThrow({ where: { code: 'court' } });
  const samples = [
    {
      number: 'XF-2026-0901',
      name: '澄川新材料科技有限公司',
      subject: '买卖合同纠纷判决后货款未执行到位',
      days: 3,
    },
    { number: 'XF-2026-0902', name: '北辰冷链物流有限公司', subject: '财产保全解除迟延影响融资', days: 8 },
  ];
  for (const [i, s] of samples.entries()) {
    const enterprise = await db.enterprise.upsert({
      where: { name: s.name },
      create: { name: s.name },
      update: {},
    });
    await db.petition.create({
      data: {
        number: s.number,
        channel: 'court_report_phone',
        petitionerKind: 'enterprise',
        petitionerName: s.name,
        enterpriseId: enterprise.id,
        subject: s.subject,
        content: `${s.subject}（截图示例）`,
        receivingUnitId: court.id,
        handlingUnitId: court.id,
        status: 'accepted',
      },
    });
    const on = today.minus({ days: s.days });
    await db.$transaction(async (tx) => {
      await saveReplyDraft(tx, actor, {
        petitionNumber: s.number,
        stance: 'support',
        replyContent: '经核查，已依法推进执行。',
        legalBasis: '《信访工作条例》',
        reviewRoute: '可向市中级人民法院请求复查',
        publishReply: false,
        publishedText: null,
      });
      await deliverReply(tx, actor, s.number, on.toJSDate());
      await recordSatisfaction(
        tx,
        actor,
        {
          petitionNumber: s.number,
          visitedOn: on.toISODate()!,
          visitMethod: 'phone',
          satisfaction: i === 0 ? 'satisfied' : 'basically_satisfied',
          comment: null,
          resolutionOutcome: i === 0 ? 'resolved' : 'partially_resolved',
          resolutionNote: i === 0 ? null : '已解除部分保全，其余待案件审结',
        },
        on.toJSDate(),
      );
    });
  }
}
