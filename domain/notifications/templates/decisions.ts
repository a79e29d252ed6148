// Decision letters of the ledger and petition steps: the office's decision on a ledger extension, the result of a
// verification (二次整改 with the new deadline, or 销号), the notice of an accountability talk (约谈), the unit's
// notice that a petition extension was refused, and the public notice (公告) of an open public-reply session.
import type { MailContent } from '../types';
import { letter, zhDate, zhDateTime } from './layout';

export interface LedgerExtensionDecision {
  ledgerNumber: string;
  unitName: string;
  approved: boolean;
  /** Asked for after the deadline: refused without the office. */
  late: boolean;
  reason: string;
  requestedDueAt: Date;
  dueAt: Date;
  note?: string | null;
}

export function ledgerExtensionDecision(d: LedgerExtensionDecision): MailContent {
  const outcome = d.approved ? '同意延期' : '不予延期';
  return letter({
    template: d.approved ? 'ledger.extension-approved' : 'ledger.extension-rejected',
    subject: `【延期申请审批】${d.ledgerNumber} ${outcome}`,
    greeting: `${d.unitName}：`,
    paragraphs: [
      d.approved
        ? `你单位关于台账事项 ${d.ledgerNumber} 的延期申请，经专班办公室审核，同意延期至${zhDate(d.dueAt)}。专班办公室将按新期限重新下发督办通知书，请按期完成整改。`
        : `你单位关于台账事项 ${d.ledgerNumber} 的延期申请，${d.late ? '因在整改期限届满后提出，' : '经专班办公室审核，'}不予延期。请按原期限（${zhDate(d.dueAt)}）抓紧整改。`,
      ...(d.note ? [`审批意见：${d.note}`] : []),
    ],
    facts: [
      ['台账编号', d.ledgerNumber],
      ['延期理由', d.reason],
      ['申请延期至', zhDate(d.requestedDueAt)],
      ['审批结果', outcome],
      ['整改期限', zhDate(d.dueAt)],
    ],
  });
}

export interface LedgerVerificationResult {
  ledgerNumber: string;
  unitName: string;
  problem: string;
  passed: boolean;
  round: number;
  method: string;
  note: string;
  /** Failed: the deadline of the next round. */
  newDueAt?: Date;
  /** Passed: when the item was closed (销号). */
  closedAt?: Date;
}

export function ledgerVerificationResult(v: LedgerVerificationResult): MailContent {
  return letter({
    template: v.passed ? 'ledger.closed' : 'ledger.verification-failed',
    subject: v.passed
      ? `【核验通过·销号】${v.ledgerNumber} ${v.unitName}`
      : `【核验未通过·二次整改】${v.ledgerNumber} 请于${zhDate(v.newDueAt as Date)}前完成整改`,
    greeting: `${v.unitName}：`,
    paragraphs: [
      v.passed
        ? `台账事项 ${v.ledgerNumber} 经专班办公室${v.method}，整改到位，核验通过，已于${zhDateTime(v.closedAt as Date)}销号。`
        : `台账事项 ${v.ledgerNumber} 经专班办公室${v.method}，整改未到位，核验未通过。请你单位于${zhDate(v.newDueAt as Date)}前完成第${v.round + 1}轮整改（二次整改），专班办公室将另行下发督办通知书。`,
      `核验意见：${v.note}`,
    ],
    facts: [
      ['台账编号', v.ledgerNumber],
      ['问题', v.problem],
      ['核验轮次', `第${v.round}轮`],
      ['核验方式', v.method],
      ['核验结果', v.passed ? '通过' : '未通过'],
      ['二次整改期限', v.newDueAt && zhDate(v.newDueAt)],
    ],
  });
}

export interface LedgerLeadReturned {
  ledgerNumber: string;
  unitName: string;
  problem: string;
  reason: string;
}

/** The unit's 主要领导 sent the round back before it reached the office: the staff rectify again. */
export function ledgerLeadReturned(r: LedgerLeadReturned): MailContent {
  return letter({
    template: 'ledger.lead-returned',
    subject: `【主要领导退回】${r.ledgerNumber} 请继续整改`,
    greeting: `${r.unitName}：`,
    paragraphs: [
      `台账事项 ${r.ledgerNumber} 的整改情况经本单位主要领导审核，未予签字，已退回继续整改。请按审核意见整改后重新报送。`,
      `退回理由：${r.reason}`,
    ],
    facts: [
      ['台账编号', r.ledgerNumber],
      ['问题', r.problem],
    ],
  });
}

export interface AccountabilityTalk {
  ledgerNumber: string;
  unitName: string;
  problem: string;
  talkAt: Date;
  note: string;
}

export function accountabilityTalk(t: AccountabilityTalk): MailContent {
  return letter({
    template: 'ledger.accountability-talk',
    subject: `【约谈通知】${t.ledgerNumber} ${t.unitName} ${zhDateTime(t.talkAt)}`,
    greeting: `${t.unitName}：`,
    paragraphs: [
      `台账事项 ${t.ledgerNumber} 经红色督办后仍未整改到位，经专班领导研究，定于${zhDateTime(t.talkAt)}约谈你单位负责人，请准时参加并书面说明整改情况。`,
      t.note,
    ],
    facts: [
      ['台账编号', t.ledgerNumber],
      ['问题', t.problem],
      ['约谈时间', zhDateTime(t.talkAt)],
    ],
  });
}

export interface PetitionExtensionRefused {
  petitionNumber: string;
  subject: string;
  unitName: string;
  dueAt: Date;
  note?: string | null;
}

export function petitionExtensionRefused(r: PetitionExtensionRefused): MailContent {
  return letter({
    template: 'petition.extension-rejected',
    subject: `【延期申请未获批准】${r.petitionNumber} 请于${zhDate(r.dueAt)}前办结`,
    greeting: `${r.unitName}：`,
    paragraphs: [
      `信访事项“${r.subject}”（编号 ${r.petitionNumber}）的延期办理申请未获本单位负责人批准，请于原定期限${zhDate(r.dueAt)}前办结并书面答复信访人。`,
      ...(r.note ? [`审批意见：${r.note}`] : []),
    ],
    facts: [
      ['信访编号', r.petitionNumber],
      ['办理期限', zhDate(r.dueAt)],
    ],
    signature: r.unitName,
  });
}

export interface PublicReplyAnnouncement {
  petitionNumber: string;
  subject: string;
  unitName: string;
  scheduledAt: Date;
  venue: string;
  text: string;
}

export function publicReplyAnnouncement(a: PublicReplyAnnouncement): MailContent {
  return letter({
    template: 'petition.public-notice',
    subject: `【公告】${a.unitName}信访事项公开答复（${zhDateTime(a.scheduledAt)}）`,
    greeting: '公告',
    paragraphs: [
      `${a.unitName}定于${zhDateTime(a.scheduledAt)}在${a.venue}就信访事项“${a.subject}”公开举行答复会，欢迎社会各界旁听监督。`,
      a.text,
      '本公告请于答复会前在本单位门户网站和公告栏发布，涉及个人信息和商业秘密的内容已作处理。',
    ],
    facts: [
      ['信访编号', a.petitionNumber],
      ['时间', zhDateTime(a.scheduledAt)],
      ['地点', a.venue],
    ],
    signature: a.unitName,
  });
}
