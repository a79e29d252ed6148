// The supervision circular's covering letter (定期督导通报), the .docx attached: one to each unit, one to the
// leaders with the office in copy.
import type { MailContent } from '../types';
import { letter } from './layout';

export interface SupervisionCircularMail {
  title: string;
  recipientName: string;
  periodLabel: string;
  totals: { total: number; red: number; yellow: number; blue: number; closed: number; overdue: number };
  /** The recipient unit's own figures, when the letter goes to a unit. */
  own?: { total: number; overdue: number; overdueNumbers: string[] };
  lateOrMissing: string[];
  document: { filename: string; content: Buffer };
  revision: number;
}

export function supervisionCircular(c: SupervisionCircularMail): MailContent {
  const t = c.totals;
  return letter({
    template: 'supervision.circular',
    subject: `【督导通报】${c.title}${c.revision > 1 ? `（第${c.revision}次修订）` : ''}`,
    greeting: `${c.recipientName}：`,
    paragraphs: [
      `现将${c.periodLabel}企业权益保护工作督导情况通报如下，详见附件。`,
      `整改台账在办${t.total}项（红色${t.red}项、黄色${t.yellow}项、蓝色${t.blue}项），本月销号${t.closed}项，逾期未整改${t.overdue}项。`,
      ...(c.own
        ? [
            c.own.overdue
              ? `你单位在办${c.own.total}项，其中逾期未整改${c.own.overdue}项（${c.own.overdueNumbers.join('、')}），请主要领导亲自督办，限期整改到位。`
              : `你单位在办${c.own.total}项，无逾期未整改事项。`,
          ]
        : []),
      c.lateOrMissing.length ? `周报迟报、未报：${c.lateOrMissing.join('、')}。` : '本月周报均按时报送。',
    ],
    attachments: [
      {
        filename: c.document.filename,
        contentType: 'application/vnd.openxmlformats-officedocument.wordprocessingml.document',
        content: c.document.content,
      },
    ],
  });
}
