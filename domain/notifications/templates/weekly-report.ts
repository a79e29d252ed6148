// The consolidated weekly report, forwarded to the district business-environment office with the report
// document (.docx) attached.
import type { MailContent } from '../types';
import { letter, zhDateTime } from './layout';

export interface WeeklyReportForward {
  isoWeek: string; // 2026-W48
  /** 2026年11月23日—11月29日 */
  period: string;
  recipientName: string; // 区营商办
  /** The office's edited summary, a few sentences. */
  summary: string;
  lateUnits: string[];
  document: { filename: string; content: Buffer };
}

export function weeklyReportForward(w: WeeklyReportForward): MailContent {
  return letter({
    template: 'weekly-report.forward',
    subject: `【工作周报】加强企业权益保护工作专班 ${w.isoWeek}（${w.period}）`,
    greeting: `${w.recipientName}：`,
    paragraphs: [
      `现报送加强企业权益保护工作专班${w.period}工作周报（${w.isoWeek}），详见附件。`,
      w.summary,
      w.lateUnits.length ? `本周迟报单位：${w.lateUnits.join('、')}。` : '本周各成员单位均按时报送。',
    ],
    attachments: [
      {
        filename: w.document.filename,
        contentType: 'application/vnd.openxmlformats-officedocument.wordprocessingml.document',
        content: w.document.content,
      },
    ],
  });
}

export interface WeeklyReportReturned {
  recipient: string; // 区法院
  isoWeek: string;
  reason: string;
  dueAt?: Date;
}

/** The unit lead returned the unit's weekly report to its author for changes. */
export function weeklyReportReturned(r: WeeklyReportReturned): MailContent {
  return letter({
    template: 'weekly-report.returned',
    subject: `【周报退回】${r.isoWeek} 工作周报已退回修改`,
    greeting: `${r.recipient}：`,
    paragraphs: [
      `本单位${r.isoWeek}工作周报经负责人审核已退回，请按退回理由修改后重新提交。`,
      `退回理由：${r.reason}`,
    ],
    facts: [
      ['周次', r.isoWeek],
      ['报送截止', r.dueAt && zhDateTime(r.dueAt)],
    ],
  });
}

export interface WeeklyReportMakeup {
  isoWeek: string;
  unitName: string; // 区人民法院
  submittedAt: Date;
  /** When the week's summary went to 区营商办, if it has. */
  forwardedAt: Date | null;
}

/** A unit's report arrived after the cut-off ended the week's wait: the office hears it was added as 补报. */
export function weeklyReportMakeup(m: WeeklyReportMakeup): MailContent {
  return letter({
    template: 'weekly-report.makeup',
    subject: `【周报补报】${m.unitName} ${m.isoWeek} 工作周报已补报`,
    greeting: '专班办公室：',
    paragraphs: [
      `${m.unitName}${m.isoWeek}工作周报在截止后补报，已作为补报加入该周汇总（汇总报告已重新生成）。`,
      m.forwardedAt
        ? `该周汇总已于${zhDateTime(m.forwardedAt)}报送区营商办，报送时该单位记为未报；如需向区营商办补充报送，请下载重新生成的汇总报告。`
        : '该周汇总尚未报送区营商办，审阅时将看到补报内容。',
    ],
    facts: [
      ['周次', m.isoWeek],
      ['补报单位', m.unitName],
      ['补报时间', zhDateTime(m.submittedAt)],
    ],
  });
}

export interface WeeklyReportLateDecision {
  isoWeek: string;
  unitName: string; // 区人民法院
  outcome: 'signed' | 'returned';
  at: Date;
  reason: string | null;
  /** When the week's summary went to 区营商办, if it has. */
  forwardedAt: Date | null;
}

/** The lead of a unit whose report was 待签批 at the cut-off signed it or returned it: the office hears it. */
export function weeklyReportLateDecision(d: WeeklyReportLateDecision): MailContent {
  const signed = d.outcome === 'signed';
  return letter({
    template: 'weekly-report.late-decision',
    subject: signed
      ? `【周报补签批】${d.unitName} ${d.isoWeek} 工作周报负责人已签批`
      : `【周报退回】${d.unitName} ${d.isoWeek} 工作周报截止后被负责人退回`,
    greeting: '专班办公室：',
    paragraphs: [
      `${d.unitName}${d.isoWeek}工作周报截止时已报送、负责人尚未签批，已以“待签批”计入该周汇总。` +
        (signed
          ? `负责人已于${zhDateTime(d.at)}签批，汇总报告已重新生成。`
          : `负责人于${zhDateTime(d.at)}退回修改，汇总中该单位已改为“退回修改中”，修改后重新报送签批。`),
      ...(d.reason ? [`退回理由：${d.reason}`] : []),
      d.forwardedAt
        ? `该周汇总已于${zhDateTime(d.forwardedAt)}报送区营商办，报送时该单位周报为待签批；如需向区营商办补充说明，请下载重新生成的汇总报告。`
        : '该周汇总尚未报送区营商办，审阅时请以重新生成的汇总为准。',
    ],
    facts: [
      ['周次', d.isoWeek],
      ['单位', d.unitName],
      [signed ? '签批时间' : '退回时间', zhDateTime(d.at)],
    ],
  });
}

export interface WeeklyReportSignOffOverdue {
  stage: 'reminder' | 'escalation';
  isoWeek: string;
  unitName: string; // 区人民法院
  submittedAt: Date | null;
  /** When the lead's sign-off runs out (the escalation's time). */
  dueAt: Date;
}

/**
 * A report 待签批 at the cut-off still waits for the unit lead: the lead is reminded, and when the time runs out
 * the office (with the unit's 科级牵头领导) hears the report is still unsigned — it stays 待签批 in the summary.
 */
export function weeklyReportSignOffOverdue(o: WeeklyReportSignOffOverdue): MailContent {
  const reminder = o.stage === 'reminder';
  return letter({
    template: reminder ? 'reminder.weekly-report-sign-off' : 'escalation.weekly-report-sign-off',
    subject: reminder
      ? `【签批提醒】${o.unitName} ${o.isoWeek} 工作周报截止后仍待负责人签批`
      : `【签批逾期】${o.unitName} ${o.isoWeek} 工作周报负责人逾期未签批`,
    greeting: reminder ? `${o.unitName}负责人：` : '专班办公室：',
    paragraphs: reminder
      ? [
          `本单位${o.isoWeek}工作周报截止时已报送、尚未签批，已以“待签批”计入该周汇总。`,
          `请于${zhDateTime(o.dueAt)}前在“我的待办”中签批或退回修改；逾期仍未签批的，将告知专班办公室和本单位科级牵头领导。`,
        ]
      : [
          `${o.unitName}${o.isoWeek}工作周报截止时已报送，负责人至${zhDateTime(o.dueAt)}仍未签批，此前已提醒。`,
          '该周报在汇总中仍为“待签批”，签批或退回后汇总报告将重新生成并另行告知。请督促该单位负责人尽快签批。',
        ],
    facts: [
      ['周次', o.isoWeek],
      ['单位', o.unitName],
      ['报送时间', o.submittedAt ? zhDateTime(o.submittedAt) : undefined],
      ['签批期限', zhDateTime(o.dueAt)],
    ],
  });
}
