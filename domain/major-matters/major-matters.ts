// 重大事项 (plan §三(二): 重大事项及时报工作专班组长并召开会议研究): the office flags a matter as major (the
// major-matter process registers it, numbered ZD-<year>-<seq>, one per process instance); the 组长 decides whether
// to convene a meeting and the decision is recorded. Each change writes its audit row in the caller's transaction.
import { z } from 'zod';
import { audit, type Actor } from '../audit';
import type { Db, Tx } from '../db/client';
import { conflict, notFound } from '../errors';
import { nextYearlyNumber } from '../numbering';

export const majorMatterInput = z.object({
  matterTitle: z.string().trim().min(1, '请填写事项名称').max(100, '事项名称不超过100个字'),
  matterDescription: z.string().trim().min(1, '请填写事项情况').max(4000, '事项情况不超过4000个字'),
});

export async function registerMajorMatter(
  tx: Tx,
  actor: Actor,
  raw: z.input<typeof majorMatterInput>,
  processInstanceKey: string,
  now: Date,
) {
  const input = majorMatterInput.parse(raw);
  const existing = await tx.majorMatter.findUnique({ where: { processInstanceKey } });
  if (existing) return existing;
  const row = await tx.majorMatter.create({
    data: {
      number: await nextYearlyNumber(tx.majorMatter, 'ZD', 3, now),
      title: input.matterTitle,
      description: input.matterDescription,
      flaggedAt: now,
      processInstanceKey,
    },
  });
  await audit(tx, actor, {
    action: 'majorMatter.create',
    entity: 'majorMatter',
    entityId: row.id,
    after: row,
  });
  return row;
}

/** The usernames of whoever holds the 组长 position (roster code `head`) as a user: the decision's candidates. */
export async function teamLeaderUsernames(db: Tx | Db): Promise<string[]> {
  const head = await db.position.findUnique({ where: { code: 'head' }, include: { holder: true } });
  return head?.holder?.active ? [head.holder.username] : [];
}

export const majorDecisionInput = z
  .object({
    matterNumber: z.string().min(1),
    meetingDecision: z.enum(['convene', 'no_meeting'], { message: '请选择是否召开会议' }),
    matterMeetingAt: z.string().nullish(),
    decisionNote: z.string().trim().min(1, '请填写意见').max(2000),
  })
  .refine((d) => d.meetingDecision !== 'convene' || Boolean(d.matterMeetingAt), {
    message: '决定召开会议的，请填写会议时间',
    path: ['matterMeetingAt'],
  });

export async function recordMajorDecision(
  tx: Tx,
  actor: Actor,
  raw: z.input<typeof majorDecisionInput>,
  meetingAt: string | null,
  now: Date,
) {
  const input = majorDecisionInput.parse(raw);
  const before = await tx.majorMatter.findUnique({ where: { number: input.matterNumber } });
  if (!before) throw notFound(`重大事项 ${input.matterNumber}`);
  if (before.decidedAt) throw conflict(`重大事项 ${input.matterNumber} 已有决定`);
  const data = {
    decision: input.meetingDecision,
    decisionNote: input.decisionNote,
    meetingAt: input.meetingDecision === 'convene' ? meetingAt : null,
    decidedAt: now,
  };
  const after = await tx.majorMatter.update({ where: { id: before.id }, data });
  await audit(tx, actor, {
    action: 'majorMatter.decide',
    entity: 'majorMatter',
    entityId: before.id,
    before: { decision: before.decision },
    after: data,
  });
  return after;
}

export function listMajorMatters(db: Db) {
  return db.majorMatter.findMany({ orderBy: { id: 'desc' }, take: 100 });
}
