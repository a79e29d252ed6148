// The answer to a disputed case the office declined at screening: the reason, sent back to the handling unit
// (and the units involved) so the case can take another route.
import type { MailContent } from '../types';
import { letter } from './layout';

export interface CaseDeclined {
  recipient: string; // 区法院
  caseNumber: string;
  enterpriseName: string;
  externalCaseNumber?: string;
  disputePoint: string;
  reason: string;
}

export function caseDeclined(c: CaseDeclined): MailContent {
  return letter({
    template: 'case.declined',
    subject: `【不予受理】涉企案件协调申请 ${c.caseNumber}（${c.enterpriseName}）`,
    greeting: `${c.recipient}：`,
    paragraphs: [
      `经专班办公室受理审查，${c.enterpriseName}涉企案件（${c.caseNumber}）不提请召开协调会。`,
      `不予受理理由：${c.reason}`,
      '如情况发生变化，可补充材料后重新提请。',
    ],
    facts: [
      ['案件编号', c.caseNumber],
      ['企业', c.enterpriseName],
      ['案号', c.externalCaseNumber],
      ['争议焦点', c.disputePoint],
    ],
  });
}
