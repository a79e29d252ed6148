// What people submit in the forms of the two models (processes/forms), with invented demo data only
// (DOMAIN.md sample data): the start forms and the answers of each user task, parameterised where a path differs.
import type { Received } from '../../notifications/support/smtp';

export const petitionRegistration = (over: Record<string, unknown> = {}) => ({
  channel: 'line_12368',
  petitionerKind: 'enterprise',
  petitionerName: '联系人甲',
  enterpriseName: '青禾精密机械有限公司',
  contact: '010-00000001',
  subject: '胜诉后货款迟迟未执行到位',
  content: '我公司与某贸易公司买卖合同纠纷胜诉已一年，货款至今未执行到位，请求督促执行。',
  relatedCase: '（2026）某01执123号',
  receivingUnitCode: 'court',
  ...over,
});

export const ledgerOpening = (over: Record<string, unknown> = {}) => ({
  source: 'supervision',
  sourceRef: 'XT-2026-001',
  problem: '北辰冷链物流有限公司厂区出入口被堵，处置不力',
  category: '执法不作为',
  measures: '依法处置堵路行为，恢复企业正常经营并书面反馈',
  leadUnitCode: 'police',
  assistingUnitCodes: ['justice'],
  ...over,
});

export const acknowledgement = {
  noticeAcknowledged: true,
  liaisonName: '联系人乙',
  liaisonPhone: '010-00000002',
};

export const progress = (note = '已约谈堵路人员，正在协调复通') => ({
  progressNote: note,
  evidence: [],
  rectificationAction: 'progress',
});

export const submit = {
  progressNote: '已恢复通行，上传现场照片和处置记录',
  evidence: [],
  rectificationAction: 'submit',
};

export const leadSigned = { leadReviewDecision: 'sign', leadReviewNote: '已审阅，同意报核验' };

export const leadReturned = (reason: string) => ({ leadReviewDecision: 'return', leadReturnReason: reason });

export const passed = {
  verificationMethod: 'on_site',
  verificationResult: 'passed',
  verificationNote: '实地核查，出入口已恢复通行，整改到位',
};

export const failed = (newDueDate: string) => ({
  verificationMethod: 'documents',
  verificationResult: 'failed',
  verificationNote: '佐证材料不足，未见书面处置决定',
  newDueDate,
});

/** The recipients of a received mail (To and Cc, lower case). */
export function recipients(mail: Received): { to: string[]; cc: string[] } {
  const list = (a: Received['mail']['to']) =>
    (Array.isArray(a) ? a : a ? [a] : []).flatMap((x) => x.value.map((v) => (v.address ?? '').toLowerCase()));
  return { to: list(mail.mail.to), cc: list(mail.mail.cc) };
}

export function bySubject(mails: Received[], part: string): Received[] {
  return mails.filter((m) => (m.mail.subject ?? '').includes(part));
}

export const accept = (complexity: 'simple' | 'complex' = 'simple') => ({
  classification: 'accept',
  classificationReason: '属于本单位职责范围，符合受理条件',
  complexity,
});

export const draft = {
  stance: 'support',
  replyContent: '经核查，执行法官已查控被执行人银行账户，执行款将于近期发放。',
  legalBasis: '《中华人民共和国民事诉讼法》第二百五十三条',
  reviewRoute: '如不服本答复意见，可自收到之日起30日内向上一级法院请求复查。',
  publishReply: false,
};

export const approve = { replyDecision: 'approve' };

export type Outcome = 'resolved' | 'partially_resolved' | 'unresolved';

export const followUp = (
  satisfaction: 'satisfied' | 'basically_satisfied' | 'unsatisfied',
  visitedOn: string,
  resolutionOutcome: Outcome = 'resolved',
) => ({
  visitedOn,
  visitMethod: 'phone',
  satisfaction,
  satisfactionComment: satisfaction === 'unsatisfied' ? '对答复意见不满意' : '满意',
  resolutionOutcome,
  ...(resolutionOutcome === 'resolved' ? {} : { resolutionNote: '部分诉求需待执行程序终结后处理' }),
});

/** One party's answer in the petition-consent form's list of parties (当事人). */
export const party = (
  partyName: string,
  partyRole: 'petitioner' | 'opposing_party' | 'third_party',
  partyConsent: 'given' | 'refused',
  partyConsentedOn: string,
  partyMethod = 'written',
) => ({ partyName, partyRole, partyConsent, partyConsentedOn, partyMethod });
