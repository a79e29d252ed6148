// Task assignment and reminders: a unit gets a new task in its inbox, or is reminded of one that is due
// (weekly report 15:00 reminder, late report after the 17:00 cut-off, opinions, petition deadlines).
import type { MailContent } from '../types';
import { letter, zhDateTime } from './layout';
import { inboxLink } from './links';

export interface TaskAssignment {
  recipient: string; // 区法院 / 承办人A
  taskName: string; // 填报本周工作周报
  processName: string; // 工作周报
  businessKey: string; // 2026-W48, XT-2026-001, …
  summary?: string;
  dueAt?: Date;
  url?: string;
}

export function taskAssigned(t: TaskAssignment): MailContent {
  return letter({
    template: 'task.assigned',
    subject: `【待办】${t.taskName}（${t.businessKey}）`,
    greeting: `${t.recipient}：`,
    paragraphs: [
      `您有一项新的待办事项“${t.taskName}”，请登录工作专班系统办理。`,
      ...(t.summary ? [t.summary] : []),
    ],
    facts: [
      ['流程', t.processName],
      ['编号', t.businessKey],
      ['办理期限', t.dueAt && zhDateTime(t.dueAt)],
      ['办理入口', t.url ?? inboxLink(t.businessKey)],
    ],
  });
}

export interface Reminder {
  recipient: string;
  taskName: string;
  businessKey: string;
  dueAt: Date;
  /** True after the deadline passed (迟报 / 逾期). */
  overdue: boolean;
  note?: string;
  url?: string;
}

export function reminder(r: Reminder): MailContent {
  const when = zhDateTime(r.dueAt);
  return letter({
    template: r.overdue ? 'reminder.overdue' : 'reminder.due',
    subject: r.overdue
      ? `【逾期提醒】${r.taskName}（${r.businessKey}）已超过办理期限`
      : `【催办提醒】${r.taskName}（${r.businessKey}）将于${when}到期`,
    greeting: `${r.recipient}：`,
    paragraphs: [
      r.overdue
        ? `“${r.taskName}”已于${when}到期，目前仍未办结，已记为逾期。请尽快办理并报送。`
        : `“${r.taskName}”将于${when}到期，目前尚未办结，请抓紧办理。`,
      ...(r.note ? [r.note] : []),
    ],
    facts: [
      ['编号', r.businessKey],
      ['办理期限', when],
      ['办理入口', r.url ?? inboxLink(r.businessKey)],
    ],
  });
}
