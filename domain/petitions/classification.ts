// The receiving unit's decision on a petition (受理分流): accept, not accept (with the reason and the route to
// take), forward (to a member unit, which classifies it again, or to an organ outside the task force), or divert
// it to the legal procedure — each with its written notice (受理告知书 or the procuratorate's 程序性回复, 不予受理告知书,
// 转送告知书). Runs inside the caller's transaction and writes its audit row there.
import { z } from 'zod';
import { audit, type Actor } from '../audit';
import { loadDeadlineRule } from '../calendar/store';
import type { Tx } from '../db/client';
import { invalid } from '../errors';
import { optionalText } from '../input';
import { issueNotice, memberUnit, petitionByNumber, type NoticeKind, type PetitionRecord } from './petitions';

export const classifications = ['accept', 'not_accept', 'forward', 'litigation'] as const;
export type Classification = (typeof classifications)[number];

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

/** The period the notice promises is the rule the deadline is computed from, so an admin's edit shows in both. */
async function handlingPromise(tx: Tx, petitionerKind: string): Promise<string> {
  const enterprise = petitionerKind === 'enterprise';
  const rule = await loadDeadlineRule(tx, enterprise ? 'petition.enterprise.handling' : 'petition.handling');
  const period = `${rule.days}${rule.kind === 'working' ? '个工作日' : '日'}`;
  return enterprise
    ? `本单位将按照涉企投诉优先、快速办理的要求，自受理之日起${period}内办结`
    : `本单位将自受理之日起${period}内办结`;
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
      noticeText = `经审查，您反映的事项符合受理条件，${issuer.name}决定受理（${reason}）。${await handlingPromise(tx, before.petitionerKind)}并书面答复；情况复杂的，经本单位负责人批准可以适当延长办理期限，延长期限不超过30日，并将延期理由告知您。`;
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
