// Rectification-ledger mails: the supervision notice (督办通知书) and the graded reminders (三色督办) — blue
// before the deadline, yellow when it is missed, red as a circular (通报) that also goes to leadership.
import type { MailContent } from '../types';
import { letter, zhDate, zhDateTime } from './layout';
import { inboxLink } from './links';

export interface SupervisionNotice {
  ledgerNumber: string; // ZG-2026-017
  unitName: string;
  problem: string;
  measures?: string;
  dueAt: Date;
  issuedAt: Date;
  noticeText?: string;
  assistingUnits?: string[];
}

export function supervisionNotice(n: SupervisionNotice): MailContent {
  return letter({
    template: 'ledger.supervision-notice',
    subject: `【督办通知书】${n.ledgerNumber} 请于${zhDate(n.dueAt)}前完成整改`,
    greeting: `${n.unitName}：`,
    paragraphs: [
      `经专班办公室研究，现将以下问题交你单位整改，请在系统中签收，并于${zhDate(n.dueAt)}前完成整改、上传佐证材料。确需延期的，请在期限届满前提出申请。`,
      ...(n.noticeText ? [n.noticeText] : []),
    ],
    facts: [
      ['台账编号', n.ledgerNumber],
      ['问题', n.problem],
      ['整改要求', n.measures],
      ['协办单位', n.assistingUnits?.length ? n.assistingUnits.join('、') : undefined],
      ['整改期限', zhDate(n.dueAt)],
      ['发文时间', zhDateTime(n.issuedAt)],
      ['办理入口', inboxLink(n.ledgerNumber)],
    ],
  });
}

export type EscalationColor = 'blue' | 'yellow' | 'red';

export const colorNames: Record<EscalationColor, string> = { blue: '蓝色', yellow: '黄色', red: '红色' };

export interface Escalation {
  color: EscalationColor;
  ledgerNumber: string;
  unitName: string;
  problem: string;
  dueAt: Date;
  round: number;
  /** For red: the circular also names the accountability talk if one is planned. */
  accountabilityTalk?: boolean;
}

const tone: Record<EscalationColor, (e: Escalation) => string> = {
  blue: (e) =>
    `台账事项 ${e.ledgerNumber} 将于${zhDate(e.dueAt)}到期，现予蓝色提醒，请抓紧整改并按期报送佐证材料。`,
  yellow: (e) =>
    `台账事项 ${e.ledgerNumber} 已超过整改期限（${zhDate(e.dueAt)}）仍未完成，现予黄色督办，请立即整改并书面说明逾期原因。`,
  red: (e) =>
    `台账事项 ${e.ledgerNumber} 逾期未整改，经黄色督办后仍未完成，现予红色督办并在专班范围内通报${e.accountabilityTalk ? '，并将约谈单位负责人' : ''}。`,
};

export function escalation(e: Escalation): MailContent {
  const name = colorNames[e.color];
  return letter({
    template: `escalation.${e.color}`,
    subject: `【${name}督办${e.color === 'red' ? '·通报' : ''}】${e.ledgerNumber} ${e.unitName}`,
    greeting: `${e.unitName}${e.color === 'red' ? '及专班领导' : ''}：`,
    paragraphs: [tone[e.color](e)],
    facts: [
      ['台账编号', e.ledgerNumber],
      ['问题', e.problem],
      ['整改期限', zhDate(e.dueAt)],
      ['整改轮次', e.round > 1 ? `第${e.round}轮（二次整改）` : '第1轮'],
      ['督办等级', name],
      ['办理入口', inboxLink(e.ledgerNumber)],
    ],
  });
}

export interface LeadReviewReminder {
  ledgerNumber: string;
  unitName: string;
  problem: string;
  round: number;
  reviewDueAt: Date;
}

/** 主要领导亲自督办: the unit's lead has not yet reviewed and signed the rectification submitted for verification. */
export function leadReviewReminder(r: LeadReviewReminder): MailContent {
  return letter({
    template: 'ledger.lead-review-reminder',
    subject: `【审核提醒】${r.ledgerNumber} ${r.unitName} 整改情况待主要领导审核签字`,
    greeting: `${r.unitName}：`,
    paragraphs: [
      `你单位已报送台账事项 ${r.ledgerNumber} 的整改情况，尚待单位主要领导审核签字，审核期限为${zhDate(r.reviewDueAt)}。请主要领导及时审核：同意的签字报专班办公室核验，不同意的说明理由退回继续整改。`,
    ],
    facts: [
      ['台账编号', r.ledgerNumber],
      ['问题', r.problem],
      ['整改轮次', r.round > 1 ? `第${r.round}轮（二次整改）` : '第1轮'],
      ['审核期限', zhDate(r.reviewDueAt)],
      ['办理入口', inboxLink(r.ledgerNumber)],
    ],
  });
}
