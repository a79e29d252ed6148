// Use cases of a petition's reply and what follows it: the reply opinion (答复意见书) drafted and delivered (the
// redacted text published when asked), the return visit with its outcome (解决情况) and, beside it, the
// satisfaction rating, the notice of the review route (复查 / 复核), and the unit head's decision on extending the handling period (at most the days of rule
// petition.extension beyond the original period). Each runs inside the caller's transaction with its audit row.
import { DateTime } from 'luxon';
import { audit, type Actor } from '../audit';
import { endOfDueDay, localDate, zone } from '../calendar/deadline';
import { deadlineFor, loadDeadlineRule } from '../calendar/store';
import type { Tx } from '../db/client';
import { invalid } from '../errors';
import { issueNotice, noteHandlingDue, petitionByNumber } from './petitions';

export const stanceNames = { support: '支持', explain: '解释说明', not_support: '不支持' } as const;

export interface ReplyDraftInput {
  petitionNumber: string;
  stance: keyof typeof stanceNames;
  replyContent: string;
  legalBasis: string;
  reviewRoute: string;
  publishReply: boolean;
  publishedText: string | null;
}

export async function saveReplyDraft(tx: Tx, actor: Actor, input: ReplyDraftInput) {
  const petition = await petitionByNumber(tx, input.petitionNumber);
  if (petition.reply?.deliveredAt)
    throw invalid(`信访事项 ${input.petitionNumber} 的答复意见已送达，不能再修改`);
  const data = {
    stance: input.stance,
    content: input.replyContent,
    legalBasis: input.legalBasis,
    reviewRoute: input.reviewRoute,
    publishedText: input.publishReply ? input.publishedText : null,
    draftedById: actor.userId,
    signedAt: null,
  };
  const before = petition.reply;
  const reply = before
    ? await tx.petitionReply.update({ where: { id: before.id }, data })
    : await tx.petitionReply.create({ data: { ...data, petitionId: petition.id } });
  if (petition.status === 'accepted' || petition.status === 'public_reply_preparing')
    await tx.petition.update({ where: { id: petition.id }, data: { status: 'handling' } });
  await audit(tx, actor, {
    action: before ? 'petitionReply.redraft' : 'petitionReply.draft',
    entity: 'petitionReply',
    entityId: reply.id,
    unitId: petition.handlingUnitId,
    before: before ?? undefined,
    after: reply,
  });
  return reply;
}

/** The signed reply is delivered: signed and delivered now, the petition replied. */
export async function deliverReply(tx: Tx, actor: Actor, petitionNumber: string, now: Date) {
  const petition = await petitionByNumber(tx, petitionNumber);
  const before = petition.reply;
  if (!before) throw invalid(`信访事项 ${petitionNumber} 尚无答复意见`);
  const reply = await tx.petitionReply.update({
    where: { id: before.id },
    data: { signedAt: before.signedAt ?? now, deliveredAt: now },
  });
  await tx.petition.update({ where: { id: petition.id }, data: { status: 'replied' } });
  await audit(tx, actor, {
    action: 'petitionReply.deliver',
    entity: 'petitionReply',
    entityId: reply.id,
    unitId: petition.handlingUnitId,
    before: { signedAt: before.signedAt, deliveredAt: before.deliveredAt, status: petition.status },
    after: {
      signedAt: reply.signedAt,
      deliveredAt: now,
      status: 'replied',
      published: reply.publishedText !== null,
    },
  });
  return { petition, reply };
}

export const resolutionOutcomeNames = {
  resolved: '已解决',
  partially_resolved: '部分解决',
  unresolved: '未解决',
} as const;
export type ResolutionOutcome = keyof typeof resolutionOutcomeNames;

export interface SatisfactionInput {
  petitionNumber: string;
  visitedOn: string;
  visitMethod: string;
  satisfaction: 'satisfied' | 'basically_satisfied' | 'unsatisfied';
  comment: string | null;
  /** 解决情况: what 解决率 counts — the satisfaction rating stays beside it, not in its place. */
  resolutionOutcome: ResolutionOutcome;
  resolutionNote: string | null;
}

/** The return visit records the outcome and the satisfaction rating, and closes the petition. */
export async function recordSatisfaction(tx: Tx, actor: Actor, input: SatisfactionInput, now: Date) {
  if (!(input.resolutionOutcome in resolutionOutcomeNames))
    throw invalid('请选择解决情况（已解决、部分解决或未解决）', 'resolutionOutcome');
  const resolutionNote = input.resolutionNote?.trim() || null;
  if (input.resolutionOutcome !== 'resolved' && !resolutionNote)
    throw invalid('部分解决或未解决的，请说明原因和后续安排', 'resolutionNote');
  if (resolutionNote && resolutionNote.length > 2000)
    throw invalid('解决情况说明不能超过2000字', 'resolutionNote');
  const petition = await petitionByNumber(tx, input.petitionNumber);
  const data = {
    visitedAt: DateTime.fromISO(localDate(input.visitedOn), { zone }).toJSDate(),
    visitMethod: input.visitMethod,
    rating: input.satisfaction,
    comment: input.comment,
  };
  const rating = await tx.satisfactionRating.upsert({
    where: { petitionId: petition.id },
    create: { ...data, petitionId: petition.id },
    update: data,
  });
  const closing = {
    status: 'closed' as const,
    closedAt: now,
    resolutionOutcome: input.resolutionOutcome,
    resolutionNote,
    resolutionRecordedAt: now,
  };
  await tx.petition.update({ where: { id: petition.id }, data: closing });
  await audit(tx, actor, {
    action: 'petition.satisfaction',
    entity: 'petition',
    entityId: petition.id,
    unitId: petition.handlingUnitId,
    before: {
      status: petition.status,
      resolutionOutcome: petition.resolutionOutcome,
      resolutionNote: petition.resolutionNote,
    },
    after: { ...closing, rating },
  });
  return rating;
}

/** The review route (复查 / 复核) told to an unsatisfied petitioner, with the periods of the deadline rules. */
export async function tellReviewRoute(tx: Tx, actor: Actor, petitionNumber: string, now: Date) {
  const petition = await petitionByNumber(tx, petitionNumber);
  // one query at a time: a transaction holds one connection (PostgreSQL)
  const request = await loadDeadlineRule(tx, 'petition.review-request');
  const answer = await loadDeadlineRule(tx, 'petition.review-answer');
  const stated = petition.reply?.reviewRoute ? `答复意见书载明：${petition.reply.reviewRoute}。` : '';
  const text =
    `您对${petition.handlingUnit.name}作出的答复意见不满意的，可以自收到答复意见书之日起${request.days}日内，` +
    `向其上一级机关请求复查；收到复查请求的机关自收到之日起${answer.days}日内提出复查意见。` +
    `对复查意见仍不服的，可以自收到复查意见之日起${request.days}日内向复查机关的上一级机关请求复核，` +
    `复核机关自收到复核请求之日起${answer.days}日内提出复核意见。复核意见为最终结论，对同一事项不再受理。${stated}`;
  await issueNotice(tx, actor, petition.id, 'review_route', text, now);
  if (petition.satisfaction)
    await tx.satisfactionRating.update({
      where: { id: petition.satisfaction.id },
      data: { reviewRouteTold: true },
    });
  await audit(tx, actor, {
    action: 'petition.reviewRoute',
    entity: 'petition',
    entityId: petition.id,
    unitId: petition.handlingUnitId,
    after: { reviewRouteTold: true },
  });
  return { petition, text };
}

export interface ExtensionDecisionInput {
  petitionNumber: string;
  decision: 'approve' | 'reject';
  reason: string | null;
  requestedDueDate: string | null;
  approvedDueDate: string | null;
  note: string | null;
  /** handlingDueAt of the model: the deadline in force when the extension was asked for. */
  currentDueAt: Date;
}

export interface ExtensionOutcome {
  petition: Awaited<ReturnType<typeof petitionByNumber>>;
  approved: boolean;
  /** The new due date (YYYY-MM-DD) when approved. */
  dueDate: string | null;
  /** The extension notice to the petitioner (approved only). */
  noticeText: string | null;
  /** True when the date approved went past the rule's limit and was cut to it. */
  capped: boolean;
}

export async function decidePetitionExtension(
  tx: Tx,
  actor: Actor,
  input: ExtensionDecisionInput,
  now: Date,
): Promise<ExtensionOutcome> {
  const before = await petitionByNumber(tx, input.petitionNumber);
  await noteHandlingDue(tx, actor, before, input.currentDueAt);
  const original = before.handlingDue ?? input.currentDueAt;
  let dueDate: string | null = null;
  let capped = false;
  if (input.decision === 'approve') {
    if (!input.approvedDueDate) throw invalid('请填写批准延长至的日期', 'approvedDueDate');
    const limit = (await deadlineFor(tx, 'petition.extension', original)).dueDate;
    const current = localDate(input.currentDueAt);
    const asked = localDate(input.approvedDueDate);
    if (asked <= current)
      throw invalid(`批准的期限（${asked}）须晚于现办理期限（${current}）`, 'approvedDueDate');
    capped = asked > limit;
    dueDate = capped ? limit : asked;
  }
  const data =
    input.decision === 'approve'
      ? {
          extendedDue: endOfDueDay(dueDate as string),
          extensionReason: input.reason,
          extensionApprovedById: actor.userId,
        }
      : {};
  let noticeText: string | null = null;
  if (input.decision === 'approve') {
    await tx.petition.update({ where: { id: before.id }, data });
    const why = input.reason ? `因${input.reason.replace(/[。.]$/, '')}，` : '';
    noticeText = `${why}您反映的事项未能在原定期限（${localDate(input.currentDueAt)}）内办结。经${before.handlingUnit.name}负责人批准，办理期限延长至${dueDate}，我们将在延长期限内办结并书面答复您。`;
    await issueNotice(tx, actor, before.id, 'extension', noticeText, now);
  }
  await audit(tx, actor, {
    action: input.decision === 'approve' ? 'petition.extensionApproved' : 'petition.extensionRejected',
    entity: 'petition',
    entityId: before.id,
    unitId: before.handlingUnitId,
    before: { handlingDue: before.handlingDue ?? original, extendedDue: before.extendedDue },
    after: {
      ...data,
      requestedDueDate: input.requestedDueDate,
      approvedDueDate: input.approvedDueDate,
      capped,
      note: input.note,
    },
  });
  return { petition: before, approved: input.decision === 'approve', dueDate, capped, noticeText };
}
