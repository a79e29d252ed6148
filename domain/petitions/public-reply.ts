// Use cases of the public reply (公开答复) of a difficult enterprise petition: the consent of every party, the
// session (date, venue, invitees, open or not) under the rule that participants are notified at least 3 days
// before (deadline rule petition.hearing-notice), the notice of participants and the record of the session.
// Each runs inside the caller's transaction and writes its audit row there.
import { DateTime } from 'luxon';
import { z } from 'zod';
import { audit, type Actor } from '../audit';
import { computeDeadline, localDate, zone } from '../calendar/deadline';
import { deadlineFor, loadDeadlineRule, loadWorkCalendar } from '../calendar/store';
import type { Tx } from '../db/client';
import { invalid } from '../errors';
import { petitionByNumber } from './petitions';

export const inviteeCategoryNames: Record<string, string> = {
  'npc-deputy': '人大代表',
  'cppcc-member': '政协委员',
  'people-supervisor': '人民监督员',
  lawyer: '律师',
  'enterprise-rep': '企业代表',
  'business-association': '商会（行业协会）代表',
  'committee-staff': '政法委工作人员',
};

export const partyRoleNames = {
  petitioner: '信访人',
  opposing_party: '对方当事人',
  third_party: '第三人',
} as const;
export const consentMethodNames = {
  written: '书面签字',
  phone: '电话（录音）',
  in_person: '当面（笔录）',
  other: '其他',
} as const;

const party = z.object({
  partyName: z.string().trim().min(1, '请填写当事人姓名（名称）').max(50, '当事人姓名（名称）不能超过50字'),
  partyRole: z.enum(Object.keys(partyRoleNames) as [keyof typeof partyRoleNames], {
    message: '当事人身份应为信访人、对方当事人或第三人',
  }),
  partyConsent: z.enum(['given', 'refused'], { message: '请选择是否同意公开答复' }),
  /** YYYY-MM-DD */
  partyConsentedOn: z.string({ message: '请填写征询日期' }),
  partyMethod: z.enum(Object.keys(consentMethodNames) as [keyof typeof consentMethodNames], {
    message: '请选择记录方式',
  }),
  partyNote: z.string().trim().max(500, '说明不能超过500字').nullish(),
  /** The party's own signed consent scan (attachment ids), required when the answer was given in writing. */
  partyDocument: z.array(z.number().int().positive(), { message: '签字的意见书应为已上传的附件' }).nullish(),
  partyRefusalReason: z.string().trim().max(500, '不同意的理由不能超过500字').nullish(),
});

/** Each party answered in full: a written answer has its own scan, a refusal its reason. */
function eachAnswered(list: z.infer<typeof party>[], ctx: z.RefinementCtx) {
  list.forEach((p, i) => {
    if (p.partyMethod === 'written' && !p.partyDocument?.length)
      ctx.addIssue({
        code: 'custom',
        path: [i, 'partyDocument'],
        message: `请上传“${p.partyName}”签字的意见书（扫描件）`,
      });
    if (p.partyConsent === 'refused' && !p.partyRefusalReason)
      ctx.addIssue({
        code: 'custom',
        path: [i, 'partyRefusalReason'],
        message: `请填写“${p.partyName}”不同意公开答复的理由`,
      });
  });
}

export const consentInput = z.object({
  petitionNumber: z.string().min(1),
  parties: z
    .array(party, { message: '请逐一登记各方当事人的意见' })
    .min(1, '请逐一登记各方当事人的意见')
    .refine((list) => list.some((p) => p.partyRole === 'petitioner'), {
      message: '当事人中应有信访人',
    })
    .superRefine(eachAnswered),
  consentNote: z.string().trim().max(1000, '备注不能超过1000字').nullish(),
  consentDocument: z.unknown().optional(),
});
export type ConsentInput = z.input<typeof consentInput>;

/**
 * Records every party's answer (当事人: 信访人, 对方当事人, 第三人); a public reply is held only when all of them
 * consent. Answers the model's `allPartiesConsented`.
 */
export async function recordConsent(tx: Tx, actor: Actor, raw: ConsentInput, now: Date) {
  const parsed = consentInput.safeParse(raw);
  if (!parsed.success) {
    const issue = parsed.error.issues[0];
    throw invalid(issue.message, issue.path.join('.'));
  }
  const input = parsed.data;
  const before = await petitionByNumber(tx, input.petitionNumber);
  await consentScans(tx, before, input.parties);
  const rows = input.parties.map((p, i) => ({
    petitionId: before.id,
    sequence: i + 1,
    name: p.partyName,
    role: p.partyRole,
    consent: p.partyConsent === 'given',
    consentedOn: dayStart(p.partyConsentedOn, `parties.${i}.partyConsentedOn`),
    method: p.partyMethod,
    note: p.partyNote || null,
    refusalReason: p.partyConsent === 'refused' ? p.partyRefusalReason! : null,
    documentIds: p.partyDocument?.length ? p.partyDocument : undefined,
    recordedAt: now,
  }));
  const allPartiesConsented = rows.every((r) => r.consent);
  // Why the reply will not be public: every refusal with its reason, as the record and the next task show it.
  const declinedReason =
    rows
      .filter((r) => !r.consent)
      .map((r) => `${partyRoleNames[r.role]}“${r.name}”不同意公开答复：${r.refusalReason}`)
      .join('；') || null;
  const data = {
    consentGiven: allPartiesConsented,
    consentRecordedAt: new Date(Math.max(...rows.map((r) => r.consentedOn.getTime()))),
    status: allPartiesConsented ? ('public_reply_preparing' as const) : ('handling' as const),
  };
  const earlier = await tx.petitionParty.findMany({ where: { petitionId: before.id } });
  await tx.petitionParty.deleteMany({ where: { petitionId: before.id } });
  await tx.petitionParty.createMany({ data: rows });
  await tx.petition.update({ where: { id: before.id }, data });
  await audit(tx, actor, {
    action: 'petition.consent',
    entity: 'petition',
    entityId: before.id,
    unitId: before.handlingUnitId,
    before: { consentGiven: before.consentGiven, status: before.status, parties: earlier },
    after: {
      ...data,
      parties: rows,
      consentNote: input.consentNote ?? null,
      consentDocument: input.consentDocument ?? null,
      declinedReason,
    },
  });
  return {
    allPartiesConsented,
    refusedBy: rows.filter((r) => !r.consent).map((r) => r.name),
    declinedReason,
  };
}

/**
 * Each party's scans must be uploads of the petition's handling unit (or already filed under it); they are filed
 * under the petition so every unit that sees it sees them.
 */
async function consentScans(
  tx: Tx,
  petition: { id: number; handlingUnitId: number },
  parties: { partyName: string; partyDocument?: number[] | null }[],
) {
  for (const [i, p] of parties.entries()) {
    const ids = [...new Set(p.partyDocument ?? [])];
    if (!ids.length) continue;
    const found = await tx.attachment.count({
      where: {
        id: { in: ids },
        OR: [{ unitId: petition.handlingUnitId }, { petitionId: petition.id }],
      },
    });
    if (found !== ids.length)
      throw invalid(`“${p.partyName}”的签字意见书附件不存在或不是本单位上传的`, `parties.${i}.partyDocument`);
    await tx.attachment.updateMany({ where: { id: { in: ids } }, data: { petitionId: petition.id } });
  }
}

function dayStart(day: string, field: string): Date {
  let iso: string;
  try {
    iso = localDate(day);
  } catch {
    throw invalid('征询日期格式应为 YYYY-MM-DD', field);
  }
  const at = DateTime.fromISO(iso, { zone });
  if (!at.isValid) throw invalid('征询日期格式应为 YYYY-MM-DD', field);
  return at.toJSDate();
}

/** The last day participants may be notified of a session on `sessionAt` (rule petition.hearing-notice, −3 days). */
export async function lastNoticeDay(tx: Tx, sessionAt: Date): Promise<string> {
  return (await deadlineFor(tx, 'petition.hearing-notice', sessionAt)).dueDate;
}

/**
 * The session time the rule allows: the time asked for when participants can still be notified today at least
 * the rule's days before it; otherwise the first later day (same time of day) for which they can.
 */
export async function lawfulSessionTime(
  tx: Tx,
  asked: Date,
  now: Date,
): Promise<{ at: Date; postponed: boolean }> {
  // The rule and the calendar once for every day tried; one query at a time: a transaction holds one connection.
  const rule = await loadDeadlineRule(tx, 'petition.hearing-notice');
  const calendar = await loadWorkCalendar(tx);
  const lastDay = (at: DateTime) => computeDeadline(at.toJSDate(), rule, calendar).dueDate;
  const today = localDate(now);
  let at = DateTime.fromJSDate(asked, { zone });
  if (lastDay(at) >= today) return { at: asked, postponed: false };
  const time = { hour: at.hour, minute: at.minute, second: 0, millisecond: 0 };
  at = DateTime.fromISO(today, { zone }).set(time);
  for (let i = 0; i < 60; i++) {
    at = at.plus({ days: 1 });
    if (lastDay(at) >= today) return { at: at.toJSDate(), postponed: true };
  }
  throw new Error('petition.hearing-notice: no lawful session day within 60 days');
}

export interface SessionInput {
  petitionNumber: string;
  sessionAt: Date;
  venue: string;
  inviteeCategories: string[];
  invitees: string;
  isOpen: boolean;
  publicNoticeText: string | null;
}

export async function scheduleSession(tx: Tx, actor: Actor, input: SessionInput, now: Date) {
  const petition = await petitionByNumber(tx, input.petitionNumber);
  if (!petition.consentGiven) throw invalid('信访人未同意公开答复，不能安排公开答复会', 'consent');
  const lawful = await lawfulSessionTime(tx, input.sessionAt, now);
  const data = {
    scheduledAt: lawful.at,
    venue: input.venue,
    invitees: {
      categories: input.inviteeCategories,
      names: input.invitees
        .split(/[；;，,、\n]/)
        .map((s) => s.trim())
        .filter(Boolean),
    },
    isOpen: input.isOpen,
  };
  const before = petition.session;
  const session = before
    ? await tx.publicReplySession.update({ where: { id: before.id }, data })
    : await tx.publicReplySession.create({ data: { ...data, petitionId: petition.id } });
  await audit(tx, actor, {
    action: 'publicReplySession.schedule',
    entity: 'publicReplySession',
    entityId: session.id,
    unitId: petition.handlingUnitId,
    before: before ?? undefined,
    after: {
      ...session,
      askedFor: input.sessionAt,
      postponed: lawful.postponed,
      publicNoticeText: input.publicNoticeText,
    },
  });
  return { petition, session, postponed: lawful.postponed, askedFor: input.sessionAt };
}

/** Records that participants (and, for an open session, the public) were notified — never later than the rule allows. */
export async function markParticipantsNotified(tx: Tx, actor: Actor, petitionNumber: string, now: Date) {
  const petition = await petitionByNumber(tx, petitionNumber);
  const session = petition.session;
  if (!session) throw invalid(`信访事项 ${petitionNumber} 尚未安排公开答复会`);
  const lastDay = await lastNoticeDay(tx, session.scheduledAt);
  if (localDate(now) > lastDay)
    throw invalid(
      `公开答复会定于${localDate(session.scheduledAt)}举行，参加人须至少提前3日（${lastDay}前）通知，现已来不及，请重新安排答复会时间`,
      'sessionAt',
    );
  const data = { participantsNotifiedAt: now, publicNoticeAt: session.isOpen ? now : null };
  const after = await tx.publicReplySession.update({ where: { id: session.id }, data });
  await audit(tx, actor, {
    action: 'publicReplySession.notify',
    entity: 'publicReplySession',
    entityId: session.id,
    unitId: petition.handlingUnitId,
    before: { participantsNotifiedAt: session.participantsNotifiedAt },
    after: data,
  });
  return { petition, session: after };
}

export interface SessionRecordInput {
  petitionNumber: string;
  heldAt: Date;
  factsAndReply: string;
  inviteeComments: string;
  petitionerStatement: string;
  sessionFiles: unknown;
}

export async function recordSession(tx: Tx, actor: Actor, input: SessionRecordInput) {
  const petition = await petitionByNumber(tx, input.petitionNumber);
  const session = petition.session;
  if (!session) throw invalid(`信访事项 ${input.petitionNumber} 尚未安排公开答复会`);
  const record = [
    `一、事实认定及答复意见：${input.factsAndReply}`,
    `二、参加人评议意见：${input.inviteeComments}`,
    `三、信访人最后陈述：${input.petitionerStatement}`,
  ].join('\n');
  const data = { heldAt: input.heldAt, record };
  await tx.publicReplySession.update({ where: { id: session.id }, data });
  await audit(tx, actor, {
    action: 'publicReplySession.record',
    entity: 'publicReplySession',
    entityId: session.id,
    unitId: petition.handlingUnitId,
    before: { heldAt: session.heldAt, record: session.record },
    after: { ...data, sessionFiles: input.sessionFiles ?? null },
  });
}
