// Use cases of a petition (信访事项) up to its classification: register it (numbered XF-<year>-<seq>, the
// enterprise created when new), record the receiving unit's decision with its written notice (受理 / 不予受理 /
// 转送 / 导入诉讼程序), mark it overdue and link the ledger item it became. Each runs inside the caller's
// transaction (a worker's job.once) and writes its audit row there.
import { z } from 'zod';
import { audit, type Actor } from '../audit';
import type { Tx } from '../db/client';
import { invalid, notFound } from '../errors';

export const petitionChannels = [
  'line_12309',
  'line_110',
  'line_12368',
  'line_12348',
  'letter',
  'visit',
  'online',
] as const;
export const classifications = ['accept', 'not_accept', 'forward', 'litigation'] as const;
export type Classification = (typeof classifications)[number];
export type NoticeKind =
  'acceptance' | 'non_acceptance' | 'forward' | 'procedural_reply' | 'extension' | 'review_route';

const optionalText = (max: number) =>
  z
    .string()
    .trim()
    .max(max)
    .nullish()
    .transform((v) => (v ? v : null));

/** The petition-registration form's variables. */
export const registerPetitionInput = z.object({
  channel: z.enum(petitionChannels),
  petitionerKind: z.enum(['enterprise', 'person']),
  petitionerName: z.string().trim().min(1, '请填写信访人').max(50),
  enterpriseName: optionalText(100),
  contact: optionalText(50),
  subject: z.string().trim().min(1, '请填写信访事项').max(100),
  content: z.string().trim().min(1, '请填写主要内容').max(5000),
  relatedCase: optionalText(100),
  receivingUnitCode: z.string().trim().min(1, '请选择接收单位'),
});
export type RegisterPetitionInput = z.input<typeof registerPetitionInput>;

function shanghaiYear(now: Date): number {
  return Number(now.toLocaleString('en-CA', { timeZone: 'Asia/Shanghai', year: 'numeric' }));
}

export async function memberUnit(tx: Tx, code: string, field: string) {
  const unit = await tx.unit.findUnique({ where: { code } });
  if (!unit || unit.kind === 'external' || !unit.active)
    throw invalid(`单位代码“${code}”不是专班成员单位`, field);
  return unit;
}

async function nextPetitionNumber(tx: Tx, now: Date): Promise<string> {
  const prefix = `XF-${shanghaiYear(now)}-`;
  const rows = await tx.petition.findMany({
    where: { number: { startsWith: prefix } },
    select: { number: true },
  });
  const last = rows.reduce((max, r) => Math.max(max, Number(r.number.slice(prefix.length)) || 0), 0);
  return `${prefix}${String(last + 1).padStart(4, '0')}`;
}

/** Registers the petition of a process instance; the instance key makes a second registration return the first. */
export async function registerPetition(
  tx: Tx,
  actor: Actor,
  raw: RegisterPetitionInput,
  processInstanceKey: string,
  now: Date,
) {
  const existing = await tx.petition.findUnique({ where: { processInstanceKey } });
  if (existing) return existing;
  const input = registerPetitionInput.parse(raw);
  const unit = await memberUnit(tx, input.receivingUnitCode, 'receivingUnitCode');
  let enterpriseId: number | null = null;
  if (input.petitionerKind === 'enterprise') {
    const name = input.enterpriseName ?? input.petitionerName;
    const found = await tx.enterprise.findUnique({ where: { name } });
    const enterprise = found ?? (await tx.enterprise.create({ data: { name, contactPhone: input.contact } }));
    if (!found)
      await audit(tx, actor, {
        action: 'enterprise.create',
        entity: 'enterprise',
        entityId: enterprise.id,
        after: enterprise,
      });
    enterpriseId = enterprise.id;
  }
  const row = await tx.petition.create({
    data: {
      number: await nextPetitionNumber(tx, now),
      channel: input.channel,
      petitionerKind: input.petitionerKind,
      petitionerName: input.petitionerName,
      enterpriseId,
      contact: input.contact,
      subject: input.subject,
      content: input.content,
      relatedCase: input.relatedCase,
      receivingUnitId: unit.id,
      handlingUnitId: unit.id,
      registeredAt: now,
      processInstanceKey,
      createdById: actor.userId,
      createdAt: now,
    },
  });
  await audit(tx, actor, {
    action: 'petition.create',
    entity: 'petition',
    entityId: row.id,
    unitId: unit.id,
    after: row,
  });
  return row;
}

export async function petitionByNumber(tx: Tx, number: string) {
  const row = await tx.petition.findUnique({
    where: { number },
    include: { handlingUnit: true, receivingUnit: true, reply: true, session: true, satisfaction: true },
  });
  if (!row) throw notFound(`信访事项 ${number} `);
  return row;
}
export type PetitionRecord = Awaited<ReturnType<typeof petitionByNumber>>;

/** Issues (or, for a second forward, re-issues) the written notice of a kind: one per petition and kind. */
export async function issueNotice(
  tx: Tx,
  actor: Actor,
  petitionId: number,
  kind: NoticeKind,
  content: string,
  now: Date,
) {
  const before = await tx.petitionNotice.findUnique({ where: { petitionId_kind: { petitionId, kind } } });
  const notice = before
    ? await tx.petitionNotice.update({ where: { id: before.id }, data: { content, issuedAt: now } })
    : await tx.petitionNotice.create({
        data: { petitionId, kind, content, issuedAt: now, issuedById: actor.userId },
      });
  await audit(tx, actor, {
    action: before ? 'petitionNotice.reissue' : 'petitionNotice.issue',
    entity: 'petitionNotice',
    entityId: notice.id,
    before: before ?? undefined,
    after: notice,
  });
  return notice;
}

export const classifyInput = z.object({
  petitionNumber: z.string().min(1),
  classification: z.enum(classifications),
  classificationReason: z.string().trim().min(1, '请填写分流理由').max(2000),
  routeAdvice: optionalText(1000),
  forwardToUnitCode: optionalText(50),
  forwardToOrgan: optionalText(100),
  complexity: z.enum(['simple', 'complex']).nullish(),
  /** classificationDueAt of the model: the acceptance notice (or procedural reply) deadline. */
  noticeDueAt: z.date().nullish(),
});
export type ClassifyInput = z.input<typeof classifyInput>;

export interface ClassifyOutcome {
  petition: PetitionRecord;
  noticeKind: NoticeKind;
  noticeText: string;
  /** The issuing unit (the unit that had it). */
  issuerName: string;
  issuerCode: string;
  /** The member unit it was forwarded to, if any. */
  forwardedTo: { id: number; code: string; name: string } | null;
  handlingUnitCode: string;
}

export async function classifyPetition(
  tx: Tx,
  actor: Actor,
  raw: ClassifyInput,
  now: Date,
): Promise<ClassifyOutcome> {
  const input = classifyInput.parse(raw);
  const before = await petitionByNumber(tx, input.petitionNumber);
  const issuer = before.handlingUnit;
  const procuratorate = issuer.code === 'procuratorate';
  const reason = input.classificationReason;
  const route = input.routeAdvice ?? '依法通过诉讼、仲裁、行政复议等法定途径解决';
  let forwardedTo: ClassifyOutcome['forwardedTo'] = null;
  let noticeKind: NoticeKind;
  let noticeText: string;
  const data: Record<string, unknown> = {};
  if (input.noticeDueAt && !before.acceptanceNoticeDue && !before.proceduralReplyDue)
    data[procuratorate ? 'proceduralReplyDue' : 'acceptanceNoticeDue'] = input.noticeDueAt;
  switch (input.classification) {
    case 'accept':
      Object.assign(data, { status: 'accepted', acceptedAt: now, complexity: input.complexity ?? 'simple' });
      noticeKind = procuratorate ? 'procedural_reply' : 'acceptance';
      noticeText = `经审查，您反映的事项符合受理条件，${issuer.name}决定受理（${reason}）。本单位将自受理之日起60日内办结并书面答复；情况复杂的，经本单位负责人批准可以适当延长办理期限，延长期限不超过30日，并将延期理由告知您。`;
      break;
    case 'not_accept':
      Object.assign(data, { status: 'not_accepted' });
      noticeKind = 'non_acceptance';
      noticeText = `经审查，您反映的事项不予受理。理由：${reason}。您可以通过以下途径依法解决：${route}。`;
      break;
    case 'litigation':
      Object.assign(data, { status: 'diverted_to_litigation' });
      noticeKind = 'non_acceptance';
      noticeText = `经审查，您反映的事项属于应当通过诉讼程序解决的涉法涉诉事项，依法导入法律程序处理，不作为信访事项受理。理由：${reason}。请您通过以下途径依法主张权利：${route}。`;
      break;
    case 'forward': {
      noticeKind = 'forward';
      const code = input.forwardToUnitCode;
      if (!code) throw invalid('请选择转送单位', 'forwardToUnitCode');
      if (code === 'external') {
        const organ = input.forwardToOrgan;
        if (!organ) throw invalid('请填写转送的有权处理机关', 'forwardToOrgan');
        Object.assign(data, { status: 'forwarded' });
        noticeText = `经审查，您反映的事项不属于${issuer.name}职责范围，已依法转送${organ}处理，请您与该机关联系。理由：${reason}。`;
      } else {
        const target = await memberUnit(tx, code, 'forwardToUnitCode');
        if (target.id === issuer.id) throw invalid('不能转送本单位', 'forwardToUnitCode');
        forwardedTo = { id: target.id, code: target.code, name: target.name };
        Object.assign(data, { status: 'forwarded', handlingUnitId: target.id });
        noticeText = `经审查，您反映的事项属于${target.name}职责范围，已转送该单位办理，该单位将依法向您告知受理情况。理由：${reason}。`;
      }
      break;
    }
  }
  await tx.petition.update({ where: { id: before.id }, data });
  await audit(tx, actor, {
    action: `petition.classify`,
    entity: 'petition',
    entityId: before.id,
    unitId: issuer.id,
    before: { status: before.status, handlingUnitId: before.handlingUnitId },
    after: {
      ...data,
      classification: input.classification,
      reason,
      routeAdvice: input.routeAdvice,
      forwardToOrgan: input.forwardToOrgan,
    },
  });
  await issueNotice(tx, actor, before.id, noticeKind, noticeText, now);
  return {
    petition: await petitionByNumber(tx, input.petitionNumber),
    noticeKind,
    noticeText,
    issuerName: issuer.name,
    issuerCode: issuer.code,
    forwardedTo,
    handlingUnitCode: forwardedTo?.code ?? issuer.code,
  };
}

/** Remembers the original handling deadline the first time a step learns it (the model computes it). */
export async function noteHandlingDue(
  tx: Tx,
  actor: Actor,
  petition: { id: number; handlingDue: Date | null; handlingUnitId: number },
  due: Date | null,
) {
  if (petition.handlingDue || !due) return;
  await tx.petition.update({ where: { id: petition.id }, data: { handlingDue: due } });
  await audit(tx, actor, {
    action: 'petition.handlingDue',
    entity: 'petition',
    entityId: petition.id,
    unitId: petition.handlingUnitId,
    before: { handlingDue: null },
    after: { handlingDue: due },
  });
}

export async function markOverdue(
  tx: Tx,
  actor: Actor,
  number: string,
  handlingDueAt: Date | null,
  now: Date,
) {
  const before = await petitionByNumber(tx, number);
  await noteHandlingDue(tx, actor, before, handlingDueAt);
  if (before.overdueAt) return before;
  const after = await tx.petition.update({ where: { id: before.id }, data: { overdueAt: now } });
  await audit(tx, actor, {
    action: 'petition.overdue',
    entity: 'petition',
    entityId: before.id,
    unitId: before.handlingUnitId,
    before: { overdueAt: null },
    after: { overdueAt: now, handlingDueAt },
  });
  return after;
}

/** An overdue petition became a ledger item: the petition points to it. */
export async function linkLedgerItem(tx: Tx, actor: Actor, number: string, ledgerItemId: number) {
  const before = await tx.petition.findUnique({ where: { number } });
  if (!before || before.ledgerItemId === ledgerItemId) return;
  await tx.petition.update({ where: { id: before.id }, data: { ledgerItemId } });
  await audit(tx, actor, {
    action: 'petition.ledgerItem',
    entity: 'petition',
    entityId: before.id,
    unitId: before.handlingUnitId,
    before: { ledgerItemId: before.ledgerItemId },
    after: { ledgerItemId },
  });
}
